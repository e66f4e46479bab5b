"""The alphabet of each site language as an ICU collation, and the public people in each order.

PostgreSQL only: ``CreateCollation`` does nothing elsewhere, and SQLite gets collations of the
same names from :mod:`archive.alphabets` on every connection. Each index is
``person_public_order`` (migration 0006) with the names compared in one language's alphabet:
page 1,000 of the index at 100,000 people is a walk of it (bench/RESULTS.md), where sorting the
rows would read the table. Made here rather than in ``Person.Meta``, because an index on SQLite
would need the collation in every program that ever writes to the file.
"""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

LANGUAGES = ("en", "az", "tr", "ru")

COVERED = "id, locale_id, translation_key, expire_at, fate, sex, age"


def index(language: str) -> str:
    return f"person_public_order_{language}"


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for language in LANGUAGES:
            collation = f"alphabet_{language}"
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index(language)} ON archive_person "
                f"((family_name COLLATE {collation}), (given_name COLLATE {collation}), {COVERED}) "
                "WHERE live AND visibility = 'public'"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for language in LANGUAGES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index(language)}")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_translation_permission"),
    ]

    operations = [
        *(
            CreateCollation(f"alphabet_{language}", locale=language, provider="icu")
            for language in LANGUAGES
        ),
        migrations.RunPython(add_indexes, drop_indexes),
    ]
