"""What more app processes buy on this machine, and what each one costs the shared services:
the figures of the README's "Scaling" section.

    .venv/bin/python bench/scaling.py --people 10000

All on 127.0.0.1, in a database of its own (``memorial_scaling``, made afresh, dropped at the
end unless ``--keep``) with N synthetic people imported as bench/run.py does:

1. for 1, 2 and 4 gunicorn sync workers: requests/s of a person page with the anonymous
   response cache off and on (wrk, ``--duration`` seconds after a 2 s warm-up), and the most
   PostgreSQL connections to the database seen meanwhile (pg_stat_activity, twice a second);
2. Redis: the memory (``MEMORY USAGE`` of each key the site wrote, not the whole server's,
   which other work shares) after ``--sample`` person pages and as many API records were
   read once, per person, and so per 100,000 people;
3. object storage: the person page of someone with a photo, media in an S3 bucket (moto's
   server from PyPI, started here): how many requests reach the S3 server while wrk reads the
   page for ``--duration`` seconds once its rendition exists.

Needs PostgreSQL (DATABASE_URL), Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/6) and
Debian's wrk. Prints the figures; never part of the test suite."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import ensure_wrk, prepare, run_wrk, sample_person_id  # noqa: E402
from bench.serving import (  # noqa: E402
    Server,
    database_url,
    drop_database,
    free_port,
    manage,
    s3_server,
)

WORKERS = (1, 2, 4)

PHOTO = """
import io
from PIL import Image as Pillow
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from archive.models import Person
out = io.BytesIO()
Pillow.new("RGB", (900, 1200), (40, 90, 160)).save(out, "JPEG")
image = Image.objects.create(title="photo", file=ImageFile(out, name="photo.jpg"))
person = Person.objects.get(pk={pk})
person.photo = image
person.save_revision().publish()
"""


class ConnectionPeak(threading.Thread):
    """The most connections to ``database`` seen while it runs."""

    def __init__(self, admin_url: str, database: str):
        super().__init__(daemon=True)
        self.admin_url, self.database, self.peak = admin_url, database, 0
        self.done = threading.Event()

    def run(self):
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            while not self.done.wait(0.5):
                count = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [self.database]
                ).fetchone()[0]
                self.peak = max(self.peak, count)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def measure_workers(env, path, args, name) -> list[tuple]:
    rows = []
    admin_url = database_url(env["DATABASE_URL"], "postgres")
    for workers in WORKERS:
        row = [workers]
        for cache_seconds in ("0", "600"):
            served = {**env, "ANONYMOUS_CACHE_SECONDS": cache_seconds}
            with Server(free_port(), served, workers=workers) as server:
                run_wrk(server.port, path, 2, args.connections)
                peak = ConnectionPeak(admin_url, name)
                peak.start()
                result = run_wrk(server.port, path, args.duration, args.connections)
                row += [result["rps"], result["p99"] / 1000, result["errors"], peak.stop()]
        print(
            "  workers {}: uncached {:.0f} req/s (p99 {:.0f} ms, errors {}, connections {}), "
            "cached {:.0f} req/s (p99 {:.0f} ms, errors {}, connections {})".format(*row)
        )
        rows.append(tuple(row))
    return rows


def redis_bytes(client, prefix: str) -> tuple[int, int]:
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    return len(keys), sum(client.memory_usage(key) or 0 for key in keys)


def measure_redis(env, people: list[int], redis_url: str) -> dict:
    client = redis.Redis.from_url(redis_url)
    prefix = env["CACHE_KEY_PREFIX"]
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    figures = {}
    served = {**env, "ANONYMOUS_CACHE_SECONDS": "600"}
    with Server(free_port(), served, workers=2) as server:
        server.get("/en/")
        base_keys, base = redis_bytes(client, prefix)
        for pk in people:
            server.get(f"/en/people/{pk}/")
        keys, pages = redis_bytes(client, prefix)
        figures["person pages"] = (keys - base_keys, pages - base)
        for pk in people:
            server.get(f"/api/v1/people/{pk}/")
        keys2, api = redis_bytes(client, prefix)
        figures["API person records"] = (keys2 - keys, api - pages)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    return figures


def measure_object_storage(env, person: int, args, tmp: Path) -> tuple[int, float, int]:
    with s3_server(tmp / "moto.log") as endpoint:
        media = {
            **env,
            "MEDIA_S3_BUCKET": "bench-media",
            "MEDIA_S3_ENDPOINT_URL": endpoint,
            "MEDIA_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "ANONYMOUS_CACHE_SECONDS": "0",
        }
        manage(media, "prepare_media_bucket")
        manage(media, "shell", "-c", PHOTO.format(pk=person))
        with Server(free_port(), media, workers=2) as server:
            path = f"/en/people/{person}/"
            assert server.get(path)[0] == 200  # makes the rendition
            before = len((tmp / "moto.log").read_text().splitlines())
            result = run_wrk(server.port, path, args.duration, args.connections)
            after = len((tmp / "moto.log").read_text().splitlines())
    return result["requests"], result["rps"], after - before


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--database", default="memorial_scaling")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    ensure_wrk()
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    print(f"Preparing {args.people:,} people in {args.database} ...")
    env, _timings = prepare(base_url, args.database, args.people, redis_url)
    env["LOG_LEVEL"] = "ERROR"
    try:
        person = sample_person_id(env)
        path = f"/en/people/{person}/"
        print(f"App processes, {path}, wrk {args.connections} connections, {args.duration} s:")
        measure_workers(env, path, args, args.database)

        with psycopg.connect(env["DATABASE_URL"]) as connection:
            people = [
                row[0]
                for row in connection.execute(
                    "SELECT id FROM archive_person WHERE live AND visibility = 'public' "
                    "ORDER BY id LIMIT %s",
                    [args.sample],
                )
            ]
        figures = measure_redis(env, people, redis_url)
        print(f"Redis, after reading {len(people)} person pages and API records once:")
        for what, (keys, size) in figures.items():
            print(
                f"  {what}: {keys} keys, {size:,} bytes, {size / len(people):,.0f} bytes a "
                f"person, {size / len(people) * 100_000 / 2**20:,.0f} MiB per 100,000 people"
            )

        tmp = ROOT / "var" / "bench" / "scaling"
        tmp.mkdir(parents=True, exist_ok=True)
        requests, rps, s3_requests = measure_object_storage(env, person, args, tmp)
        print(
            f"Object storage: {requests:,} reads of a person page with a photo ({rps:.0f} req/s) "
            f"sent {s3_requests} requests to the S3 server"
        )
    finally:
        if not args.keep:
            drop_database(base_url, args.database)


if __name__ == "__main__":
    main()
