"""Values computed from public content (navigation, counts, filter choices), kept until the
content changes.

Each value is keyed by the content generation of :mod:`archive.caching`, which every change to
archive records, pages, images or documents replaces, so a publish, unpublish or edit shows at
once in every process. Each process keeps the values it uses in memory as well, beside the shared
cache, and a request reads the generation once however many of them its page needs: a page
served from memory costs one cache round trip and unpickles nothing.

Only what every anonymous visitor may see belongs here: values must be computed from public
querysets, never from the request's user. Key them by whatever else they vary with (language,
host)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from archive.caching import current_generation

T = TypeVar("T")

KEY_PREFIX = "archive:derived:"
LOCAL_LIMIT = 1024  # values per process; old generations' values age out first
SHARED_SECONDS = 24 * 60 * 60  # a stale generation's values are never read again

_local: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


def remembered(name: str, build: Callable[[], T], *parts, request=None) -> T:
    """``build()``, computed once per content generation, ``name`` and ``parts``.

    ``parts`` are what the value varies with besides the content (the language, the host); they
    must be hashable, and they and the value picklable. Pass the request being served, if any.
    When the cache cannot keep a generation, nothing is kept."""
    generation = current_generation(request)
    if generation is None:
        return build()
    key = (name, generation, *parts)
    with _lock:
        value = _local.get(key, _MISSING)
        if value is not _MISSING:
            _local.move_to_end(key)
            return value
    shared_key = KEY_PREFIX + hashlib.sha256(repr(key).encode()).hexdigest()
    value = cache.get(shared_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(shared_key, value, SHARED_SECONDS)
    with _lock:
        _local[key] = value
        while len(_local) > LOCAL_LIMIT:
            _local.popitem(last=False)
    return value
