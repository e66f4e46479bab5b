"""Site-wide search over people's names, statements, the timeline and the sources.

Each section shows at most a fixed number of results, so the page costs the same whatever the
archive holds; people have their own index for everything beyond that."""

from __future__ import annotations

from functools import reduce
from operator import and_

from django import forms
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive.models import Person, Source, StatementPage, TimelineEntry
from archive.names import query_tokens

from . import structured_data
from .languages import home_page
from .people import public_in_order

RESULTS_PER_SECTION = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the archive"), max_length=200, widget=forms.SearchInput)


def _containing_every_word(words: list[str], *fields: str) -> Q:
    """Rows where each word appears in at least one of the fields."""
    per_word = [
        reduce(lambda q, f: q | Q(**{f"{f}__icontains": word}), fields, Q()) for word in words
    ]
    return reduce(and_, per_word, Q())


def _first(rows) -> tuple[list, bool]:
    """The first results, and whether there were more."""
    rows = list(rows[: RESULTS_PER_SECTION + 1])
    return rows[:RESULTS_PER_SECTION], len(rows) > RESULTS_PER_SECTION


def _first_people(query: str) -> tuple[list, bool]:
    """As ``_first``, ranked over ids alone, the rows to show read after: a common name's
    10,000 matches, joined to their places and sorted whole, took half as long again."""
    if not query_tokens(query):  # only punctuation or "oğlu": it would match every name
        return [], False
    people = Person.objects.public().localized().search_names(query).in_alphabet("name_rank")
    ids = list(people.values_list("pk", flat=True)[: RESULTS_PER_SECTION + 1])
    shown = public_in_order(ids[:RESULTS_PER_SECTION], Person.objects.public().for_listing())
    return shown, len(ids) > RESULTS_PER_SECTION


def results(request, query: str) -> dict:
    words = query.split()
    statements = StatementPage.objects.public().select_related("issuer", "locale")
    home = home_page(request)
    if home is not None:
        statements = statements.descendant_of(home)
    sections = {
        "people": _first_people(query),
        "statements": _first(
            statements.filter(_containing_every_word(words, "title", "summary")).order_by("-issued")
        ),
        "timeline": _first(
            TimelineEntry.objects.public()
            .localized()
            .filter(_containing_every_word(words, "title", "summary"))
        ),
        "sources": _first(
            Source.objects.public()
            .localized()
            .filter(_containing_every_word(words, "title", "publisher", "author"))
        ),
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
        "description": gettext("Search the archive's people, statements, timeline and sources."),
        "form": form,
        "found": found,
        "structured_data": structured_data.webpage(request, title, kind="SearchResultsPage"),
    }
    return render(request, "archive/search.html", context, status=status)
