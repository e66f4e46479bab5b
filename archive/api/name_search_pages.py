"""People searched by name (``people/?q=``), a page at a time, counted up to 1,000.

A numbered page of a name search ranked and counted every match: ``mammadov`` is 80,000
records at 1,000,000 people, 2 requests a second (bench/RESULTS.md). Searched by name alone
(no other filter, no ``ordering``), the pages come from
:class:`archive.name_search.NameSearchPages`, as the admin's do, in the list's order (rank,
then family name, given name and id); ``count`` stops at
:data:`archive.public_name_search.COUNT_LIMIT` and ``count_limited`` says when more matched.
The pages hold the first 1,000 matches; a page past them answers 404 as any page past the last
does. With other filters or an ordering, the list is searched, counted and paged whole, as
before."""

from __future__ import annotations

from django.utils.functional import cached_property

from archive import public_name_search
from archive.name_search import NameSearchPages
from archive.names import query_tokens

from .pagination import PAGE_PARAMETERS, NumberedPages, RememberingPaginator

# What a name search alone may carry besides ``q`` and the page's parameters.
PLAIN = {"q", "lang"}


def searched_by_name_alone(request) -> str | None:
    """The query of a numbered list searched by name and nothing else, or None."""
    names = set(request.query_params) - PAGE_PARAMETERS
    if names - PLAIN or "mode" in request.query_params or "cursor" in request.query_params:
        return None
    query = request.query_params.get("q", "")
    return query if query_tokens(query) else None


def first_people(people, query: str, size: int) -> list:
    """The first ``size`` of ``search_names(people, query)``, found in steps (the API's search
    of every kind of record), read by id from ``people``."""
    ids = NameSearchPages(people, query, size).ids(0, size)
    found = people.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


class NameSearchList:
    """The rows ``{"id": ...}`` of ``search_names(people, query)`` as a paginator reads them:
    ``count()`` counts no further than one past the limit; a slice is found in steps."""

    def __init__(self, people, query: str):
        self.pages = NameSearchPages(people, query, public_name_search.COUNT_LIMIT)

    def count(self) -> int:
        return self.pages.count

    def __getitem__(self, part: slice) -> list[dict]:
        start = part.start or 0
        return [{"id": pk} for pk in self.pages.ids(start, part.stop - start)]


class CountLimitedPaginator(RememberingPaginator):
    """Pages of a :class:`NameSearchList`: the count it gives (kept as a list's count is),
    offered up to the limit."""

    @cached_property
    def counted(self) -> int:
        return RememberingPaginator.count.func(self)

    @cached_property
    def count(self) -> int:
        return min(self.counted, public_name_search.COUNT_LIMIT)


class NameSearchNumberedPages(NumberedPages):
    """Numbered pages of a name search, with ``count_limited``."""

    paginator_class = CountLimitedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        paginator = self.page.paginator
        response.data["count_limited"] = paginator.counted > paginator.count
        return response
