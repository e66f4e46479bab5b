"""Admin listings, filters and search for each collection."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, StatusTagColumn
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from archive.models import (
    Event,
    Family,
    Organisation,
    Person,
    Place,
    ReportedFigure,
    Source,
    TimelineEntry,
)

from . import edit_panels
from .choosers import FamilyChooserViewSet, PersonChooserViewSet, RecordChooserViewSet
from .filters import publication_status_filter
from .history import RecordHistoryView
from .import_people import ImportedFilter
from .merge.buttons import DuplicatesButtonMixin, MergeButtonsMixin
from .messages import (
    ModeratedCreateView,
    ModeratedEditView,
    ModeratedUnpublishView,
    ModeratedWorkflowActionView,
)
from .pagination import CountLimitedPaginator, NameSearchResults
from .restricted import hiding_restricted
from .translations.buttons import with_locales_left
from .usage import VisibleUsageView


class ArchiveSnippetViewSet(SnippetViewSet):
    """What every collection's viewset shares: a usage page without restricted people, a
    history page with every action taken on the record."""

    usage_view_class = VisibleUsageView
    history_view_class = RecordHistoryView

    def get_queryset(self, request):
        # What the listing's "Translate" buttons ask, answered for the page in its query.
        return with_locales_left(self.model._default_manager.all())


class ModeratedViews:
    """The views of a collection with drafts and workflow, with messages that say what happened."""

    add_view_class = ModeratedCreateView
    edit_view_class = ModeratedEditView
    unpublish_view_class = ModeratedUnpublishView
    workflow_action_view_class = ModeratedWorkflowActionView


def status_column():
    # Wagtail's LiveStatusTagColumn looks up scheduled revisions row by row; this one does not.
    return StatusTagColumn(
        "publication_status", label=_("Status"), sort_key="live", primary=lambda obj: obj.live
    )


class PersonFilterSet(WagtailFilterSet):
    # Not distinct (django-filter's default for multiple choices): the filter joins nothing, and
    # SELECT DISTINCT sorted all 47,000 killed people of 100,000 to show 50 (2.5 s; 0.2 s without).
    fate = django_filters.MultipleChoiceFilter(
        choices=Person.Fate.choices, distinct=False, label=_("Fate")
    )
    # Set by imports; editors filter on it to check each pair and then clear the flag.
    possible_duplicate = django_filters.BooleanFilter(
        field_name="possible_duplicate_of",
        lookup_expr="isnull",
        exclude=True,
        label=_("Possible duplicate"),
    )
    # The records one import wrote; the import's result links here (import_people.py).
    imported = ImportedFilter(label=_("From the import"), widget=forms.HiddenInput)
    live = publication_status_filter()

    class Meta:
        model = Person
        fields = ["fate", "sex", "residence", "event", "verification", "visibility", "is_synthetic"]


class PersonIndexView(DuplicatesButtonMixin, IndexView):
    """People counted no further than the pages offered, and searched by folded names a page
    at a time (:mod:`.pagination`)."""

    is_searchable = True
    paginator_class = CountLimitedPaginator

    def search_queryset(self, queryset):
        # Name keys fold spellings and scripts, and a LIKE on one indexed column stays fast at
        # 100,000 rows where the generic full-text backend does not.
        if not self.is_searching:
            return queryset
        self.unsearched = queryset
        return queryset.search_names(self.search_query)

    def get_paginator(self, queryset, *args, **kwargs):
        if self.is_searching:  # the same rows in the same order, without ranking them all
            queryset = NameSearchResults(self.unsearched, self.search_query)
        return super().get_paginator(queryset, *args, **kwargs)


class PersonSnippetViewSet(ModeratedViews, ArchiveSnippetViewSet):
    model = Person
    edit_handler = edit_panels.PERSON
    icon = "user"
    menu_label = _("People")
    index_view_class = PersonIndexView
    index_results_template_name = "archive/admin/person_index_results.html"
    filterset_class = PersonFilterSet
    list_display = [
        "display_name",
        "fate",
        "date_of_fate",
        "verification",
        "visibility",
        BooleanColumn("is_synthetic", label=_("Synthetic")),
        status_column(),
    ]
    list_export = ["family_name", "given_name", "patronymic", "fate", "verification", "visibility"]
    list_per_page = 50
    copy_view_enabled = False

    chooser_viewset_class = PersonChooserViewSet
    edit_view_class = type("PersonEditView", (MergeButtonsMixin, ModeratedEditView), {})

    def get_queryset(self, request):
        people = Person.objects.select_related("fate_place", "latest_revision", "locale")
        return people.visible_to(request.user)

    def get_urlpatterns(self):
        return [hiding_restricted(pattern) for pattern in super().get_urlpatterns()]


class FamilySnippetViewSet(ArchiveSnippetViewSet):
    model = Family
    edit_handler = edit_panels.FAMILY
    icon = "group"
    list_display = ["name", "whole_family_killed"]
    list_filter = ["whole_family_killed"]
    search_fields = ["name"]
    search_backend_name = None
    chooser_viewset_class = FamilyChooserViewSet


class TimelineFilterSet(WagtailFilterSet):
    live = publication_status_filter()

    class Meta:
        model = TimelineEntry
        fields = ["category", "event"]


class TimelineSnippetViewSet(ModeratedViews, ArchiveSnippetViewSet):
    model = TimelineEntry
    edit_handler = edit_panels.TIMELINE_ENTRY
    icon = "date"
    list_display = ["title", "when", "category", status_column()]
    filterset_class = TimelineFilterSet
    chooser_viewset_class = RecordChooserViewSet


class FigureSnippetViewSet(ArchiveSnippetViewSet):
    model = ReportedFigure
    edit_handler = edit_panels.FIGURE
    icon = "order"
    list_display = ["label", "qualified_value", "attributed_to", "documented_count", "source"]
    list_filter = ["event", "counts"]
    chooser_viewset_class = RecordChooserViewSet


class EventSnippetViewSet(ArchiveSnippetViewSet):
    model = Event
    edit_handler = edit_panels.EVENT
    icon = "calendar"
    list_display = ["name", "start_date", "place"]
    chooser_viewset_class = RecordChooserViewSet


class PlaceSnippetViewSet(ArchiveSnippetViewSet):
    model = Place
    edit_handler = edit_panels.PLACE
    icon = "site"
    list_display = ["name", "parent"]
    search_fields = ["name", "alternative_names"]
    search_backend_name = None
    chooser_viewset_class = RecordChooserViewSet


class SourceSnippetViewSet(ArchiveSnippetViewSet):
    model = Source
    edit_handler = edit_panels.SOURCE
    icon = "doc-full"
    list_display = ["title", "kind", "publisher", "published_date"]
    list_filter = ["kind"]
    chooser_viewset_class = RecordChooserViewSet


class OrganisationSnippetViewSet(ArchiveSnippetViewSet):
    model = Organisation
    edit_handler = edit_panels.ORGANISATION
    icon = "globe"
    list_display = ["name", "country", "kind"]
    list_filter = ["kind", "country"]
    chooser_viewset_class = RecordChooserViewSet
