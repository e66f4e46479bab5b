"""Importing people: check every row, then, in one transaction, write the valid ones.

The one entry point the command line, the admin upload and the tests share. Checking
(:mod:`.people`) never imports writing (:mod:`.saving`); this module joins them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction

from archive.models import Person, PublishedChange
from archive.record_history import reason_for, record_published

from .csv_xlsx import ImportTable
from .first_entries import new_records_values
from .people import RowError, check_rows
from .saving import PeopleWriter


@dataclass
class ImportReport:
    """What an import found and did. ``summary`` is None when nothing was written."""

    table: ImportTable
    errors: list[RowError]
    summary: object = None

    @property
    def rejected_rows(self) -> list[tuple[list[str], str]]:
        """Each invalid row's cells with its reasons, in file order, for ``write_rejects()``."""
        reasons: dict[int, list[str]] = {}
        for error in self.errors:
            where = f"{error.column}: " if error.column else ""
            reasons.setdefault(error.row, []).append(f"{where}{error.reason}")
        return [
            (cells, "; ".join(reasons[number]))
            for number, cells in self.table.rows
            if number in reasons
        ]


def import_people(
    table: ImportTable,
    *,
    valid_only: bool = False,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Callable[[int, int], None] | None = None,
    reason: str = "",
) -> ImportReport:
    """Check every row of ``table``, then, in one transaction, save the valid rows; once they
    are committed, a large import refreshes the planner's statistics.

    With invalid rows and without ``valid_only``, nothing is written. ``dry_run`` checks every
    row the same way and works out what the import would do (:meth:`PeopleWriter.plan`), but
    writes nothing. The records an import publishes appear in their public history as
    imported, with ``reason``."""
    with collector_paused():
        valid, errors = check_rows(table)
        report = ImportReport(table=table, errors=errors)
        if errors and not valid_only:
            return report
        writer = PeopleWriter(publish=publish, user=user, progress=progress)
        if dry_run:
            report.summary = writer.plan(valid)
            return report
        imported = reason_for(reason, action=PublishedChange.Action.IMPORTED)
        with transaction.atomic(), imported:
            report.summary = writer.write(valid)
            added = new_records_values(writer.added, writer.families)
            record_published(Person, writer.published, first=added)
            # Dropped with the rest if anything after it rolls back.
            transaction.on_commit(writer.refresh_statistics)
    return report


@contextmanager
def collector_paused():
    """Python's cycle collector paused, then resumed if it ran before.

    An import holds a few objects per cell of the file until it has written them all, and the
    collector walked every one of them again and again: 6 s of a 47 s import of 100,000 people.
    What an import leaves behind is reclaimed when the collector runs again after it."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
