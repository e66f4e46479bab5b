"""The change log: the database notes each row written to the tables the API's large lists
are made of, with the values of the columns the incremental sync asks about
(:data:`archive.api.sync.MADE_OF`), in :class:`~archive.models.LoggedChange`.

Triggers, as for the content generation (:mod:`archive.caching.generation`), because a change
reaches these tables in many ways that no Python signal sees: the importer's COPY and bulk
statements, bulk moderation, a restore, raw SQL. They are installed after every ``migrate``.

On PostgreSQL the triggers fire once per statement and copy the statement's rows from its
transition tables in one INSERT, so an import of 100,000 people adds one statement per table,
not 100,000. SQLite has only row triggers. A row updated is noted with its values before and
after (a family membership moved from one person to another changes both), except its id;
TRUNCATE, which has no rows to name, notes that everything is to be compared."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

from .sync import EVERYTHING, watched_columns

PREFIX = "archive_change_log"
LOG = "archive_loggedchange"

_POSTGRESQL_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION {PREFIX}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE column_name text;
BEGIN
    FOREACH column_name IN ARRAY TG_ARGV LOOP
        IF TG_OP <> 'DELETE' THEN
            EXECUTE format('INSERT INTO {LOG} (source, value) SELECT DISTINCT %L, %I FROM new_rows',
                TG_TABLE_NAME || '.' || column_name, column_name);
        END IF;
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND column_name <> 'id') THEN
            EXECUTE format('INSERT INTO {LOG} (source, value) SELECT DISTINCT %L, %I FROM old_rows',
                TG_TABLE_NAME || '.' || column_name, column_name);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
CREATE OR REPLACE FUNCTION {PREFIX}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {LOG} (source) VALUES ('{EVERYTHING}');
    RETURN NULL;
END
$$;
"""  # noqa: S608 - names from this module
_TRANSITIONS = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}


def install_change_log(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """(Re)create the triggers of every watched table that exists, with the columns watched
    now: a column added to :data:`~archive.api.sync.MADE_OF` is noted from the next migrate."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRESQL_FUNCTIONS)
        for table, columns in sorted(watched_columns().items()):
            if table in existing:
                if connection.vendor == "postgresql":
                    _install_postgresql(cursor, table, sorted(columns))
                else:
                    _install_sqlite(cursor, table, sorted(columns))


def _install_postgresql(cursor, table: str, columns: list[str]) -> None:
    quote = cursor.db.ops.quote_name
    arguments = ", ".join(f"'{column}'" for column in columns)
    for event, transition in _TRANSITIONS.items():
        name = quote(f"{PREFIX}_{event}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)} {transition}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}({arguments})"
        )
    name = quote(f"{PREFIX}_truncate")
    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {quote(table)}")
    cursor.execute(
        f"CREATE TRIGGER {name} AFTER TRUNCATE ON {quote(table)}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {PREFIX}_truncate()"
    )


def _install_sqlite(cursor, table: str, columns: list[str]) -> None:
    quote = cursor.db.ops.quote_name
    for event in ("insert", "update", "delete"):
        rows = []
        for column in columns:
            if event != "delete":
                rows.append(f"('{table}.{column}', NEW.{quote(column)})")
            if event == "delete" or (event == "update" and column != "id"):
                rows.append(f"('{table}.{column}', OLD.{quote(column)})")
        name = quote(f"{PREFIX}_{table}_{event}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {quote(table)} BEGIN"  # noqa: S608 - names from _meta
            f" INSERT INTO {LOG} (source, value) VALUES {', '.join(rows)}; END"
        )
