"""Indexes of the public people by what the people index filters by (fate, sex, age), and of
the documented ones (not synthetic) by what their counts beside reported figures choose by
(event, fate, sex, age), each with what public() and localized() read, so that a count is a
walk of an index alone instead of a read of the table (see Person.Meta)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0013_public_identifiers"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("live", True), ("visibility", "public")),
                fields=["fate", "sex", "age", "locale", "translation_key", "expire_at"],
                name="person_public_facets",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("is_synthetic", False), ("live", True), ("visibility", "public")),
                fields=["event", "fate", "sex", "age", "locale", "translation_key", "expire_at"],
                name="person_documented_facets",
            ),
        ),
    ]
