"""Time every admin screen for a superuser, an editor and a moderator at archive scale.

    .venv/bin/python bench/admin.py --people 100000 --database memorial_bench_admin --keep
    .venv/bin/python bench/admin.py --people 100000 --database memorial_bench_admin --reuse

Makes its own PostgreSQL database (``memorial_bench_admin`` unless ``--database``), fills it as
``bench/run.py`` does (demo content, N synthetic people through ``import_people --publish``,
``VACUUM ANALYZE``), then makes one person in 20 restricted and one in 50 an unpublished draft, so
the role filters have work. ``--reuse`` measures a
database a ``--keep`` run left. Before measuring, a database without visitors' contributions
gets the moderators' work of issue 12 (:func:`add_moderation_work`): contributions and holds
in thousands, and a sample person with fate events and a long public history of changes.

Then, in this process, with production settings (``bench/settings.py``: DEBUG off, the cache in
Redis) and Django's test client, it requests each screen of ``bench/admin_screens.py`` once to
warm up and ``--repeat`` times more for each role, and prints the median server time, the
response size and the query count, flagging screens over 500 ms or 1 MB (the targets of
issue 14). Without a network or a browser this is the server's time only. ``--only WORD``
measures the screens whose names contain WORD. The table is saved under var/bench/.

The machine is shared, so the first row is the limit, Django's hello view
(``bench/urls.py``) through the same middleware, and the header gives the load average at the
start and the end: a slow row on a loaded machine reads against those."""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import environment, finish, prepare  # noqa: E402
from bench.serving import database_exists, database_url  # noqa: E402

DATABASE = "memorial_bench_admin"
TIME_TARGET_MS, SIZE_TARGET = 500, 2**20
LIMIT = {"limit: Django hello view": "/bench/hello/"}
ROLES = ("superuser", "editor", "moderator")

SPREAD_STATES = """
UPDATE archive_person SET visibility = 'restricted' WHERE id % 20 = 0;
UPDATE archive_person SET live = false, has_unpublished_changes = true WHERE id % 50 = 1;
VACUUM ANALYZE archive_person;
"""


def spread_states(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for statement in filter(str.strip, SPREAD_STATES.split(";")):
            connection.execute(statement)


# The moderators' work added to a database that has none: contributions of each kind (pending
# and decided), hold requests and holds in effect, spread over the table by id; and the
# sample person's fate events and history, published change by change as an editor would.
PENDING_CONTRIBUTIONS, APPROVED_CONTRIBUTIONS = 3_000, 2_000
REQUESTED_HOLDS, HOLDS_IN_EFFECT = 1_000, 500
FATE_EVENTS, HISTORY_ENTRIES = 6, 200


def add_moderation_work() -> None:
    from django.utils import timezone

    from archive.models import Contribution, FateEvent, Hold, Person
    from archive.record_history import reason_for
    from bench.admin_screens import REVIEWED_KINDS, sample_records

    if Contribution.objects.exists():
        return
    started = time.perf_counter()
    sample = sample_records()["person"]
    people = list(
        Person.objects.filter(live=True)
        .exclude(pk=sample.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, len(people) // (PENDING_CONTRIBUTIONS + APPROVED_CONTRIBUTIONS))
    now = timezone.now()

    def contribution(n: int, person_id: int) -> Contribution:
        kind = REVIEWED_KINDS[n % len(REVIEWED_KINDS)] if n < PENDING_CONTRIBUTIONS else "message"
        missing = kind == "missing_person"
        return Contribution(
            kind=kind,
            status="pending" if n < PENDING_CONTRIBUTIONS else "approved",
            person_id=None if missing else person_id,
            language=("en", "az", "tr", "ru")[n % 4],
            name=f"Bench visitor {n}",
            email=f"visitor{n}@example.org",
            relationship="neighbour",
            consented_at=now,
            text=f"Synthetic contribution {n} for the benchmark.",
            source="A synthetic source." if kind == "correction" else "",
            family_name="Benchmarkov" if missing else "",
            given_name="Synthetic" if missing else "",
            fate="killed" if missing else "",
            decided_at=None if n < PENDING_CONTRIBUTIONS else now,
        )

    Contribution.objects.bulk_create(
        contribution(n, pk)
        for n, pk in enumerate(people[::step][: PENDING_CONTRIBUTIONS + APPROVED_CONTRIBUTIONS])
    )
    held = people[step // 2 :: step][: REQUESTED_HOLDS + HOLDS_IN_EFFECT]
    Hold.objects.bulk_create(
        Hold(
            person_id=pk,
            status="requested" if n < REQUESTED_HOLDS else "in_effect",
            whole_record=n % 3 == 0,
            hides_biography=n % 3 != 0,
            requester_name=f"Bench requester {n}",
            requester_relationship="daughter",
            message="A synthetic request for the benchmark.",
        )
        for n, pk in enumerate(held)
    )
    person = Person.objects.get(pk=sample.pk)
    for n in range(HISTORY_ENTRIES):
        person.occupation = f"Occupation {n}"
        if n == 0:
            person.fate_events = [
                FateEvent(kind=kind, certainty="reported", sort_order=order)
                for order, kind in enumerate(
                    ["wounded", "taken_captive", "released", "missing", "identified", "killed"][
                        :FATE_EVENTS
                    ]
                )
            ]
        with reason_for(f"Synthetic change {n} for the benchmark."):
            person.save_revision().publish()
        person = Person.objects.get(pk=sample.pk)
    print(f"Added the moderators' work in {time.perf_counter() - started:.0f} s", flush=True)


def role_users() -> dict:
    from django.contrib.auth.models import Group, User

    users = {}
    for role, group in zip(ROLES, (None, "Editors", "Moderators"), strict=True):
        user, _ = User.objects.get_or_create(
            username=f"bench-{role}", defaults={"is_superuser": role == "superuser"}
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        users[role] = user
    return users


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)  # also the warm-up
    count = len(queries)  # before the next request empties the log
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "status": response.status_code,
        "ms": statistics.median(times),
        "bytes": len(response.content),
        "queries": count,
    }


def cell(result: dict) -> str:
    if result["status"] != 200:
        return f"({result['status']})"
    ms, kb = result["ms"], result["bytes"] / 1024
    text = f"{ms:.0f} ms, {kb:.0f} KB, {result['queries']} q"
    return f"**{text}**" if ms > TIME_TARGET_MS or result["bytes"] > SIZE_TARGET else text


def current_commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def report(
    people: int, results: dict[str, dict[str, dict]], repeat: int, commit: str, loads: list
) -> str:
    lines = [
        f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, commit {commit}, {people:,} people, "
        f"median of {repeat} requests after one warm-up, in process (server time only), "
        f"production settings, {os.cpu_count()} CPUs, load average {loads[0]:.1f} at the start "
        f"and {loads[-1]:.1f} at the end. Each cell: time, size, queries; "
        f"bold misses {TIME_TARGET_MS} ms or 1 MB; (status) when not 200.",
        "",
        "| screen | " + " | ".join(ROLES) + " |",
        "|---|" + "---|" * len(ROLES),
    ]
    for screen, by_role in results.items():
        lines.append(f"| {screen} | " + " | ".join(cell(by_role[r]) for r in ROLES) + " |")
    misses = [
        f"{screen} ({role})"
        for screen, by_role in results.items()
        for role, r in by_role.items()
        if r["status"] == 200 and (r["ms"] > TIME_TARGET_MS or r["bytes"] > SIZE_TARGET)
    ]
    lines += ["", f"Misses: {len(misses)}" + (": " + "; ".join(misses) if misses else "")]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--people", type=int, default=100_000, help="synthetic people to import")
    parser.add_argument("--database", default=DATABASE, help="name of the benchmark database")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--reuse", action="store_true", help="measure a database a --keep run left")
    parser.add_argument("--repeat", type=int, default=3, help="timed requests per screen")
    parser.add_argument("--only", action="append", default=[], metavar="WORD")
    args = parser.parse_args()
    commit = current_commit()  # the code measured, read before a long run
    loads = [os.getloadavg()[0]]

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    url = database_url(base_url, args.database)
    if args.reuse:
        if not database_exists(base_url, args.database):
            sys.exit(f"--reuse: there is no database {args.database}; build it with --keep")
        env = environment(url, redis_url)
    else:
        print(f"Preparing {url} with {args.people:,} people ...", flush=True)
        env, _ = prepare(base_url, args.database, args.people, redis_url)
        spread_states(url)
    os.environ.update(env)

    import django

    django.setup()
    from django.test import Client

    from bench.admin_screens import admin_screens

    add_moderation_work()
    clients = {}
    for role, user in role_users().items():
        # A screen that fails is reported by its status, and the run goes on.
        clients[role] = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
        clients[role].force_login(user)
    words = [word.casefold() for word in args.only]
    screens = LIMIT | {
        name: path
        for name, path in admin_screens().items()
        if not words or any(word in name.casefold() for word in words)
    }
    results: dict[str, dict[str, dict]] = {}
    for name, path in screens.items():
        results[name] = {role: measure(clients[role], path, args.repeat) for role in ROLES}
        print(f"{name:45} " + "  ".join(cell(results[name][r]) for r in ROLES), flush=True)

    loads.append(os.getloadavg()[0])
    text = report(args.people, results, args.repeat, commit, loads)
    finish(text, f"admin-{args.people}", args, base_url, redis_url, env)


if __name__ == "__main__":
    main()
