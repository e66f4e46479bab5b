from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.importers.csv_xlsx import ImportFileError, read_table, write_rejects
from archive.importers.service import import_people


class ProgressBar:
    """A one-line progress bar on a terminal stream, redrawn when the percentage changes."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.WIDTH * percent // 100
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\rSaving [{bar}] {percent:3d}% {done:,}/{total:,}", ending="")
        if done >= total:
            self.stream.write("")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import remembrance records from a CSV (UTF-8) or XLSX file whose columns are described "
        "in docs/import-export.md. All or nothing: if any row is invalid nothing is saved, "
        "unless --valid-only. Records are saved as drafts unless --publish. Importing the same "
        "file again updates the records it made (matched by external_id)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .csv or .xlsx file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every row and report what an import would do, then save nothing.",
        )
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="Save the valid rows even if others are invalid (needs --rejects).",
        )
        parser.add_argument(
            "--rejects",
            metavar="FILE",
            help="With --valid-only: write the invalid rows here as CSV, with a reason column.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported records instead of leaving them as drafts.",
        )
        parser.add_argument(
            "--reason",
            default="",
            help="With --publish: why the records are imported (the list they come from), "
            "shown in each published record's public history.",
        )

    def handle(self, *args, file, dry_run, valid_only, rejects, publish, reason, **options):
        if valid_only != bool(rejects):
            raise CommandError("--valid-only and --rejects FILE go together.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            with path.open("rb") as opened:
                table = read_table(opened)
            report = import_people(
                table,
                valid_only=valid_only,
                publish=publish,
                dry_run=dry_run,
                reason=reason,
                progress=ProgressBar(self.stderr),
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from error

        for error in report.errors:
            column = f", column {error.column}" if error.column else ""
            self.stdout.write(f"Row {error.row}{column}: {error.reason}")
        rejected = report.rejected_rows
        if rejects and rejected:
            with Path(rejects).open("w", encoding="utf-8", newline="") as out:
                write_rejects(out, table.header, rejected)
            self.stdout.write(f"{len(rejected)} rejected rows written to {rejects}.")
        if report.summary is None:
            raise CommandError(
                f"{len(rejected)} of {len(table.rows)} rows are invalid, so nothing was "
                "imported. Correct them, or import the valid rows with --valid-only."
            )
        summary = report.summary
        outcome = "Dry run, nothing saved:" if dry_run else "Imported:"
        state = "published" if publish else "drafts"
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome} {summary.created} new ({state}), {summary.updated} updated, "
                f"{summary.unchanged} unchanged, {summary.families_created} families added, "
                f"{summary.possible_duplicates} flagged as possible duplicates."
            )
        )
