from pathlib import Path

from django.core.management.base import BaseCommand

from archive.backup import create_backup


class Command(BaseCommand):
    help = (
        "Write the whole archive (every record in every state, revisions, workflow, history, "
        "users and groups, pages, and the media files) into one zip file. See archive/backup.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="The backup to write, e.g. archive.zip.")

    def handle(self, *args, file, **options):
        counts = create_backup(Path(file))
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {sum(counts.values()):,} rows and the media to {file}.")
        )
