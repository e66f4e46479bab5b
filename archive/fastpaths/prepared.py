"""Querysets compiled to SQL once per process, for the queries every memorial page runs.

Django compiles a queryset to SQL anew each time it is evaluated. For the memorial page that cost
more than everything else the page does: some 2,000 Python calls to compile the person's query
alone (forty columns), against some 300 to run it. A prepared query compiles its queryset once
per database, then runs the same SQL with the value it is given and builds the same model
instances Django would (``Model.from_db``, with the database's converters applied), with the
queryset's annotations set on them and, where its iterable finishes each row (the public's
people, whose held fields it blanks: :class:`archive.models.holds.PublicPeople`), finished.

Only plain querysets of one model qualify: no ``select_related`` or ``values()``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import connections, models

M = TypeVar("M", bound=models.Model)

# Stands for the value while the queryset is compiled; found again among the SQL parameters.
_PLACEHOLDER = -7_346_001_917


class PreparedQuery(Generic[M]):
    """``make(value)`` as SQL compiled on first use; calling it with a value returns the rows.

    ``make`` must depend on nothing but its value (not on the language, nor on the time): what
    it returns the first time is what every later call runs."""

    def __init__(self, make: Callable[[int], models.QuerySet[M]]):
        self.make = make
        self._compiled: tuple | None = None

    def __call__(self, value: int) -> list[M]:
        if self._compiled is None:
            self._compiled = self._compile(self.make(_PLACEHOLDER))
        using, sql, params, positions, converters, model, columns, attnames, annotations, finish = (
            self._compiled
        )
        connection = connections[using]
        # The ORM finds no row for a value outside the column's range without asking (SQLite
        # would fail on it); so does this.
        lowest, highest = connection.ops.integer_field_range("BigIntegerField")
        if not lowest <= value <= highest:
            return []
        params = list(params)
        for position in positions:
            params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        objects = []
        for row in rows:
            values = list(row)
            # As SQLCompiler.apply_converters, with this thread's connection.
            for position, (functions, expression) in converters:
                for function in functions:
                    values[position] = function(values[position], expression, connection)
            instance = model.from_db(using, attnames, values[columns])
            for name, position in annotations:
                setattr(instance, name, values[position])
            objects.append(finish(instance) if finish else instance)
        return objects

    @staticmethod
    def _compile(queryset: models.QuerySet[M]) -> tuple:
        compiler = queryset.query.get_compiler(queryset.db)
        sql, params = compiler.as_sql()
        klass_info = compiler.klass_info
        positions = [n for n, param in enumerate(params) if param == _PLACEHOLDER]
        if not positions or not klass_info or klass_info.get("related_klass_infos"):
            raise ValueError("A prepared query needs one model, no related rows, and a value.")
        selected = klass_info["select_fields"]
        columns = slice(selected[0], selected[-1] + 1)
        fields = [column for column, _sql, _alias in compiler.select[columns]]
        # Annotations are read as ModelIterable reads them, after the model's columns; their
        # converters (a boolean from SQLite's integer) are applied with the rest.
        annotations = list(compiler.annotation_col_map.items())
        every = [column for column, _sql, _alias in compiler.select]
        return (
            queryset.db,
            sql,
            tuple(params),
            positions,
            list(compiler.get_converters(every).items()),
            klass_info["model"],
            columns,
            [field.target.attname for field in fields],
            annotations,
            getattr(queryset._iterable_class, "finish", None),
        )
