"""The content generation: a token the database replaces whenever public content changes,
except people's and families' records, which replace tokens of their own (:mod:`.dependencies`).

Everything kept of public content (whole responses, derived values, fragments) is stored beside
or under the generation it was computed in, and is current only while that generation is. The
token lives in the database, in one row, and the database itself replaces it: a trigger on every
table of the content apps does so in the same transaction as the change (tables only the admin
reads, revisions and history, are not content). So no path can change
content without changing the generation (the admin, workflows, the importers' COPY and bulk
statements, management commands, a restore, the scheduler, raw SQL), and no cache can make it
stale: a Redis restarted from an old dump, each worker's local memory, a flush. A request reads
it once, with one indexed single-row query.

A record past its ``expire_at`` leaves the public the moment it expires (``public()`` compares
with the database's clock), yet nothing is written until the scheduler unpublishes it. So the
generation is the token together with the latest ``expire_at`` already passed among live
records: that moves forward whenever one more expires, since it expires later than any already
expired, and once the scheduler unpublishes them the token changes anyway. A partial index of
each table's live records with an expiry (there are few) makes that one index probe a table:
0.05 ms on PostgreSQL at 100,000 people, where the token alone takes 0.013 ms.

On PostgreSQL the trigger is deferred to the commit and replaces the token once per transaction,
so writers hold the row's lock only while they commit: a 45-second import does not hold up an
editor's save. SQLite has no deferred triggers; there the token changes with each row written,
which costs a single-row update per row (SQLite writers take turns anyway).

Nothing computed inside a transaction is kept: on PostgreSQL it would be filed under the
generation before the transaction's own change, and might be rolled back."""

from __future__ import annotations

import functools

from django.db import DEFAULT_DB_ALIAS, connections

from . import dependencies

TRIGGER = "archive_content_changed"
GENERATION_FUNCTION = "archive_current_generation"
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
# Tables of those apps that hold no content: what the API's incremental sync keeps about it
# (archive/models/changes.py). Writing them must not start a new generation.
NOT_CONTENT = ("archive.loggedchange", "archive.publicrecord", "archive.syncstate")
# Wagtail's tables that only the admin reads: revisions (a page or record shows its live row,
# which publishing writes), history, workflow, comments, usage, permissions. An editor's save
# writes them beside the record: were they content, every edit to one person would start a
# new generation, and throw away every other person's cached page.
ADMIN_ONLY = tuple(
    f"wagtailcore_{name}"
    for name in (
        "apitoken",
        "comment",
        "commentreply",
        "groupapprovaltask",
        "groupapprovaltask_groups",
        "groupcollectionpermission",
        "grouppagepermission",
        "groupsitepermission",
        "modellogentry",
        "pagelogentry",
        "pagesubscription",
        "referenceindex",
        "revision",
        "task",
        "taskstate",
        "uploadedfile",
        "workflow",
        "workflowcontenttype",
        "workflowpage",
        "workflowstate",
        "workflowtask",
    )
) + (
    # The reason an editor gave with a revision (the public history copies it at publication).
    "archive_revisionreason",
)


# Tables whose new rows nothing public shows until a row of content names them, which writes
# that row: an image or a document uploaded (a photo chosen for a person is uploaded first, then
# published with the person, whose token that replaces), and a rendition made as a page that
# shows its image is rendered (the page reads the generation first, so it would be kept under
# one its own rendering replaced). Their updates and deletes (a file replaced or sealed,
# renditions deleted with it) change what pages show, and replace the generation.
NEW_ROWS_SHOWN_NOWHERE = ("wagtailimages_image", "wagtailimages_rendition", "wagtaildocs_document")


def install_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the generation's row, a trigger on every table of ``CONTENT_APPS`` that lacks
    one, the triggers of people's and families' records' tokens (:mod:`.dependencies`), and
    the index of expiries on each that has ``expire_at``. Run after every ``migrate`` (see
    apps.py), so that tables added by a new model or a Wagtail upgrade are covered from their
    first migration on."""
    from django.apps import apps

    connection = connections[using]
    tables = {
        model._meta.db_table
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in NOT_CONTENT
    }
    existing = set(connection.introspection.table_names())
    admin_only = sorted(tables & existing & set(ADMIN_ONLY))
    tables = sorted((tables & existing) - set(ADMIN_ONLY))
    with connection.cursor() as cursor:
        dependencies.install(cursor, tables)
        if connection.vendor == "postgresql":
            _install_postgresql(cursor, tables, admin_only)
        else:
            _install_sqlite(cursor, tables, admin_only)
        _index_expiries(cursor, [table for table in _expiring_tables() if table in existing])


def _expiring_tables() -> list[str]:
    """The tables of ``CONTENT_APPS`` that hold ``expire_at`` (Wagtail's ``DraftStateMixin``):
    the archive's moderated snippets, and ``wagtailcore_page`` for pages of every type."""
    from django.apps import apps
    from wagtail.models import DraftStateMixin

    return sorted(
        {
            model._meta.get_field("expire_at").model._meta.db_table
            for label in CONTENT_APPS
            for model in apps.get_app_config(label).get_models()
            if issubclass(model, DraftStateMixin)
        }
    )


def _index_expiries(cursor, tables: list[str]) -> None:
    """Index the live records that have an expiry (few: most never expire), so finding the
    latest one already passed is one probe. Created here rather than by a migration because
    Wagtail's page table needs it too."""
    for table in tables:
        name = cursor.db.ops.quote_name(f"archive_expiry_{table}")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {cursor.db.ops.quote_name(table)} (expire_at)"
            " WHERE expire_at IS NOT NULL AND live"
        )


# The clock of Django's ``Now()``, which ``public()`` compares ``expire_at`` with: on PostgreSQL
# the statement's time, since CURRENT_TIMESTAMP would be the transaction's.
_NOW = {
    "postgresql": "statement_timestamp()",
    "sqlite": "strftime('%Y-%m-%d %H:%M:%f', 'now')",
}


def _generation_select(vendor: str) -> str:
    """The token, followed by the latest ``expire_at`` already passed among live records, if
    any: one probe of each table's index of expiries."""
    latest = " UNION ALL ".join(
        f"SELECT (SELECT expire_at FROM {table} WHERE expire_at <= {_NOW[vendor]} AND live"  # noqa: S608 - names from _meta
        " ORDER BY expire_at DESC LIMIT 1) AS expired"
        for table in _expiring_tables()
    )
    return (
        f"SELECT token || coalesce(':' || (SELECT max(expired) FROM ({latest}) AS expiries), '')"  # noqa: S608
        " FROM archive_content_generation WHERE id = 1"
    )


_SECONDS_UNTIL = {
    "postgresql": "EXTRACT(EPOCH FROM min(expires) - statement_timestamp())",
    "sqlite": "(julianday(min(expires)) - julianday('now')) * 86400",
}


def seconds_to_next_expiry() -> int | None:
    """Seconds until the next live record's ``expire_at``, if one has one: a response kept
    elsewhere than beside the generation (a shared cache in front) must not outlive it."""
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = connection.vendor
    upcoming = " UNION ALL ".join(
        f"SELECT (SELECT expire_at FROM {table} WHERE expire_at > {_NOW[vendor]} AND live"  # noqa: S608 - names from _meta
        " ORDER BY expire_at LIMIT 1) AS expires"
        for table in _expiring_tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_SECONDS_UNTIL[vendor]} FROM ({upcoming}) AS upcoming")  # noqa: S608
        seconds = cursor.fetchone()[0]
    return None if seconds is None else max(0, int(seconds))


@functools.cache
def reading_sql(vendor: str) -> str:
    """The query of the generation (one row, one column)."""
    # PostgreSQL would spend longer planning the probes (0.3 ms at every request) than running
    # them; a PL/pgSQL function keeps its plan for the whole session.
    if vendor == "postgresql":
        return f"SELECT {GENERATION_FUNCTION}()"
    return _generation_select(vendor)


_CREATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS archive_content_generation (id integer PRIMARY KEY, token text)"
)
_SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN"  # noqa: S608 - constants
    " UPDATE archive_content_generation SET token = lower(hex(randomblob(16))) WHERE id = 1;"
    f" INSERT INTO {dependencies.PURGES} VALUES ('{dependencies.CONTENT}'); END"
)
_POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION archive_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per statement: every row a statement writes calls this, and a transaction's
    -- deferred calls all run within its COMMIT.
    IF current_setting('archive.content_changed_at', true)
            IS DISTINCT FROM statement_timestamp()::text THEN
        UPDATE archive_content_generation SET token = gen_random_uuid()::text WHERE id = 1;
        INSERT INTO archive_purge VALUES ('content');
        PERFORM set_config('archive.content_changed_at', statement_timestamp()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""


def _install_postgresql(cursor, tables: list[str], admin_only: list[str]) -> None:
    cursor.execute(_CREATE_TABLE)
    cursor.execute(
        "INSERT INTO archive_content_generation VALUES (1, gen_random_uuid()::text)"
        " ON CONFLICT DO NOTHING"
    )
    cursor.execute(_POSTGRESQL_FUNCTION)
    # Replaced at every migrate, so that it reads every table that has expire_at.
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {GENERATION_FUNCTION}() RETURNS text"
        f" LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN ({_generation_select('postgresql')}); END $$"
    )
    cursor.execute(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE t.tgname IN (%s, %s)",
        [TRIGGER, f"{TRIGGER}_truncate"],
    )
    covered = set(cursor.fetchall())
    for table in tables:
        quoted = cursor.db.ops.quote_name(table)
        if table in dependencies.RECORD_TABLES:
            # Their rows replace their records' tokens instead (see dependencies.py).
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}")
        elif (TRIGGER, table) not in covered or table in NEW_ROWS_SHOWN_NOWHERE:
            events = (
                "UPDATE OR DELETE"
                if table in NEW_ROWS_SHOWN_NOWHERE
                else "INSERT OR UPDATE OR DELETE"
            )
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}")
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER {events} ON {quoted}"
                f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
            )
        # Constraint triggers cannot fire on TRUNCATE (Django's flush, a restore), which names
        # no rows: the whole content changes.
        if (f"{TRIGGER}_truncate", table) not in covered:
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON {quoted}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
            )
    for table in admin_only:
        quoted = cursor.db.ops.quote_name(table)
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON {quoted}")


def _install_sqlite(cursor, tables: list[str], admin_only: list[str]) -> None:
    cursor.execute(_CREATE_TABLE)
    cursor.execute(
        "INSERT OR IGNORE INTO archive_content_generation VALUES (1, lower(hex(randomblob(16))))"
    )
    for table in [*tables, *admin_only]:
        quoted = cursor.db.ops.quote_name(table)
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = cursor.db.ops.quote_name(f"{TRIGGER}_{table}_{event.lower()}")
            if (
                table in admin_only
                or table in dependencies.RECORD_TABLES
                or (event == "INSERT" and table in NEW_ROWS_SHOWN_NOWHERE)
            ):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(_SQLITE_TRIGGER.format(name=name, event=event, table=quoted))
