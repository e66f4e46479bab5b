"""Alphabetical order, and the A–Z bar, in the alphabet of each site language.

A reader of /az/ expects Ç after C, Ə after E, Ğ after G, X after H, İ after I, Q after K,
Ö after O, Ş after S and Ü after U, with ı and I kept apart from i and İ; a reader of /tr/ the
Turkish alphabet; of /ru/ Cyrillic first, then Latin; of /en/ Ç among the Cs. These rules are
CLDR's, as ICU implements them, and ICU answers both questions asked here:

- **order**: a collation per language (``alphabet_az`` ...). PostgreSQL has them as ICU
  collations (migration 0009); on SQLite the same names are registered on every connection
  and compare through PyICU. PyICU is built against the system's ICU (libicu 72 on Debian 12),
  the library PostgreSQL 15 uses, so both databases give one order.
- **letters**: ICU's ``AlphabeticIndex`` for the language, which knows each alphabet's letters
  and which letter a name is filed under (Ç under C in English, under Ç in Azerbaijani). Names
  in the other script of the site (Cyrillic on Latin pages, Latin on /ru/) get their own letters
  after the language's own, where the order puts them too.

A letter stands for a stretch of the order: from its own first string to the next letter's,
compared with the language's collation, which the name indexes of migration 0009 answer as a
range. ICU files names of scripts no site language uses (Greek, Armenian ...) in buckets of
their own without a letter; here they stay with the letter before them, where the order puts
them, so the bar and the order never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import icu
from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models import Q
from django.db.models.functions import Collate
from django.db.models.lookups import GreaterThanOrEqual, LessThan

# Names come in Latin and in Cyrillic script, so each language's index also has the letters of
# the other: Russian's for the Latin-script languages, English's for Russian.
_OTHER_SCRIPT = {"ru": "en"}
_CYRILLIC = "ru"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def collation(language: str | None) -> str:
    """The database collation of ``language``'s alphabet (the default language's when it
    has none of its own)."""
    if language not in languages():
        language = settings.LANGUAGE_CODE
    return f"alphabet_{language}"


def collated(field: str, language: str | None) -> Collate:
    return Collate(field, collation(language))


def sort_key(language: str | None):
    """A key function that orders texts as ``language``'s alphabet does (the default
    language's when it has none of its own), for short lists sorted in Python."""
    if language not in languages():
        language = settings.LANGUAGE_CODE
    return _collator(language).getSortKey


@lru_cache
def _collator(language: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(language))


def register_collations(sender, connection, **kwargs) -> None:
    """Give every SQLite connection the alphabets PostgreSQL has from migration 0009."""
    if connection.vendor == "sqlite":
        for language in languages():
            connection.connection.create_collation(collation(language), _collator(language).compare)


# archive.models imports this module, so the collations exist before any query can use them.
connection_created.connect(register_collations, dispatch_uid="alphabets_collations")


@dataclass(frozen=True)
class _Letters:
    """A language's letters in order, and where each begins (in lower case, which sorts
    before upper case: the least string that the letter's names can start with)."""

    index: icu.ImmutableIndex
    letter_of_bucket: tuple[str | None, ...]
    letters: tuple[str, ...]
    starts: tuple[str, ...]


@lru_cache
def _letters(language: str) -> _Letters:
    builder = icu.AlphabeticIndex(icu.Locale(language))
    builder.addLabels(icu.Locale(_OTHER_SCRIPT.get(language, _CYRILLIC)))
    index = builder.buildImmutableIndex()
    letter_of_bucket, letters, starts = [], [], []
    current = None  # before the first letter: ICU's underflow, digits and punctuation
    for number in range(index.bucketCount):
        label, kind = index.getBucket(number)
        if kind == icu.UAlphabeticIndexLabelType.NORMAL:
            current = label
            letters.append(label)
            starts.append(str(icu.UnicodeString(label).toLower(icu.Locale(language))))
        letter_of_bucket.append(current)
    return _Letters(index, tuple(letter_of_bucket), tuple(letters), tuple(starts))


def letter_of(text: str, language: str) -> str | None:
    """The letter ``text`` is filed under in ``language``'s bar, or None before the first
    letter (a name starting with a digit or a mark)."""
    found = _letters(language)
    return found.letter_of_bucket[found.index.getBucketIndex(text)]


def letter_stretches(language: str) -> list[tuple[str, str, str | None]]:
    """Every letter of ``language``'s bar, in the alphabet's order, with the stretch of the
    order it stands for: from its own first string up to (not including) the next letter's,
    None after the last letter. ``starting_with`` asks for one of them."""
    found = _letters(language)
    beyond = [*found.starts[1:], None]
    return list(zip(found.letters, found.starts, beyond, strict=True))


def letters_of(texts, language: str) -> list[str]:
    """The letters ``texts`` are filed under, once each, in the alphabet's order."""
    found = {letter_of(text, language) for text in texts if text}
    return [letter for letter in _letters(language).letters if letter in found]


def starting_with(field: str, letter: str, language: str) -> Q:
    """Rows whose ``field`` is filed under ``letter`` (itself or any text filed under it, so
    Ş asks for S in English): a range of the language's order. Nothing for a text before the
    first letter."""
    letter = letter_of(letter, language)
    if letter is None:
        return Q(pk__in=[])
    _letter, lowest, beyond = letter_stretches(language)[_letters(language).letters.index(letter)]
    value = collated(field, language)
    within = Q(GreaterThanOrEqual(value, lowest))
    if beyond is not None:
        within &= Q(LessThan(value, beyond))
    return within
