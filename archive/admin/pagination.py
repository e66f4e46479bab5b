"""Admin listings that count no further than the pages they offer.

Wagtail's paginator counts every row of a listing on every page view, to number its pages. At
1,000,000 people that count was the slowest part of the person listing filtered by fate (418 ms
of 836) and of the site history (2.3 s of its 2,000,000 entries, bench/RESULTS.md), and a name
search had to rank every match to count them. The person listing and chooser, the site history
and the usage pages count up to ``COUNT_LIMIT``: below it the count is exact, past it the
listing offers the first ``COUNT_LIMIT`` rows and says there are more ("More than 1,000
people"), so that a search or a filter narrows them."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.paginator import WagtailPaginator

from archive.name_search import NameSearchPages

COUNT_LIMIT = 1000


class CountLimitedPaginator(WagtailPaginator):
    """Pages of a listing counted no further than ``limit``; ``is_limited`` when there are more.

    The listing is a queryset, or a sequence that counts itself up to a limit (``count_up_to``,
    as :class:`NameSearchResults` does); it is counted before a page of it is read."""

    @property
    def limit(self) -> int:
        return COUNT_LIMIT

    @cached_property
    def counted(self) -> int:
        """The number of rows, counted no further than ``limit + 1``."""
        rows = self.object_list
        if hasattr(rows, "count_up_to"):
            return rows.count_up_to(self.limit)
        # In any order, without the columns selected for display (a union's are its own).
        rows = rows.order_by() if rows.query.combinator else rows.order_by().values("pk")
        return rows[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    @property
    def is_limited(self) -> bool:
        return self.counted > self.limit

    @cached_property
    def items_count_label(self) -> str:
        if not self.is_limited:
            return super().items_count_label
        return gettext("More than %(count)s %(items)s") % {
            "count": intcomma(self.limit),
            "items": self.verbose_name_plural,
        }


class NameSearchResults:
    """People matching a name search, in the order of :func:`archive.name_search.search_names`,
    as :class:`CountLimitedPaginator` reads them: counted up to its limit, then each page found
    in steps (:class:`archive.name_search.NameSearchPages`) and read by id from ``people``, so
    that the page's rows come with what the view selects and prefetches."""

    def __init__(self, people, query: str):
        self.people, self.query = people, query
        self.model = people.model  # named by the paginator's labels

    def count_up_to(self, limit: int) -> int:
        self.pages = NameSearchPages(self.people, self.query, limit)
        return self.pages.count

    def __getitem__(self, page: slice) -> list:
        start = page.start or 0
        ids = self.pages.ids(start, page.stop - start)
        found = self.people.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
