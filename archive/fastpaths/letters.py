"""The letters of the A–Z bar that someone is filed under, from one probe of the name index
per letter.

The plain way reads the first character of every family name and asks ICU which letter files
it (:func:`archive.alphabets.letters_of`): a scan of the whole table, 120 ms at 100,000 people,
paid by the first visit to the people index after every change. Each letter stands for a
stretch of the language's order (:func:`archive.alphabets.letter_stretches`, the ranges
``filed_under`` asks for), and the language's index of public names (migration 0009) gives the
first name from a letter's start on by reading one entry: someone is filed under the letter if
that name comes before the next letter's start. Asked as one ``EXISTS`` per letter, the 59
copies of the public rule took PostgreSQL 60 to 250 ms to plan; here the stretches are a list of
values and the question, a subquery correlated to them, is planned once and run once per
letter (a subquery in the select list is never turned into a join, which would read every
name)."""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet, TextField
from django.db.models.expressions import RawSQL

from archive.alphabets import collated, collation, letter_stretches


def letters_in_use(people: QuerySet, language: str) -> list[str]:
    """The letters of ``language``'s bar that one of ``people`` has a family name filed under,
    in the alphabet's order: what ``letters_of`` gives of all their family names."""
    stretches = letter_stretches(language)
    first = (
        people.annotate(filed_name=collated("family_name", language))
        .filter(filed_name__gte=RawSQL("letters.lowest", (), output_field=TextField()))
        .order_by("filed_name")
        .values("filed_name")[:1]
    )
    probe, probe_params = first.query.sql_with_params()
    connection = connections[people.db]
    rows = ", ".join(["(%s, %s, %s)"] * len(stretches))
    order = connection.ops.quote_name(collation(language))
    sql = (
        f"WITH letters (number, lowest, beyond) AS (VALUES {rows})"  # noqa: S608 - our own SQL
        f" SELECT number FROM (SELECT number, beyond, ({probe}) AS first FROM letters) AS found"
        f" WHERE first IS NOT NULL AND (beyond IS NULL OR first COLLATE {order} < beyond)"
        " ORDER BY number"
    )
    values = [
        value for number, (_, *stretch) in enumerate(stretches) for value in (number, *stretch)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, (*values, *probe_params))
        return [stretches[number][0] for (number,) in cursor.fetchall()]
