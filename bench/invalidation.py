"""What one edit to one person throws away, at 100,000 people on PostgreSQL, in process, with
production settings and Redis as the cache (issue 16, targets 1 and 2).

    .venv/bin/python bench/invalidation.py --database memorial_bench_me      # a --keep'd run's

Uses a database that ``bench/run.py --people N --database NAME --keep`` left. Then, in this
process, through Django's test client:

1. Survival: caches the memorial page and the API record of ``--sample`` public people, has an
   editor publish a change to one other person (a revision published, as the admin does; then,
   again, a photo uploaded and published with another person), and counts how many of those
   pages are still served from the cache.
2. After an edit elsewhere: ``--rounds`` times, caches each endpoint, publishes a change to a
   person none of them shows, and times each endpoint's first request after it. Prints the
   median per endpoint beside the target. Two kinds of edit, each its own table: what an
   editor does most (an occupation or biography corrected, ``edit``), and one that changes
   what lists show (a given name corrected, ``rename``), after which every list of people is
   chosen, counted and searched again.

Speed is measured here, never asserted in the test suite."""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.serving import database_url  # noqa: E402

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# Issue 16, target 1: median first request after an edit elsewhere, in ms.
TARGETS = {
    "person page": 15,
    "API person": 10,
    "filtered people index": 50,
    "name search page": 60,
    "home": 30,
    "API list page": 20,
}


def setup(options) -> None:
    server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    os.environ["DATABASE_URL"] = database_url(server, options.database)
    os.environ["REDIS_URL"] = options.redis
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["SECURE_SSL_REDIRECT"] = "false"  # plain HTTP in process
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def edit(person) -> None:
    """What an editor's publish writes: a revision, published."""
    person.occupation = f"edited {time.monotonic_ns()}"
    person.save_revision().publish()


def rename(person) -> None:
    """A publish that changes what lists read: the given name, corrected."""
    person.given_name = (
        person.given_name.removesuffix("*")
        if "*" in person.given_name
        else (person.given_name + "*")
    )
    person.save_revision().publish()


def add_photo(person) -> None:
    """A photo added: an image uploaded, attached to the person, the person published."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model

    from archive.models import PersonMedia

    data = io.BytesIO()
    Image.new("RGB", (1200, 900), (120, 110, 100)).save(data, "PNG")
    image = get_image_model().objects.create(
        title="Generated placeholder", file=ImageFile(data, name="placeholder.png")
    )
    person.media.add(
        PersonMedia(
            image=image,
            alt_text="A generated grey placeholder",
            rights="Public domain",
            consent=PersonMedia.Consent.PUBLIC_DOMAIN,
            is_synthetic=True,
        )
    )
    person.save_revision().publish()


EDITS = {"edit": edit, "rename": rename}
SURVIVED = {"edit": edit, "photo": add_photo}


def survival(client, people: list, edited, change=edit) -> tuple[int, int]:
    urls = [url for pk in people for url in (f"/en/people/{pk}/", f"/api/v1/people/{pk}/")]
    for url in urls:
        client.get(url)
    change(edited)
    answers = [client.get(url) for url in urls]
    assert {response.status_code for response in answers} == {200}
    return sum(response.get("X-Cache") == "hit" for response in answers), len(urls)


def first_requests(client, shown: int, others: list, rounds: int, change=edit) -> tuple:
    endpoints = {
        "person page": f"/en/people/{shown}/",
        "API person": f"/api/v1/people/{shown}/",
        "filtered people index": "/en/people/?fate=killed",
        "name search page": "/en/people/?q=mammadov",
        "home": "/en/",
        "API list page": "/api/v1/people/",
    }
    times: dict[str, list[float]] = {name: [] for name in endpoints}
    cpu: dict[str, list[float]] = {name: [] for name in endpoints}
    hits = dict.fromkeys(endpoints, 0)
    for edited in others[:rounds]:
        for url in endpoints.values():
            client.get(url)
        change(edited)
        gc.collect()  # the edit's garbage, collected before the clock starts on either side
        for name, url in endpoints.items():
            started, used = time.perf_counter(), time.process_time()
            response = client.get(url)
            times[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - used) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            hits[name] += response.get("X-Cache") == "hit"
    return times, cpu, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    setup(options)

    from django.core.cache import cache
    from django.test import Client

    from archive.models import Person

    cache.clear()
    client = Client()
    # Not in a family: an edit to a member replaces the tokens of the family's other members.
    ids = list(
        Person.objects.public().filter(memberships__isnull=True).values_list("pk", flat=True)
    )
    total = Person.objects.public().count()
    rng = random.Random(1992)
    chosen = rng.sample(ids, options.sample + options.rounds + 3)
    sample, shown = chosen[: options.sample], chosen[-3]
    others = Person.objects.in_bulk(chosen[options.sample : -3])
    print(f"{total:,} public people")
    for (kind, change), edited in zip(SURVIVED.items(), chosen[-2:], strict=True):
        hits, pages = survival(client, sample, Person.objects.get(pk=edited), change)
        print(
            f"Survival ({kind}: {change.__doc__.splitlines()[0]}) {hits} of {pages} cached pages"
            f" of other people ({hits / pages:.1%}) still cached (target: at least 95 %)"
        )
    for kind, change in EDITS.items():
        times, cpu, hits = first_requests(
            client, shown, list(others.values()), options.rounds, change=change
        )
        print(
            f"\nFirst request after an edit elsewhere ({kind}: {change.__doc__.splitlines()[0]}),"
            f" median of {options.rounds} (ms; CPU: this process's, the database's and Redis's"
            f" work left out), load average {os.getloadavg()[0]:.1f}:"
        )
        print(f"| {'endpoint':<22} | median | CPU | target | served from the cache |")
        for name, measured in times.items():
            median, used = statistics.median(measured), statistics.median(cpu[name])
            cached = f"{hits[name]} of {options.rounds}"
            print(
                f"| {name:<22} | {median:6.1f} | {used:5.1f} | ≤ {TARGETS[name]:>3}"
                f" | {cached:>21} |"
            )
    cache.clear()


if __name__ == "__main__":
    main()
