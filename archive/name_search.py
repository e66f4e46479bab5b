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

from functools import cached_property, reduce
from operator import and_

from django.contrib.postgres.fields import ArrayField
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
    TextField,
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

# Within a rank.
NAME_ORDER = ("family_name", "given_name", "id")


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
    return (
        people.filter(_matching(people, tokens))
        .annotate(name_rank=_rank(tokens))
        .order_by("name_rank", *NAME_ORDER)
    )


def _matching(people: QuerySet, tokens: list[str]) -> Q:
    typos = connections[people.db].vendor == "postgresql"
    return reduce(and_, (_token_matches(people, token, typos) for token in tokens))


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
    return Case(
        *(When(condition, then=Value(rank)) for rank, condition in enumerate(_ranks(tokens))),
        default=Value(SIMILAR),
        output_field=IntegerField(),
    )


def _ranks(tokens: list[str]) -> list[Q]:
    """The condition of each rank but the last, EXACT to INSIDE. Each holds every record the
    one before holds: a record's rank is the first whose condition it meets."""
    # The keys begin with the family name, then the given name; searchers type either first.
    exact = Q()
    for lead in _leads(tokens):
        exact |= Q(name_key=lead) | Q(name_key__startswith=f"{lead} ")
    # Plain LIKEs on the column: padding it with spaces to test words would build a string per
    # matching row, which at 10,000 matches costs more than the rest of the query.
    return [
        exact,
        _every(tokens, _whole_word),
        _every(tokens, _word_start),
        _every(tokens, _inside),
    ]


def _leads(tokens: list[str]) -> set[str]:
    return {" ".join(tokens), " ".join(tokens[-1:] + tokens[:-1])}


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


# The admin's search, a page at a time --------------------------------------------------------
#
# search_names() ranks every match to order them, which reads every matching row. The public
# index can afford it: its visitors type full names. The admin's person listing and chooser are
# searched with a few letters among a million records: "mam" matches 104,637 of 1,000,000
# (every Məmmədov, every Məmməd), and ranking them read the whole table, 0.6 to 1.6 s for ten
# rows (bench/RESULTS.md). NameSearchPages gives the same pages without reading every match,
# and counts no further than ``limit``. The ranks are counted in turn, each no further than
# ``limit``: those before the first that holds more are few, and are ranked as search_names()
# ranks them; the rest of the page comes from that rank, read in name order and stopped when
# the page is full, in parts that each have an index in that order (PostgreSQL, migration 0007):
# - the records whose first word (the family name's) meets the rank for a token, one such word
#   at a time: all the Məmmədovs sit together in the name order, far from its start;
# - the others, matched only by a later word (a given name, a patronymic ...), scattered through
#   the name order and found through an index of the later words, which leaves out the
#   thousands whose family name matches; read whole when they are few.
# tests/test_admin_name_search.py checks that the pages equal slices of search_names().

# A token inside more words than this is looked for by its trigrams, and its matches are not
# read one first word at a time: a token of one or two letters starts hundreds of words, and
# its matches spread through the name order.
MAX_WORDS = 32


class FirstWord(Func):
    """The first word of a name key, the family name's unless the record has none (PostgreSQL:
    indexed as ``person_first_name_word_order``)."""

    function = "split_part"
    output_field = TextField()

    def __init__(self, key):
        super().__init__(key, Value(" "), Value(1))


class LaterWords(Func):
    """The words of a name key after the first (PostgreSQL: indexed as
    ``person_later_name_words``)."""

    template = "(string_to_array(%(expressions)s, ' '))[2:]"
    output_field = ArrayField(TextField())


class NameSearchPages:
    """Pages of ``search_names(people, query)`` (as ids) and their count, up to ``limit``.

    Within a rank, the records are in ``order`` (by default ``NAME_ORDER``, in the database's
    own collation, as the admin lists them); the public index gives the names in the reader's
    alphabet (:mod:`archive.public_name_search`). Its last column must be the id."""

    def __init__(self, people: QuerySet, query: str, limit: int, order: tuple = NAME_ORDER):
        self.limit, self.order = limit, order
        self.tokens = query_tokens(query)
        self.indexed = connections[people.db].vendor == "postgresql"
        if self.indexed:
            people = people.alias(
                first_word=FirstWord("name_key"), later_words=LaterWords("name_key")
            )
        # A query without letters or digits leaves ``people`` as they were, in their order.
        self.ranked = search_names(people, query)
        if self.tokens:
            self.ranked = self.ranked.order_by("name_rank", *order)
        self.people = people.order_by()
        self._holding: dict[str, set[str] | None] = {}
        self._inside_count: int | None = None  # the ranks up to INSIDE, if counted

    @cached_property
    def matches(self) -> QuerySet:
        """Every record the query finds, in no order. Built when asked: a search of several
        names, or of one with few matches, never needs it, and building its conditions (the
        typo's subquery of the people searched) was a third of a short search's Python."""
        return (
            self.people.filter(_matching(self.people, self.tokens)) if self.tokens else self.people
        )

    @cached_property
    def count(self) -> int:
        """How many records match, counted no further than ``limit + 1``."""
        if self.indexed and len(self.tokens) == 1:
            # Those holding the token are matches, and the indexes of words find them: the
            # trigrams of a common name take 50 to 150 ms to list (at 1,000,000 people). If
            # they are too many to count, so are the matches; if not, the matches (typos too)
            # are counted after all. The trigrams of several tokens are read in one scan, and
            # find their few common matches faster.
            holding = _count_up_to(self.people.filter(self.conditions[INSIDE]), self.limit)
            if holding > self.limit:
                return holding
            self._inside_count = holding
        if not self.tokens:
            return _count_up_to(self.matches, self.limit)
        if len(self.tokens) > 1:
            return len(self._leading)
        return self.limit + 1 if self._few is None else len(self._few)

    @cached_property
    def _leading(self) -> list[int]:
        """The ids of the first ``limit + 1`` matches of several names, ranked in one query.

        The records matching several names are few beside one common name's (Əli Məmmədov:
        2,564 of 1,000,000 people, against 78,550 Məmmədovs): ranking them all reads each once,
        where counting first, or the steps of :meth:`ids`, read the trigrams of every name in
        each of their queries (bench/RESULTS.md)."""
        return list(self.ranked.values_list("pk", flat=True)[: self.limit + 1])

    @cached_property
    def _few(self) -> list[int] | None:
        """The ids of every match, ranked, if there are no more than ``limit``; otherwise None.

        One query, which reads no more than ``limit + 1`` matches and ranks those: if they are
        all, their ranking is the search's. A count, then the ranking, took two round trips,
        which under load cost more than the reading (bench/RESULTS.md)."""
        keys = self._order_keys()
        rows = self.ranked.order_by().annotate(**keys).values_list("pk", "name_rank", *keys)
        inner, params = rows[: self.limit + 1].query.sql_with_params()
        columns = ", ".join(str(n) for n in range(2, len(keys) + 3))
        with connections[self.people.db].cursor() as cursor:
            sql = f"SELECT * FROM ({inner}) AS matches ORDER BY {columns}"  # noqa: S608 - ours
            cursor.execute(sql, params)
            ids = [pk for pk, *_ in cursor.fetchall()]
        return ids if len(ids) <= self.limit else None

    def _order_keys(self) -> dict:
        """The columns of ``order``, named, to select (a union's or a subquery's order)."""
        return {
            f"order_{n}": F(key) if isinstance(key, str) else key
            for n, key in enumerate(self.order)
        }

    def ids(self, offset: int, size: int) -> list[int]:
        """The ids of ``search_names(people, query)[offset:offset + size]``."""
        end = offset + size
        if not self.tokens:
            return list(self.ranked.values_list("pk", flat=True)[offset:end])
        if len(self.tokens) > 1:
            if end <= len(self._leading):
                return self._leading[offset:end]
            return list(self.ranked.values_list("pk", flat=True)[offset:end])
        if self.count <= self.limit:
            return self._few[offset:end]
        better = 0  # how many records the ranks before ``rank`` hold
        for rank in range(SIMILAR + 1):
            if self._inside_count is not None:
                # The ranks up to INSIDE hold the records the token is in, counted already
                # (within the limit: a typo's, which only SIMILAR holds more of).
                better, rank = self._inside_count, SIMILAR
            count = self.count if rank == SIMILAR else _count_up_to(self._up_to(rank), self.limit)
            if count > self.limit:
                break
            better = count
        ids = []
        if better:  # no more than ``limit``: ranked whole
            ids = list(self._ranked(self._up_to(rank - 1)).values_list("pk", flat=True)[:end])
        # Within ``limit``, this rank fills the page: it holds more than ``limit`` with the
        # ranks before it. The next ones are read for pages past it.
        while len(ids) < end and rank <= SIMILAR:
            ids += self._in_name_order(rank, end - len(ids))
            rank += 1
        return ids[offset:end]

    @cached_property
    def conditions(self) -> list[Q]:
        """The conditions of the ranks EXACT to INSIDE, as the indexes answer them best."""
        conditions = _ranks(self.tokens)
        if not self.indexed:
            return conditions
        # An exact match begins with the first or the last token (it is the first word, for a
        # single token). Said so, the index of first words finds them; otherwise the planner
        # walked the whole index of keys towards "mamadov ..." for a superuser, or read the
        # trigrams of every Məmmədov (87 and 48 ms at 1,000,000 people).
        first_words = Q(first_word__in=sorted({self.tokens[0], self.tokens[-1]}))
        conditions[EXACT] = first_words & conditions[EXACT] if self.tokens[1:] else first_words
        for rank in (WHOLE_WORDS, WORD_PREFIXES, INSIDE):
            words = [self._words(token, rank) for token in self.tokens]
            if None not in words:
                # The words that meet the rank, looked up in the indexes of first and later
                # words. The key's trigrams find more: every name that begins and ends like
                # "mam" (3,045 at 1,000,000 people, and none is "mam"); for "Vəliyev Əli", the
                # 17,244 keys holding both, of which 262 hold a word that starts with each.
                conditions[rank] = reduce(and_, map(_holds_one_of, words))
        return conditions

    def _up_to(self, rank: int) -> QuerySet:
        """The records of ``rank`` and the better ranks, without the match condition that
        their conditions imply: repeated, it misleads the planner into reading every match."""
        return self.matches if rank == SIMILAR else self.people.filter(self.conditions[rank])

    def _of(self, rank: int, rows: QuerySet) -> QuerySet:
        """``rows`` less the records of the better ranks."""
        return rows.exclude(self.conditions[rank - 1]) if rank else rows

    def _ranked(self, rows: QuerySet) -> QuerySet:
        return rows.alias(name_rank=_rank(self.tokens)).order_by("name_rank", *self.order)

    def _in_name_order(self, rank: int, size: int) -> list[int]:
        """The first ``size`` records of ``rank``, in name order."""
        rows = self._of(rank, self._up_to(rank))
        if rank == EXACT:  # the first words of the two leads
            words = [{self.tokens[0], self.tokens[-1]}] if self.indexed else [None]
        else:
            words = [self._words(token, rank) for token in self.tokens]
        first_words = set().union(*words) if None not in words else set()
        if not first_words or len(first_words) > MAX_WORDS:
            parts = [self._by_name(rows)]
        else:
            parts = [rows.filter(first_word=word).order_by(*self.order) for word in first_words]
            if rank != EXACT:  # an exact match begins with a token: all were read above
                # The later words of the lists imply the rank's condition, but for a typo,
                # which counts only where the spelling is found nowhere.
                others = self._of(rank, self.matches if rank == SIMILAR else self.people)
                others = others.exclude(first_word__in=first_words)
                for token_words in words:
                    others = others.filter(later_words__overlap=sorted(token_words))
                parts.append(self._by_name(others))
        # Merged in the database, which knows the collation of the names: the union's columns
        # keep the collation of the order's.
        keys = self._order_keys()
        parts = [part.annotate(**keys).values_list(*keys)[:size] for part in parts]
        if len(parts) > 1:
            parts[0] = parts[0].union(*parts[1:], all=True).order_by(*keys)[:size]
        return [pk for *_, pk in parts[0]]

    def _by_name(self, rows: QuerySet) -> QuerySet:
        if _count_up_to(rows, self.limit) <= self.limit:
            # Few: read whole, then sorted. Ordered by rank first (the same for all), so that
            # no plan walks the name order looking for them.
            return self._ranked(rows)
        return rows.order_by(*self.order)

    def _words(self, token: str, rank: int) -> set[str] | None:
        """Every word of all names by which ``token`` meets ``rank`` (WHOLE_WORDS to
        SIMILAR); None without the indexes that use them (SQLite), or if there are too many."""
        if not self.indexed:
            return None
        if rank == WHOLE_WORDS:
            return {token}
        inside = self._words_holding(token)
        if inside is None:
            return None
        if rank == WORD_PREFIXES:
            return {word for word in inside if word.startswith(token)}
        if rank == SIMILAR:
            return inside | _words_close_to(self.people.db, token)
        return inside

    def _words_holding(self, token: str) -> set[str] | None:
        """The words of all names that hold ``token`` (that start with it if it is shorter
        than a trigram, as ``_inside`` asks); None if more than ``MAX_WORDS``."""
        if token not in self._holding:
            pattern = f"%{token}%" if len(token) >= TRIGRAM else f"{token}%"
            with connections[self.people.db].cursor() as cursor:
                cursor.execute(
                    "SELECT word FROM archive_name_word WHERE word LIKE %s LIMIT %s",
                    [pattern, MAX_WORDS + 1],
                )
                words = {word for (word,) in cursor.fetchall()}
            self._holding[token] = words if len(words) <= MAX_WORDS else None
        return self._holding[token]


def _holds_one_of(words: set[str]) -> Q:
    return Q(first_word__in=sorted(words)) | Q(later_words__overlap=sorted(words))


def _count_up_to(rows: QuerySet, limit: int) -> int:
    # The ids are fetched, not counted by the database: for a count alone, the planner would
    # read the small index of keys in key order, as if the matches were spread through it, and
    # walk 640,000 entries to the Məmmədovs; needing the ids, it takes the indexes that find
    # them (14 ms instead of 350 at 1,000,000 people).
    return len(rows.order_by().values_list("pk", flat=True)[: limit + 1])


def _words_close_to(database: str, token: str) -> set[str]:
    """The words of all names that resemble ``token``, as the typo search finds them."""
    with connections[database].cursor() as cursor:
        cursor.execute("SELECT word FROM archive_name_word WHERE word %% %s", [token])
        return {word for (word,) in cursor.fetchall()}
