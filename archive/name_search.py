"""Finding people by name in the database, whatever the spelling, best matches first.

Every record stores ``name_key``: the folded keys of all its names (see :mod:`archive.names`),
family name first, then given name. A query is folded the same way, and a record matches when
each query token occurs in its keys (a token of one or two letters must start one of its names).
On PostgreSQL a token of four letters or more that occurs in no record's keys is taken for a
typo: records match if one of their words is close to it (pg_trgm similarity of at least
``SIMILARITY_THRESHOLD``, set on every connection). Only then, because near misses are noise
beside real matches. The typo is compared with the distinct words of all names (a table kept
by triggers, migration 0005), not with every record: a few thousand words instead of 100,000
keys, and a word, not a stretch of a key that runs across two names. A GIN trigram index on
``name_key`` (migration 0004) then finds the records holding the close words, as it finds
substrings, so a search stays fast at 100,000 records. SQLite has no trigrams: it matches
substrings only, by scanning the table.

Matches are ranked, then ordered by name within a rank:

0. the query is the record's family and given name (in either order, typed in any spelling);
1. every token is one of the record's names;
2. every token starts one of its names;
3. every token occurs inside its names;
4. some token only resembles a name (PostgreSQL only).

The rank is one ``CASE`` expression on the row, so ranking adds no queries and the result stays
a queryset that callers filter and paginate.
"""

from __future__ import annotations

from functools import reduce
from operator import and_

from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)

from archive.names import query_tokens

# A shorter token has too few trigrams for a typo to leave enough of them: similarity would find
# only what the substring test finds, at the cost of a second, unselective index scan.
TYPO_MIN_LENGTH = 4

TRIGRAM = 3

# pg_trgm's default, 0.3, finds other names sharing an ending (Qasımov for Həsənov's typo
# Hasbnov scores 0.33). One wrong letter in the middle of a name of seven letters (Safbrov for
# Safarov, Najbfov for Najafov) scores 0.45, of five 0.4 (Asabov for Asadov).
SIMILARITY_THRESHOLD = 0.4

# The words of all names, one row each (migration 0005).
NAME_WORDS = "archive_name_word"

EXACT, WHOLE_WORDS, WORD_PREFIXES, INSIDE, SIMILAR = range(5)


def set_similarity_threshold(sender, connection, **kwargs) -> None:
    """Give every PostgreSQL session the threshold that the ``%`` operator compares with."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.similarity_threshold = %s", [SIMILARITY_THRESHOLD])


# archive.models imports this module, so every process that can search is connected before it
# opens its first connection.
connection_created.connect(set_similarity_threshold, dispatch_uid="name_search_threshold")


def search_names(people: QuerySet, query: str) -> QuerySet:
    """``people`` whose names match ``query``, annotated with ``name_rank`` and ordered by it.

    A query with no letters or digits returns ``people`` unchanged."""
    tokens = query_tokens(query)
    if not tokens:
        return people
    typos = connections[people.db].vendor == "postgresql"
    matches = reduce(and_, (_token_matches(people, token, typos) for token in tokens))
    return (
        people.filter(matches)
        .annotate(name_rank=_rank(tokens))
        .order_by("name_rank", "family_name", "given_name", "id")
    )


def _token_matches(people: QuerySet, token: str, typos: bool) -> Q:
    inside = _inside(token)
    if typos and len(token) >= TYPO_MIN_LENGTH:
        # Asked of ``people`` itself, so that whether a search tolerates typos never depends
        # on (and never reveals) records the searcher may not see.
        nowhere = ~Exists(people.filter(inside))
        return inside | Q(_HoldsWordCloseTo(F("name_key"), Value(token), nowhere))
    return inside


def _inside(token: str) -> Q:
    if len(token) < TRIGRAM:
        # Shorter than a trigram, a token inside names would match most of them and no index
        # could find them, so it must start a name. pg_trgm indexes a word's start (`` ab``).
        return _word_start(token)
    return Q(name_key__contains=token)


class _HoldsWordCloseTo(Func):
    """The key holds a word close to the token (``word % token``) if ``nowhere`` is true.

    The close words are found among the words of all names (``NAME_WORDS``, kept by triggers,
    migration 0005), then the keys holding them: a LIKE of any of them, which the trigram index
    answers in one bitmap scan, then the exact test on the key's words (Məmməd is inside
    Məmmədov, but only a given name Məmməd should count). Both lists are uncorrelated
    subqueries, run once per search before the rows are read; when the spelling exists,
    ``nowhere`` empties the first before it reads anything. The records found are among those
    searched, so a word that only records hidden from the searcher hold finds nothing."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        (key, key_params), (token, token_params), (nowhere, nowhere_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        close = f"FROM {NAME_WORDS} WHERE word %% {token}"
        sql = (
            f"({key} LIKE ANY(ARRAY(SELECT '%%' || word || '%%' {close} AND {nowhere}))"
            f" AND string_to_array({key}, ' ') && ARRAY(SELECT word {close}))"
        )
        return sql, (*key_params, *token_params, *nowhere_params, *key_params, *token_params)


def _rank(tokens: list[str]) -> Case:
    # The keys begin with the family name, then the given name; searchers type either first.
    leads = {" ".join(tokens), " ".join(tokens[-1:] + tokens[:-1])}
    exact = Q()
    for lead in leads:
        exact |= Q(name_key=lead) | Q(name_key__startswith=f"{lead} ")
    # Plain LIKEs on the column: padding it with spaces to test words would build a string per
    # matching row, which at 10,000 matches costs more than the rest of the query.
    return Case(
        When(exact, then=Value(EXACT)),
        When(_every(tokens, _whole_word), then=Value(WHOLE_WORDS)),
        When(_every(tokens, _word_start), then=Value(WORD_PREFIXES)),
        When(_every(tokens, _inside), then=Value(INSIDE)),
        default=Value(SIMILAR),
        output_field=IntegerField(),
    )


def _whole_word(token: str) -> Q:
    return (
        Q(name_key=token)
        | Q(name_key__startswith=f"{token} ")
        | Q(name_key__endswith=f" {token}")
        | Q(name_key__contains=f" {token} ")
    )


def _word_start(token: str) -> Q:
    return Q(name_key__startswith=token) | Q(name_key__contains=f" {token}")


def _every(tokens: list[str], condition) -> Q:
    return reduce(and_, map(condition, tokens))
