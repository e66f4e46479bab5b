"""Person name search at 100,000 records on PostgreSQL: ours beside Wagtail's database backend.

    .venv/bin/python bench/name_search.py                    # 100,000 people, 200 queries
    .venv/bin/python bench/name_search.py --people 20000 --reuse

Makes its own database (``--database``, default ``memorial_bench_names``) on the server
DATABASE_URL points at (default the local one), loads the demo content and N synthetic people
(the demo's generator, flagged synthetic), VACUUMs, and builds Wagtail's search index
(``update_index``). ``--reuse`` keeps the database of an earlier run instead, migrates it to
this version and VACUUMs it. Then, in this process, it runs the same varied queries through

- ``Person.objects.public().search_names(q)``: folded name keys, ranked, pg_trgm, through the
  people index's own ``ranked_page`` (the first page of 50 with the count of all matches, in one
  query); and
- ``get_search_backend().search(q, Person.objects.public())``: Wagtail's database backend, the
  way a listing uses it: the count, then the first page of 50.

The queries
draw names as the generator does (``archive.synthetic_names``) and type them as searchers do:
exact (Azerbaijani Latin), Cyrillic, English, with a typo, and as a prefix. Every query
runs once unmeasured first. Prints p50 and p95 per search, their ratio, how many queries
found anything, and how many typos found the family name meant. Speed is measured here,
never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.synthetic_names import draw  # noqa: E402
from bench.serving import create_database, database_url  # noqa: E402

DATABASE = "memorial_bench_names"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
PAGE = 50
TARGET_P95_MS = 50


def typo(word: str) -> str:
    """One wrong letter in the middle, where pg_trgm similarity suffers most."""
    middle = len(word) // 2
    wrong = "b" if word[middle] != "b" else "d"
    return word[:middle] + wrong + word[middle + 1 :]


def queries(count: int) -> list[tuple[str, str, str]]:
    """``count`` (kind, query, family name meant) triples, the same every run, names drawn as
    the generator does."""
    rng = random.Random(1992)
    kinds = ["exact", "cyrillic", "english", "typo", "prefix"]
    made = []
    for n in range(count):
        given, family = draw(rng, female=rng.random() < 0.5)
        kind = kinds[n % len(kinds)]
        query = {
            "exact": f"{given.azerbaijani} {family.azerbaijani}",
            "cyrillic": f"{family.russian} {given.russian}",
            "english": f"{given.english} {family.english}",
            "typo": typo(family.english),
            "prefix": family.azerbaijani[: 3 + n % 3],
        }[kind]
        made.append((kind, query, family.english))
    return made


def ours(query: str):
    from archive.models import Person
    from archive.views.people import ranked_page

    page = ranked_page(Person.objects.public().localized(), query, 1)
    return page.paginator.count, page.object_list


def wagtails(query: str):
    from wagtail.search.backends import get_search_backend

    from archive.models import Person

    found = get_search_backend().search(query, Person.objects.public())
    return found.count(), list(found[:PAGE])


def measure(search, workload) -> tuple[list[float], int]:
    for _kind, query, _meant in workload:  # warm the caches; not measured
        search(query)
    times, hits = [], 0
    for _kind, query, _meant in workload:
        started = time.perf_counter()
        count, _rows = search(query)
        times.append((time.perf_counter() - started) * 1000)
        hits += count > 0
    return times, hits


def typos_found(workload) -> str:
    """How many typo queries find the family name meant, and how much of what they find is it."""
    from archive.models import Person
    from archive.names import fold_word

    meant = {query: fold_word(family) for kind, query, family in workload if kind == "typo"}
    found = right = total = 0
    for query, key in meant.items():
        matches = Person.objects.public().localized().search_names(query)
        bearing = matches.filter(name_key__regex=rf"(^| ){key}( |$)").count()
        found, right, total = found + (bearing > 0), right + bearing, total + matches.count()
    return (
        f"typos: {found} of {len(meant)} find the family name meant; "
        f"{right:,} of the {total:,} records they find ({right / max(total, 1):.0%}) bear it"
    )


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        # As autovacuum would: moves the bulk-loaded rows from GIN's pending list into the index.
        cursor.execute("VACUUM ANALYZE")


def prepare(people: int) -> None:
    from django.core.management import call_command

    from archive.demo import generate_synthetic_people, load_demo
    from archive.models import Event, Place

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo()
    event = Event.objects.get(slug="khojaly-massacre", locale__language_code="en")
    place = Place.objects.get(name="Khojaly")
    generate_synthetic_people(people, event, place)
    vacuum()
    print(
        f"loaded {people:,} synthetic people in {time.perf_counter() - started:.0f} s", flush=True
    )
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    print(f"Wagtail update_index took {time.perf_counter() - started:.0f} s", flush=True)


def open_database(options, prepare) -> None:
    """Points Django at the benchmark's database: a kept one (``--reuse``) is migrated and
    vacuumed; otherwise it is created and ``prepare(options.people)`` loads it."""
    server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    if options.reuse:
        os.environ["DATABASE_URL"] = database_url(server, options.database)
    else:
        os.environ["DATABASE_URL"] = create_database(server, options.database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "memorial.settings.base"
    import django

    django.setup()
    if options.reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        vacuum()
    else:
        prepare(options.people)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--database", default=DATABASE, help=f"its name (default {DATABASE})")
    options = parser.parse_args()

    open_database(options, prepare)

    from archive.models import Person

    total = Person.objects.public().count()
    workload = queries(options.queries)
    results = {
        name: measure(search, workload) for name, search in (("ours", ours), ("wagtail", wagtails))
    }
    print(
        f"\n{len(workload)} queries over {total:,} public people; "
        f"each is the first page of {PAGE} with the count of all matches"
    )
    print(f"{'':<34}{'p50 ms':>9}{'p95 ms':>9}{'found':>9}")
    for name, label in (
        ("ours", "search_names (name keys, pg_trgm)"),
        ("wagtail", "Wagtail database backend"),
    ):
        times, hits = results[name]
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(f"{label:<34}{p50:9.1f}{p95:9.1f}{hits:>6}/{len(workload)}")
    ours_times, wagtail_times = results["ours"][0], results["wagtail"][0]
    for share in (0.5, 0.95):
        ratio = percentile(wagtail_times, share) / percentile(ours_times, share)
        print(f"Wagtail / ours at p{round(share * 100)}: {ratio:.1f}x")
    p95 = percentile(ours_times, 0.95)
    verdict = "meets" if p95 < TARGET_P95_MS else "MISSES"
    print(f"our p95 {p95:.1f} ms {verdict} the {TARGET_P95_MS} ms target")
    by_kind: dict[str, list[float]] = {}
    for (kind, _query, _meant), elapsed in zip(workload, ours_times, strict=True):
        by_kind.setdefault(kind, []).append(elapsed)
    print(
        "ours by kind, p50/p95 ms: "
        + ", ".join(
            f"{kind} {percentile(times, 0.5):.1f}/{percentile(times, 0.95):.1f}"
            for kind, times in by_kind.items()
        )
    )
    print(typos_found(workload))


if __name__ == "__main__":
    main()
