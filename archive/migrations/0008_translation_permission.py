from django.db import migrations

from archive.admin.roles import grant_translation


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_partial_dates_approximate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant_translation, migrations.RunPython.noop)]
