"""The name search page and the site search at 100,000 people on PostgreSQL, before and after
issue 11's changes, side by side in one run.

    .venv/bin/python bench/site_search.py --database memorial_bench_names --reuse

Measures, in this process, on a database left by ``bench/name_search.py`` or
``bench/alphabets.py`` (migrated to this version first), for the same 200 name queries as
``bench/name_search.py`` plus the place in four spellings:

- the people index's search page (``ranked_page``: page 1 with the count of all matches),
  ranked then ordered in byte order as before, and in the page language's alphabet as now;
- the site search's other sections (statements, timeline, sources, events, places) as they
  were searched before: ``icontains`` of each word in the reader's language's rows only, beside
  the search now: folded words of every public version (:mod:`archive.text_search`);
- the whole site search page's ``results()`` now.

Each query runs through all of them in turn. Prints p50 and p95 of each, and the ratios. Speed
is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from functools import reduce
from operator import and_, or_
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.name_search import open_database, percentile, queries  # noqa: E402

DATABASE = "memorial_bench_names"
PAGE = 50
LANGUAGE = "az"
PLACE_SPELLINGS = ["Khojaly", "Xocalı", "Hocalı", "Ходжалы"]


def ranked_first_page(matches, *order) -> list:
    """The query ``ranked_page`` runs for page 1: ids and the count of all matches."""
    from django.db.models import Count, Window

    ranked = matches.order_by("name_rank", *order).annotate(matched=Window(Count("pk")))
    return list(ranked.values_list("pk", "matched")[:PAGE])


def people_page(alphabetical: bool):
    from archive.models import Person

    def search(query: str):
        matches = Person.objects.public().localized().search_names(query)
        if alphabetical:
            return ranked_first_page(matches.in_alphabet("name_rank"))
        return ranked_first_page(matches, "family_name", "given_name", "id")

    return search


def sections():
    """(rows, the fields the site search looked in before) of each section but people."""
    from archive.models import Event, Place, Source, StatementPage, TimelineEntry

    return [
        (StatementPage.objects.public(), ("title", "summary")),
        (TimelineEntry.objects.public().localized(), ("title", "summary")),
        (Source.objects.public().localized(), ("title", "publisher", "author")),
        (Event.objects.public().localized(), ("name", "summary")),
        (Place.objects.public().localized(), ("name", "alternative_names")),
    ]


def other_sections_before(query: str):
    from django.db.models import Q

    words = query.split()
    for rows, fields in sections():
        every = reduce(
            and_,
            (reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words),
        )
        list(rows.filter(every)[:21])


def other_sections_now(query: str):
    from archive.text_search import search_records

    for rows, _fields in sections():
        list(search_records(rows, query)[:21])


def whole_page_now(query: str):
    from django.test import RequestFactory

    from archive.views.search import results

    results(RequestFactory().get(f"/{LANGUAGE}/search/"), query)


def measure(searches: dict, workload: list[str]) -> dict[str, list[float]]:
    """Each query through every search in turn, so that a busy moment of the machine falls on
    all of them alike."""
    for query in workload:  # warm the caches; not measured
        for search in searches.values():
            search(query)
    times: dict[str, list[float]] = {label: [] for label in searches}
    for query in workload:
        for label, search in searches.items():
            started = time.perf_counter()
            search(query)
            times[label].append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database", default=DATABASE, help=f"its name (default {DATABASE})")
    parser.add_argument("--reuse", action="store_true", help="required: measures a kept database")
    options = parser.parse_args()
    if not options.reuse:
        parser.error("load a database with bench/name_search.py first, then pass --reuse")

    open_database(options, prepare=None)
    from django.utils import translation

    from archive.models import Person

    workload = [query for _kind, query, _meant in queries(options.queries)] + PLACE_SPELLINGS
    total = Person.objects.public().count()
    print(f"\n{len(workload)} queries over {total:,} public people, on /{LANGUAGE}/; ms")
    print(f"{'':<44}{'p50':>8}{'p95':>8}")
    with translation.override(LANGUAGE):
        times = measure(
            {
                "people search page 1, byte order (before)": people_page(alphabetical=False),
                "people search page 1, alphabet (now)": people_page(alphabetical=True),
                "other sections, icontains (before)": other_sections_before,
                "other sections, folded, all versions (now)": other_sections_now,
                "whole site search results() (now)": whole_page_now,
            },
            workload,
        )
    for label, measured in times.items():
        print(f"{label:<44}{percentile(measured, 0.5):8.1f}{percentile(measured, 0.95):8.1f}")
    labels = list(times)
    for now, before, what in ((1, 0, "people search page"), (3, 2, "other sections")):
        ratios = [
            percentile(times[labels[now]], share) / percentile(times[labels[before]], share)
            for share in (0.5, 0.95)
        ]
        print(f"{what}: now / before {ratios[0]:.2f} at p50, {ratios[1]:.2f} at p95")


if __name__ == "__main__":
    main()
