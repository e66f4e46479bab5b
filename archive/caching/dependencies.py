"""What a kept page or value depends on, finer than the whole content: people and families.

An edit to one person must not throw away every other person's cached page (at 100,000 people
an archive is edited one record at a time, all day, while visitors read it). So the tables a
person's or a family's record is made of (:data:`RECORD_TABLES`) leave the content generation
(:mod:`.generation`) alone, and instead the database replaces, in the same statement as the
change, a version token for each record the change shows on:

- ``person:<id>``: a person's memorial page and API record. Replaced when any version of the
  person (a translation's restriction hides the original), its testimonies, its sources, its
  fate events, its photos and documents, the contributions visitors sent of it, the entries of
  its public history of changes, its family memberships, or a family it belongs to is written.
- ``family:<id>``: a family's page and API record, replaced with every version of the family,
  its photos and documents, its memberships, and any version of a member.
- ``people`` (:data:`PEOPLE`): every list, count and facet of people or families: replaced
  by any write to those tables, once per transaction.
- ``lists`` (:data:`LISTS`): the lists and name searches of people that say they read no more
  of a person than :data:`LISTED_TABLES` allows (the people index, its name search and A–Z bar,
  the API's numbered pages of people). Replaced with ``people`` (at commit, once per
  transaction), but not by a write that changes only what no list reads: a biography, an
  occupation, a photo, a testimony, a source, a fate event's words, a revision published with
  the same list columns (what an editor does all day). What such a list shows of each person
  (its card, its API record) is kept under the person's own token.
- ``counts`` (:data:`COUNTS`): the counts and facets that choose people without reading their
  names (the index's counts by filter and its choices of places and families, the API's counts
  without a name search, the home page's documented counts): replaced with ``lists``, but not
  by a name corrected (:data:`NAME_COLUMNS`).
- ``letters`` (:data:`LETTERS`): what reads of the names only the family name's first letter
  (the index's A–Z bar, its counts under a letter, its search box and filters beside the bar):
  replaced with ``counts``, and by a family name written, but not by another name corrected.

Whatever else is written (places, sources, events, pages, images, locales ...) replaces the
content generation, which everything depends on. So anything that shows people and says no more
depends on ``people`` as a whole (the default everywhere); only what shows just the records
it names says so (:func:`.tokens.depends_only_on`), and keeps when another record changes.

The same guarantees as the generation's: triggers, so that no way of writing goes unnoticed;
tokens read before the content they guard (a record's when a view names it, before reading
it), so that a page is never kept under a token newer than what it shows; nothing read inside
a transaction is kept; tokens are random and live in the database, so a stale cache matches
none. Per-record tokens are written by statement (PostgreSQL's transition tables: an import's
COPY replaces them in one statement per table); the rows they lock are the records' own, which
the writer holds anyway. The ``people`` token, which every writer shares, is replaced at commit,
as the generation is."""

# ruff: noqa: S608 - the SQL here is built from this module's constants and tables' names

from __future__ import annotations

PEOPLE = "people"
LISTS = "lists"
COUNTS = "counts"
LETTERS = "letters"
# What a change to anything else replaces: the content generation. Every kept response
# depends on it, so a shared cache purging it purges every page of the archive.
CONTENT = "content"
VERSIONS = "archive_content_version"
# The keys replaced since a shared cache in front was last told (see purging.py).
PURGES = "archive_purge"
PREFIX = "archive_record_changed"


def person_key(pk) -> str:
    return f"person:{pk}"


def family_key(pk) -> str:
    return f"family:{pk}"


# For each table people's and families' records are made of: the columns its rows are read by,
# and the keys a set of its rows (``{rows}``) replaces. Run after the write, so a deleted
# membership's family still lists its other members, and a person's versions are all found.
# A person's record shows its families in the reader's language (any version of each, public
# while one of its members is), so a family, a membership or a member written replaces the
# tokens of every member of every version of the family: families are small.
def _versions_of_people(keys: str) -> str:
    return f"SELECT p.id FROM archive_person p WHERE p.translation_key IN ({keys})"


def _versions_of_families(ids: str) -> str:
    return (
        "SELECT f.id FROM archive_family f WHERE f.translation_key IN"
        f" (SELECT g.translation_key FROM archive_family g WHERE g.id IN ({ids}))"
    )


def _family_and_members(families: str) -> str:
    """The keys of the families ``families`` selects and of their members."""
    return (
        f" UNION SELECT 'family:' || id FROM ({families}) AS families"
        " UNION SELECT 'person:' || m.person_id FROM archive_familymembership m"
        f" WHERE m.family_id IN ({families})"
    )


_PEOPLE_WRITTEN = _versions_of_people("SELECT translation_key FROM {rows}")
RECORD_TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "archive_person": (
        ("id", "translation_key"),
        "SELECT 'person:' || id AS key FROM {rows}"
        f" UNION SELECT 'person:' || id FROM ({_PEOPLE_WRITTEN}) AS versions"
        + _family_and_members(
            _versions_of_families(
                "SELECT m.family_id FROM archive_familymembership m"
                f" WHERE m.person_id IN ({_PEOPLE_WRITTEN})"
            )
        ),
    ),
    "archive_testimony": (("person_id",), "SELECT 'person:' || person_id AS key FROM {rows}"),
    "archive_person_sources": (("person_id",), "SELECT 'person:' || person_id AS key FROM {rows}"),
    "archive_fateevent": (("person_id",), "SELECT 'person:' || person_id AS key FROM {rows}"),
    # A visitor's message waiting for a moderator, or a report of someone missing, names no
    # page; an approved one shows on its person's.
    "archive_contribution": (
        ("person_id",),
        "SELECT 'person:' || person_id AS key FROM {rows} WHERE person_id IS NOT NULL",
    ),
    # Written as a person is published, beside it; timeline entries' and statements' entries
    # are written beside their records, which replace the content generation.
    "archive_publishedchange": (
        ("model", "record_id"),
        "SELECT 'person:' || record_id AS key FROM {rows} WHERE model = 'archive.person'",
    ),
    "archive_familymembership": (
        ("person_id", "family_id"),
        "SELECT 'person:' || person_id AS key FROM {rows}"
        + _family_and_members(_versions_of_families("SELECT family_id FROM {rows}")),
    ),
    "archive_family": (
        ("id", "translation_key"),
        "SELECT 'family:' || id AS key FROM {rows}"
        + _family_and_members(_versions_of_families("SELECT id FROM {rows}")),
    ),
    # Photos and documents: shown on their record's page and in its API record (of the version
    # asked for, which may be a translation's), and nowhere else of people or families.
    "archive_personmedia": (
        ("person_id",),
        "SELECT 'person:' || person_id AS key FROM {rows}"
        " UNION SELECT 'person:' || id FROM ("
        + _versions_of_people(
            "SELECT q.translation_key FROM archive_person q"
            " WHERE q.id IN (SELECT person_id FROM {rows})"
        )
        + ") AS versions",
    ),
    "archive_familymedia": (
        ("family_id",),
        "SELECT 'family:' || family_id AS key FROM {rows}"
        " UNION SELECT 'family:' || id FROM ("
        + _versions_of_families("SELECT family_id FROM {rows}")
        + ") AS versions",
    ),
}


# The tables a list of people reads, and for each the columns whose change leaves every list as
# it was (None: every write counts). Any other column counts, so a column added later is read
# by lists until it is named here. A person's row: what the API's records show is kept under
# its own token (the index's cards show none of these columns, so a page of them is kept under
# the lists' token: archive.views.people.page_of_cards); what chooses, orders, counts and finds
# people (publication, visibility, expiry, locale and translation group, names and name keys,
# fate, sex, age, dates, places, event, verification, the synthetic flag) is not named here.
# Holds are read by lists too, but replace the content generation. Fate events: the documented
# counts read their kinds (who was ever wounded or taken captive), not their dates, places,
# sources or notes.
LISTED_TABLES: dict[str, tuple[str, ...] | None] = {
    "archive_person": (
        "occupation",
        "biography",
        "photo_id",
        "possible_duplicate_of_id",
        "latest_revision_id",
        "live_revision_id",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "locked",
        "locked_at",
        "locked_by_id",
    ),
    "archive_fateevent": (
        "sort_order",
        "date",
        "date_precision",
        "date_approximate",
        "certainty",
        "note",
        "place_id",
        "source_id",
    ),
    "archive_familymembership": None,
    "archive_family": None,
}


# What orders and finds people, and what counts do not read.
NAME_COLUMNS = (
    "family_name",
    "given_name",
    "patronymic",
    "name_original",
    "alternative_spellings",
    "name_key",
)


# For each token of lists, the tables it watches and the columns of each whose change leaves it
# as it was (see LISTED_TABLES).
def _also_unread(names: tuple[str, ...]) -> dict[str, tuple[str, ...] | None]:
    return {
        table: (*unlisted, *names) if table == "archive_person" else unlisted
        for table, unlisted in LISTED_TABLES.items()
    }


WATCHED: dict[str, dict[str, tuple[str, ...] | None]] = {
    LISTS: LISTED_TABLES,
    COUNTS: _also_unread(NAME_COLUMNS),
    # A given name corrected (the commonest correction) leaves the A–Z bar as it was: its
    # letters, probed anew, took 10 ms of a first index page after such an edit, and the
    # search box and filters rendered beside them 45 ms (load 15).
    LETTERS: _also_unread(tuple(name for name in NAME_COLUMNS if name != "family_name")),
}


def depends_on_tables(*tables: str) -> tuple[str, ...]:
    """What a value read from ``tables`` (database table names) depends on besides the
    content generation: all people, if it reads any of their tables."""
    return (PEOPLE,) if any(table in RECORD_TABLES for table in tables) else ()


# Installing.

_CREATE_TABLES = (
    f"CREATE TABLE IF NOT EXISTS {VERSIONS} (key text PRIMARY KEY, token text)",
    f"CREATE TABLE IF NOT EXISTS {PURGES} (key text NOT NULL)",
)


def _postgresql_replacing(function: str, key: str) -> str:
    """A trigger function that replaces the token of ``key`` (all people, or their lists)."""
    done = f"archive.{function.removeprefix('archive_')}_at"
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Deferred to the commit, and once per statement, as the content generation's trigger.
    IF current_setting('{done}', true) IS DISTINCT FROM statement_timestamp()::text THEN
        INSERT INTO {VERSIONS} VALUES ('{key}', gen_random_uuid()::text)
            ON CONFLICT (key) DO UPDATE SET token = excluded.token;
        INSERT INTO {PURGES} VALUES ('{key}');
        PERFORM set_config('{done}', statement_timestamp()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""


# Each key once: a statement may write a person's sources, or many families' members, at once.
_UPSERT = (
    "INSERT INTO " + VERSIONS + " (key, token) SELECT key, {token} FROM"
    " (SELECT DISTINCT key FROM {changed} AS keys WHERE key IS NOT NULL) AS changed"
    # WHERE: SQLite would read ON CONFLICT as the join's ON.
    " WHERE true {order} ON CONFLICT (key) DO UPDATE SET token = excluded.token"
)
_QUEUE = "INSERT INTO " + PURGES + " SELECT key FROM {changed} AS changed WHERE key IS NOT NULL"


def install(cursor, tables: list[str]) -> None:
    """The table of tokens, and the triggers of each of ``tables`` that is one of
    :data:`RECORD_TABLES` or watched by a token of lists (:data:`WATCHED`) (installed by
    :func:`generation.install_triggers`)."""
    for statement in _CREATE_TABLES:
        cursor.execute(statement)
    postgresql = cursor.db.vendor == "postgresql"
    if postgresql:
        cursor.execute(_postgresql_replacing("archive_people_changed", PEOPLE))
        for key in WATCHED:
            cursor.execute(_postgresql_replacing(f"archive_{key}_changed", key))
    for table in tables:
        if table in RECORD_TABLES:
            (_install_postgresql if postgresql else _install_sqlite)(cursor, table)
        for key, watched in WATCHED.items():
            if table in watched:
                _install_watching(cursor, table, key, watched[table])


def _listed_change(cursor, table: str, unlisted: tuple[str, ...] | None) -> str | None:
    """The condition on ``OLD`` and ``NEW`` under which an update of ``table`` changes a column
    not among ``unlisted`` (None: every update does)."""
    if unlisted is None:
        return None
    quote = cursor.db.ops.quote_name
    columns = [
        quote(column.name)
        for column in cursor.db.introspection.get_table_description(cursor, table)
        if column.name not in unlisted
    ]
    differs = "IS DISTINCT FROM" if cursor.db.vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in columns)


def _install_watching(cursor, table: str, key: str, unlisted: tuple[str, ...] | None) -> None:
    """The triggers by which a write to ``table`` replaces the token ``key`` (:data:`WATCHED`):
    every insert and delete, and the updates that change a column not among ``unlisted``."""
    quote = cursor.db.ops.quote_name
    changed = _listed_change(cursor, table, unlisted)
    when = "" if changed is None else f" WHEN ({changed})"
    if cursor.db.vendor == "postgresql":
        every = "INSERT OR DELETE" if changed else "INSERT OR UPDATE OR DELETE"
        function = f"archive_{key}_changed"
        triggers = {function: every, f"{function}_update": "UPDATE"}
        for name, events in triggers.items():
            cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)} ON {quote(table)}")
            if name.endswith("_update") and not changed:
                continue
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {quote(name)} AFTER {events} ON {quote(table)}"
                " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                f"{when if events == 'UPDATE' else ''} EXECUTE FUNCTION {function}()"
            )
        return
    replace = (
        f"INSERT INTO {VERSIONS} VALUES ('{key}', lower(hex(randomblob(16))))"
        f" ON CONFLICT (key) DO UPDATE SET token = excluded.token;"
        f" INSERT INTO {PURGES} VALUES ('{key}');"
    )
    for event in ("insert", "update", "delete"):
        name = quote(f"archive_{key}_changed_{table}_{event}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)}"
            f"{when if event == 'update' else ''} BEGIN {replace} END"
        )


def _install_postgresql(cursor, table: str) -> None:
    quote = cursor.db.ops.quote_name
    _columns, keys = RECORD_TABLES[table]
    upsert = _UPSERT.replace("{token}", "gen_random_uuid()::text").replace(
        "{order}",
        "ORDER BY key",  # the same order in every writer: no deadlock between two
    )
    function = f"{PREFIX}_{table}"

    def replace(rows: str) -> str:
        changed = f"({keys.format(rows=rows)})"
        return f"WITH queued AS ({_QUEUE.format(changed=changed)}) {upsert.format(changed=changed)}"

    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF TG_OP <> 'DELETE' THEN {replace('new_rows')}; END IF;"
        f" IF TG_OP <> 'INSERT' THEN {replace('old_rows')}; END IF;"
        " RETURN NULL; END $$"
    )
    transitions = {
        "insert": "REFERENCING NEW TABLE AS new_rows",
        "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "REFERENCING OLD TABLE AS old_rows",
    }
    for event, transition in transitions.items():
        name = quote(f"{PREFIX}_{event}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)} {transition}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    name = quote("archive_people_changed")
    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
    cursor.execute(
        f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {quote(table)}"
        " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION archive_people_changed()"
    )


def _install_sqlite(cursor, table: str) -> None:
    quote = cursor.db.ops.quote_name
    columns, keys = RECORD_TABLES[table]
    upsert = _UPSERT.replace("{token}", "lower(hex(randomblob(16)))").replace("{order}", "")
    people = (
        f"INSERT INTO {VERSIONS} VALUES ('{PEOPLE}', lower(hex(randomblob(16))))"
        " ON CONFLICT (key) DO UPDATE SET token = excluded.token"
    )
    for event in ("insert", "update", "delete"):
        statements = [people, f"INSERT INTO {PURGES} VALUES ('{PEOPLE}')"]
        for row in ("NEW", "OLD"):
            if (row, event) in (("NEW", "delete"), ("OLD", "insert")):
                continue
            rows = ", ".join(f"{row}.{quote(column)} AS {column}" for column in columns)
            changed = f"({keys.format(rows=f'(SELECT {rows})')})"
            statements.append(_QUEUE.format(changed=changed))
            statements.append(upsert.format(changed=changed))
        name = quote(f"{PREFIX}_{table}_{event}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)} BEGIN "
            + "; ".join(statements)
            + "; END"
        )
