"""What keeps machines and floods out of the contribution forms, with no third party involved:
a field people never see (a honeypot), a minimum time between opening a form and sending it,
a bound on links, and a limit per address that every worker counts together."""

from __future__ import annotations

import math
import re
import time

from django.conf import settings
from django.core import signing

from archive.caching.limits import SharedCounter

SALT = "archive.contributions.started"
# A form left open longer than this is sent again with a fresh one.
MAX_AGE_SECONDS = 24 * 60 * 60
SENDS = SharedCounter("contributions")
LINK = re.compile(r"(?:https?://|www\.|\b[\w-]+\.(?:com|net|org|ru|az|tr|info|io|ly)\b/?)", re.I)


def started_token(at: float | None = None) -> str:
    """A token saying when the form was opened, signed so it cannot be made up."""
    return signing.dumps(at if at is not None else time.time(), salt=SALT)


def seconds_since_started(token: str) -> float | None:
    """How long ago the form holding ``token`` was opened; None for a token that is missing,
    forged or too old."""
    try:
        started = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(started, int | float):
        return None
    seconds = time.time() - started
    return seconds if seconds <= MAX_AGE_SECONDS else None


def too_fast(seconds: float) -> bool:
    return seconds < settings.CONTRIBUTION_MIN_SECONDS


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def window_seconds() -> int:
    return settings.CONTRIBUTION_WINDOW_MINUTES * 60


def send_refused(address: str) -> int | None:
    """Count one more form sent from ``address``; the minutes to wait when that is more than
    ``CONTRIBUTION_LIMIT`` in the window, else None. Refused sends count too, so a flood
    keeps its sender waiting from the last attempt."""
    seconds = window_seconds()
    if SENDS.step(address, seconds) <= settings.CONTRIBUTION_LIMIT:
        return None
    SENDS.keep(address, seconds)
    return math.ceil(seconds / 60)
