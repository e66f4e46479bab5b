"""The content generation: a token that changes with every change to public content.

Everything kept of public content (whole responses, derived values, fragments) is stored beside
or under the generation it was computed in, and is current only while that generation is."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

GENERATION_KEY = "archive:content-generation"
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
