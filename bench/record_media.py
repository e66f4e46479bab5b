"""Photos and documents of records at the archive's size, in process, on a database that
``load_demo --synthetic-people N`` filled (any number of people):

    DATABASE_URL=postgres://.../db .venv/bin/python bench/record_media.py --with-media 500

Gives ``--with-media`` public people a generated placeholder photo each (flagged synthetic;
written in a transaction rolled back at the end, files removed), then measures

1. the sealing pass that follows every admin write (``archive.media_files.seal_record_media``)
   when nothing is to move: queries and median time of 5;
2. a memorial page with 4 photos and a document against one without any: queries and median
   time of 5, after one request that makes the renditions;
3. restricting one of those people: the pass that seals its files (time, files moved).

Speed is measured here, never asserted in the test suite (which asserts the query counts)."""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memorial.settings.test")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from PIL import Image as PillowImage  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402

from archive.media_files import seal_record_media  # noqa: E402
from archive.models import Person, PersonMedia  # noqa: E402


def placeholder(number: int) -> ImageFile:
    data = io.BytesIO()
    PillowImage.new("RGB", (1600, 1200), (100 + number % 100, 100, 100)).save(data, "PNG")
    return ImageFile(io.BytesIO(data.getvalue()), name=f"placeholder-{number}.png")


def attach(person, number: int, **fields) -> PersonMedia:
    image = get_image_model().objects.create(
        title=f"Placeholder {number}", file=placeholder(number)
    )
    return PersonMedia.objects.create(
        person=person,
        image=image,
        alt_text="A generated grey placeholder, not a photograph",
        rights="The archive's own work",
        consent=PersonMedia.Consent.ARCHIVE,
        is_synthetic=True,
        **fields,
    )


def measured(action, runs: int = 5) -> tuple[int, float]:
    """Queries of one run and the median milliseconds of ``runs``."""
    with CaptureQueriesContext(connection) as captured:
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return len(captured), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-media", type=int, default=500)
    args = parser.parse_args()
    client = Client()
    # Files go to folders of their own, removed at the end with the rolled back rows.
    with (
        tempfile.TemporaryDirectory() as folder,
        override_settings(MEDIA_ROOT=f"{folder}/media", SEALED_MEDIA_ROOT=f"{folder}/sealed"),
    ):
        measure(client, args.with_media)


def measure(client, with_media: int) -> None:
    with transaction.atomic():
        people = list(Person.objects.public().order_by("pk")[: with_media + 1])
        print(f"{Person.objects.count():,} people; {len(people) - 1} given a photo")
        for number, person in enumerate(people[1:]):
            attach(person, number)
        shown, plain = people[1], people[0]
        for number in range(3):
            attach(shown, 10_000 + number)
        document = get_document_model().objects.create(
            title="Placeholder scan", file=ContentFile(b"%PDF-1.4 placeholder", name="scan.pdf")
        )
        PersonMedia.objects.create(
            person=shown, document=document, rights="-", consent=PersonMedia.Consent.ARCHIVE
        )
        seal_record_media()
        queries, ms = measured(seal_record_media)
        print(f"sealing pass, nothing to move: {queries} queries, {ms:.1f} ms")
        for label, person in (("4 photos and a document", shown), ("no photo", plain)):
            address = f"/en/people/{person.pk}/"
            assert client.get(address).status_code == 200  # renditions made once
            queries, ms = measured(lambda a=address: client.get(a))
            print(f"memorial page, {label}: {queries} queries, {ms:.1f} ms")
        Person.objects.filter(pk=shown.pk).update(visibility=Person.Visibility.RESTRICTED)
        start = time.perf_counter()
        moved = seal_record_media()
        elapsed = (time.perf_counter() - start) * 1000
        print(f"restricting one person, sealing pass: {elapsed:.0f} ms, {moved}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
