"""Time ``manage.py import_people`` on a list of N synthetic people, on PostgreSQL.

    .venv/bin/python bench/import_people.py                 # 100,000 people
    .venv/bin/python bench/import_people.py --people 20000

Makes its own database (``memorial_bench_import`` unless ``--database``; dropped and made again)
on the server DATABASE_URL points at (default the local one), migrates it and loads the demo
content, writes a CSV of N synthetic people (the demo's generator, flagged synthetic), then
times, in this process:

1. the first import (every record new: drafts, each with a revision, search keys and age);
2. importing the same file again (every record found by external_id and left unchanged);
3. a dry run of a file in which every record changed (all checks, then a rollback).

With ``--publish`` the first import publishes (as ``bench/run.py`` imports: target 4's step),
which writes each record's first entry in the public history too.

Prints each step's wall time and the CPU seconds of this process and of its PostgreSQL
backend (on a shared machine the CPU seconds are what compares), and the load average; the
target for (1) is under 60 s at 100,000. Speed is measured here, never asserted in the test
suite. To compare old code with new, copy this script into a checkout of the old commit and
run both at once, each with its own ``--database``.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import create_database  # noqa: E402

DATABASE = "memorial_bench_import"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
COLUMNS = [
    "external_id", "family_name", "given_name", "sex", "born", "fate", "fate_date",
    "residence", "event", "verification", "is_synthetic", "family",
]  # fmt: skip


def write_list(path: Path, count: int, given_suffix: str = "") -> None:
    from wagtail.models import Locale

    from archive.demo import synthetic_person
    from archive.models import Event, Place
    from archive.synthetic_names import FAMILY_NAMES

    event = Event.objects.get(slug="khojaly-massacre", locale__language_code="en")
    place = Place.objects.get(name="Khojaly")
    locale = Locale.get_default()
    families_per_name = max(1, count // (5 * len(FAMILY_NAMES)))
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for n in range(1, count + 1):
            person = synthetic_person(n, event, place, locale)
            writer.writerow(
                [
                    f"bench-{n}",
                    person.family_name,
                    person.given_name + given_suffix,
                    person.sex,
                    person.born.isoformat(),
                    person.fate,
                    person.fate_date.isoformat(),
                    "Khojaly",
                    "khojaly-massacre",
                    person.verification,
                    "yes",
                    # Families of five on average, so duplicate flagging has work to do.
                    f"the {person.family_name.rstrip('a')} family {n % families_per_name}",
                ]
            )


def backend_cpu() -> float:
    """CPU seconds the PostgreSQL backend of this process's connection has used (it runs on
    this machine: its /proc entry)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(label: str, *args: str) -> float:
    from django.core.management import call_command

    out = io.StringIO()
    started, cpu, backend = time.perf_counter(), time.process_time(), backend_cpu()
    call_command("import_people", *args, stdout=out, stderr=io.StringIO())
    elapsed = time.perf_counter() - started
    cpu, backend = time.process_time() - cpu, backend_cpu() - backend
    load = " ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"{label:<40} {elapsed:8.1f} s wall, {cpu:6.1f} s CPU, backend {backend:6.1f} s CPU, "
        f"load {load}   {out.getvalue().strip().splitlines()[-1]}",
        flush=True,
    )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument(
        "--first-only", action="store_true", help="time the first import only (the target)"
    )
    parser.add_argument(
        "--publish", action="store_true", help="the first import publishes (bench/run.py's)"
    )
    parser.add_argument(
        "--database",
        default=DATABASE,
        help=f"the database to make (dropped first if it exists), default {DATABASE}",
    )
    options = parser.parse_args()

    os.environ["DATABASE_URL"] = create_database(
        os.environ.get("DATABASE_URL", DEFAULT_SERVER), options.database
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "memorial.settings.base"
    import django

    django.setup()
    from django.core.management import call_command

    from archive.demo import load_demo

    call_command("migrate", verbosity=0)
    load_demo()

    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    # Named after the database, so that two runs at once do not write each other's lists.
    original, changed = work / f"{options.database}.csv", work / f"{options.database}-changed.csv"
    write_list(original, options.people)
    if not options.first_only:
        write_list(changed, options.people, given_suffix="x")
    size = original.stat().st_size / 2**20
    print(
        f"{options.people:,} people, {size:.1f} MB of CSV, PostgreSQL database {options.database}"
    )

    if options.publish:
        first = timed("first import (all new, published)", str(original), "--publish")
    else:
        first = timed("first import (all new, drafts)", str(original))
    if not options.first_only:
        timed("same file again (all unchanged)", str(original))
        timed("dry run, every record changed", str(changed), "--dry-run")
    verdict = "meets" if first < 60 else "MISSES"
    print(f"first import: {first:.1f} s for {options.people:,} ({verdict} the 60 s target)")


if __name__ == "__main__":
    main()
