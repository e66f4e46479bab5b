from .dates import PartialDate, Precision
from .events import Event
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
    "HomePage",
    "Organisation",
    "PartialDate",
    "Person",
    "Place",
    "Precision",
    "ReportedFigure",
    "Source",
    "StatementIndexPage",
    "StatementPage",
    "Testimony",
    "TimelineEntry",
    "documented_counts",
    "figure_rows",
]
