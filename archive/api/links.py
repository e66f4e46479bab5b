"""Absolute addresses in the API's records: each record's own address in the API and the
address of its page on the public site.

Both are built from one base: ``PUBLIC_BASE_URL`` where it is configured (the address the
public knows the site by), otherwise the scheme and host the request named. The Wagtail site's
hostname is never used: it says how Wagtail matches requests to page trees (``localhost`` in
development), not where the public reaches the site."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from archive.caching import remembered
from archive.models import (
    Event,
    Family,
    HomePage,
    Person,
    Place,
    ReportedFigure,
    Source,
    TimelineEntry,
)
from archive.models.base import localize


def base_address(request) -> str:
    """``https://host``, with no final slash."""
    return settings.PUBLIC_BASE_URL or request.build_absolute_uri("/").rstrip("/")


# Stands for a record's id in an address made once per list (see PageAddresses.path()).
_ID = 2_147_483_647


class PageAddresses:
    """The absolute address of each record's public page, for one request and language."""

    def __init__(self, request):
        self.request = request
        self.base = base_address(request)
        self._paths: dict[str, list[str]] = {}

    def of(self, record: Model) -> str | None:
        path = self.path(record)
        return self.base + path if path else None

    def path(self, record: Model) -> str | None:
        """The path of ``record``'s page in the active language, or None where the site has
        none of its own: the path its ``get_absolute_url()`` gives, where it has one.

        Django's reverse() made a quarter of the time of writing a person, so each kind's
        address is reversed once, with a stand-in id, and the record's id put in its place."""
        if isinstance(record, Page):
            parts = record.get_url_parts(getattr(self.request, "_request", self.request))
            return parts[2] if parts else None
        if isinstance(record, Event):
            return self.event_pages().get(record.translation_key)
        if isinstance(record, Person):
            return self.person_path(record.pk)
        if isinstance(record, Family):
            return self._reversed("archive:family_detail", record.pk)
        if isinstance(record, Place):
            return self._reversed("archive:place_detail", record.pk)
        if isinstance(record, TimelineEntry):
            return f"{self._reversed('archive:timeline')}#{record.anchor}"
        if isinstance(record, Source):
            return f"{self._reversed('archive:sources')}#source-{record.pk}"
        if isinstance(record, ReportedFigure):
            return f"{self._reversed('archive:figures')}#figure-{record.pk}"
        return None

    def person_path(self, pk: int) -> str:
        """The path of the page of the person ``pk``, in the active language."""
        return self._reversed("archive:person_detail", pk)

    def person_address(self, pk: int) -> str:
        return self.base + self.person_path(pk)

    def _reversed(self, view_name: str, pk: int | None = None) -> str:
        pieces = self._paths.get(view_name)
        if pieces is None:
            args = [] if pk is None else [_ID]
            pieces = self._paths[view_name] = reverse(view_name, args=args).split(str(_ID))
        return str(pk).join(pieces)

    def event_pages(self) -> dict:
        """The path of each event's home page, by the event's translation key: the event's
        front page in the active language (or its original), if it has a public one. Found
        once per request and language, and per content generation where it can be kept."""
        language = translation.get_language()
        found = self.request.__dict__.setdefault("_archive_event_pages", {})
        if language not in found:
            found[language] = remembered(
                "api-event-pages",
                self._find_event_pages,
                language,
                request=self.request,
                depends_on=(),
            )
        return found[language]

    def _find_event_pages(self) -> dict:
        homes = localize(HomePage.objects.public()).select_related("event")
        paths = {}
        for home in homes.filter(event__isnull=False).order_by("path"):
            parts = home.get_url_parts(getattr(self.request, "_request", self.request))
            if parts:
                paths.setdefault(home.event.translation_key, parts[2])
        return paths
