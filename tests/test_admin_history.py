"""A record's history page shows what was done to that record, also when one action (an import,
a bulk approval) touched many records at once and gave all their entries one identifier."""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import Person


def imported(*family_names: str, publish: bool) -> list[Person]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["external_id", "family_name", "given_name", "fate"])
    writer.writerows([f"history-{n}", name, "Əli", "killed"] for n, name in enumerate(family_names))
    import_people(read_table(io.BytesIO(out.getvalue().encode())), publish=publish)
    return list(Person.objects.filter(family_name__in=family_names).order_by("pk"))


def history(client, person) -> str:
    url = reverse("wagtailsnippets_archive_person:history_results", args=[person.pk])
    return client.get(url).content.decode()


@pytest.mark.django_db
def test_each_person_of_one_import_shows_its_own_creation_and_publication(moderator_client):
    first, second = imported("Əliyev", "Həsənov", publish=True)

    for person in (first, second):
        page = history(moderator_client, person)
        assert "Created" in page
        assert "Published" in page


@pytest.mark.django_db
def test_a_repeated_action_of_one_request_reads_once_in_a_record_history(moderator_client):
    """Wagtail's rule, kept: of a record's entries sharing an identifier and an action, the
    latest stands for them all."""
    (person,) = imported("Quliyev", publish=False)
    one_request = uuid.uuid4()
    for _ in range(2):
        log(person, "wagtail.edit", uuid=one_request)

    assert history(moderator_client, person).count("Edited") == 1
