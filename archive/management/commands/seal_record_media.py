"""Seal the images and documents of records the public may not see, and unseal those it may
again (archive/media_files.py). Edits in the admin do it as they commit; run this from cron
every few minutes for what bypasses them: imports, records past their expiry."""

from django.core.management.base import BaseCommand

from archive.media_files import seal_record_media


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        moved = seal_record_media()
        self.stdout.write(", ".join(f"{count} {what}" for what, count in moved.items()))
