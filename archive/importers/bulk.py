"""Writing many rows at once, the fastest way each database allows.

On PostgreSQL new rows go in with ``COPY``: Django's ``bulk_create`` builds a model instance per
row and sends the columns as arrays that psycopg escapes value by value in Python, which took
most of an import of 100,000 people. ``COPY`` streams the values, adapted in C, in one statement
per table. Elsewhere (SQLite) the same rows go through ``bulk_create``.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    ForeignKey,
    IntegerField,
    JSONField,
    TextField,
    UUIDField,
)

BATCH = 1000


def insert_rows(model, rows: list[dict], *, with_ids: bool = False) -> list[int] | None:
    """Add ``rows`` to ``model``'s table: each a dict of column attnames (``content_type_id``)
    and values, every dict with the same keys. The values are sent as they are (so dates and
    times aware), but for JSON, which Django encodes. With ``with_ids``, return the new rows'
    ids, in order."""
    if not rows:
        return [] if with_ids else None
    if connection.vendor != "postgresql":
        saved = model.objects.bulk_create((model(**row) for row in rows), batch_size=BATCH)
        return [obj.pk for obj in saved] if with_ids else None
    attnames = list(rows[0])
    fields = [model._meta.get_field(attname) for attname in attnames]
    json_columns = [n for n, field in enumerate(fields) if isinstance(field, JSONField)]
    db = connections[DEFAULT_DB_ALIAS]

    def values(row: dict) -> list:
        values = list(row.values())
        for n in json_columns:
            values[n] = fields[n].get_db_prep_save(values[n], db)
        return values

    if not with_ids:
        copy_into(model, attnames, map(values, rows))
        return None
    ids = allocate_ids(model, len(rows))
    pk = model._meta.pk.attname
    copy_into(
        model,
        [pk, *attnames],
        ([new_id, *values(row)] for new_id, row in zip(ids, rows, strict=True)),
    )
    return ids


def insert_objects(model, objects: list) -> None:
    """Add unsaved model instances, their primary keys given, every concrete column as the
    instance holds it: as ``bulk_create``, but by ``COPY`` on PostgreSQL."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=BATCH)
        return
    fields = model._meta.concrete_fields
    copy_into(model, [field.attname for field in fields], map(_row_reader(fields), objects))


def _row_reader(fields):
    """What ``bulk_create`` sends for an instance's ``fields``: ``get_db_prep_save()`` of
    ``pre_save()``. Asking every field of 100,000 records takes seconds, so the attributes are
    read all at once and sent as they are where they already have the type Django would send."""
    db = connections[DEFAULT_DB_ALIAS]  # not the proxy, which costs a lookup per attribute
    read = attrgetter(*(field.attname for field in fields))
    checks = [
        (n, field, _sent_as_is(field) if plain_pre_save(field) else None)
        for n, field in enumerate(fields)
    ]

    def row(obj) -> list:
        values = list(read(obj))
        for n, field, python_type in checks:
            value = values[n]
            if python_type is None or (value is not None and type(value) is not python_type):
                values[n] = field.get_db_prep_save(field.pre_save(obj, True), db)
        return values

    return row


def plain_pre_save(field) -> bool:
    """Whether ``field.pre_save()`` only returns the attribute (no ``auto_now``, for example)."""
    return type(field).pre_save in _PLAIN_PRE_SAVE and not (
        getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    )


_PLAIN_PRE_SAVE = {Field.pre_save, DateField.pre_save, DateTimeField.pre_save}


def _sent_as_is(field) -> type | None:
    """The Python type whose values, like None, Django passes on unchanged for this field
    (PostgreSQL); None when only Django's conversion will do (JSON, for one)."""
    if isinstance(field, ForeignKey):
        field = field.target_field  # whose get_db_prep_save() a foreign key calls
    for base, python_type in _AS_IS:
        if isinstance(field, base):
            converting = ("get_prep_value", "get_db_prep_value", "get_db_prep_save")
            unchanged = all(getattr(type(field), m) is getattr(base, m) for m in converting)
            return python_type if unchanged else None
    return None


# Field classes whose conversions leave None and a value of the type given as they are (an
# integer is only tagged with its size, Int2 or Int8, which COPY writes the same).
_AS_IS = [
    (AutoField, int),  # all sizes
    (BooleanField, bool),
    (IntegerField, int),
    (CharField, str),
    (TextField, str),
    # Only None: a naive date and time is made aware.
    (DateTimeField, type(None)),
    (DateField, datetime.date),
    (UUIDField, uuid.UUID),
]


def copy_into(model, attnames: list[str], rows: Iterable[Iterable]) -> None:
    """``COPY`` rows of values, in ``attnames`` order, into ``model``'s table (PostgreSQL)."""
    meta = model._meta
    columns = [meta.get_field(name).column for name in attnames]
    with connection.cursor() as cursor:
        _copy(cursor, meta.db_table, columns, rows)


def _copy(cursor, table: str, columns: list[str], rows: Iterable[Iterable]) -> None:
    names = ", ".join(quoted(column) for column in columns)
    with cursor.copy(f"COPY {quoted(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def allocate_ids(model, count: int) -> list[int] | None:
    """``count`` fresh primary keys from the table's sequence, on PostgreSQL; None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def set_columns(model, objects: list, fields: list[str]) -> None:
    """Write ``fields`` of many saved ``objects``, each row its own values.

    Django's ``bulk_update`` sets each column to a ``CASE`` with a branch per row, which takes
    longer to build than the rest of an import and which the database walks branch by branch for
    every row: re-importing 100,000 changed people took seven minutes. The new values are joined
    to the rows by key instead: on PostgreSQL copied into a temporary table, elsewhere (SQLite
    3.33+) in ``UPDATE ... FROM (VALUES ...)``, a statement per batch."""
    if not objects:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    db = connections[DEFAULT_DB_ALIAS]
    rows = (
        [obj.pk, *(column.get_db_prep_save(getattr(obj, column.attname), db) for column in columns)]
        for obj in objects
    )
    if connection.vendor == "postgresql":
        _update_from_copy(model, columns, rows)
        return
    assignments = ", ".join(
        f"{quoted(column.column)} = v.column{n}" for n, column in enumerate(columns, start=2)
    )
    table, pk = quoted(meta.db_table), quoted(meta.pk.column)
    width = len(columns) + 1
    batch = min(BATCH, (connection.features.max_query_params or width * BATCH) // width)
    row = f"({', '.join(['%s'] * width)})"
    rows = list(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"UPDATE {table} SET {assignments} "  # noqa: S608 - names from _meta
                f"FROM (VALUES {', '.join([row] * len(chunk))}) AS v "
                f"WHERE {table}.{pk} = v.column1",
                [value for values in chunk for value in values],
            )


def _update_from_copy(model, columns: list, rows: Iterable[list]) -> None:
    """PostgreSQL: ``COPY`` the rows' keys and new values into a temporary table, then update
    the table from it in one statement. A query with a placeholder per value costs psycopg
    more to bind than the database takes to run it."""
    meta = model._meta
    staging = f"new_{meta.db_table}"
    table = quoted(meta.db_table)
    keyed = [meta.pk, *columns]
    definitions = ", ".join(f"{quoted(f.column)} {f.cast_db_type(connection)}" for f in keyed)
    assignments = ", ".join(f"{quoted(f.column)} = new.{quoted(f.column)}" for f in columns)
    pk = quoted(meta.pk.column)
    # The temporary table is private to this connection and gone at the end of the transaction
    # at the latest, so this needs one (an import has one already).
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {quoted(staging)} ({definitions}) ON COMMIT DROP")
        _copy(cursor, staging, [field.column for field in keyed], rows)
        cursor.execute(
            f"UPDATE {table} SET {assignments} FROM {quoted(staging)} AS new "  # noqa: S608
            f"WHERE {table}.{pk} = new.{pk}"
        )
        cursor.execute(f"DROP TABLE {quoted(staging)}")


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)
