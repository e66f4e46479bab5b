from .changes import LoggedChange, MergedRecord, PublicRecord, SyncState
from .contributions import Contribution
from .dates import PartialDate, Precision
from .events import Event
from .fate_events import FateEvent
from .figures import ReportedFigure, documented_counts, figure_rows
from .holds import Hold
from .media import FamilyMedia, PersonMedia, StatementMedia, TimelineEntryMedia
from .merges import PersonMerge
from .pages import ContentPage, HomePage, StatementIndexPage, StatementPage
from .people import Family, FamilyMembership, Person, Testimony
from .places import Place
from .record_history import PublishedChange, RevisionReason
from .sources import Organisation, Source
from .timeline import TimelineEntry

__all__ = [
    "ContentPage",
    "Contribution",
    "Event",
    "Family",
    "FamilyMedia",
    "FamilyMembership",
    "FateEvent",
    "Hold",
    "HomePage",
    "LoggedChange",
    "MergedRecord",
    "Organisation",
    "PartialDate",
    "Person",
    "PersonMedia",
    "PersonMerge",
    "Place",
    "Precision",
    "PublicRecord",
    "PublishedChange",
    "ReportedFigure",
    "RevisionReason",
    "Source",
    "StatementIndexPage",
    "StatementMedia",
    "StatementPage",
    "SyncState",
    "Testimony",
    "TimelineEntry",
    "TimelineEntryMedia",
    "documented_counts",
    "figure_rows",
]
