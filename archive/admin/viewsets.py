"""Admin listings, filters and search for each collection."""

import functools

import django_filters
from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, StatusTagColumn
from wagtail.snippets.views import chooser
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


def status_column():
    # Wagtail's LiveStatusTagColumn looks up scheduled revisions row by row; this one does not.
    return StatusTagColumn(
        "publication_status", label=_("Status"), sort_key="live", primary=lambda obj: obj.live
    )


class PersonFilterSet(WagtailFilterSet):
    fate = django_filters.MultipleChoiceFilter(choices=Person.Fate.choices, label=_("Fate"))
    # Set by imports; editors filter on it to check each pair and then clear the flag.
    possible_duplicate = django_filters.BooleanFilter(
        field_name="possible_duplicate_of",
        lookup_expr="isnull",
        exclude=True,
        label=_("Possible duplicate"),
    )

    class Meta:
        model = Person
        fields = [
            "fate",
            "sex",
            "residence",
            "event",
            "verification",
            "visibility",
            "is_synthetic",
            "live",
        ]


class PersonIndexView(IndexView):
    is_searchable = True

    def search_queryset(self, queryset):
        # Name keys fold spellings and scripts, and a LIKE on one indexed column stays fast at
        # 100,000 rows where the generic full-text backend does not.
        if not self.is_searching:
            return queryset
        return queryset.search_names(self.search_query)


def visible_people(user, people=None):
    """The records a member of staff may see: restricted ones only with the permission."""
    people = Person.objects.all() if people is None else people
    if user.has_perm("archive.view_restricted_person"):
        return people
    return people.filter(visibility=Person.Visibility.PUBLIC)


def hiding_restricted(pattern: URLPattern) -> URLPattern:
    """``pattern``, answering 404 for a restricted record to staff who may not see it, if the
    view is about one record (edit, history, usage, preview, revisions, workflow, lock ...)."""
    if "pk" not in pattern.pattern.regex.groupindex:
        return pattern
    view = pattern.callback

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not visible_people(request.user).filter(pk=kwargs["pk"]).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return URLPattern(pattern.pattern, guarded, pattern.default_args, pattern.name)


class VisiblePeopleMixin:
    def get_object_list(self):
        return visible_people(self.request.user, super().get_object_list())


class PersonChooserViewSet(chooser.SnippetChooserViewSet):
    """The person chooser (family members, a timeline entry's people) without restricted
    records for staff who may not see them."""

    class ChooseView(VisiblePeopleMixin, chooser.ChooseView):
        pass

    class ChooseResultsView(VisiblePeopleMixin, chooser.ChooseResultsView):
        pass

    class ChosenView(chooser.SnippetChosenView):
        def get_object(self, pk):
            return visible_people(self.request.user).get(pk=pk)

    class ChosenMultipleView(chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return visible_people(self.request.user).filter(pk__in=pks)

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    index_view_class = PersonIndexView
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

    def get_queryset(self, request):
        people = Person.objects.select_related("fate_place", "latest_revision", "locale")
        return visible_people(request.user, people)

    def get_urlpatterns(self):
        return [hiding_restricted(pattern) for pattern in super().get_urlpatterns()]


class FamilyViewSet(SnippetViewSet):
    model = Family
    icon = "group"
    list_display = ["name", "whole_family_killed"]
    list_filter = ["whole_family_killed"]
    search_fields = ["name"]
    search_backend_name = None


class TimelineViewSet(SnippetViewSet):
    model = TimelineEntry
    icon = "date"
    list_display = ["title", "when", "category", status_column()]
    list_filter = ["category", "event", "live"]


class FigureViewSet(SnippetViewSet):
    model = ReportedFigure
    icon = "order"
    list_display = ["label", "qualified_value", "attributed_to", "documented_count", "source"]
    list_filter = ["event", "counts"]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "calendar"
    list_display = ["name", "start_date", "place"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "parent"]
    search_fields = ["name", "alternative_names"]
    search_backend_name = None


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-full"
    list_display = ["title", "kind", "publisher", "published_date"]
    list_filter = ["kind"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "globe"
    list_display = ["name", "country", "kind"]
    list_filter = ["kind", "country"]
