"""Finding people by name in the database, whatever the spelling, best matches first.

Every record stores ``name_key``: the folded keys of all its names (see :mod:`archive.names`),
family name first, then given name. A query is folded the same way, and a record matches when
each query token occurs in its keys (a token of one or two letters must start one of its names).
On PostgreSQL a token of four letters or more that occurs in no record's keys is taken for a
typo: records match if it is close to one of their words (pg_trgm word similarity of at least
``WORD_SIMILARITY_THRESHOLD``, set on every connection). Only then, because the similarity is
computed row by row and would cost more than the rest of a search, and because near misses are
noise beside real matches. A GIN trigram index on ``name_key`` (migration 0004) serves both
tests, so a search stays fast at 100,000 records. SQLite has no trigrams: it matches substrings
only, by scanning the table.

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

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Case, Exists, F, IntegerField, Lookup, Q, QuerySet, Value, When

from archive.names import query_tokens

# A shorter token has too few trigrams for a typo to leave enough of them: similarity would find
# only what the substring test finds, at the cost of a second, unselective index scan.
TYPO_MIN_LENGTH = 4

TRIGRAM = 3

# pg_trgm's default, 0.6, lets a typo through only near either end of a name: one wrong letter in
# the middle of Najafov (Najabov) or Huseynov (Husanov) scores 0.5 to 0.55.
WORD_SIMILARITY_THRESHOLD = 0.5

EXACT, WHOLE_WORDS, WORD_PREFIXES, INSIDE, SIMILAR = range(5)


def set_similarity_threshold(sender, connection, **kwargs) -> None:
    """Give every PostgreSQL session the threshold that the ``%>`` operator compares with."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SET pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD]
            )


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
        # ``name_key %> token``: some stretch of the keys is a close enough match for the token.
        similar = people.filter(nowhere, TrigramWordSimilar(F("name_key"), Value(token)))
        # An uncorrelated subquery, run once per search before the rows are read; when the
        # spelling exists, ``nowhere`` stops it before it reads anything. Tested row by row
        # instead (``inside | nowhere & similar``), the similarity scan ran on every search and
        # doubled the rows a common name's search read.
        return inside | Q(_AmongIds(F("pk"), ArraySubquery(similar.order_by().values("pk"))))
    return inside


def _inside(token: str) -> Q:
    if len(token) < TRIGRAM:
        # Shorter than a trigram, a token inside names would match most of them and no index
        # could find them, so it must start a name. pg_trgm indexes a word's start (`` ab``).
        return _word_start(token)
    return Q(name_key__contains=token)


class _AmongIds(Lookup):
    """``lhs = ANY(array)``. Unlike ``IN (subquery)``, which PostgreSQL cannot use as an index
    condition inside an OR, the array is computed once and looked up in the primary key, so the
    typo branch joins the trigram scans in one bitmap."""

    lookup_name = "among_ids"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


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
