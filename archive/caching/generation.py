"""The content generation: a token the database replaces whenever public content changes.

Everything kept of public content (whole responses, derived values, fragments) is stored beside
or under the generation it was computed in, and is current only while that generation is. The
token lives in the database, in one row, and the database itself replaces it: a trigger on every
table of the content apps does so in the same transaction as the change. So no path can change
content without changing the generation (the admin, workflows, the importers' COPY and bulk
statements, management commands, a restore, the scheduler, raw SQL), and no cache can make it
stale: a Redis restarted from an old dump, each worker's local memory, a flush. A request reads
it once, with one indexed single-row query.

On PostgreSQL the trigger is deferred to the commit and replaces the token once per transaction,
so writers hold the row's lock only while they commit: a 45-second import does not hold up an
editor's save. SQLite has no deferred triggers; there the token changes with each row written,
which costs a single-row update per row (SQLite writers take turns anyway).

Nothing computed inside a transaction is kept: on PostgreSQL it would be filed under the
generation before the transaction's own change, and might be rolled back."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

TRIGGER = "archive_content_changed"
# Apps whose rows can appear on a public page or in the API (pages, snippets, images, documents,
# redirects, tags). Sessions, search index rows, editing sessions and the rate limits' counters
# are not among them.
CONTENT_APPS = (
    "archive",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
)


def current_generation(request=None) -> str | None:
    """The content generation; None inside a transaction, where nothing may be kept.

    With a request, read once for the whole request, as the anonymous response cache does."""
    if hasattr(request, "_content_generation"):
        return request._content_generation
    connection = connections[DEFAULT_DB_ALIAS]
    if any(not block._from_testcase for block in connection.atomic_blocks):
        generation = None
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT token FROM archive_content_generation WHERE id = 1")
            generation = cursor.fetchone()[0]
    if request is not None:
        request._content_generation = generation
    return generation


def install_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the generation's row and a trigger on every table of ``CONTENT_APPS`` that lacks
    one. Run after every ``migrate`` (see apps.py), so that tables added by a new model or a
    Wagtail upgrade are covered from their first migration on."""
    from django.apps import apps

    connection = connections[using]
    tables = {
        model._meta.db_table
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _install_postgresql(cursor, sorted(tables & existing))
        else:
            _install_sqlite(cursor, sorted(tables & existing))


_CREATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS archive_content_generation (id integer PRIMARY KEY, token text)"
)
_SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN"
    " UPDATE archive_content_generation SET token = lower(hex(randomblob(16))) WHERE id = 1; END"
)
_POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION archive_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per statement: every row a statement writes calls this, and a transaction's
    -- deferred calls all run within its COMMIT.
    IF current_setting('archive.content_changed_at', true)
            IS DISTINCT FROM statement_timestamp()::text THEN
        UPDATE archive_content_generation SET token = gen_random_uuid()::text WHERE id = 1;
        PERFORM set_config('archive.content_changed_at', statement_timestamp()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""


def _install_postgresql(cursor, tables: list[str]) -> None:
    cursor.execute(_CREATE_TABLE)
    cursor.execute(
        "INSERT INTO archive_content_generation VALUES (1, gen_random_uuid()::text)"
        " ON CONFLICT DO NOTHING"
    )
    cursor.execute(_POSTGRESQL_FUNCTION)
    cursor.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE t.tgname = %s",
        [TRIGGER],
    )
    covered = {name for (name,) in cursor.fetchall()}
    for table in tables:
        if table in covered:
            continue
        quoted = cursor.db.ops.quote_name(table)
        cursor.execute(
            f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {quoted}"
            f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
        )
        # Constraint triggers cannot fire on TRUNCATE (Django's flush, a restore).
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON {quoted}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
        )


def _install_sqlite(cursor, tables: list[str]) -> None:
    cursor.execute(_CREATE_TABLE)
    cursor.execute(
        "INSERT OR IGNORE INTO archive_content_generation VALUES (1, lower(hex(randomblob(16))))"
    )
    for table in tables:
        quoted = cursor.db.ops.quote_name(table)
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = cursor.db.ops.quote_name(f"{TRIGGER}_{table}_{event.lower()}")
            cursor.execute(_SQLITE_TRIGGER.format(name=name, event=event, table=quoted))
