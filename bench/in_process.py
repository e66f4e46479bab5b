"""The figures of issue 16 that are measured in process rather than over HTTP, on a database
that ``bench/run.py --keep`` left (1,000,000 people: ``bench/run.py --people 1000000 --keep``).

    .venv/bin/python bench/in_process.py --database memorial_bench --people 1000000

With production settings (``bench/settings.py``) and Redis (``BENCH_REDIS_URL``), it measures

1. the people search (``bench/name_search.py``'s 200 queries, the people index's own
   ``ranked_page``): p50 and p95, target p95 under 50 ms;
2. the admin's person listing, plain, searched, filtered, both, for a superuser (median of
   three requests after one, as ``bench/admin.py``): target under 500 ms;
3. ``manage.py export_archive`` in a process of its own: people written per second and the
   process's peak resident memory (target 20,000 rows/s, memory that does not grow with the
   archive: compare the peak at 100,000 and at 1,000,000);
4. the API's CSV stream of people (``/api/v1/people/?format=csv``) in a process of its own,
   read to the end (or to ``--csv-rows``): rows per second and peak memory, same targets.

Prints each beside its target, with the load average before and after: on a shared machine
the figures move with it; the rows per CPU second of the streams' own process (which includes
starting Django, about 2 s) do not. Speed is measured here, never asserted in the test suite."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import environment, forget_cache, table  # noqa: E402
from bench.serving import database_exists, database_url  # noqa: E402

LISTINGS = (
    "person: listing",
    "person: listing, search",
    "person: listing, filter",
    "person: listing, search and filter",
)
ROWS_PER_SECOND = 20_000

# Run in a process of its own, so that its peak memory is its own.
STREAM_CSV = """
import sys, time
import django
django.setup()
from django.test import Client
limit = int(sys.argv[1])
response = Client(SERVER_NAME="127.0.0.1").get("/api/v1/people/?format=csv")
assert response.status_code == 200, response.status_code
started, lines = time.perf_counter(), 0
for part in response.streaming_content:
    lines += part.count(b"\\n")
    if limit and lines > limit:
        break
response.close()
print(lines - 1, time.perf_counter() - started)
"""


def child(env: dict, *command: str) -> tuple[str, float, float, int]:
    """Run ``command`` (arguments to Python) in ``env``: its output, wall time, CPU time and
    peak resident memory in KB, its own (``wait4``). On a shared machine the CPU time is the
    steadier figure: the wall time waits for the cores too."""
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env, stdout=output)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status):
            sys.exit(f"{' '.join(command)[:80]} failed")
        output.seek(0)
        return output.read(), elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def name_search() -> list[tuple]:
    from bench.name_search import ours, percentile, queries

    workload = [query for _kind, query, _meant in queries(200)]
    for query in workload:  # warm-up, not measured
        ours(query)
    times = []
    for query in workload:
        started = time.perf_counter()
        ours(query)
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    return [
        ("name search p50 (200 queries, in process)", f"{p50:.1f} ms", "–", "–"),
        ("name search p95", f"{p95:.1f} ms", "< 50 ms", "yes" if p95 < 50 else "no"),
    ]


def admin_listings() -> list[tuple]:
    from django.test import Client

    from bench.admin import measure, role_users
    from bench.admin_screens import admin_screens

    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    client.force_login(role_users()["superuser"])
    screens = admin_screens()
    hello = measure(client, "/bench/hello/", 3)["ms"]
    rows = [("limit: Django's hello view, same client", f"{hello:.1f} ms", "–", "–")]
    for name in LISTINGS:
        result = measure(client, screens[name], 3)
        ms = result["ms"]
        shown = f"{ms:.0f} ms" if result["status"] == 200 else f"status {result['status']}"
        rows.append((f"admin {name} (superuser)", shown, "< 500 ms", "yes" if ms < 500 else "no"))
    return rows


def streams(env: dict, csv_rows: int) -> list[tuple]:
    rows = []
    output, _elapsed, cpu, peak = child(env, "-c", STREAM_CSV, str(csv_rows))
    count, seconds = output.split()
    count, seconds = int(count), float(seconds)
    rate = count / seconds
    rows.append(
        (
            f"API CSV stream of people: {count:,} rows",
            f"{rate:,.0f} rows/s ({seconds:.0f} s; {cpu:.0f} s of CPU in all, "
            f"{count / cpu:,.0f} rows per CPU second), "
            f"peak RSS {peak / 1024:.0f} MB",
            f"≥ {ROWS_PER_SECOND:,} rows/s, flat memory",
            "yes" if rate >= ROWS_PER_SECOND else "no",
        )
    )
    with tempfile.TemporaryDirectory() as directory:
        output, elapsed, cpu, peak = child(env, "manage.py", "export_archive", directory)
    counted = next(line for line in output.splitlines() if line.startswith("people:"))
    people = int(counted.split()[1].replace(",", ""))
    rate = people / elapsed
    rows.append(
        (
            f"export_archive: {people:,} people (whole export, all tables)",
            f"{rate:,.0f} people/s ({elapsed:.0f} s; {cpu:.0f} s of CPU, "
            f"{people / cpu:,.0f} people per CPU second), "
            f"peak RSS {peak / 1024:.0f} MB",
            f"≥ {ROWS_PER_SECOND:,} rows/s, flat memory",
            "yes" if rate >= ROWS_PER_SECOND else "no",
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", required=True, help="a database bench/run.py --keep left")
    parser.add_argument("--people", type=int, default=0, help="only labels the report")
    parser.add_argument(
        "--csv-rows", type=int, default=0, help="stop the CSV stream after this many rows"
    )
    parser.add_argument(
        "--skip", action="append", default=[], choices=["search", "admin", "streams"]
    )
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not database_exists(base_url, args.database):
        sys.exit(f"there is no database {args.database}; build it with bench/run.py --keep")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    env = environment(database_url(base_url, args.database), redis_url)
    os.environ.update(env)
    loads = [os.getloadavg()[0]]

    import django

    django.setup()
    rows = []
    if "search" not in args.skip:
        rows += name_search()
    if "admin" not in args.skip:
        rows += admin_listings()
    if "streams" not in args.skip:
        rows += streams(env, args.csv_rows)
    loads.append(os.getloadavg()[0])
    forget_cache(redis_url, env["CACHE_KEY_PREFIX"])
    print(
        f"\n{args.people:,} people, database {args.database}, {os.cpu_count()} CPUs, "
        f"load average {loads[0]:.1f} at the start and {loads[-1]:.1f} at the end.\n"
    )
    print(table(["figure", "measured", "target", "met"], rows))


if __name__ == "__main__":
    main()
