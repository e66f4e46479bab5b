"""The public name search, a page at a time, counted no further than the pages it offers.

Ranking every match to show 50 read every matching row: ``mammadov`` is 80,000 records at
1,000,000 people, 341 ms at p95 (bench/RESULTS.md). The admin already reads its search a page at
a time (:class:`archive.name_search.NameSearchPages`) in the database's byte order; here the same
steps give the people index's pages and the site search's first people in the order they have
always had: by rank, then within a rank in the reader's alphabet (``in_alphabet("name_rank")``).
On PostgreSQL the public people of each language's alphabet are indexed by the first word of
their name key (migration 0021), so that a rank's first page is a walk of that index.

The other filters of the index narrow the people searched (:meth:`PeopleFilter.narrow`): so a
word is taken for a typo when none of the people they choose holds it.

The count stops at ``COUNT_LIMIT``: past it the index says "more than 1,000" and offers the
first 1,000 matches, so that a given name or a filter narrows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from archive.alphabets import collated
from archive.name_search import NameSearchPages

COUNT_LIMIT = 1000


def alphabet_order(language: str) -> tuple:
    """``in_alphabet``'s order within a rank: family name, given name (in ``language``'s
    alphabet), then the id."""
    return (collated("family_name", language), collated("given_name", language), "id")


def first_matches(people: QuerySet, query: str, language: str, size: int) -> list[int]:
    """The ids of the first ``size`` of ``people`` whose names match ``query``, as
    ``search_names(people, query).in_alphabet("name_rank")`` orders them: ranks counted no
    further than ``size`` are enough to know where the first ``size`` come from."""
    return NameSearchPages(people, query, size, alphabet_order(language)).ids(0, size)


@dataclass(frozen=True)
class SearchPage:
    """A page of a public name search: its ids, its number, how many matches it offers in
    pages (all, or the first ``COUNT_LIMIT``), and whether there are more."""

    ids: list[int]
    number: int
    count: int
    is_limited: bool


def search_page(people: QuerySet, query: str, language: str, number, per_page: int) -> SearchPage:
    """Page ``number`` of the matches of ``query`` among ``people``, ``per_page`` a page, in
    ``in_alphabet("name_rank")``'s order. A number that is not a page's (missing, not a whole
    number, below 1) asks for the first page; one past the last page of those offered, for the
    last, as Django's ``Paginator.get_page`` answers."""
    pages = NameSearchPages(people, query, COUNT_LIMIT, alphabet_order(language))
    count = min(pages.count, COUNT_LIMIT)
    last = max(-(-count // per_page), 1)
    try:
        number = min(max(int(number), 1), last)
    except (TypeError, ValueError):
        number = 1
    offset = (number - 1) * per_page
    ids = pages.ids(offset, min(per_page, count - offset)) if count else []
    return SearchPage(ids, number, count, pages.count > COUNT_LIMIT)
