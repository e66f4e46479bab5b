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
from archive.models import Event, HomePage, Place, ReportedFigure, Source
from archive.models.base import localize


def base_address(request) -> str:
    """``https://host``, with no final slash."""
    return settings.PUBLIC_BASE_URL or request.build_absolute_uri("/").rstrip("/")


def page_path(record: Model, request) -> str | None:
    """The path of ``record``'s public page in the active language, or None where the site
    has none of its own (places)."""
    if isinstance(record, Page):
        parts = record.get_url_parts(getattr(request, "_request", request))
        return parts[2] if parts else None
    if isinstance(record, Event):
        return event_pages(request).get(record.translation_key)
    if isinstance(record, Place):
        return None
    if isinstance(record, Source):
        return f"{reverse('archive:sources')}#source-{record.pk}"
    if isinstance(record, ReportedFigure):
        return f"{reverse('archive:figures')}#figure-{record.pk}"
    return record.get_absolute_url()  # people, families, timeline entries


def event_pages(request) -> dict:
    """The path of each event's home page, by the event's translation key: the event's front
    page in the active language (or its original), if it has a public one."""

    def build():
        homes = localize(HomePage.objects.public()).select_related("event", "locale")
        request_here = getattr(request, "_request", request)
        paths = {}
        for home in homes.order_by("path"):
            parts = home.event_id and home.get_url_parts(request_here)
            if parts:
                paths.setdefault(home.event.translation_key, parts[2])
        return paths

    language = translation.get_language()
    return remembered("api-event-pages", build, language, request=request)
