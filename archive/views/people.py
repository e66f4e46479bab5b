"""People: the index with its name search, filters and A–Z, the memorial page, the family page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from archive.alphabets import letter_of
from archive.caching import (
    COUNTS,
    LETTERS,
    LISTS,
    depends_only_on,
    family_key,
    person_key,
    remembered,
    remembered_here,
)
from archive.fastpaths.cards import person_cards
from archive.fastpaths.letters import letters_in_use
from archive.fastpaths.prepared import PreparedQuery
from archive.fastpaths.related_rows import attach, place_directory, prefetched, with_places
from archive.models import (
    Family,
    FamilyMedia,
    FamilyMembership,
    FateEvent,
    Person,
    PersonMedia,
    Place,
    Source,
    Testimony,
)
from archive.models.figures import AGE_GROUPS, CHILD_UNDER, ELDERLY_FROM
from archive.models.merges import kept_person
from archive.models.people import PLACE_COLUMNS
from archive.names import query_tokens
from archive.public_name_search import SearchPage, search_page
from archive.site import structured_data
from archive.site.citation import person_citation
from archive.site.languages import locale_codes
from archive.site.places import in_tree_order, indented

PEOPLE_PER_PAGE = 50


def record_choice(label) -> forms.TypedChoiceField:
    """A record offered by primary key, its choices set in the form's __init__; refused as a
    model choice field refuses it, without repeating the value given."""
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=forms.ModelChoiceField.default_error_messages,
    )


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
    place = record_choice(_("Place"))
    family = record_choice(_("Family"))
    letter = forms.CharField(required=False, max_length=1, widget=forms.HiddenInput)

    def __init__(self, *args, people, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age"].choices = [
            ("", gettext("Any age")),
            (
                "child",
                ngettext("Child (under %(age)d)", "Child (under %(age)d)", CHILD_UNDER)
                % {"age": CHILD_UNDER},
            ),
            ("adult", gettext("Adult")),
            ("elderly", gettext("Elderly (%(age)d or older)") % {"age": ELDERLY_FROM}),
        ]
        # Each reads the whole table: once per content generation and language is enough.
        places, families = remembered(
            "people-filter-choices",
            lambda: _choices(people, request),
            get_language(),
            request=request,
            depends_on=(COUNTS,),
        )
        self.fields["place"].choices = [("", gettext("Any place")), *places]
        self.fields["family"].choices = [("", gettext("Any family")), *families]

    def clean_letter(self) -> str:
        """The letter of the page's alphabet that the one given is filed under (Ş is S in
        English); a mark or a digit, which no letter stands for, is refused."""
        letter = self.cleaned_data["letter"]
        if not letter:
            return letter
        filed = letter_of(letter, get_language())
        if filed is None:
            raise forms.ValidationError(gettext("Choose a letter of the alphabet."))
        return filed

    def narrow(self, people):
        """``people`` narrowed by every filter but the name search, which reads a page at a
        time among them (:func:`archive.public_name_search.search_page`)."""
        data = self.cleaned_data
        if data["fate"]:
            people = people.filter(fate=data["fate"])
        if data["sex"]:
            people = people.filter(sex=data["sex"])
        if data["age"]:
            people = people.revealing("age").filter(AGE_GROUPS[data["age"]])
        if data["place"]:  # the place and every place within it (Karabakh takes in Khojaly)
            within = Place.objects.group_ids_within(data["place"])
            people = people.at_places(within)
        if data["family"]:
            people = people.filter(memberships__family=data["family"])
        if data["letter"]:
            people = people.filed_under(data["letter"])
        return people

    @property
    def cache_key(self) -> tuple:
        """The filters in use, as a key for what they select (valid forms only)."""
        return tuple(sorted((name, value) for name, value in self.cleaned_data.items() if value))

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    @property
    def has_filters(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.FILTERS)

    @property
    def filter_fields(self):
        return [self[name] for name in self.FILTERS]


def _choices(people, request=None) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The places where public people were born, lived or met their fate, as their place pages
    count them, and the places those lie within (offered by the place people name, labelled as
    it reads in the active language, as a tree), and the public families in it."""
    named = Place.objects.named_by(people, *PLACE_COLUMNS)
    places = Place.objects.containing(named).values_list("pk", flat=True)
    tree = in_tree_order(places, place_directory(request, language=get_language()))
    families = Family.objects.public().localized()
    return indented(tree), [(f.pk, str(f)) for f in families]


def alphabet(people) -> list[str]:
    """The letters of the active language's alphabet that ``people``'s family names are filed
    under, in its order (see :mod:`archive.fastpaths.letters`)."""
    return letters_in_use(people, get_language())


def public_people(request):
    """Public people in the active language's versions: the query, built once per process,
    content generation and language (not run: it reads nothing until used). Building it (the
    public rule's subqueries, the locales of a language) took a fifth of a warm index page."""
    built = remembered_here(
        "people-public",
        lambda: Person.objects.public().localized(),
        get_language(),
        request=request,
        depends_on=(),
    )
    return built.all()  # a clone: the query itself is shared by the process's requests


def person_list(request):
    """The people index. It shows people only by their cards, each kept under its person's
    token (:mod:`archive.fastpaths.cards`), and chooses, orders, counts and finds them only by
    what lists read (:data:`LISTS`): so its pages stay cached while editors work on other
    people's biographies, testimonies and sources, and a publish, unpublish or change of name
    or fate shows at once. A page whose values are all kept runs no query but the tokens'."""
    depends_only_on(request, LISTS)
    people = public_people(request)
    form = PeopleFilter(request.GET or None, people=people, request=request)
    status = 200
    if not form.is_bound:
        listed, filters = people, ()
    elif form.is_valid():
        listed, filters = form.narrow(people), form.cache_key
    else:
        listed, filters, status = people.none(), None, 400
    language = get_language()
    number = request.GET.get("page")
    if filters is None:
        page = Paginator([], PEOPLE_PER_PAGE).get_page(number)
    elif query_tokens(form.cleaned_data["q"] if form.is_bound else ""):
        # Read a page at a time, and kept: a name searched once is often searched again.
        found = remembered(
            "people-search",
            lambda: search_page(listed, form.cleaned_data["q"], language, number, PEOPLE_PER_PAGE),
            language,
            filters,
            number,
            request=request,
            depends_on=(LISTS,),
        )
        page = search_results(found)
    else:
        paginator = Paginator([], PEOPLE_PER_PAGE)
        # Filters choose among a few values each, so their counts are worth keeping; they read
        # no names but, for the letter, the family name's first letter, so a given name
        # corrected keeps them.
        paginator.count = remembered(
            "people-count",
            listed.count,
            language,
            filters,
            request=request,
            depends_on=(LETTERS,) if form.is_bound and form.cleaned_data["letter"] else (COUNTS,),
        )
        page = paginator.get_page(number)
        # Ids first, then the page's rows: in name order the ids are a walk of one index
        # (see Person.Meta.indexes), where whole rows had the table read and sorted.
        first = (page.number - 1) * PEOPLE_PER_PAGE
        page.object_list = remembered(
            "people-page",
            lambda: list(
                listed.in_alphabet().values_list("pk", flat=True)[first : first + PEOPLE_PER_PAGE]
            ),
            language,
            filters,
            page.number,
            request=request,
            depends_on=(LISTS,),
        )
    page.object_list = page_of_cards(request, page.object_list, people)
    title = gettext("People")
    current_letter = form.cleaned_data.get("letter") if form.is_bound else ""
    context = {
        "title": title,
        "description": gettext("Remembrance records of the people the archive remembers."),
        "form": form,
        "filters": filters_html(request, form, people, current_letter),
        "page_obj": page,
        "current_letter": current_letter,
        "structured_data": structured_data.collection(
            request,
            title,
            [(card.name, card.url) for card in page.object_list],
            page.paginator.count,
        ),
    }
    return render(request, "archive/people/person_list.html", context, status=status)


def page_of_cards(request, ids: list[int], people) -> list:
    """The cards of ``ids``, kept together, per version of the lists: a card shows only what
    lists read of its person (names, fate, dates, age, the place of fate, the synthetic flag;
    ``tests/test_caching_lists.py`` checks each column they leave out), so a page served again
    reads no person's token (a query of 50 keys, the second of a warm page). After the lists
    change, each card comes from those kept under their person's token
    (:func:`archive.fastpaths.cards.person_cards`)."""
    return remembered_here(
        "people-cards",
        lambda: person_cards(request, ids, people),
        get_language(),
        get_script_prefix(),
        tuple(ids),
        request=request,
        depends_on=(LISTS,),
    )


def filters_html(request, form: PeopleFilter, people, current_letter: str) -> str:
    """The search box, the filters and the A–Z bar, rendered once per query string (the page
    aside), language and version of the counts and letters: they show what the query asks, the
    choices and letters that exist, nothing of the visitor. Their widgets were the half of a
    page's rendering that the cards left; the letters (:data:`LETTERS`) are replaced with the
    counts and by a family name written, so the fragment stays while editors correct given
    names (the 45 ms of rendering it, at load 15, was most of a first index page after that)."""
    shown = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    return remembered(
        "people-filters",
        lambda: render_to_string(
            "archive/people/filters.html",
            {
                "form": form,
                "current_letter": current_letter,
                "letters": remembered(
                    "alphabet",
                    lambda: alphabet(people),
                    get_language(),
                    request=request,
                    depends_on=(LETTERS,),
                ),
            },
            request=request,
        ),
        get_language(),
        get_script_prefix(),
        tuple(item for item in shown if item[0] != "page"),
        request=request,
        depends_on=(COUNTS, LETTERS),
    )


def _page(ids: list[int], count: int, number: int, is_limited: bool = False) -> Page:
    paginator = Paginator([], PEOPLE_PER_PAGE)
    paginator.count, paginator.is_limited = count, is_limited
    return Page(ids, number, paginator)


def search_results(found: SearchPage, people=None) -> Page:
    """The page of ``found`` (:func:`archive.public_name_search.search_page`): its ids, or
    with ``people`` its people read by id from them, counted as far as it was counted."""
    shown = found.ids if people is None else public_in_order(found.ids, people)
    return _page(shown, found.count, found.number, found.is_limited)


def ranked_page(people, query: str, number) -> Page:
    """Page ``number`` of the name search ``query`` among public ``people``, as the people
    index shows it, its people read by id."""
    found = search_page(people, query, get_language(), number, PEOPLE_PER_PAGE)
    return search_results(found, Person.objects.public())


def public_in_order(ids: list[int], people=None) -> list[Person]:
    """The people of ``ids`` (from ``people``, by default all public people), in that order.

    Public again, not just by id: a record unpublished since the ids were read is left out."""
    found = (Person.objects.public() if people is None else people).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


_person = PreparedQuery(lambda pk: Person.objects.public().filter(pk=pk))
_sources = PreparedQuery(lambda pk: Source.objects.filter(person=pk))
_testimonies = PreparedQuery(lambda pk: Testimony.objects.filter(person=pk))
_testimony_sources = PreparedQuery(
    lambda pk: Source.objects.filter(pk__in=Testimony.objects.filter(person=pk).values("source"))
)
_memberships = PreparedQuery(lambda pk: FamilyMembership.objects.filter(person=pk))
_fate_events = PreparedQuery(lambda pk: FateEvent.objects.filter(person=pk))
_fate_event_sources = PreparedQuery(
    lambda pk: Source.objects.filter(pk__in=FateEvent.objects.filter(person=pk).values("source"))
)
_families = PreparedQuery(lambda pk: Family.objects.filter(memberships__person=pk))


def person_detail(request, pk: int):
    """A memorial page. Drafts and restricted records are answered exactly like missing ones.

    Every query here is prepared (see :mod:`.prepared`), and places come from the directory
    (:mod:`.places`): this is the page most visited. Kept while other people change."""
    depends_only_on(request, person_key(pk))
    found = _person(pk)
    if not found:
        # A record merged into another: its address leads there (only the missing ask).
        kept = kept_person(record_id=pk)
        if kept is None:
            raise Http404
        return redirect("archive:person_detail", kept.pk, permanent=True)
    person = found[0]
    with_places(request, person, language=get_language())
    testimonies = _testimonies(pk)
    if any(testimony.source_id for testimony in testimonies):
        attach(testimonies, "source", directory={s.pk: s for s in _testimony_sources(pk)})
    memberships = _memberships(pk)
    if memberships:
        attach(memberships, "family", directory={f.pk: f for f in _families(pk)})
        # The relationship's words agree with the person's sex (relationship_label).
        attach(memberships, "person", directory={person.pk: person})
        memberships = one_per_family(memberships, locale_codes(request))
    fate_events = fate_events_of(request, person)
    prefetched(
        person,
        sources=_sources(pk),
        testimonies=testimonies,
        memberships=memberships,
        fate_events=fate_events,
    )
    context = {
        "person": person,
        "title": structured_data.person_name(person),
        "description": person_description(person),
        "structured_data": structured_data.person(request, person),
        "citation": person_citation(request, person),
        "media": list(PersonMedia.objects.public().filter(person=pk).for_display()),
    }
    return render(request, "archive/people/person_detail.html", context)


def fate_events_of(request, person: Person) -> list[FateEvent]:
    """The person's fate events, with their places (from the directory) and sources."""
    events = _fate_events(person.pk)
    if events:
        attach(events, "place", directory=place_directory(request, get_language()))
        attach(events, "person", directory={person.pk: person})
    if any(event.source_id for event in events):
        attach(events, "source", directory={s.pk: s for s in _fate_event_sources(person.pk)})
    return events


def one_per_family(
    memberships: list[FamilyMembership], locale_codes: dict[int, str]
) -> list[FamilyMembership]:
    """A person's memberships, one per family where each version of a family (its original
    and every translation) lists the person: the version in the active language, else the
    one in the site's default language, else the first."""
    language, default = get_language(), settings.LANGUAGE_CODE
    chosen: dict = {}
    for membership in memberships:
        code = locale_codes[membership.family.locale_id]
        rank = (code != language, code != default)
        key = membership.family.translation_key
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, membership)
    return [membership for _rank, membership in chosen.values()]


def person_description(person: Person) -> str:
    """One sentence for search results and link previews."""
    parts = [person.display_name, person.fate_label]
    fate_date = person.date_of_fate
    if fate_date:
        parts.append(str(fate_date))
    if person.is_synthetic:
        parts.append(gettext("synthetic record"))
    return ", ".join(parts)


def family_detail(request, pk: int):
    """A family and its public members; members who are not public are not mentioned at all.
    Kept while other families and people change."""
    depends_only_on(request, family_key(pk))
    family = get_object_or_404(Family.objects.public(), pk=pk)
    # Any version's address shows the version in the reader's language, where there is one.
    family = (
        Family.objects.public().filter(translation_key=family.translation_key).localized().first()
        or family
    )
    members = list(
        FamilyMembership.objects.public().filter(family=family).order_by("sort_order", "pk")
    )
    # The members as every public row of a person shows them, with any held field blank
    # (archive.models.holds): a join would bring the stored row.
    people = Person.objects.public().select_related("fate_place")
    attach(members, "person", directory=people.in_bulk([m.person_id for m in members]))
    context = {
        "family": family,
        "members": members,
        "media": list(FamilyMedia.objects.filter(family=family).for_display()),
        "title": family.name,
        "description": family.name,
        "structured_data": structured_data.collection(
            request,
            family.name,
            structured_data.people(member.person for member in members),
        ),
    }
    return render(request, "archive/people/family_detail.html", context)
