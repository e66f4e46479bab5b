"""Every person gets a permanent public identifier (archive.models.identifiers).

Existing rows are given theirs by the database in one statement, twelve characters drawn one by
one from Crockford's alphabet (a million rows in seconds, where saving each would take many
minutes); the few that come out digits alone, or twice, draw again."""

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
    twice = (
        "public_id IN (SELECT public_id FROM archive_person"
        " GROUP BY public_id HAVING count(*) > 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE archive_person SET public_id = {drawn}")
        for _ in range(100):
            cursor.execute(
                f"UPDATE archive_person SET public_id = {drawn} WHERE {digits_only} OR {twice}"
            )
            if not cursor.rowcount:
                return
    raise RuntimeError("Could not draw distinct identifiers")


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
                default=archive.models.identifiers.new_public_id,
                editable=False,
                help_text="Names this record in citations and permanent links; never changes.",
                max_length=12,
                unique=True,
                verbose_name="permanent identifier",
            ),
        ),
        migrations.AddField(
            model_name="mergedrecord",
            name="public_id",
            field=models.CharField(blank=True, db_index=True, max_length=12, default=""),
            preserve_default=False,
        ),
    ]
