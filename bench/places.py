"""Place pages, the places index and the place filters at 100,000 people on PostgreSQL.

    .venv/bin/python bench/places.py                               # 100,000 people
    .venv/bin/python bench/places.py --database memorial_bench_places --reuse

Makes its own database (``--database``, default ``memorial_bench_places``) on the server
DATABASE_URL points at (default the local one), loads the demo content and N synthetic people
(all living and meeting their fate in Khojaly, as the demo's do), then adds 200 villages within
Karabakh, with coordinates, and gives one person in five a village as their place of birth, so
that small places are measured beside the one nearly everybody shares. ``--reuse`` measures a
database an earlier run left (drop it yourself when done).

Each address is asked in this process through Django's test client (every middleware, the
template rendered; ANONYMOUS_CACHE_SECONDS=0, so no whole response is kept), seven times after
one unmeasured; the median is printed twice: "cold", each request after a change to public
content (a new content generation: nothing remembered is current, the count, the directories
and the choices are read again), and "warm", with those values remembered. The people index
and a memorial page are measured beside them, for scale: the machine's load moves every figure.
Speed is measured here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.name_search import open_database, vacuum  # noqa: E402

DATABASE = "memorial_bench_places"
RUNS = 7
VILLAGES = 200


def prepare(people: int) -> None:
    from django.core.management import call_command
    from wagtail.models import Locale

    from archive.demo import generate_synthetic_people, load_demo
    from archive.models import Event, Person, Place

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo(languages=["en"])
    event = Event.objects.get(slug="khojaly-massacre", locale__language_code="en")
    khojaly = Place.objects.get(name="Khojaly")
    generate_synthetic_people(people, event, khojaly)
    karabakh = khojaly.parent
    villages = Place.objects.bulk_create(
        Place(
            name=f"Bench village {n}",
            parent=karabakh,
            latitude=39.5 + (n % 20) * 0.05,
            longitude=46.3 + (n // 20) * 0.1,
            locale=Locale.get_default(),
        )
        for n in range(VILLAGES)
    )
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[::5])
    for n, village in enumerate(villages):
        Person.objects.filter(pk__in=ids[n::VILLAGES]).update(birth_place=village)
    vacuum()
    print(f"loaded {people:,} people in {time.perf_counter() - started:.0f} s", flush=True)


def median_ms(client, url: str, change=None) -> float:
    """The median time to answer ``url``; with ``change``, called before each request (not
    measured), so that nothing remembered is current."""
    response = client.get(url)  # not measured
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(RUNS):
        if change:
            change()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def new_generation() -> None:
    """A change to public content that changes nothing seen: a new content generation."""
    from django.db.models import F

    from archive.models import Place

    Place.objects.filter(name="Bench village 0").update(name=F("name"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--database", default=DATABASE, help=f"its name (default {DATABASE})")
    options = parser.parse_args()

    os.environ["ANONYMOUS_CACHE_SECONDS"] = "0"  # the views themselves, every time
    open_database(options, prepare)

    from django.test import Client

    from archive.models import Person, Place

    khojaly = Place.objects.get(name="Khojaly", locale__language_code="en")
    karabakh, village = khojaly.parent, Place.objects.filter(name="Bench village 7").first()
    at_village = Person.objects.public().at_places([village.pk]).count()
    total = Person.objects.public().count()
    person = Person.objects.public().order_by("pk")[total // 2]
    addresses = [
        ("(beside: people index, page 1)", "/en/people/"),
        ("(beside: people index, fate=killed)", "/en/people/?fate=killed"),
        ("(beside: a memorial page)", f"/en/people/{person.pk}/"),
        ("place page, Khojaly", f"/en/places/{khojaly.pk}/"),
        ("place page, Khojaly, page 1,000", f"/en/places/{khojaly.pk}/?page=1000"),
        ("place page, Karabakh", f"/en/places/{karabakh.pk}/"),
        ("place page, Azerbaijan", f"/en/places/{karabakh.parent_id}/"),
        (f"place page, a village ({at_village} people)", f"/en/places/{village.pk}/"),
        ("places index", "/en/places/"),
        ("people index, place=Karabakh", f"/en/people/?place={karabakh.pk}"),
        ("API people, place=Karabakh", f"/api/v1/people/?place={karabakh.pk}"),
        ("API people, place=village", f"/api/v1/people/?place={village.pk}"),
    ]
    client = Client(HTTP_HOST="localhost")
    print(f"\n{total:,} public people, {Place.objects.count()} places; median of {RUNS}, ms")
    print(f"{'':<44}{'cold':>10}{'warm':>10}")
    for what, url in addresses:
        cold = median_ms(client, url, change=new_generation)
        warm = median_ms(client, url)
        print(f"{what:<44}{cold:10.1f}{warm:10.1f}", flush=True)


if __name__ == "__main__":
    main()
