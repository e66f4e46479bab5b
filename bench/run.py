"""Measure the archive against the fastest Django and DRF can answer, on this machine.

    make bench                                   # 1,000 people, 10 s per endpoint
    .venv/bin/python bench/run.py --people 10000 --duration 10 --hold 30

What it does, all on 127.0.0.1:
1. makes its own PostgreSQL database (``memorial_bench``, dropped and made again each run),
   migrates it, loads the demo content, then imports N synthetic people from a CSV file with
   ``manage.py import_people --publish`` and times that import;
2. serves the project with gunicorn and production settings (DEBUG off, a random SECRET_KEY
   unless BENCH_SECRET_KEY is set), the cache in Redis, twice: once with the anonymous response
   cache off and once with it on;
3. runs wrk for a fixed time against each endpoint and against a minimal Django view and a
   minimal DRF view (``bench/urls.py``), and prints requests/s, p95 and p99 and each ratio to
   its limit beside the target;
4. with ``--hold``, holds the home page, a person page and the API under concurrent load at the
   same time for that many seconds and reports every error.

To measure one change again and again: build once with ``--database NAME --keep``, then run
with ``--database NAME --reuse --only API`` (only the endpoints whose names contain "API", beside
the two limits), ``--modes uncached`` to skip the cached server.

Environment: DATABASE_URL (any database on the PostgreSQL server to use; default the local one),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/6). Needs Debian's ``wrk`` (installed with
apt-get when missing and run as root). Results are printed and saved under var/bench/.
Never part of the test suite: speed is measured here, not asserted."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import (  # noqa: E402
    Server,
    create_database,
    database_exists,
    database_url,
    drop_database,
    free_port,
    manage,
    served_environment,
)

DATABASE = "memorial_bench"
MODES = {"uncached": "0", "cached": "600"}  # ANONYMOUS_CACHE_SECONDS of each server
LIMITS = ("Django hello (limit)", "DRF hello (limit)")
UNLIMITED = "1000000000/second"  # the rate limits stay in the code path but never trigger
LUA = Path(__file__).with_name("report.lua")
IMPORT_STEP = "import {:,} people with search keys"
# import_people refuses a file over 20 MB (archive/importers/csv_xlsx.py); a row is about 100
# bytes, so larger counts go in files of this many rows, each written and imported in turn.
IMPORT_PART = 150_000
SEARCH_ALONE = "name search, one connection"
IMPORT_SECONDS_PER_100K = 60

WRITE_CSV = """
import csv
from archive.demo import synthetic_person
from archive.models import Event, Place
from wagtail.models import Locale
event = Event.objects.get(slug="khojaly-massacre", locale__language_code="en")
place = Place.objects.get(name="Khojaly")
locale = Locale.get_default()
out = csv.writer(open({path!r}, "w", newline="", encoding="utf-8"))
out.writerow(["external_id", "family_name", "given_name", "sex", "born", "fate", "fate_date",
              "residence", "event", "verification", "is_synthetic"])
for n in range({first}, {last} + 1):
    p = synthetic_person(n, event, place, locale)
    out.writerow([f"bench-{{n}}", p.family_name, p.given_name, p.sex, p.born.isoformat(), p.fate,
                  p.fate_date.isoformat(), "Khojaly", "khojaly-massacre", p.verification, "yes"])
"""


def ensure_wrk() -> str:
    if not shutil.which("wrk") and os.geteuid() == 0:
        print("Installing Debian's wrk ...")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
    path = shutil.which("wrk")
    if not path:
        sys.exit("bench needs wrk: apt-get install wrk")
    return path


def environment(url: str, redis_url: str) -> dict:
    return served_environment(
        url,
        redis_url,
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}",
        API_ANON_RATE=UNLIMITED,
        SEARCH_ANON_RATE=UNLIMITED,
        LOG_LEVEL="ERROR",
    )


def prepare(base_url: str, name: str, people: int, redis_url: str) -> tuple[dict, dict]:
    """Make and fill the benchmark database; return its served environment and timings."""
    env = environment(create_database(base_url, name), redis_url)
    timings = {}
    started = time.perf_counter()
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    timings["migrate and load the demo content"] = time.perf_counter() - started

    importing = 0.0
    for first in range(1, people + 1, IMPORT_PART):
        last = min(first + IMPORT_PART - 1, people)
        csv_path = ROOT / "var" / "bench" / f"people-{first}-{last}.csv"
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        manage(env, "shell", "-c", WRITE_CSV.format(path=str(csv_path), first=first, last=last))
        started = time.perf_counter()
        manage(env, "import_people", str(csv_path), "--publish", timeout=3600)
        importing += time.perf_counter() - started
    timings[IMPORT_STEP.format(people)] = importing
    # What autovacuum would do on a production server (it is off on some machines here): the
    # statistics, the visibility map that index-only scans read, the trigram indexes' pending lists.
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )
    return env, timings


def sample_person_id(env: dict) -> int:
    """A public person from the middle of the table, so the page is neither first nor last."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        row = connection.execute(
            "SELECT id FROM archive_person WHERE live AND visibility = 'public' "
            "ORDER BY id OFFSET (SELECT count(*) / 2 FROM archive_person) LIMIT 1"
        ).fetchone()
    return row[0]


def endpoints(person: int) -> dict[str, str]:
    return {
        "Django hello (limit)": "/bench/hello/",
        "DRF hello (limit)": "/bench/hello-api/",
        "home": "/en/",
        "person page": f"/en/people/{person}/",
        "people index": "/en/people/",
        "people index, filtered": "/en/people/?fate=killed",
        "name search": "/en/people/?q=mammadov",
        "API people list": "/api/v1/people/",
        "API person": f"/api/v1/people/{person}/",
        "API search": "/api/v1/search/?q=mammadov",
    }


def run_wrk(port: int, path: str, seconds: int, connections: int) -> dict:
    command = [
        "wrk",
        "--threads=1",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={LUA}",
        f"http://127.0.0.1:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return result


def measure(server: Server, paths: dict[str, str], seconds: int, connections: int) -> dict:
    results = {}
    for name, path in paths.items():
        status = server.get(path)[0]
        if status != 200:
            print(f"  {name:26} {path}: answers {status}, skipped")
            continue
        run_wrk(server.port, path, 2, connections)  # warm up workers and caches
        results[name] = run_wrk(server.port, path, seconds, connections)
        r = results[name]
        print(
            f"  {name:26} {r['rps']:8.0f} req/s  p95 {r['p95'] / 1000:7.1f} ms  "
            f"p99 {r['p99'] / 1000:7.1f} ms  errors {r['errors']}"
        )
    return results


def hold(server: Server, paths: list[str], seconds: int, connections: int) -> list[dict]:
    """All ``paths`` under load at once, each by its own wrk, for ``seconds``."""
    with ThreadPoolExecutor(len(paths)) as pool:
        runs = pool.map(lambda p: run_wrk(server.port, p, seconds, connections), paths)
        return [{"path": path, **result} for path, result in zip(paths, runs, strict=True)]


def ratio_rows(uncached: dict, cached: dict) -> list[tuple[str, str, str, str]]:
    """(figure, measured, target, met?) for each target of the issue."""
    rows = []

    def ratio(name, limit, results, target, label):
        if name in results and limit in uncached:
            value = results[name]["rps"] / uncached[limit]["rps"]
            rows.append(
                (label, f"1/{1 / value:.1f} ({value:.2f})", f"≥ {target}", _met(value, target))
            )
        else:
            rows.append((label, "not measured", f"≥ {target}", "–"))

    ratio(
        "person page", "Django hello (limit)", uncached, 0.1, "person page / Django hello, uncached"
    )
    ratio("person page", "Django hello (limit)", cached, 0.5, "person page / Django hello, cached")
    ratio("API people list", "DRF hello (limit)", uncached, 0.2, "API people list / DRF hello")
    ratio(
        "API people list", "DRF hello (limit)", cached, 0.2, "API people list / DRF hello, cached"
    )
    for name in ("name search", SEARCH_ALONE):
        if name in uncached:
            p95 = uncached[name]["p95"] / 1000
            met = "yes" if p95 < 50 else "no"
            rows.append((f"{name} p95, uncached", f"{p95:.1f} ms", "< 50 ms", met))
    return rows


def _met(value: float, target: float) -> str:
    return "yes" if value >= target else "no"


def table(header: list[str], rows: list) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def report(args, timings, uncached, cached, held) -> str:
    def endpoint_rows():
        for name in uncached.keys() | cached.keys():
            u, c = uncached.get(name), cached.get(name)
            yield (
                name,
                f"{u['rps']:.0f}" if u else "–",
                f"{u['p95'] / 1000:.1f} / {u['p99'] / 1000:.1f}" if u else "–",
                f"{c['rps']:.0f}" if c else "–",
                f"{c['p95'] / 1000:.1f} / {c['p99'] / 1000:.1f}" if c else "–",
                (u["errors"] if u else 0) + (c["errors"] if c else 0),
            )

    imported = timings.get(IMPORT_STEP.format(args.people))
    # Issue 6: 100,000 in under 60 s; issue 16: 1,000,000 in under 10 minutes.
    limit = IMPORT_SECONDS_PER_100K * args.people / 100_000
    import_row = (
        IMPORT_STEP.format(args.people),
        "reused database" if imported is None else f"{imported:.1f} s",
        f"< {limit:.0f} s (60 s per 100,000)",
        ("yes" if imported < limit else "no") if imported and args.people >= 100_000 else "–",
    )
    order = [*endpoints(0), SEARCH_ALONE]
    rows = sorted(endpoint_rows(), key=lambda row: order.index(row[0]))
    parts = [
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, {args.people:,} people, "
        f"{args.duration} s per endpoint, {args.connections} connections, "
        f"gunicorn {args.workers} sync workers, {os.cpu_count()} CPUs.",
        "",
        table(["setup step", "seconds"], [(k, f"{v:.1f}") for k, v in timings.items()]),
        "",
        table(
            [
                "endpoint",
                "uncached req/s",
                "p95 / p99 ms",
                "cached req/s",
                "p95 / p99 ms",
                "errors",
            ],
            rows,
        ),
        "",
        table(["figure", "measured", "target", "met"], ratio_rows(uncached, cached) + [import_row]),
    ]
    if held:
        parts += [
            "",
            f"Held together for {args.hold} s, {args.connections} connections each (uncached):",
            "",
            table(
                ["path", "requests", "req/s", "p99 ms", "errors"],
                [
                    (
                        h["path"],
                        h["requests"],
                        f"{h['rps']:.0f}",
                        f"{h['p99'] / 1000:.1f}",
                        h["errors"],
                    )
                    for h in held
                ],
            ),
        ]
    return "\n".join(parts)


def forget_cache(redis_url: str, prefix: str) -> None:
    """Delete what this run's servers left in Redis (the generation key never expires)."""
    import redis

    store = redis.Redis.from_url(redis_url)
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)


def finish(text: str, name: str, args, base_url: str, redis_url: str, env: dict) -> None:
    """Print the report and save it as ``var/bench/<name>-<time>.md``; then delete this run's
    Redis keys, and its database unless ``--keep`` or ``--reuse`` asked to keep it."""
    print("\n" + text)
    out = ROOT / "var" / "bench" / f"{name}-{datetime.datetime.now():%Y%m%d-%H%M%S}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"\nSaved to {out.relative_to(ROOT)}")
    forget_cache(redis_url, env["CACHE_KEY_PREFIX"])
    if not (args.keep or args.reuse):
        drop_database(base_url, args.database)


def chosen(paths: dict[str, str], only: list[str]) -> dict[str, str]:
    """The limits, and the endpoints whose names contain one of ``only`` (all without it)."""
    words = [word.casefold() for word in only]
    return {
        name: path
        for name, path in paths.items()
        if not words or name in LIMITS or any(word in name.casefold() for word in words)
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=1000, help="synthetic people to import")
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--hold", type=int, default=0, help="seconds of the combined load test")
    parser.add_argument("--database", default=DATABASE, help="name of the benchmark database")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database a --keep run left (no import; --people only labels the "
        "report); implies --keep",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="WORD",
        help="measure only endpoints whose names contain WORD (repeatable), beside the limits",
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="then run bench/in_process.py on the database (search, admin listings, export, "
        "CSV stream)",
    )
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="servers to measure: uncached, cached or both (default uncached,cached)",
    )
    args = parser.parse_args()
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    if not modes or any(mode not in MODES for mode in modes):
        parser.error("--modes takes uncached, cached or both, separated by a comma")

    ensure_wrk()
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base_url.startswith("postgres"):
        sys.exit("bench runs on PostgreSQL: set DATABASE_URL to a postgres:// address")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    url = database_url(base_url, args.database)
    if args.reuse:
        if not database_exists(base_url, args.database):
            sys.exit(f"--reuse: there is no database {args.database}; build it with --keep")
        print(f"Reusing {url} ...")
        env, timings = environment(url, redis_url), {}
    else:
        print(f"Preparing {url} with {args.people:,} people ...")
        env, timings = prepare(base_url, args.database, args.people, redis_url)
    person = sample_person_id(env)
    paths = chosen(endpoints(person), args.only)
    logs = ROOT / "var" / "bench"
    logs.mkdir(parents=True, exist_ok=True)

    results, held = {"uncached": {}, "cached": {}}, []
    for mode in modes:
        print(f"{mode}:")
        server_env = {**env, "ANONYMOUS_CACHE_SECONDS": MODES[mode]}
        log = logs / f"{args.database}-{mode}.log"
        with Server(free_port(), server_env, workers=args.workers, log=log) as server:
            results[mode] = measure(server, paths, args.duration, args.connections)
            if mode == "uncached" and "name search" in paths:
                # Latency without queueing behind other requests: one connection at a time.
                alone = measure(server, {SEARCH_ALONE: paths["name search"]}, args.duration, 1)
                results[mode].update(alone)
            if mode == "uncached" and args.hold:
                print(f"holding home, person page and API for {args.hold} s ...")
                held = hold(
                    server,
                    [
                        "/en/",
                        endpoints(person)["person page"],
                        endpoints(person)["API people list"],
                    ],
                    args.hold,
                    args.connections,
                )

    text = report(args, timings, results["uncached"], results["cached"], held)
    if args.in_process:
        # Before finish(), which drops the database unless it is kept.
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "in_process.py"), "--database", args.database,
             "--people", str(args.people)],
            env={**os.environ, "DATABASE_URL": base_url, "BENCH_REDIS_URL": redis_url},
            check=False,
        )  # fmt: skip
    finish(text, f"results-{args.people}", args, base_url, redis_url, env)


if __name__ == "__main__":
    main()
