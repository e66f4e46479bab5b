"""People: the index with its name search, filters and A–Z, the memorial page, the family page."""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.db.models.functions import Substr
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive.models import Family, FamilyMembership, Person, Place, Testimony
from archive.models.figures import CHILD_UNDER, ELDERLY_FROM

from . import structured_data

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


def person_detail(request, pk: int):
    """A memorial page. Drafts and restricted records are answered exactly like missing ones."""
    person = get_object_or_404(
        Person.objects.public()
        .select_related(
            "birth_place__parent__parent",
            "residence__parent__parent",
            "fate_place__parent__parent",
            "photo",
        )
        .prefetch_related(
            "sources",
            Prefetch("testimonies", queryset=Testimony.objects.select_related("source")),
            Prefetch("memberships", queryset=FamilyMembership.objects.select_related("family")),
        ),
        pk=pk,
    )
    context = {
        "person": person,
        "title": person.display_name,
        "description": person_description(person),
        "structured_data": structured_data.person(request, person),
    }
    return render(request, "archive/people/person_detail.html", context)


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
