"""The public people of each site language's alphabet, by the first word of their name key, for
the public name search, which reads a page of matches in the reader's alphabet instead of
ranking every match (archive.public_name_search): the Məmmədovs of an Azerbaijani reader, in the
Azerbaijani alphabet, are a stretch of ``person_public_search_az``, wherever their name sorts.

Each holds what the search tests (the name key) and what ``public()`` and ``localized()`` read
of a row (its locale, its translation group, its expiry), so the stretch is read without the
table. PostgreSQL only, as the alphabets' indexes of migration 0009 are: SQLite has no
split_part, and its search ranks all matches."""

from django.db import migrations

LANGUAGES = ("en", "az", "tr", "ru")


def index(language: str) -> str:
    return f"person_public_search_{language}"


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for language in LANGUAGES:
            collation = f"alphabet_{language}"
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {index(language)} ON archive_person "
                f"(split_part(name_key, ' ', 1), (family_name COLLATE {collation}), "
                f"(given_name COLLATE {collation}), id) "
                "INCLUDE (name_key, locale_id, translation_key, expire_at) "
                "WHERE live AND visibility = 'public'"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for language in LANGUAGES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index(language)}")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0020_person_merges"),
    ]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
