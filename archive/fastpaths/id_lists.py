"""``field__one_of=ids``: a column is one of many ids, the ids sent as one value.

``field__in=ids`` puts a placeholder in the query per id, which Django prepares one by one and
psycopg parses again: for the 2,000 people of a chunk of the CSV of people, four such queries
cost more than writing the chunk. Here the ids go as one text: a PostgreSQL array literal
(``= ANY``), or a JSON array SQLite reads with ``json_each``. For whole numbers only."""

from __future__ import annotations

import json

from django.db.models import ForeignKey, IntegerField, Lookup


class OneOf(Lookup):
    lookup_name = "one_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = "{" + ",".join(str(int(pk)) for pk in self.rhs) + "}"
        return f"{lhs} = ANY(%s::bigint[])", [*params, ids]

    def as_sqlite(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = json.dumps([int(pk) for pk in self.rhs])
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, ids]  # noqa: S608


ForeignKey.register_lookup(OneOf)
IntegerField.register_lookup(OneOf)
