"""Pages of a list: numbered pages for reading, a cursor for crawling, and the changes since a
moment for keeping a mirror (see :mod:`archive.api.sync`).

Numbered pages (``?page=2&page_size=100``) carry a total ``count``. ``?mode=cursor`` switches to
cursor pages ordered by id, for a full crawl that neither repeats nor skips records when records
are added meanwhile; follow ``next`` until it is null. ``?changed_since=`` gives cursor pages of
the records changed since then, in the order they changed. All set a ``Link`` header (RFC 8288).

Page sizes outside 1–200, page numbers that are not whole numbers and damaged cursors answer 400
with the reason; a page number past the last page answers 404."""

import datetime
import functools
import re
from functools import cached_property

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, CursorPagination, PageNumberPagination

from archive.caching import COUNTS, LISTS, PEOPLE, depends_only_on, remembered, remembered_items
from archive.models import PublicRecord

from .params import moment

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MODES = ("page", "cursor")
# What chooses a page of a list rather than the list itself.
PAGE_PARAMETERS = {"page", "page_size", "format", "mode", "cursor"}


def checked_page_size(request) -> int:
    text = request.query_params.get("page_size")
    if text is None:
        return DEFAULT_PAGE_SIZE
    if not re.fullmatch(r"[0-9]{1,4}", text) or not 1 <= int(text) <= MAX_PAGE_SIZE:
        raise ValidationError(
            {"page_size": [_("Give a whole number from 1 to %d.") % MAX_PAGE_SIZE]}
        )
    return int(text)


def with_link_header(response, next_link: str | None, previous_link: str | None):
    pairs = (("next", next_link), ("prev", previous_link))
    links = [f'<{url}>; rel="{rel}"' for rel, url in pairs if url]
    if links:
        response.headers["Link"] = ", ".join(links)
    return response


class RememberingPaginator(Paginator):
    """Counts a list, and finds the rows of each of its pages, once per content generation
    (see archive.caching.values).

    A count reads every matching row: at 100,000 people it cost more than the rest of a page
    together; a page far down the list reads every row before it. Both change only when content
    does, and every change starts a new generation. ``counted_as`` must name everything else
    the rows depend on (see NumberedPages)."""

    def __init__(self, object_list, per_page, *, counted_as: tuple, request, depends_on):
        super().__init__(object_list, per_page)
        self.counted_as, self.request, self.depends_on = counted_as, request, depends_on

    @cached_property
    def count(self):
        count = self.object_list.count
        return remembered(
            "api-count",
            count,
            *self.counted_as,
            request=self.request,
            depends_on=self.counted_by,
        )

    @property
    def counted_by(self) -> tuple[str, ...]:
        """What the count depends on: a list of people not searched by name reads no names."""
        if self.depends_on == (LISTS,) and not self.request.query_params.get("q"):
            return (COUNTS,)
        return self.depends_on

    def _get_page(self, rows, number, paginator):
        # Django's hook for the page object; ``rows`` is the page's slice of the queryset. Kept
        # beside the records, not the count: a crawl of every page must not push out the
        # values every page of the site needs.
        place = (number, self.per_page)
        found = remembered_items(
            "api-page",
            [place],
            lambda _: {place: list(rows)},
            *self.counted_as,
            request=self.request,
            depends_on=lambda _: self.depends_on,
        )
        return super()._get_page(found[place], number, paginator)


class NumberedPages(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    counted_as: tuple = ()
    depends_on: tuple = (PEOPLE,)
    paginator_class = RememberingPaginator

    @property
    def django_paginator_class(self):
        return functools.partial(
            self.paginator_class,
            counted_as=self.counted_as,
            request=self.request,
            depends_on=self.depends_on,
        )

    def paginate_queryset(self, queryset, request, view=None):
        # A list's rows follow from its address, the language and the filters in the query
        # (the API serves anonymous clients only): with the content, all that decides a count
        # and a page.
        filters = sorted(
            (name, tuple(request.query_params.getlist(name)))
            for name in request.query_params
            if name not in PAGE_PARAMETERS
        )
        self.counted_as = (request.path, getattr(view, "language", None), *filters)
        # What chooses and counts the records, if narrower than all people (see the view's
        # ``list_depends_on``): the answer then depends on it and on the records written.
        self.depends_on = getattr(view, "list_depends_on", (PEOPLE,))
        if PEOPLE not in self.depends_on:
            depends_only_on(request, *self.depends_on)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return checked_page_size(request)

    def get_page_number(self, request, paginator):
        text = request.query_params.get(self.page_query_param)
        if text is None or text in self.last_page_strings:
            return super().get_page_number(request, paginator)
        if not re.fullmatch(r"[1-9][0-9]{0,8}", text):
            raise ValidationError({"page": [_("Give a whole number from 1, or “last”.")]})
        return int(text)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        return with_link_header(response, self.get_next_link(), self.get_previous_link())


class IdCursor(CursorPagination):
    """Cursor pages in the order of ``ordering``: a whole number, unique in the list."""

    ordering = ("id",)
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return checked_page_size(request)

    def decode_cursor(self, request):
        invalid = ValidationError({"cursor": [_("This cursor is damaged; start again.")]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise invalid from error
        # The position is compared with ids in the database: it must be one.
        position = cursor.position if cursor else None
        if position is not None and not re.fullmatch(r"\d{1,18}", position):
            raise invalid
        return cursor

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        return with_link_header(response, self.get_next_link(), self.get_previous_link())


class ChangeCursor(IdCursor):
    """Cursor pages of sync records (:class:`~archive.models.PublicRecord`), in the order they
    changed, each page ending with ``until``: the moment up to which the list is complete."""

    ordering = ("sequence",)

    def __init__(self, until: datetime.datetime):
        self.until = until

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["until"] = serializers.DateTimeField().to_representation(self.until)
        return response


class ChangePages(ChangeCursor):
    """The records of a list whose public form changed after ``since``, oldest change first."""

    def __init__(self, since: datetime.datetime, state):
        super().__init__(state.stamped_at)
        self.since = since

    def paginate_queryset(self, queryset, request, view=None):
        changed = PublicRecord.objects.filter(
            kind=view.basename,
            language=view.language,
            present=True,
            changed_at__gt=self.since,
            record_id__in=queryset.values("pk"),
        )
        page = super().paginate_queryset(changed.values("record_id", "sequence"), request, view)
        return [{"id": row["record_id"]} for row in page]


class ArchivePagination(BasePagination):
    """Numbered pages, or cursor pages with ``?mode=cursor`` (or any ``cursor=``), or with
    ``changed_since=`` the changes since then, as cursor pages."""

    def __init__(self):
        self.active = NumberedPages()

    def paginate_queryset(self, queryset, request, view=None):
        mode = request.query_params.get("mode", "page")
        if mode not in MODES:
            raise ValidationError({"mode": [_("Give “page” or “cursor”.")]})
        since = moment(request, "changed_since")
        if since is not None:
            numbered = ("ordering", "page", *(("mode",) if mode == "page" else ()))
            for name in numbered:
                if name in request.query_params:
                    raise ValidationError(
                        {
                            name: [
                                _("Changes come in the order they were made; leave out %s.") % name
                            ]
                        }
                    )
            self.active = ChangePages(since, view.synced())
        elif mode == "cursor" or "cursor" in request.query_params:
            if "ordering" in request.query_params:
                raise ValidationError(
                    {"ordering": [_("Cursor pages are always ordered by id; leave out ordering.")]}
                )
            self.active = IdCursor()
        return self.active.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return self.active.get_paginated_response(data)

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "How many records match, in all pages (numbered pages only).",
                },
                "count_limited": {
                    "type": "boolean",
                    "description": "People searched by name (q) and nothing else: true when "
                    "more than 1,000 matched. count then says 1,000, and the pages hold the "
                    "first 1,000; narrow the search to reach the others.",
                },
                "next": link,
                "previous": link,
                "results": schema,
                "until": {
                    "type": "string",
                    "format": "date-time",
                    "description": "With changed_since only: every change up to this moment is "
                    "in these pages or in the deletions. Pass it as changed_since next time.",
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        def parameter(name, schema, description):
            return {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": schema,
            }

        return [
            parameter(
                "page",
                {"type": "integer", "minimum": 1, "maximum": 999_999_999},
                "Page number (numbered pages).",
            ),
            parameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                f"Records per page, {DEFAULT_PAGE_SIZE} unless given; at most {MAX_PAGE_SIZE}.",
            ),
            parameter(
                "mode",
                {"type": "string", "enum": list(MODES)},
                "“cursor” for cursor pages ordered by id, to crawl a whole list.",
            ),
            parameter(
                "changed_since",
                {"type": "string", "format": "date-time"},
                "Only the records whose public form changed after this moment (ISO 8601, UTC "
                "unless an offset is given): published, edited or newly linked. In the order "
                "they changed, as cursor pages. See “Incremental sync” above.",
            ),
            parameter(
                "cursor",
                {"type": "string", "maxLength": 200},
                "Where a cursor page starts: copy it from the next or previous link.",
            ),
        ]
