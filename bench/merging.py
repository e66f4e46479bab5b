"""The merge's admin screens and a merge itself at the archive's size, in process, on a
database of your own that holds many people (``manage.py load_demo --synthetic-people 100000``):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_merge_big \\
        .venv/bin/python bench/merging.py

For each screen (the comparison, the choice of the other record, the person chooser searched
by a common name, the possible duplicates) the queries and the median time of three requests
after a first one, as a moderator; then one merge of two synthetic records through the form,
its queries and time. It merges two records of the database it is given: never run it on one
you care about. Speed is measured here, never asserted in the test suite (tests count queries:
tests/test_merging_admin.py)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memorial.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from archive.models import Person  # noqa: E402


def measured(client: Client, method: str, url: str, data=None) -> tuple[int, int, float]:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = getattr(client, method)(url, data or {})
        elapsed = time.perf_counter() - started
    return response.status_code, len(captured), elapsed * 1000


def main() -> None:
    moderator, _ = get_user_model().objects.get_or_create(username="merge-bench")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client(SERVER_NAME="localhost")
    client.force_login(moderator)
    people = Person.objects.filter(is_synthetic=True, live=True, has_unpublished_changes=False)
    kept, removed = people.order_by("pk")[:2]
    Person.objects.filter(pk=removed.pk).update(possible_duplicate_of=kept)
    chooser = reverse("wagtailsnippetchoosers_archive_person:choose_results")
    screens = {
        "comparison": reverse("archive_merge_compare", args=[kept.pk, removed.pk]),
        "choose the other": reverse("archive_merge_choose", args=[kept.pk]),
        "chooser, searched": f"{chooser}?q={kept.family_name}",
        "possible duplicates": reverse("archive_possible_duplicates"),
    }
    print(f"{Person.objects.count():,} people")
    for name, url in screens.items():
        measured(client, "get", url)
        runs = [measured(client, "get", url) for _ in range(3)]
        status, queries = runs[0][:2]
        median = statistics.median(run[2] for run in runs)
        print(f"{name:22} {status} {queries:3} queries {median:7.0f} ms")
    status, queries, elapsed = measured(
        client,
        "post",
        screens["comparison"],
        {"reason": "Measured by bench/merging.py.", "choose_family_name": "removed"},
    )
    print(f"{'merge':22} {status} {queries:3} queries {elapsed:7.0f} ms")


if __name__ == "__main__":
    main()
