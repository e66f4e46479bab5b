"""Jobs that cron runs on every app server, but that only one may run at a time.

A PostgreSQL advisory lock, held by the job's database session: taken without waiting (a run
that finds it held leaves the work to the one holding it), released when the job ends, and by
the server itself if the process dies. Other databases serve one machine: nothing to share.
Session locks need a session of one's own: point such jobs at PostgreSQL, not through a pooler
in transaction mode (PgBouncer's default is session mode, which keeps them)."""

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def lock_key(job: str) -> int:
    """The advisory lock's number for ``job``: the same in every process."""
    return zlib.crc32(f"memorial:{job}".encode())


@contextmanager
def alone(job: str) -> Iterator[bool]:
    """Yield True when no other process anywhere runs ``job`` now; False when one does."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = lock_key(job)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
