"""Permanent public identifiers: what a citation, a link from elsewhere or a researcher's notes
name a person by, kept when the numeric id is not (a merge into another record, a restore or a
re-import into a new database).

Twelve characters of Crockford's base 32 (60 random bits: at a million records the chance that
two draws ever met is under one in two million, and the unique index refuses it anyway), shown in
groups of four. Crockford's alphabet leaves out I, L, O and U, so what a person copies by hand
reads back: lower case, hyphens and spaces are ignored, and I, L and O read as 1, 1 and 0."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_SIMILAR = str.maketrans({"I": "1", "L": "1", "O": "0"})
_VALID = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")
# What an address may hold: twelve letters and digits, in groups of four or not.
ADDRESS_PATTERN = "[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}"


def new_public_id() -> str:
    """A new identifier; never digits alone, which an address would read as a numeric id."""
    # One draw of 60 bits, five a character: a draw per character cost an import of 100,000
    # people a second of 12 system random calls a record.
    while (drawn := _spelt(secrets.randbits(5 * LENGTH))).isdigit():
        pass
    return drawn


def _spelt(bits: int) -> str:
    return "".join(ALPHABET[(bits >> shift) & 31] for shift in range(0, 5 * LENGTH, 5))


def read_public_id(text: str) -> str | None:
    """The identifier ``text`` names, as stored; None when it names none."""
    compact = re.sub(r"[\s-]", "", str(text)).upper().translate(_SIMILAR)
    return compact if _VALID.fullmatch(compact) else None


def shown_public_id(public_id: str) -> str:
    """``7K3M9QX2HT5B`` as ``7K3M-9QX2-HT5B``."""
    return "-".join(public_id[n : n + 4] for n in range(0, len(public_id), 4))
