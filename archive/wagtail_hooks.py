"""The editors' admin: one viewset per collection, grouped under one menu."""

import django_filters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.active_filters import register_filter_adapter_class
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup
from wagtail_localize import wagtail_hooks as localize

from archive.views.media import withhold_document

from .admin.bulk.actions import BULK_ACTIONS
from .admin.bulk.moderation import RESTRICT_ACTION
from .admin.contributions import menu as contributions_menu
from .admin.contributions import urls as contributions_urls
from .admin.dashboard import WAGTAIL_WORKFLOW_PANELS, AwaitingModerationPanel, FiguresPanel
from .admin.filters import BooleanFilterAdapter
from .admin.holds.dashboard import HoldsPanel
from .admin.holds.viewsets import HoldSnippetViewSet
from .admin.hook_registry import replace_hook
from .admin.import_people import ImportedFilter, ImportedFilterAdapter, PeopleImportViewSet
from .admin.media_library import register_admin_api_endpoints
from .admin.merge import buttons as merge_buttons
from .admin.merge import urls as merge_urls
from .admin.translations import urls as translations_urls
from .admin.translations.buttons import translate_button
from .admin.translations.guard import guarded_localize_urls
from .admin.translations.moderation import submit_translation
from .admin.viewsets import (
    EventSnippetViewSet,
    FamilySnippetViewSet,
    FigureSnippetViewSet,
    OrganisationSnippetViewSet,
    PersonSnippetViewSet,
    PlaceSnippetViewSet,
    SourceSnippetViewSet,
    TimelineSnippetViewSet,
)
from .merging import MERGE_ACTION


class ArchiveGroup(SnippetViewSetGroup):
    menu_label = _("Archive")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        PersonSnippetViewSet,
        FamilySnippetViewSet,
        TimelineSnippetViewSet,
        FigureSnippetViewSet,
        EventSnippetViewSet,
        PlaceSnippetViewSet,
        SourceSnippetViewSet,
        OrganisationSnippetViewSet,
        PeopleImportViewSet,
        HoldSnippetViewSet,
    )


register_snippet(ArchiveGroup)

# wagtail-localize, within the translation workflow's scope (archive/admin/translations/).
replace_hook(
    "register_snippet_listing_buttons", localize.register_snippet_listing_buttons, translate_button
)
replace_hook("register_admin_urls", localize.register_admin_urls, guarded_localize_urls)
# Its report lists translations already made; the archive's lists what is missing as well.
replace_hook("register_reports_menu_item", localize.register_wagtail_localize2_report_menu_item)
# Before wagtail-localize's hooks, which answer every request to a translation's edit view.
hooks.register("before_edit_snippet", submit_translation, order=-1)
hooks.register("before_edit_page", submit_translation, order=-1)


@hooks.register("register_admin_urls")
def register_translations_report():
    return translations_urls.urlpatterns


@hooks.register("register_reports_menu_item")
def translations_report_menu_item():
    return MenuItem(
        _("Translations"),
        reverse("archive_translations"),
        icon_name="wagtail-localize-language",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_archive_panels(request, panels):
    panels[:] = [panel for panel in panels if panel.name not in WAGTAIL_WORKFLOW_PANELS]
    panels.insert(0, AwaitingModerationPanel())
    panels.insert(1, HoldsPanel())
    panels.insert(2, FiguresPanel())


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
    actions.register_action(MERGE_ACTION)(merge_buttons.MergeFormatter)


# Visitors' contributions, for moderators (archive/admin/contributions/).
# A record's document that no public record shows is staff's only (archive/views/media.py).
hooks.register("before_serve_document", withhold_document)
# The admin's API lists no restricted record's file to those who may not see it
# (archive/admin/media_library.py); after Wagtail's images and documents apps register theirs.
hooks.register("construct_admin_api", register_admin_api_endpoints, order=1)
hooks.register("register_admin_urls", lambda: contributions_urls.urlpatterns)
hooks.register("register_admin_menu_item", contributions_menu.menu_item)
hooks.register("construct_homepage_panels", contributions_menu.add_panel)


# Merging duplicate records of people, for moderators (archive/admin/merge/).
hooks.register("register_admin_urls", lambda: merge_urls.urlpatterns)
hooks.register("register_snippet_listing_buttons", merge_buttons.listing_buttons)
