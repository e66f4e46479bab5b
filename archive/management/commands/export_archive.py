from pathlib import Path

from django.core.management.base import BaseCommand

from archive.exporting import export_archive


class Command(BaseCommand):
    help = (
        "Write all public data (published, unrestricted records and pages, and the reference "
        "data they use) into DIR as CSV and JSON files with a Frictionless datapackage.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="Created if it does not exist.")

    def handle(self, *args, directory, **options):
        counted = export_archive(Path(directory))
        for name, count in counted.items():
            self.stdout.write(f"{name}: {count:,} rows")
        self.stdout.write(self.style.SUCCESS(f"Exported to {directory}/datapackage.json"))
