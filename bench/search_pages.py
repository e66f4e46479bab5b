"""The people index's name search in process, page by page, in the site's languages: the
figures of issue 16's name search (target 4) on a database that ``bench/run.py --keep`` left.

    .venv/bin/python bench/search_pages.py --database memorial_bench --languages en az

For ``bench/name_search.py``'s 200 queries (exact names, Cyrillic, English, typos, prefixes)
and the commonest family name (``mammadov``, about 8 % of the records), it times the people
index's own ``ranked_page`` (the page's ids and count, then its people read by id) for page 1
and, for ``mammadov``, pages 2 and 20, in each language given, with production settings and no
cache in between. Prints p50 and p95 per kind and the load average before and after. Run a
copy of it from a checkout of the code before a change, side by side with this one: before
issue 16's public paged search, ``ranked_page`` took the matches rather than the query, and
the script passes what the code it imports takes. Speed is measured here, never asserted.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.name_search import percentile, queries  # noqa: E402
from bench.serving import database_url  # noqa: E402

COMMON = "mammadov"


def searcher():
    """page(query, number): the people index's search page as the imported code reads it."""
    from archive.models import Person
    from archive.views.people import ranked_page

    takes_query = "query" in inspect.signature(ranked_page).parameters

    def page(query: str, number: int):
        people = Person.objects.public().localized()
        if takes_query:
            return ranked_page(people, query, number)
        return ranked_page(people.search_names(query), number)

    return page


def timed(page, query: str, number: int) -> float:
    started = time.perf_counter()
    list(page(query, number))
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--languages", nargs="+", default=["en", "az"])
    parser.add_argument("--repeat", type=int, default=5, help="times each mammadov page")
    options = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    os.environ["DATABASE_URL"] = database_url(server, options.database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "memorial.settings.base"
    import django

    django.setup()
    from django.utils import translation

    page = searcher()
    workload = queries(options.queries)
    print(f"{ROOT} load {os.getloadavg()[0]:.1f}", flush=True)
    for language in options.languages:
        with translation.override(language):
            for _kind, query, _meant in workload:  # warm the caches; not measured
                page(query, 1)
            by_kind: dict[str, list[float]] = {"all": []}
            for kind, query, _meant in workload:
                elapsed = timed(page, query, 1)
                by_kind["all"].append(elapsed)
                by_kind.setdefault(kind, []).append(elapsed)
            for number in (1, 2, 20):
                by_kind[f"{COMMON} p.{number}"] = [
                    timed(page, COMMON, number) for _ in range(options.repeat)
                ]
        print(
            f"{language}: "
            + ", ".join(
                f"{kind} {percentile(times, 0.5):.1f}/{percentile(times, 0.95):.1f}"
                for kind, times in by_kind.items()
            ),
            flush=True,
        )
    print(f"load {os.getloadavg()[0]:.1f} (p50/p95 ms)")


if __name__ == "__main__":
    main()
