"""The people index in each language's alphabet beside byte order, at 100,000 people on PostgreSQL.

    .venv/bin/python bench/alphabets.py                         # 100,000 people
    .venv/bin/python bench/alphabets.py --database memorial_bench_names --reuse

Makes its own database (``--database``, default ``memorial_bench_alphabets``) on the server
DATABASE_URL points at (default the local one), loads the demo content and N synthetic people,
and VACUUMs; ``--reuse`` migrates and measures a database an earlier run (of this or
``bench/name_search.py``) left. Then, in this process, for each language, the queries the index
runs: the ids of page 1 and of page 1,000 (offset 49,950), the count, and a letter's first page
and count, each in the language's alphabet (``in_alphabet()``, ``filed_under()``) beside the
same in byte order (the order before, and its ``startswith`` letter filter). Prints the median
of seven runs after one unmeasured, and the ratio. Speed is measured here, never asserted in
the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.name_search import open_database, vacuum  # noqa: E402

DATABASE = "memorial_bench_alphabets"
PAGE = 50
RUNS = 7
LETTER = "Ş"


def median_ms(query) -> float:
    query()  # warm the caches; not measured
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        query()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def cases(language: str):
    """(what, byte order, alphabet) pairs of callables running the index's queries."""
    from django.db.models import Q

    from archive.models import Person

    people = Person.objects.public().localized(language)
    bytewise = people.order_by("family_name", "given_name", "id").values_list("pk", flat=True)
    alphabet = people.in_alphabet(language=language).values_list("pk", flat=True)
    old_letter = Q(family_name__startswith=LETTER) | Q(family_name__startswith=LETTER.lower())
    return [
        ("page 1", lambda: list(bytewise[:PAGE]), lambda: list(alphabet[:PAGE])),
        (
            "page 1,000",
            lambda: list(bytewise[49_950:50_000]),
            lambda: list(alphabet[49_950:50_000]),
        ),
        ("count", bytewise.count, alphabet.count),
        (
            f"letter {LETTER}, page 1",
            lambda: list(bytewise.filter(old_letter)[:PAGE]),
            lambda: list(alphabet.filed_under(LETTER, language)[:PAGE]),
        ),
        (
            f"letter {LETTER}, count",
            lambda: bytewise.filter(old_letter).count(),
            lambda: alphabet.filed_under(LETTER, language).count(),
        ),
    ]


def prepare(people: int) -> None:
    from django.core.management import call_command

    from archive.demo import generate_synthetic_people, load_demo
    from archive.models import Event, Place

    call_command("migrate", verbosity=0)
    load_demo()
    event, place = (
        Event.objects.get(slug="khojaly-massacre", locale__language_code="en"),
        Place.objects.get(name="Khojaly"),
    )
    generate_synthetic_people(people, event, place)
    vacuum()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--database", default=DATABASE, help=f"its name (default {DATABASE})")
    options = parser.parse_args()

    open_database(options, prepare)

    from archive.models import Person

    total = Person.objects.public().count()
    print(f"\n{total:,} public people; median of {RUNS} runs, ms")
    print(f"{'':<22}{'byte order':>12}{'alphabet':>12}{'ratio':>8}")
    for language in ("en", "az", "tr", "ru"):
        print(language)
        for what, bytewise, alphabet in cases(language):
            before, after = median_ms(bytewise), median_ms(alphabet)
            print(f"  {what:<20}{before:12.1f}{after:12.1f}{after / before:8.2f}")


if __name__ == "__main__":
    main()
