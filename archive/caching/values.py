"""Values computed from public content (navigation, counts, filter choices, written records),
kept until what they show changes.

Each value is keyed by the content generation (:mod:`archive.caching.generation`), which every
change to pages, places, sources, images, documents ... replaces, and by the tokens of the
people's and families' records it shows (:mod:`archive.caching.dependencies`): all of them
(``people``) unless it says which (``depends_on``). So a publish, unpublish or edit shows at
once in every process, and an edit to one person keeps what shows other people. Each process
keeps the values it uses in memory as well, beside the shared cache, and a request reads each
token once however many of them its page needs: a page served from memory unpickles nothing.

Only what every anonymous visitor may see belongs here: values must be computed from public
querysets, never from the request's user. Key them by whatever else they vary with (language,
host)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.core.cache import cache

from .dependencies import PEOPLE
from .tokens import CONTENT, reading

T = TypeVar("T")

KEY_PREFIX = "archive:derived:"
SHARED_SECONDS = 24 * 60 * 60  # a stale generation's values are never read again
_MISSING = object()


class _Recent:
    """The values a process used last, at most ``limit`` of them; old generations' values
    age out first, since nothing asks for them again."""

    def __init__(self, limit: int):
        self.limit = limit
        self.values: OrderedDict[tuple, object] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple):
        return self.get_many([key]).get(key, _MISSING)

    def get_many(self, keys: Iterable[tuple]) -> dict:
        found = {}
        with self.lock:
            for key in keys:
                value = self.values.get(key, _MISSING)
                if value is not _MISSING:
                    self.values.move_to_end(key)
                    found[key] = value
        return found

    def put(self, items: Iterable[tuple[tuple, object]]) -> None:
        with self.lock:
            self.values.update(items)
            while len(self.values) > self.limit:
                self.values.popitem(last=False)


# Apart, so that paging through many records never pushes out what every page needs.
_values = _Recent(1024)
_items = _Recent(5000)  # about a hundred pages of the API's lists


def _shared_key(key: tuple) -> str:
    return KEY_PREFIX + hashlib.sha256(repr(key).encode()).hexdigest()


def _versions(request, depends_on: Iterable[str]) -> tuple | None:
    """The tokens a value depending on ``depends_on`` is kept under; None when it cannot be
    kept (inside a transaction)."""
    tokens = reading(request).depend(depends_on)
    return None if tokens is None else tuple(sorted(tokens.items()))


def _build(request, depends_on: Iterable[str], build: Callable[..., T], *args) -> T:
    with reading(request).answering(depends_on):
        return build(*args)


def remembered(
    name: str, build: Callable[[], T], *parts, request=None, depends_on: Iterable[str] = (PEOPLE,)
) -> T:
    """``build()``, computed once per content generation, ``name`` and ``parts``, and per
    version of the records it ``depends_on``: by default all people and families (``people``);
    ``()`` for a value that shows none of them.

    ``parts`` are what the value varies with besides the content (the language, the host); they
    must be hashable, and they and the value picklable. Pass the request being served, if any.
    When the cache cannot keep a generation, nothing is kept."""
    generation = _versions(request, depends_on)
    if generation is None:
        return build()
    key = (name, generation, *parts)
    value = _values.get(key)
    if value is not _MISSING:
        return value
    shared_key = _shared_key(key)
    value = cache.get(shared_key, _MISSING)
    if value is _MISSING:
        value = _build(request, depends_on, build)
        cache.set(shared_key, value, SHARED_SECONDS)
    _values.put([(key, value)])
    return value


def remembered_items(
    name: str,
    ids: list[Hashable],
    build: Callable[[list], dict],
    *parts,
    request=None,
    seconds: int = SHARED_SECONDS,
    depends_on: Callable[[Hashable], Iterable[str]] = lambda item: (PEOPLE,),
) -> dict:
    """The values of ``ids`` (a record each, say), by id, each computed once per content
    generation, ``name`` and ``parts`` as remembered() does, and per version of what
    ``depends_on(id)`` names (by default all people and families).

    ``build(missing)`` computes the values of the ids neither this process nor the shared cache
    holds, in one go, by id; an id it leaves out has no value, and is absent from the answer.
    The shared cache keeps values for ``seconds``."""
    wanted = {item: tuple(depends_on(item)) for item in ids}
    tokens = reading(request).depend({key for keys in wanted.values() for key in keys})
    if tokens is None:
        return build(ids)
    content = tokens[CONTENT]
    keys = {
        item: (name, content, *(tokens[key] for key in wanted[item]), *parts, item) for item in ids
    }
    known = _items.get_many(keys.values())
    found = {item: known[key] for item, key in keys.items() if key in known}
    missing = [item for item in ids if item not in found]
    if missing:
        shared = {_shared_key(keys[item]): item for item in missing}
        for shared_key, value in cache.get_many(list(shared)).items():
            found[shared[shared_key]] = value
        unknown = [item for item in missing if item not in found]
        answers_for = {key for item in unknown for key in wanted[item]}
        built = _build(request, answers_for, build, unknown) if unknown else {}
        if built:
            cache.set_many(
                {_shared_key(keys[item]): value for item, value in built.items()}, seconds
            )
        found.update(built)
        _items.put((keys[item], found[item]) for item in missing if item in found)
    return found


def remembered_here(
    name: str, build: Callable[[], T], *parts, request=None, depends_on: Iterable[str] = (PEOPLE,)
) -> T:
    """``build()``, computed as remembered() computes it, kept in this process only: for
    values that cannot be pickled (querysets) or are cheaper to build than to fetch."""
    generation = _versions(request, depends_on)
    if generation is None:
        return build()
    key = ("here", name, generation, *parts)
    value = _values.get(key)
    if value is _MISSING:
        value = _build(request, depends_on, build)
        _values.put([(key, value)])
    return value
