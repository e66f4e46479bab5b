"""Time the public pages and the API when nothing is cached, and between edits, in process.

    .venv/bin/python bench/cold.py --database memorial_cold            # a database bench/run.py
                                                                       # or bench/admin.py kept

Opens a database a ``--keep`` run of ``bench/run.py`` or ``bench/admin.py`` left (100,000
published synthetic people and the demo content), then, in this process, with production
settings (``bench/settings.py``: DEBUG off, the cache in Redis) and the anonymous response cache
off, requests each page of ``PAGES`` with Django's test client in two ways:

- **cold**: each request follows an edit to another record (a person no page here shows), and
  every value derived from the content is forgotten (in Redis and in this process's memory):
  what the first visitor after a change pays, whatever the caches remember;
- **after a rename**: each request follows an edit to another person that changes what lists
  read (the given name), with the derived values kept: what the first visitor pays after such
  an edit, with the anonymous response cache off (a list's own values are computed again, what
  shows each person, such as the index's cards, is kept under that person's token);
- **warm**: the same request again and again with the derived values kept (navigation, counts,
  filter choices, directories), which is what ``bench/run.py``'s "uncached" server measures.

It prints the median server time of each (``--repeat`` requests after one warm-up), the query
count of a cold request, and each page's warm time against Django's hello view
(``bench/urls.py``) measured in the same run, beside the targets of issue 16. The table is saved
under var/bench/. No network: server time only. The header gives the load average at the start
and the end; on a shared machine read the rows against those and the hello view."""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.admin import current_commit  # noqa: E402
from bench.run import environment  # noqa: E402
from bench.serving import database_exists, database_url  # noqa: E402

HELLO = "/bench/hello/"
# name: (path, target of issue 16 for the cold request, in ms)
PAGES = {
    "person page": ("/en/people/{person}/", 15),
    "API person": ("/api/v1/people/{person}/", 10),
    "people index, filtered (fate=killed)": ("/en/people/?fate=killed", 50),
    "people index": ("/en/people/", None),
    "name search page (q=mammadov)": ("/en/people/?q=mammadov", 60),
    "home": ("/en/", 30),
    "API people list": ("/api/v1/people/", 20),
    "API people list, lang=az": ("/api/v1/people/?lang=az", None),
    "people index, az, filtered": ("/az/people/?fate=killed", None),
    "person page, az": ("/az/people/{person}/", None),
}


def edit_elsewhere(person_id: int) -> None:
    """A real write to one person's row (no value changes), as an edit makes: the database's
    triggers record it as a change of content."""
    from django.db.models import F

    from archive.models import Person

    Person.objects.filter(pk=person_id).update(family_name=F("family_name"))


def rename_elsewhere(person_id: int) -> None:
    """A write that changes what lists read: another person's given name, corrected (a star
    added or taken away)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE archive_person SET given_name = CASE WHEN given_name LIKE '%%*'"
            " THEN rtrim(given_name, '*') ELSE given_name || '*' END WHERE id = %s",
            [person_id],
        )


def forget_everything() -> None:
    """Forget every value the archive derived from its content, in Redis and in this process's
    memory, so that a request computes all it needs (Wagtail's own cache of site roots, which
    an edit of a record leaves, stays)."""
    from django.core.cache import cache

    from archive.caching import values

    cache.delete_pattern(f"{values.KEY_PREFIX}*")
    for kept in vars(values).values():
        if isinstance(kept, values._Recent):
            with kept.lock:
                kept.values.clear()


class Queries:
    """Counts the queries a request makes and the time the database takes to answer them."""

    def __init__(self):
        self.count, self.ms = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.ms += (time.perf_counter() - started) * 1000


def timed(client, path: str) -> tuple[float, Queries, object]:
    from django.db import connection

    queries = Queries()
    with connection.execute_wrapper(queries):
        started = time.perf_counter()
        response = client.get(path)
        ms = (time.perf_counter() - started) * 1000
    return ms, queries, response


def measure(client, path: str, repeat: int, elsewhere: int) -> dict:
    client.get(path)  # compiles templates, prepares queries: what a worker has done long since
    cold, sql = [], []
    for _ in range(repeat):
        edit_elsewhere(elsewhere)
        forget_everything()
        ms, queries, response = timed(client, path)
        cold.append(ms)
        sql.append(queries.ms)
    renamed = []
    for _ in range(repeat):
        rename_elsewhere(elsewhere)
        renamed.append(timed(client, path)[0])
    warm = [timed(client, path)[0] for _ in range(repeat)]
    return {
        "status": response.status_code,
        "cold": statistics.median(cold),
        "renamed": statistics.median(renamed),
        "sql": statistics.median(sql),
        "warm": statistics.median(warm),
        "queries": queries.count,
    }


def sample_ids() -> tuple[int, int]:
    """A public person from the middle of the table (the page measured), and the last (edited)."""
    from archive.models import Person

    ids = Person.objects.public().order_by("pk").values_list("pk", flat=True)
    count = ids.count()
    return ids[count // 2], ids[count - 1]


def report(results: dict, hello: dict, people: int, repeat: int, commit: str, loads) -> str:
    lines = [
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, commit {commit}, {people:,} public "
        f"people, median of {repeat} requests, in process (server time only), production "
        f"settings, anonymous response cache off, {os.cpu_count()} CPUs, load average "
        f"{loads[0]:.1f} at the start and {loads[-1]:.1f} at the end. Django hello view: "
        f"{hello['warm']:.2f} ms.",
        "",
        "| page | cold ms | after a rename ms | target | queries, SQL ms (cold) | warm ms"
        " | warm / hello |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        _path, target = PAGES[name]
        if result["status"] != 200:
            lines.append(f"| {name} | ({result['status']}) | | | | | |")
            continue
        ratio = hello["warm"] / result["warm"]
        lines.append(
            f"| {name} | {result['cold']:.1f} | {result['renamed']:.1f} "
            f"| {f'≤ {target}' if target else '–'} "
            f"| {result['queries']}, {result['sql']:.1f} | {result['warm']:.1f} "
            f"| 1/{1 / ratio:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", required=True, help="a database a --keep run left")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page and way")
    parser.add_argument("--only", action="append", default=[], metavar="WORD")
    args = parser.parse_args()
    commit, loads = current_commit(), [os.getloadavg()[0]]

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    if not database_exists(base_url, args.database):
        sys.exit(f"there is no database {args.database}; build one with bench/run.py --keep")
    os.environ.update(
        environment(database_url(base_url, args.database), redis_url),
        ANONYMOUS_CACHE_SECONDS="0",
    )

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    from archive.models import Person

    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    person, elsewhere = sample_ids()
    words = [word.casefold() for word in args.only]
    hello = measure(client, HELLO, args.repeat, elsewhere)
    results = {}
    for name, (path, _target) in PAGES.items():
        if words and not any(word in name.casefold() for word in words):
            continue
        results[name] = measure(client, path.format(person=person), args.repeat, elsewhere)
        result = results[name]
        print(
            f"{name:40} {result['status']} cold {result['cold']:7.1f} ms "
            f"renamed {result['renamed']:7.1f} ms "
            f"({result['queries']} q, {result['sql']:.1f} ms SQL)  warm {result['warm']:6.1f} ms",
            flush=True,
        )
    loads.append(os.getloadavg()[0])
    people = Person.objects.public().count()
    for alias in settings.CACHES:  # this run's keys only: each run has a prefix of its own
        caches[alias].delete_pattern("*")
    text = report(results, hello, people, args.repeat, commit, loads)
    print("\n" + text)
    out = ROOT / "var" / "bench" / f"cold-{datetime.datetime.now():%Y%m%d-%H%M%S}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n")
    print(f"\nSaved {out}")


if __name__ == "__main__":
    main()
