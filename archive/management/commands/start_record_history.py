from django.core.management.base import BaseCommand
from django.db import transaction

from archive.models import PublishedChange
from archive.record_history import VIEWSETS, reason_for, record_published


class Command(BaseCommand):
    help = (
        "Keep the public values of every public person, timeline entry and statement that has "
        "no history yet (published before the history of changes began, or written by a bulk "
        "path that kept none), so that its next published change shows its old values. Run "
        "once after upgrading; running it again writes only what is missing."
    )

    def handle(self, *args, **options):
        for model in VIEWSETS:
            started = PublishedChange.objects.filter(model=model._meta.label_lower)
            ids = list(
                model.objects.public()
                .exclude(pk__in=started.values("record_id"))
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            with transaction.atomic(), reason_for("", action=PublishedChange.Action.BASELINE):
                written = record_published(model, ids)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {written} records kept.")
