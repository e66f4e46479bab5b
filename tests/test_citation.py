"""Permanent identifiers, permanent addresses and citations of people's records."""

import io
import json

import pytest
from django.utils import timezone
from wagtail.models import Locale

from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import MergedRecord, Person
from archive.models.identifiers import ALPHABET, LENGTH, new_public_id, read_public_id
from tests.api_data import restricted_person
from tests.factories import DocumentedPersonFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_identifiers_are_drawn_from_crockfords_alphabet_and_read_back_as_typed():
    drawn = {new_public_id() for _ in range(500)}
    assert len(drawn) == 500
    assert all(len(i) == LENGTH and set(i) <= set(ALPHABET) and not i.isdigit() for i in drawn)
    assert read_public_id("7k3m-9qx2-ht5b") == "7K3M9QX2HT5B"
    assert read_public_id("7K3M 9QX2 HT5B") == "7K3M9QX2HT5B"
    # What a hand copies wrongly reads as what was meant.
    assert read_public_id("OK3M-9QX2-HTIL") == "0K3M9QX2HT11"
    assert read_public_id("7K3M-9QX2-HT5") is None
    assert read_public_id("7K3M-9QX2-HT5U") is None


def test_every_person_has_an_identifier_and_keeps_it_through_an_older_revision():
    person = PersonFactory()
    person.save_revision().publish()
    kept = Person.objects.get(pk=person.pk).public_id
    assert read_public_id(kept) == kept
    content = dict(person.latest_revision.content)
    content.pop("public_id")  # as in a revision saved before identifiers existed
    assert person.with_content_json(content).public_id == kept
    person.latest_revision.content = content
    person.latest_revision.save()
    person.latest_revision.publish()
    assert Person.objects.get(pk=person.pk).public_id == kept


def test_the_person_page_names_the_record_for_good_and_offers_its_citation(client):
    person = DocumentedPersonFactory(given_name="Aynur", family_name="Test & Co_1")
    page = client.get(f"/en/people/{person.pk}/").content.decode()
    shown = person.shown_public_id
    assert f"<code>{shown}</code>" in page
    assert f'href="http://testserver/people/{shown}/"' in page
    assert f"“Aynur Test &amp; Co_1.” Memorial Archive, record {shown}." in page
    assert f'href="/en/people/{person.pk}/citation.bib"' in page
    assert f'href="/en/people/{person.pk}/citation.json"' in page


def test_the_citation_is_worded_in_the_readers_language_and_says_synthetic(client):
    person = PersonFactory()
    page = client.get(f"/ru/people/{person.pk}/").content.decode()
    assert "Процитировать эту запись" in page
    assert f"запись {person.shown_public_id}" in page
    citation = page[page.index('<p class="cite__text">') :].split("</p>")[0]
    assert "Синтетическая запись" in citation


def test_the_permanent_address_leads_to_the_page_in_the_readers_language(client):
    person = PersonFactory()
    shown = person.shown_public_id
    response = client.get(f"/people/{shown}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == f"/ru/people/{person.pk}/"
    typed = shown.lower().replace("-", "")
    assert client.get(f"/people/{typed}/")["Location"] == f"/en/people/{person.pk}/"
    assert client.get(f"/az/people/{shown}/")["Location"] == f"/az/people/{person.pk}/"


@pytest.mark.parametrize("hidden", ["restricted", "draft", "unknown"])
def test_the_permanent_address_of_what_is_not_public_is_not_found(client, hidden):
    if hidden == "restricted":
        shown = restricted_person().shown_public_id
    elif hidden == "draft":
        shown = PersonFactory(live=False).shown_public_id
    else:
        shown = "7K3M-9QX2-HT5B"
    # Django's LocaleMiddleware sends a missing address without a language on to the one with
    # the reader's; that one is missing too.
    assert client.get(f"/people/{shown}/", follow=True).status_code == 404
    assert client.get(f"/en/people/{shown}/").status_code == 404
    assert client.get(f"/api/v1/people/{shown}/").status_code == 404


def test_the_address_of_a_merged_record_leads_to_the_record_it_was_merged_into(client):
    kept, between = PersonFactory(), PersonFactory()
    removed_id = new_public_id()
    # A merge of a merge: the first record went into one that later went into another.
    MergedRecord.objects.create(
        model="archive.person", record_id=10**9, merged_into=between.pk, public_id=removed_id
    )
    MergedRecord.objects.create(
        model="archive.person",
        record_id=between.pk,
        merged_into=kept.pk,
        public_id=between.public_id,
    )
    Person.objects.filter(pk=between.pk).delete()
    # For good (301), to the kept record's permanent address, which leads to its page.
    response = client.get(f"/people/{removed_id}/")
    assert (response.status_code, response["Location"]) == (301, kept.get_permalink())
    assert client.get(kept.get_permalink())["Location"] == f"/en/people/{kept.pk}/"


def test_bibtex_names_the_record_escapes_what_latex_reads_and_says_synthetic(client):
    person = PersonFactory(given_name="Ayşə", family_name="50% & #1_{x}")
    person.save_revision().publish()
    response = client.get(f"/en/people/{person.pk}/citation.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert f'filename="{person.public_id}-en.bib"' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith(f"@misc{{memorial-{person.public_id},\n")
    assert r"title = {{Ayşə 50\% \& \#1\_\{x\}}}" in text
    assert rf"howpublished = {{\url{{http://testserver/people/{person.shown_public_id}/}}}}" in text
    assert f"year = {{{timezone.now().year}}}" in text
    assert "not a real person" in text


def test_csl_json_is_a_webpage_item_reference_managers_read(client):
    person = DocumentedPersonFactory()
    person.save_revision().publish()
    response = client.get(f"/az/people/{person.pk}/citation.json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    [item] = json.loads(response.content)
    published = Person.objects.get(pk=person.pk).last_published_at.date()
    assert item["type"] == "webpage"
    assert item["title"] == person.display_name
    assert item["URL"] == f"http://testserver/people/{person.shown_public_id}/"
    assert item["archive_location"] == person.shown_public_id
    assert item["issued"] == {"date-parts": [[published.year, published.month, published.day]]}
    assert item["language"] == "az"
    assert "not a real person" not in item["note"]


@pytest.mark.parametrize("extension", ["bib", "json"])
def test_no_citation_of_what_is_not_public(client, extension):
    hidden = restricted_person()
    assert client.get(f"/en/people/{hidden.pk}/citation.{extension}").status_code == 404
    person = PersonFactory()
    assert client.get(f"/en/people/{person.pk}/citation.txt").status_code == 404


def test_the_api_gives_the_identifier_and_permalink_and_finds_the_record_by_it(client):
    person = PersonFactory()
    by_id = client.get(f"/api/v1/people/{person.pk}/").json()
    assert by_id["public_id"] == person.shown_public_id
    assert by_id["permalink"] == f"http://testserver/people/{person.shown_public_id}/"
    assert client.get(f"/api/v1/people/{person.shown_public_id}/").json() == by_id
    compact = person.public_id.lower()
    assert client.get(f"/api/v1/people/{compact}/").json() == by_id
    linked = client.get(f"/api/v1/people/{person.pk}/", {"format": "jsonld"}).json()
    assert linked["identifier"]["value"] == person.shown_public_id
    listed = client.get("/api/v1/people/").json()["results"]
    assert [row["public_id"] for row in listed] == [person.shown_public_id]


def test_a_reimport_keeps_the_identifier():
    def imported(family_name):
        csv = "external_id,given_name,family_name,fate,is_synthetic\n"
        csv += f"T-1,Synth,{family_name},killed,yes\n"
        report = import_people(read_table(io.BytesIO(csv.encode())), publish=True)
        assert not report.errors

    imported("Testova")
    kept = Person.objects.get(external_id="T-1").public_id
    imported("Testova-Renamed")
    person = Person.objects.get(external_id="T-1")
    assert (person.family_name, person.public_id) == ("Testova-Renamed", kept)


def test_a_translation_is_the_same_record_under_the_same_identifier(client):
    person = PersonFactory(occupation="teacher")
    translation = person.copy_for_translation(Locale.objects.get_or_create(language_code="az")[0])
    translation.occupation = "müəllim"
    translation.live = True
    translation.save()
    assert translation.public_id == person.public_id
    shown = person.shown_public_id
    assert client.get(f"/az/people/{shown}/")["Location"] == f"/az/people/{translation.pk}/"
    assert client.get(f"/ru/people/{shown}/")["Location"] == f"/ru/people/{person.pk}/"
    in_azerbaijani = client.get(f"/api/v1/people/{shown}/", {"lang": "az"}).json()
    assert (in_azerbaijani["occupation"], in_azerbaijani["public_id"]) == ("müəllim", shown)
