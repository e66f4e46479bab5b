"""Whole-response caching for anonymous visitors.

Every cached response is stored beside the tokens it was rendered under: the content
generation (:mod:`archive.caching.generation`), and those of the people's and families' records
it shows (:mod:`archive.caching.dependencies`): all of them, unless its view said which
(``depends_only_on``). It is served only while every one of them is current, so a memorial
page stays cached while other people are edited, and a list of people does not."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response

from . import purging
from .dependencies import PEOPLE
from .tokens import CONTENT, Reading, serving

RESPONSE_KEY_PREFIX = "archive:response:"
UNCACHED_PATHS = ("/admin/", "/documents/", "/static/", "/media/", "/healthz", "/readyz")
# A visitor carrying one of these sees something of their own (a session, a flash message).
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def response_key(request) -> str:
    """What a cached response varies by: site, full path with query, language and format."""
    language = translation.get_language_from_request(request, check_path=True)
    parts = (request.get_host(), request.get_full_path(), language, request.headers.get("Accept"))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return RESPONSE_KEY_PREFIX + digest


def _is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(UNCACHED_PATHS)
        and "Authorization" not in request.headers
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def _is_cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        # A page holding a CSRF token would hand one visitor's token to the next.
        and not request.META.get("CSRF_COOKIE_USED")
        and not (user and user.is_authenticated)
        and not getattr(request, "is_preview", False)
    )


class AnonymousCacheMiddleware:
    """Serve anonymous GET and HEAD requests for public pages and the API from the cache.

    Sits inside the CORS middleware (so CORS headers are computed per request) and outside the
    session, CSRF and message middleware (so every cookie a response sets is visible here).
    ``ANONYMOUS_CACHE_SECONDS = 0`` turns it off. Responses carry ``X-Cache: hit`` or ``miss``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "ANONYMOUS_CACHE_SECONDS", 0)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response = self.get_response(request)
            # What a publish in the admin wrote, out of the cache in front at once (without a
            # cache in front, nothing is read: the list is emptied now and then).
            purging.purge_changed()
            return response
        if not seconds or not _is_cacheable_request(request):
            return self.get_response(request)

        key = response_key(request)
        entry = cache.get(key)
        reading = request._archive_reading = Reading()
        with serving(reading):
            # One query for the tokens the entry was kept under, and those a new one needs.
            kept = dict(entry[0]) if entry else {}
            current = reading.read({PEOPLE, *kept} - {CONTENT})
            if current is not None and kept and all(current[k] == v for k, v in kept.items()):
                return self._hit(request, entry)
            response = self.get_response(request)
            response["X-Cache"] = "miss"
            versions = reading.read(reading.response_keys())
        if versions is not None and _is_cacheable_response(request, response):
            purging.offer(response, reading.response_keys())
            # Only the bytes: a pickled response object can drag along the data it was
            # rendered from (a DRF Response keeps its serializer data, querysets included).
            entry = (
                tuple(sorted(versions.items())),
                response.status_code,
                list(response.items()),
                response.content,
            )
            cache.set(key, entry, seconds)
        return response

    def _hit(self, request, entry):
        _, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=dict(headers))
        # A client that already holds this version gets a 304 from the cache too.
        response = get_conditional_response(request, etag=response.get("ETag"), response=response)
        response["X-Cache"] = "hit"
        return response
