"""Counters every worker shares: the sign-in lockout's failures, and the rate limits' requests.

They live in the ``limits`` cache, Redis or, without it, the database (see settings), never in
one worker's memory, so that two workers count one visitor once. Keys are built here, from the
counter's name and a digest of what it counts (a username and an address are not stored)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import BaseCache, caches

LIMITS = "limits"


def limits_cache() -> BaseCache:
    """The cache the rate limits count in (DRF's throttles build their own keys in it)."""
    return caches[LIMITS]


@dataclass(frozen=True)
class SharedCounter:
    """A count per subject, kept for a number of seconds from its first step."""

    name: str

    def _key(self, subject: str) -> str:
        return f"{self.name}:" + hashlib.sha256(subject.encode()).hexdigest()

    def step(self, subject: str, seconds: int) -> int:
        """Count one more for ``subject``; the count after it."""
        cache, key = limits_cache(), self._key(subject)
        cache.add(key, 0, timeout=seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=seconds)
            return 1

    def value(self, subject: str) -> int:
        return limits_cache().get(self._key(subject)) or 0

    def keep(self, subject: str, seconds: int) -> None:
        """Keep ``subject``'s count for ``seconds`` from now."""
        limits_cache().touch(self._key(subject), seconds)

    def forget(self, subject: str) -> None:
        limits_cache().delete(self._key(subject))
