"""The editors' admin: one viewset per collection, grouped under one menu."""

import django_filters
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.active_filters import register_filter_adapter_class
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .admin.bulk.actions import BULK_ACTIONS
from .admin.bulk.moderation import RESTRICT_ACTION
from .admin.dashboard import WAGTAIL_WORKFLOW_PANELS, AwaitingModerationPanel, FiguresPanel
from .admin.filters import BooleanFilterAdapter
from .admin.import_people import ImportedFilter, ImportedFilterAdapter, PeopleImportViewSet
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
    menu_label = _("Archive")
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
    panels[:] = [panel for panel in panels if panel.name not in WAGTAIL_WORKFLOW_PANELS]
    panels.insert(0, AwaitingModerationPanel())
    panels.insert(1, FiguresPanel())


@hooks.register("insert_global_admin_css")
def archive_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("archive/admin/admin.css"))


register_filter_adapter_class(ImportedFilter, ImportedFilterAdapter)
register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)

# After Wagtail's own (order 0), so that the page actions "publish" and "unpublish" replace
# Wagtail's with those that go through the workflow.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("register_log_actions")
def register_archive_log_actions(actions):
    actions.register_action(RESTRICT_ACTION, _("Restrict"), _("Restricted to staff"))
