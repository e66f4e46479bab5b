"""The tokens a request has read, and what the response it serves depends on.

A response, or a value kept from the content, depends on the content generation
(:mod:`.generation`) and on tokens of people's and families' records (:mod:`.dependencies`):
all of ``people`` unless what it shows said otherwise (:func:`depends_only_on`). Each token is
read once per request, the first time something asks for it and before what it guards is
read, so that nothing is kept under a token newer than its content."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections

from . import generation
from .dependencies import CONTENT, COUNTS, LETTERS, LISTS, PEOPLE, VERSIONS

SHARED = (PEOPLE, LISTS, COUNTS, LETTERS)


@dataclass
class Reading:
    """The tokens one request (or one value, outside a request) has read, each as first
    read; the keys what it served depends on; whether it said it shows no people but those
    it named (:func:`depends_only_on`)."""

    tokens: dict[str, str | None] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    narrowed: bool = False
    answered: int = 0  # see answering()

    def read(self, keys: Iterable[str]) -> dict[str, str | None] | None:
        """The tokens of ``keys`` and of the content, read now where not yet read; None
        inside a transaction, where nothing may be kept. The tokens of all people, their lists,
        their counts and their letters are read with the content's: a page that needs one
        mostly needs another, and reading them in one query costs no more than one of them."""
        missing = [key for key in (CONTENT, *keys) if key not in self.tokens]
        if CONTENT in missing:
            missing += [key for key in SHARED if key not in missing]
        if missing:
            found = read_tokens(missing)
            if found is None:
                return None
            self.tokens.update(found)
        if self.tokens[CONTENT] is None:
            return None
        return {key: self.tokens[key] for key in (CONTENT, *keys)}

    def depend(self, keys: Iterable[str]) -> dict[str, str | None] | None:
        """Note that what is served depends on ``keys`` (and the content); their tokens."""
        keys = tuple(keys)
        if not self.answered:
            self.keys.update(keys)
        return self.read(keys)

    @contextlib.contextmanager
    def answering(self, keys: Iterable[str]):
        """While building a value that names what it depends on (``keys``, not all people),
        the values it reads are its own affair: a memorial page's record reads the versions
        of every family, yet shows only its person's, whose token any change to them replaces.
        So the response depends on ``keys``, not on what they read."""
        if PEOPLE in keys:
            yield
            return
        self.answered += 1
        try:
            yield
        finally:
            self.answered -= 1

    def response_keys(self) -> tuple[str, ...]:
        return tuple(sorted(self.keys if self.narrowed else self.keys | {PEOPLE}))


_serving: contextvars.ContextVar[Reading | None] = contextvars.ContextVar(
    "archive_serving", default=None
)


def reading(request=None) -> Reading:
    """The reading of the response being served (see the middleware), else of ``request``,
    else a fresh one."""
    serving = _serving.get()
    if serving is not None:
        return serving
    if request is None:
        return Reading()
    found = request.__dict__.get("_archive_reading")
    if found is None:
        found = request._archive_reading = Reading()
    return found


class serving:
    """Context manager: ``reading`` is the reading of everything served inside."""

    def __init__(self, reading: Reading):
        self.reading = reading

    def __enter__(self) -> Reading:
        self.token = _serving.set(self.reading)
        return self.reading

    def __exit__(self, *exc) -> None:
        _serving.reset(self.token)


def depends_only_on(request, *keys: str) -> None:
    """Say that the response being served shows, of people and families, only the records
    ``keys`` name (:func:`person_key`, :func:`family_key`), besides the values it asks for by name.
    Call it before reading them: their tokens are read now."""
    found = reading(request)
    found.narrowed = True
    found.depend(keys)


def read_tokens(keys: list[str]) -> dict[str, str | None] | None:
    """The current token of each of ``keys`` (``""`` for a record never written since the
    tokens were installed), the content generation under :data:`CONTENT`; None inside a
    transaction."""
    connection = connections[DEFAULT_DB_ALIAS]
    if any(not block._from_testcase for block in connection.atomic_blocks):
        return None
    records = [key for key in keys if key != CONTENT]
    content = generation.reading_sql(connection.vendor).replace("%", "%%")  # SQLite's clock
    sql = f"SELECT %s, ({content})"
    if records:
        placeholders = ", ".join(["%s"] * len(records))
        sql += f" UNION ALL SELECT key, token FROM {VERSIONS} WHERE key IN ({placeholders})"  # noqa: S608 - placeholders
    with connection.cursor() as cursor:
        cursor.execute(sql, [CONTENT, *records])
        found = dict(cursor.fetchall())
    return {key: found.get(key, "") for key in keys}


def current_generation(request=None) -> str | None:
    """The content generation; None inside a transaction, where nothing may be kept.

    With a request, read once for the whole request, as the anonymous response cache does."""
    tokens = reading(request).read(())
    return None if tokens is None else tokens[CONTENT]


def content_version(request=None) -> str | None:
    """The content generation and the token of all people together: replaced by any change to
    public content whatever (the API's sync compares it); None inside a transaction."""
    tokens = reading(request).read((PEOPLE,))
    return None if tokens is None else f"{tokens[CONTENT]}:{tokens[PEOPLE]}"
