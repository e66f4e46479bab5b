from .changes import LoggedChange, MergedRecord, PublicRecord, SyncState
from .dates import PartialDate, Precision
from .events import Event
from .fate_events import FateEvent
from .figures import ReportedFigure, documented_counts, figure_rows
from .pages import ContentPage, HomePage, StatementIndexPage, StatementPage
from .people import Family, FamilyMembership, Person, Testimony
from .places import Place
from .sources import Organisation, Source
from .timeline import TimelineEntry

__all__ = [
    "ContentPage",
    "Event",
    "Family",
    "FamilyMembership",
    "FateEvent",
    "HomePage",
    "LoggedChange",
    "MergedRecord",
    "Organisation",
    "PartialDate",
    "Person",
    "Place",
    "Precision",
    "PublicRecord",
    "ReportedFigure",
    "Source",
    "StatementIndexPage",
    "StatementPage",
    "SyncState",
    "Testimony",
    "TimelineEntry",
    "documented_counts",
    "figure_rows",
]
