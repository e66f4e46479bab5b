"""Every person gets a permanent public identifier (archive.models.identifiers).

Existing rows are given theirs by the database in one statement, twelve characters drawn one by
one from Crockford's alphabet (a million rows in seconds, where saving each would take many
minutes). The versions of a record in other languages take the original's; the few records
that come out digits alone, or with another record's identifier, draw again."""

from django.db import migrations, models

import archive.models.identifiers

ALPHABET = archive.models.identifiers.ALPHABET
LENGTH = archive.models.identifiers.LENGTH


def give_identifiers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        draw = f"substr('{ALPHABET}', 1 + floor(random() * 32)::int, 1)"
        digits_only = "public_id ~ '^[0-9]+$'"
    else:
        draw = f"substr('{ALPHABET}', 1 + abs(random()) % 32, 1)"
        digits_only = "public_id NOT GLOB '*[^0-9]*'"
    drawn = " || ".join([draw] * LENGTH)
    shared = (
        "SELECT public_id FROM archive_person GROUP BY public_id"
        " HAVING count(DISTINCT translation_key) > 1"
    )
    translations_of_one = """
        UPDATE archive_person SET public_id = (
            SELECT original.public_id FROM archive_person original
            WHERE original.translation_key = archive_person.translation_key
            ORDER BY original.id LIMIT 1
        )
        WHERE translation_key IN (
            SELECT translation_key FROM archive_person GROUP BY translation_key
            HAVING count(*) > 1
        )"""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE archive_person SET public_id = {drawn}")
        for _ in range(100):
            cursor.execute(translations_of_one)
            cursor.execute(
                f"UPDATE archive_person SET public_id = {drawn}"
                f" WHERE {digits_only} OR public_id IN ({shared})"
            )
            if not cursor.rowcount:
                break
        else:
            raise RuntimeError("Could not draw distinct identifiers")
        if connection.vendor == "postgresql":
            # The content triggers are deferred to the commit, and PostgreSQL alters no table
            # with trigger events pending: run them now, before the next operation does.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_admin_name_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="public_id",
            field=models.CharField(max_length=12, null=True, editable=False),
        ),
        migrations.RunPython(give_identifiers, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="person",
            name="public_id",
            field=models.CharField(
                db_index=True,
                default=archive.models.identifiers.new_public_id,
                editable=False,
                help_text="Names this record in citations and permanent links; never changes.",
                max_length=12,
                verbose_name="permanent identifier",
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                fields=("public_id", "locale"), name="person_public_id_once_per_language"
            ),
        ),
        migrations.AddField(
            model_name="mergedrecord",
            name="public_id",
            field=models.CharField(blank=True, db_index=True, max_length=12, default=""),
            preserve_default=False,
        ),
    ]
