from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a file made by `manage.py backup` into this database, which must be empty: "
        "create it, run migrate, then restore. Media files go to MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="A backup made by `manage.py backup`.")

    def handle(self, *args, file, **options):
        try:
            counts = restore_backup(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        people = counts.get("archive.Person", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(counts.values()):,} rows ({people:,} people) and the media."
            )
        )
