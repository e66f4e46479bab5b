"""People: the index with its name search, filters and A–Z, the memorial page, the family page."""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive.models import Family, FamilyMembership, Person, Place, Source, Testimony
from archive.models.figures import CHILD_UNDER, ELDERLY_FROM

from . import structured_data
from .places import with_places
from .prepared import PreparedQuery

PEOPLE_PER_PAGE = 50

AGE_GROUPS = {
    "child": Q(age__lt=CHILD_UNDER),
    "adult": Q(age__gte=CHILD_UNDER, age__lt=ELDERLY_FROM),
    "elderly": Q(age__gte=ELDERLY_FROM),
}


class PeopleFilter(forms.Form):
    """The index's search box and filters; every choice offered is one that exists publicly."""

    FILTERS = ("fate", "sex", "age", "place", "family")  # folded away until one is used

    q = forms.CharField(label=_("Name"), required=False, max_length=200, widget=forms.SearchInput)
    fate = forms.ChoiceField(
        label=_("Fate"), required=False, choices=[("", _("Any fate")), *Person.Fate.choices]
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("Any")), *Person.Sex.choices]
    )
    age = forms.ChoiceField(label=_("Age at the time"), required=False)
    place = forms.ModelChoiceField(
        label=_("Place"), required=False, queryset=Place.objects.none(), empty_label=_("Any place")
    )
    family = forms.ModelChoiceField(
        label=_("Family"),
        required=False,
        queryset=Family.objects.none(),
        empty_label=_("Any family"),
    )
    letter = forms.CharField(required=False, max_length=1, widget=forms.HiddenInput)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age"].choices = [
            ("", gettext("Any age")),
            ("child", gettext("Child (under %(age)d)") % {"age": CHILD_UNDER}),
            ("adult", gettext("Adult")),
            ("elderly", gettext("Elderly (%(age)d or older)") % {"age": ELDERLY_FROM}),
        ]
        self.fields["place"].queryset = Place.objects.filter(
            Q(pk__in=people.values("fate_place")) | Q(pk__in=people.values("residence"))
        ).select_related("parent")
        self.fields["family"].queryset = Family.objects.public()

    def filter(self, people):
        data = self.cleaned_data
        if data["q"]:
            people = people.search_names(data["q"])
        if data["fate"]:
            people = people.filter(fate=data["fate"])
        if data["sex"]:
            people = people.filter(sex=data["sex"])
        if data["age"]:
            people = people.filter(AGE_GROUPS[data["age"]])
        if data["place"]:
            people = people.filter(Q(fate_place=data["place"]) | Q(residence=data["place"]))
        if data["family"]:
            people = people.filter(memberships__family=data["family"])
        if data["letter"]:
            people = people.filter(starting_with(data["letter"]))
        return people

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    @property
    def has_filters(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.FILTERS)

    @property
    def filter_fields(self):
        return [self[name] for name in self.FILTERS]


def initial(name: str) -> str:
    """The capital letter a name is listed under, keeping Azerbaijani letters (Ə, Ş, İ ...)
    apart as the Azerbaijani alphabet does; dotted and dotless i follow Azerbaijani casing."""
    first = name[:1]
    return {"i": "İ", "ı": "I"}.get(first, first.upper())


def starting_with(letter: str) -> Q:
    lower = {"İ": "i", "I": "ı"}.get(letter, letter.lower())
    return Q(family_name__startswith=letter) | Q(family_name__startswith=lower)


def _alphabetical(letter: str) -> tuple[str, str]:
    # Sort each letter after its base letter: C, Ç, ... E, Ə, ... I, İ.
    base = unicodedata.normalize("NFKD", letter)[:1]
    return ("E" if letter == "Ə" else base, letter)


def alphabet(people) -> list[str]:
    """The letters public family names start with, in one query of distinct first characters."""
    firsts = (
        people.order_by()
        .annotate(first=Substr("family_name", 1, 1))
        .values_list("first", flat=True)
    )
    letters = {initial(first) for first in firsts.distinct() if first and first.isalpha()}
    return sorted(letters, key=_alphabetical)


def person_list(request):
    people = Person.objects.public().localized()
    form = PeopleFilter(request.GET or None, people=people)
    status = 200
    if not form.is_bound:
        listed = people
    elif form.is_valid():
        listed = form.filter(people)
    else:
        listed, status = people.none(), 400
    page = Paginator(listed.for_listing(), PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    title = gettext("People")
    context = {
        "title": title,
        "description": gettext("Remembrance records of the people the archive remembers."),
        "form": form,
        "page_obj": page,
        "letters": alphabet(people),
        "current_letter": form.cleaned_data.get("letter") if form.is_bound else "",
        "structured_data": structured_data.collection(
            request,
            title,
            [(p.display_name, p.get_absolute_url()) for p in page],
            page.paginator.count,
        ),
    }
    return render(request, "archive/people/person_list.html", context, status=status)


_person = PreparedQuery(lambda pk: Person.objects.public().filter(pk=pk))
_sources = PreparedQuery(lambda pk: Source.objects.filter(person=pk))
_testimonies = PreparedQuery(lambda pk: Testimony.objects.filter(person=pk))
_testimony_sources = PreparedQuery(
    lambda pk: Source.objects.filter(pk__in=Testimony.objects.filter(person=pk).values("source"))
)
_memberships = PreparedQuery(lambda pk: FamilyMembership.objects.filter(person=pk))
_families = PreparedQuery(lambda pk: Family.objects.filter(memberships__person=pk))


def person_detail(request, pk: int):
    """A memorial page. Drafts and restricted records are answered exactly like missing ones.

    Every query here is prepared (see :mod:`.prepared`), and places come from the directory
    (:mod:`.places`): this is the page most visited."""
    found = _person(pk)
    if not found:
        raise Http404
    person = found[0]
    with_places(request, person)
    testimonies = _testimonies(pk)
    if any(testimony.source_id for testimony in testimonies):
        _attach(testimonies, "source", _testimony_sources(pk))
    memberships = _memberships(pk)
    if memberships:
        _attach(memberships, "family", _families(pk))
    prefetched(person, sources=_sources(pk), testimonies=testimonies, memberships=memberships)
    context = {
        "person": person,
        "title": person.display_name,
        "description": person_description(person),
        "structured_data": structured_data.person(request, person),
    }
    return render(request, "archive/people/person_detail.html", context)


def _attach(rows: list, field_name: str, related: list) -> None:
    """Set each row's ``field_name`` to its object among ``related``, as select_related would."""
    by_pk = {obj.pk: obj for obj in related}
    field = rows[0]._meta.get_field(field_name)
    for row in rows:
        field.set_cached_value(row, by_pk.get(getattr(row, field.attname)))


def prefetched(instance, **relations: list) -> None:
    """Hand each list of rows to ``instance.<name>.all()`` as ``prefetch_related`` does (the same
    three lines as Django's ``prefetch_one_level``), for rows loaded by other means."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, rows in relations.items():
        queryset = getattr(instance, name).get_queryset()
        queryset._result_cache = rows
        queryset._prefetch_done = True
        cache[name] = queryset


def person_description(person: Person) -> str:
    """One sentence for search results and link previews."""
    parts = [person.display_name, person.get_fate_display()]
    if person.date_of_fate:
        parts.append(str(person.date_of_fate))
    if person.is_synthetic:
        parts.append(gettext("synthetic record"))
    return ", ".join(parts)


def family_detail(request, pk: int):
    """A family and its public members; members who are not public are not mentioned at all."""
    family = get_object_or_404(Family.objects.public(), pk=pk)
    members = (
        FamilyMembership.objects.filter(family=family, person__in=Person.objects.public())
        .select_related("person__fate_place")
        .order_by("sort_order", "pk")
    )
    context = {
        "family": family,
        "members": members,
        "title": family.name,
        "description": family.name,
        "structured_data": structured_data.collection(
            request,
            family.name,
            [(m.person.display_name, m.person.get_absolute_url()) for m in members],
        ),
    }
    return render(request, "archive/people/family_detail.html", context)
