"""The chooser modals that link records to one another in the editors' forms.

Wagtail's snippet choosers search its search index, which bulk imports do not fill, and fail
when a locale is chosen too (``locale_id`` is no ``FilterField`` of these models). Ours search
the database: people by their folded names (any spelling or script, see
:mod:`archive.name_search`), the smaller collections by a substring of the fields they declare
for search. Malformed ids answer 404, and staff never see a person they may not see.
"""

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, Prefetch, Q, TextField
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, LocaleFilterMixin
from wagtail.admin.ui.tables import Column, LocaleColumn, StatusTagColumn
from wagtail.models import DraftStateMixin, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.views import chooser

from archive.models import FamilyMembership, Person

from .pagination import CountLimitedPaginator, NameSearchResults
from .widgets import PersonChooser, as_pk, is_hidden_from, record_label


class ChooserSearchForm(forms.Form):
    """The chooser's search box; ``search`` is the view's way of finding records."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def __init__(self, *args, search, **kwargs):
        super().__init__(*args, **kwargs)
        self.search = search

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = self.search(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


def text_search_fields(model) -> list[str]:
    """The text columns the model declares for search."""
    names = []
    for field in model.get_search_fields():
        if not isinstance(field, index.SearchField):
            continue
        db_field = model._meta.get_field(field.field_name)
        if isinstance(db_field, (CharField, TextField)):
            names.append(field.field_name)
    return names


def parse_pk(model, value):
    try:
        return as_pk(model, value)
    except ValidationError as error:
        raise Http404 from error


class RecordChooseMixin:
    """What the choose view and its results view share: the records, the search, the columns."""

    def get_queryset(self):
        records = self.model_class._default_manager.all()
        if issubclass(self.model_class, TranslatableMixin):
            records = records.select_related("locale")
        return records

    def get_object_list(self):
        return self.get_queryset()

    def search(self, records, query):
        terms = Q()
        for name in text_search_fields(self.model_class):
            terms |= Q(**{f"{name}__icontains": query})
        return records.filter(terms)

    def get_filter_form_class(self):
        bases = [ChooserSearchForm, BaseFilterForm]
        if self.i18n_enabled:
            bases.insert(0, LocaleFilterMixin)
        return type("FilterForm", tuple(bases), {})

    def get_filter_form(self):
        return self.get_filter_form_class()(self.request.GET, search=self.search)

    @property
    def columns(self):
        columns = [self.title_column, *self.detail_columns()]
        if self.i18n_enabled:
            columns.append(LocaleColumn(sort_key=None))
        if issubclass(self.model_class, DraftStateMixin):
            # Wagtail's LiveStatusTagColumn looks up scheduled revisions row by row.
            columns.append(
                StatusTagColumn(
                    "publication_status", label=_("Status"), primary=lambda obj: obj.live
                )
            )
        return columns

    def detail_columns(self) -> list[Column]:
        return []


class RecordChosenMixin:
    def get_queryset(self):
        return self.model_class._default_manager.all()

    def get_object(self, pk):
        return self.get_queryset().get(pk=parse_pk(self.model_class, pk))

    def get_objects(self, pks):
        return self.get_queryset().filter(pk__in=[parse_pk(self.model_class, pk) for pk in pks])

    def get_display_title(self, instance):
        return record_label(instance, self.request.user)


class RecordChooserViewSet(chooser.SnippetChooserViewSet):
    """The chooser of every archive snippet: searchable in the database, with a locale."""

    class ChooseView(RecordChooseMixin, chooser.ChooseView):
        pass

    class ChooseResultsView(RecordChooseMixin, chooser.ChooseResultsView):
        pass

    class ChosenView(RecordChosenMixin, chooser.SnippetChosenView):
        pass

    class ChosenMultipleView(RecordChosenMixin, chooser.SnippetChosenMultipleView):
        pass

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


def family_names(person) -> str:
    return ", ".join(membership.family.name for membership in person.memberships.all())


def flags(person) -> str:
    """What sets a record apart besides its publication status."""
    marks = []
    if person.is_restricted:
        marks.append(str(_("restricted")))
    if person.is_synthetic:
        marks.append(str(_("synthetic")))
    return ", ".join(marks)


def place_name(person) -> str:
    # The name alone: a place's full title names its parents, one query each.
    place = person.fate_place or person.residence
    return place.name if place else ""


def fate(person) -> str:
    return " ".join(str(part) for part in (person.get_fate_display(), person.date_of_fate) if part)


class PersonChooseMixin(RecordChooseMixin):
    """The person chooser shows what tells namesakes apart: dates at their precision, place,
    fate, family, id and status. It counts no further than the pages it offers
    (:mod:`.pagination`)."""

    paginator_class = CountLimitedPaginator
    results_template_name = "archive/admin/person_chooser_results.html"

    def get_queryset(self):
        people = (
            Person.objects.select_related("locale", "fate_place", "residence")
            # Prefetched for one page of rows: two queries whatever its length.
            .prefetch_related("memberships__family")
        )
        return people.visible_to(self.request.user)

    def search(self, people, query):
        # Searched last (the locale is chosen first), so the search may hand the paginator
        # its own sequence: the same rows, without ranking every match.
        return NameSearchResults(people, query)

    @property
    def title_column(self):
        column = super().title_column
        column.label = _("Name")
        return column

    def detail_columns(self):
        return [
            Column("born", label=_("Born"), accessor=lambda p: p.birth_date or ""),
            Column("fate", label=_("Fate"), accessor=fate),
            Column("place", label=_("Place"), accessor=place_name),
            Column("family", label=_("Family"), accessor=family_names),
            Column("id", label=_("ID"), accessor="pk"),
            Column("flags", label=_("Marked"), accessor=flags),
        ]


class PersonChosenMixin(RecordChosenMixin):
    def get_queryset(self):
        return Person.objects.visible_to(self.request.user)


class PersonChooserViewSet(RecordChooserViewSet):
    """The person chooser (family members, a timeline entry's people) without restricted
    records for staff who may not see them."""

    class ChooseView(PersonChooseMixin, chooser.ChooseView):
        pass

    class ChooseResultsView(PersonChooseMixin, chooser.ChooseResultsView):
        pass

    class ChosenView(PersonChosenMixin, chooser.SnippetChosenView):
        pass

    class ChosenMultipleView(PersonChosenMixin, chooser.SnippetChosenMultipleView):
        pass

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    base_widget_class = PersonChooser


# Member names a family chooser row shows; the count says how many more there are.
NAMED_MEMBERS = 3


class FamilyChooseMixin(RecordChooseMixin):
    """The family chooser shows what tells families of one name apart (there are many
    "Mammadov" families): how many members, the first few by name, and where they lived or
    were killed. Only members the user may see count: for an editor, a restricted member is
    neither named nor counted."""

    def get_queryset(self):
        # One query for the members of a page of families, with their places, whatever its
        # length; who may be seen is decided per member as the forms decide it.
        members = FamilyMembership.objects.select_related(
            "person__fate_place", "person__residence"
        ).order_by("sort_order", "pk")
        return super().get_queryset().prefetch_related(Prefetch("memberships", members))

    def members(self, family) -> list:
        user = self.request.user
        return [m.person for m in family.memberships.all() if not is_hidden_from(m.person, user)]

    def member_names(self, family) -> str:
        members = self.members(family)
        names = ", ".join(str(person) for person in members[:NAMED_MEMBERS])
        return names + (" …" if len(members) > NAMED_MEMBERS else "")

    def family_place(self, family) -> str:
        """The place most of its members are recorded at."""
        places = Counter(filter(None, (place_name(person) for person in self.members(family))))
        return places.most_common(1)[0][0] if places else ""

    def detail_columns(self):
        return [
            Column("members", label=_("Members"), accessor=lambda f: len(self.members(f))),
            Column("names", label=_("Names"), accessor=self.member_names),
            Column("place", label=_("Place"), accessor=self.family_place),
        ]


class FamilyChooserViewSet(RecordChooserViewSet):
    class ChooseView(FamilyChooseMixin, chooser.ChooseView):
        pass

    class ChooseResultsView(FamilyChooseMixin, chooser.ChooseResultsView):
        pass

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
