from django.db import migrations

from archive.admin.roles import grant_translation


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0006_person_public_order"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant_translation, migrations.RunPython.noop)]
