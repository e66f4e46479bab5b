"""The editors' admin: one viewset per collection, grouped under one menu."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .admin.dashboard import AwaitingModerationPanel, FiguresPanel
from .admin.import_people import PeopleImportViewSet
from .admin.translate_button import replace_simple_translation_button
from .admin.viewsets import (
    EventViewSet,
    FamilyViewSet,
    FigureViewSet,
    OrganisationViewSet,
    PersonViewSet,
    PlaceViewSet,
    SourceViewSet,
    TimelineViewSet,
)


class ArchiveGroup(SnippetViewSetGroup):
    menu_label = "Archive"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        PersonViewSet,
        FamilyViewSet,
        TimelineViewSet,
        FigureViewSet,
        EventViewSet,
        PlaceViewSet,
        SourceViewSet,
        OrganisationViewSet,
        PeopleImportViewSet,
    )


register_snippet(ArchiveGroup)
replace_simple_translation_button()


@hooks.register("construct_homepage_panels")
def add_archive_panels(request, panels):
    panels.insert(0, AwaitingModerationPanel())
    panels.insert(1, FiguresPanel())
