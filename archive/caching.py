"""Whole-response caching for anonymous visitors, invalidated by a content generation.

Every cached response is stored beside the content generation it was rendered under; any change to
archive records, pages, images or documents replaces the generation in the shared cache, so every
process sharing that cache (one Redis for several app servers) stops serving the old responses at
once. Nothing needs to know which page shows which record."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response

GENERATION_KEY = "archive:content-generation"
RESPONSE_KEY_PREFIX = "archive:response:"
# Apps whose rows can appear on a public page or in the API (pages, snippets, images, documents,
# redirects, tags). Sessions, search index rows and editing sessions are not among them.
CONTENT_APPS = {
    "archive",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}
UNCACHED_PATHS = ("/admin/", "/documents/", "/static/", "/media/", "/healthz", "/readyz")
# A visitor carrying one of these sees something of their own (a session, a flash message).
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def content_changed() -> None:
    """Start a new content generation now and again once the transaction commits.

    The second bump closes a race: a request that read the new generation while the change was
    still uncommitted could have cached the old content under it. Call this after bulk writes that
    send no signals (``QuerySet.update``, ``bulk_create``)."""
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _new_generation for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation)


def _new_generation() -> str:
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, timeout=None)
    return generation


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _on_content_saved(sender, **kwargs):
    # Publishing and unpublishing save the object, so these three signals cover them too.
    if sender._meta.app_label in CONTENT_APPS:
        content_changed()


def read_with_generation(request, keys: list[str]) -> dict:
    """``cache.get_many(keys)``, with the content generation read in the same round trip and
    kept for the rest of the request (see current_generation())."""
    found = cache.get_many([GENERATION_KEY, *keys])
    if GENERATION_KEY in found:
        request._content_generation = found.pop(GENERATION_KEY)
    return found


def current_generation(request=None) -> str | None:
    """The content generation, started if the cache holds none; None when the cache is down.

    With a request, read once for the whole request, as the anonymous response cache does."""
    if hasattr(request, "_content_generation"):
        # Even None: with the cache down, one request must not wait for it again and again.
        return request._content_generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    if request is not None:
        request._content_generation = generation
    return generation


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
        if not seconds or not _is_cacheable_request(request):
            return self.get_response(request)

        key = response_key(request)
        entry = read_with_generation(request, [key]).get(key)
        # Without one (first request, or the cache lost it), whatever the cache holds is stale.
        generation = current_generation(request)
        if entry and generation is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status, headers=dict(headers))
            # A client that already holds this version gets a 304 from the cache too.
            response = get_conditional_response(
                request, etag=response.get("ETag"), response=response
            )
            response["X-Cache"] = "hit"
            return response

        response = self.get_response(request)
        response["X-Cache"] = "miss"
        if generation is not None and _is_cacheable_response(request, response):
            # Only the bytes: a pickled response object can drag along the data it was
            # rendered from (a DRF Response keeps its serializer data, querysets included).
            entry = (generation, response.status_code, list(response.items()), response.content)
            cache.set(key, entry, seconds)
        return response
