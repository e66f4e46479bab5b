"""A shared cache in front (Varnish): what it may keep, and telling it what changed.

Every response the anonymous cache keeps (:mod:`.middleware`) is also offered to a shared cache,
when one is configured (``SHARED_CACHE_SECONDS``): ``Cache-Control: public, s-maxage=…``, and
the keys it depends on in ``Surrogate-Key`` (``content``, which every response carries, and
``people`` or the records it shows, ``person:12``), which Varnish's xkey module indexes
(``deploy/varnish.vcl``). The database notes every key its triggers replace (``archive_purge``,
see :mod:`.dependencies` and :mod:`.generation`, so no way of writing is missed);
:func:`purge_changed` sends them to each of Wagtail's frontend cache backends that purges by key
(:class:`XkeyBackend`), and forgets them. It runs after every request that may have written
(a publish in the admin), and from ``manage.py purge_shared_cache`` (cron, after commands).
With no such cache configured it reads nothing: the list is only emptied now and then, so
that it does not grow.

A record leaves the public when its ``expire_at`` passes, and nothing is written until the
scheduler unpublishes it, so no response is kept in front past the next expiry."""

from __future__ import annotations

import logging
import time
import urllib.request

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

from .dependencies import CONTENT, PEOPLE, PURGES
from .generation import seconds_to_next_expiry

logger = logging.getLogger(__name__)
# More keys than this at once (an import) purge everything: a header has its limits.
MOST_KEYS = 500
# With no cache in front, how often each process empties the list of keys to purge (which
# every write adds to): not after every request that may have written.
FORGET_EVERY_SECONDS = 600
_forgotten_at: dict[str, float] = {}


def offer(response, keys: tuple[str, ...]) -> None:
    """Let shared caches keep ``response`` until the next record expires, filed under ``keys``.
    Without a shared cache, nothing is asked (the next expiry is a query: 7 to 12 ms of a
    first request after an edit on a busy machine)."""
    shared = settings.SHARED_CACHE_SECONDS
    if not shared:
        return
    seconds = seconds_to_next_expiry()
    if seconds is not None:
        shared = min(shared, seconds)
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(response, max_age=0)  # browsers ask again; only the proxy keeps it
    patch_cache_control(response, public=True, s_maxage=shared)
    if PEOPLE in keys:  # purged with every person and family: their own keys add nothing
        keys = tuple(key for key in keys if ":" not in key)
    response["Surrogate-Key"] = " ".join((CONTENT, *keys))


def purge_changed(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Purge from every shared cache the keys the database replaced since the last call; the
    keys purged (none, with no shared cache that purges by key)."""
    backends = [b for b in get_backends().values() if isinstance(b, XkeyBackend)]
    if not backends:
        _forget_now_and_then(using)
        return set()
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {PURGES} RETURNING key")  # noqa: S608 - a constant
        keys = {key for (key,) in cursor.fetchall()}
    if not keys:
        return keys
    if CONTENT in keys or len(keys) > MOST_KEYS:
        keys = {CONTENT}
    for backend in backends:
        backend.purge_keys(sorted(keys))
    return keys


def _forget_now_and_then(using: str) -> None:
    """Empty the list of keys to purge, at most every ``FORGET_EVERY_SECONDS`` in a process."""
    now = time.monotonic()
    if now - _forgotten_at.get(using, -FORGET_EVERY_SECONDS) < FORGET_EVERY_SECONDS:
        return
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {PURGES}")  # noqa: S608 - a constant
    _forgotten_at[using] = now


class XkeyBackend(HTTPBackend):
    """Wagtail's HTTP backend (``PURGE`` of an address, as Wagtail sends for a page published),
    which also purges by key: ``PURGE /`` with the keys in ``xkey-purge``, as the sample VCL
    reads them."""

    def purge_keys(self, keys: list[str]) -> None:
        location = f"{self.cache_scheme}://{self.cache_netloc}"
        request = urllib.request.Request(  # noqa: S310 - the configured cache's address
            location + "/", method="PURGE", headers={"xkey-purge": " ".join(keys)}
        )
        try:
            with urllib.request.urlopen(request, timeout=5):  # noqa: S310
                pass
        except OSError:
            # The cache in front keeps the pages until their s-maxage: say so, loudly.
            logger.exception("Could not purge %s from %s", keys, location)
