"""Site-wide search over people's names, statements, the timeline, sources, events and places.

People are found by their names (:mod:`archive.name_search`), everything else by the words of
its names and titles in any language and script (:mod:`archive.text_search`), and shown in the
visitor's language where it has one. Each section shows at most a fixed number of results, so
the page costs the same whatever the archive holds; people have their own index for everything
beyond that."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django import forms
from django.shortcuts import render
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from archive.alphabets import collated
from archive.models import Event, Person, Place, Source, StatementPage, TimelineEntry
from archive.models.base import localize
from archive.names import query_tokens
from archive.public_name_search import first_matches
from archive.site import structured_data
from archive.site.languages import home_page
from archive.text_search import search_records

from .people import public_in_order

RESULTS_PER_SECTION = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the archive"), max_length=200, widget=forms.SearchInput)


def _first(rows) -> tuple[list, bool]:
    """The first results, and whether there were more."""
    rows = list(rows[: RESULTS_PER_SECTION + 1])
    return rows[:RESULTS_PER_SECTION], len(rows) > RESULTS_PER_SECTION


def _first_people(query: str) -> tuple[list, bool]:
    """As ``_first``, the ids first, read a page at a time
    (:func:`archive.public_name_search.first_matches`): a common name's 80,000 matches are not
    ranked to show 20. The rows to show are read after, by id."""
    if not query_tokens(query):  # only punctuation or "oğlu": it would match every name
        return [], False
    people = Person.objects.public().localized()
    ids = first_matches(people, query, get_language(), RESULTS_PER_SECTION + 1)
    shown = public_in_order(ids[:RESULTS_PER_SECTION], Person.objects.public().for_listing())
    return shown, len(ids) > RESULTS_PER_SECTION


def _statements(request):
    """Public statements of the site in the visitor's language, or in the original language
    where they have not been translated."""
    statements = StatementPage.objects.public()
    home = home_page(request)
    if home is not None:
        trees = home.get_translations(inclusive=True)
        statements = statements.filter(reduce(or_, map(statements.descendant_of_q, trees)))
    return localize(statements).select_related("issuer", "locale")


def _places_with_people(places: list[Place]) -> list[Place]:
    """``places``, each with ``people_filter``: the value of the people index's place filter
    that lists the public people who lived or met their fate there (None where nobody did)."""
    people = Person.objects.public().localized()
    groups = [place.translation_key for place in places]
    named = Place.objects.filter(translation_key__in=groups).named_by(
        people, "fate_place", "residence"
    )
    filters = {place.translation_key: place.pk for place in named}
    for place in places:
        place.people_filter = filters.get(place.translation_key)
    return places


def _events_on_the_timeline(events: list[Event]) -> list[Event]:
    """``events``, each with ``on_timeline``: whether the timeline can be filtered by it."""
    entries = TimelineEntry.objects.public()
    with_entries = set(
        Event.objects.filter(timeline_entries__in=entries).values_list("translation_key", flat=True)
    )
    for event in events:
        event.on_timeline = event.translation_key in with_entries
    return events


def results(request, query: str) -> dict:
    def found(rows):
        return _first(search_records(rows, query))

    language = get_language()
    places, more_places = found(
        Place.objects.public()
        .localized()
        .select_related("parent")
        .order_by(collated("name", language), "pk")
    )
    events, more_events = found(Event.objects.public().localized().order_by("start", "pk"))
    sections = {
        "people": _first_people(query),
        "statements": found(_statements(request).order_by("-issued", "pk")),
        "timeline": found(TimelineEntry.objects.public().localized()),
        "sources": found(
            Source.objects.public().localized().order_by(collated("title", language), "pk")
        ),
        "events": (_events_on_the_timeline(events), more_events),
        "places": (_places_with_people(places), more_places),
    }
    return {name: {"rows": rows, "more": more} for name, (rows, more) in sections.items()}


def search(request):
    form = SearchForm(request.GET or None)
    status = 200
    found = None
    if form.is_bound:
        if form.is_valid():
            found = results(request, form.cleaned_data["q"])
        else:
            status = 400
    title = gettext("Search")
    context = {
        "title": title,
        "description": gettext(
            "Search the archive's people, statements, timeline, sources, events and places."
        ),
        "form": form,
        "found": found,
        "structured_data": structured_data.webpage(request, title, kind="SearchResultsPage"),
    }
    return render(request, "archive/search.html", context, status=status)
