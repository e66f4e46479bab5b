"""Incremental sync: a mirror kept with ``?changed_since=`` and ``/api/v1/deletions/`` equals a
full crawl after every kind of change, whatever made it, and learns nothing else about records
that left public view."""

from __future__ import annotations

import datetime
import io
import re
import time
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from archive.api import sync
from archive.api.links import PageAddresses
from archive.api.views import SYNCED
from archive.caching import current_generation
from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import (
    Event,
    Family,
    HomePage,
    LoggedChange,
    MergedRecord,
    Person,
    Place,
    PublicRecord,
    ReportedFigure,
    StatementPage,
    TimelineEntry,
)
from tests.admin_forms import person_form
from tests.api_data import archive_of, family_of, restricted_person
from tests.factories import PersonFactory, SourceFactory, TimelineEntryFactory

pytestmark = pytest.mark.django_db

LISTS = {
    "person": "people",
    "family": "families",
    "statement": "statements",
    "timeline": "timeline",
    "source": "sources",
    "figure": "figures",
    "event": "events",
    "place": "places",
}
LONG_AGO = "2000-01-01T00:00:00Z"
DELETIONS = "/api/v1/deletions/"


def pages(client, address: str, **query):
    """Each page's body, following ``next`` to the end."""
    response = client.get(address, query)
    while True:
        assert response.status_code == 200, (address, query, response.content[:300])
        body = response.json()
        yield body
        if not body["next"]:
            return
        response = client.get(body["next"])


class Mirror:
    """What a client keeps of the archive in one language, by type and id."""

    def __init__(self, client, language: str):
        self.client, self.language = client, language
        self.records: dict[str, dict[int, dict]] = {kind: {} for kind in LISTS}
        self.until: str | None = None

    def sync(self) -> Mirror:
        """Apply the deletions and the changes since the last sync; the first sync takes every
        record. The next one starts from the first ``until`` answered."""
        untils = []
        if self.until:
            for body in pages(self.client, DELETIONS, since=self.until, lang=self.language):
                untils.append(body["until"])
                for gone in body["results"]:
                    self.records[gone["type"]].pop(gone["id"], None)
        for kind, name in LISTS.items():
            since = self.until or LONG_AGO
            query = {"changed_since": since, "lang": self.language, "page_size": 200}
            for body in pages(self.client, f"/api/v1/{name}/", **query):
                untils.append(body["until"])
                for record in body["results"]:
                    self.records[kind][record["id"]] = record
        self.until = untils[0]
        return self


def crawl(client, language: str) -> dict[str, dict[int, dict]]:
    """Every record of every list, as a full crawl with cursor pages finds them."""
    return {
        kind: {
            record["id"]: record
            for body in pages(client, f"/api/v1/{name}/", mode="cursor", lang=language)
            for record in body["results"]
        }
        for kind, name in LISTS.items()
    }


def assert_mirrors(mirror: Mirror, step: str) -> None:
    expected = crawl(mirror.client, mirror.language)
    mirror.sync()
    for kind in LISTS:
        mirrored, crawled = mirror.records[kind], expected[kind]
        assert sorted(mirrored) == sorted(crawled), (step, kind)
        different = [pk for pk in crawled if mirrored[pk] != crawled[pk]]
        assert not different, (step, kind, different)


def published(record):
    record.save_revision().publish()
    record.refresh_from_db()
    return record


def import_file(rows: list[list[str]]):
    header = "external_id,family_name,given_name,fate,fate_date,residence,family"
    text = "\n".join([header, *(",".join(row) for row in rows)])
    report = import_people(read_table(io.BytesIO(text.encode())), publish=True)
    assert not report.errors, report.errors


def bulk(client, action: str, people):
    query = urlencode([("id", person.pk) for person in people] + [("next", "/admin/")])
    address = reverse("wagtail_bulk_action", args=["archive", "person", action])
    assert client.post(f"{address}?{query}").status_code == 302


@pytest.mark.parametrize("language", ["en", "az"])
def test_a_mirror_kept_by_changes_and_deletions_equals_a_full_crawl(
    client, moderator, demo, language
):
    azerbaijani, _created = Locale.objects.get_or_create(language_code="az")
    made = archive_of(2, event=Event.objects.get(slug="khojaly-massacre"))
    first, second = made["people"]
    mirror = Mirror(client, language).sync()
    assert mirror.records == crawl(client, language)

    newcomer = PersonFactory(live=False, family_name="Newcomerova", event=made["event"])
    published(newcomer)
    assert_mirrors(mirror, "published")

    first.occupation = "teacher"
    published(first)
    assert_mirrors(mirror, "edited")

    source = SourceFactory(title="A source first cited now")
    second.sources.add(source)
    second.save()
    assert_mirrors(mirror, "newly linked: the person changes, the source appears")

    residence = Place.objects.get(pk=first.residence_id)
    residence.name = "Renamed place"
    residence.save()
    assert_mirrors(mirror, "a place renamed: every record naming it changes")

    family_of([newcomer], name="The Newcomerov family")
    assert_mirrors(mirror, "a family founded: the family appears, its member changes")

    newcomer.unpublish()
    assert_mirrors(mirror, "unpublished: the person and its family leave, figures recount")

    second.visibility = Person.Visibility.RESTRICTED
    published(second)
    assert_mirrors(mirror, "restricted: gone from people, families and timeline entries")

    translation = first.copy_for_translation(azerbaijani)
    translation.family_name = "Tərcümə"
    translation.save()
    published(translation)
    assert_mirrors(mirror, "translated: in Azerbaijani the translation replaces the original")

    Person.objects.filter(pk=first.pk).update(occupation="doctor")  # no save(), no signal
    assert_mirrors(mirror, "a bulk UPDATE")

    import_file(
        [
            ["sync-1", "Importova", "Leyla", "killed", "1992-02-26", residence.name, "Importov"],
            ["sync-2", "Importova", "Aysel", "wounded", "1992-02-26", residence.name, "Importov"],
        ]
    )
    assert_mirrors(mirror, "imported and published (COPY on PostgreSQL)")

    client.force_login(moderator)
    bulk(client, "unpublish", Person.objects.filter(family_name="Importova"))
    client.logout()
    assert_mirrors(mirror, "bulk unpublished in the admin")

    entry = TimelineEntry.objects.filter(live=True).first()
    entry.unpublish()
    page = StatementPage.objects.live().first()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    ReportedFigure.objects.filter(pk=ReportedFigure.objects.first().pk).update(value=99)
    assert_mirrors(mirror, "an entry unpublished, a statement made private, a figure changed")

    home = HomePage.objects.get()
    PageViewRestriction.objects.create(page=home, restriction_type="password", password="x")
    assert_mirrors(mirror, "the event's home page made private: its statements leave with it")

    Family.objects.filter(name="Family 0").delete()
    first.delete()
    assert_mirrors(mirror, "deleted: the person, its translation's original, its family")


def test_a_mirror_follows_the_admin_and_the_scheduler(client, moderator, language="en"):
    mirror = Mirror(client, language).sync()
    client.force_login(moderator)
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {
            **person_form(family_name="Scheduledova"),
            "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "Publish",
        },
    )
    client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {**person_form(family_name="Adminova"), "action-publish": "Publish"},
    )
    client.logout()
    assert_mirrors(mirror, "published in the admin, another scheduled")

    revision = Person.objects.get(family_name="Scheduledova").latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    assert Person.objects.public().filter(family_name="Scheduledova").exists()
    assert_mirrors(mirror, "published by the scheduler")


def test_a_record_leaves_when_its_expiry_passes_though_nothing_is_written(client):
    mirror = Mirror(client, "en")
    # Six seconds' lead: the first sync must see the record before it expires, on a busy machine.
    expire_at = timezone.now() + datetime.timedelta(seconds=6)
    expiring = PersonFactory(expire_at=expire_at)
    mirror.sync()
    assert expiring.pk in mirror.records["person"]

    time.sleep(max(0, (expire_at - timezone.now()).total_seconds()) + 0.5)
    mirror.sync()

    assert expiring.pk not in mirror.records["person"]
    assert mirror.records == crawl(client, "en")


def changed(client, name: str, since: str, **query) -> list[int]:
    found = []
    for body in pages(client, f"/api/v1/{name}/", changed_since=since, **query):
        found += [record["id"] for record in body["results"]]
    return found


def until(client) -> str:
    """The moment up to which a sync asked for now is complete."""
    return client.get("/api/v1/events/", {"changed_since": LONG_AGO}).json()["until"]


def test_changes_are_only_the_records_changed_in_the_order_they_changed(client):
    alpha, bravo, charlie = (PersonFactory(family_name=name) for name in ("A", "B", "C"))
    start = until(client)

    bravo.occupation = "teacher"
    bravo.save()
    until(client)  # a sync between the two changes: each has its own time
    alpha.occupation = "doctor"
    alpha.save()

    assert changed(client, "people", start) == [bravo.pk, alpha.pk]
    assert changed(client, "people", start, page_size=1) == [bravo.pk, alpha.pk]
    assert changed(client, "families", start) == []

    bravo.occupation = "nurse"
    bravo.save()
    assert changed(client, "people", start) == [alpha.pk, bravo.pk]
    assert charlie.pk not in changed(client, "people", start)


def test_changes_pass_the_lists_own_filters(client):
    killed = PersonFactory(fate=Person.Fate.KILLED)
    PersonFactory(fate=Person.Fate.WOUNDED)

    assert changed(client, "people", LONG_AGO, fate="killed") == [killed.pk]


def test_a_record_that_left_is_named_by_type_and_id_and_nothing_else(client):
    person = restricted_person(family_name="Gizlinova")
    person.visibility = Person.Visibility.PUBLIC
    person.save()
    start = until(client)
    person.visibility = Person.Visibility.RESTRICTED
    person.save()

    response = client.get(DELETIONS, {"since": start})

    assert response.json()["results"] == [{"type": "person", "id": person.pk, "merged_into": None}]
    assert b"Gizlinova" not in response.content
    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 404


def test_a_merged_record_names_the_public_record_it_went_into(client):
    kept, merged, into_hidden = PersonFactory(), PersonFactory(), PersonFactory()
    hidden = restricted_person()
    start = until(client)
    MergedRecord.objects.create(model="archive.person", record_id=merged.pk, merged_into=kept.pk)
    MergedRecord.objects.create(
        model="archive.person", record_id=into_hidden.pk, merged_into=hidden.pk
    )
    merged_id, into_hidden_id = merged.pk, into_hidden.pk
    merged.delete()
    into_hidden.delete()

    results = client.get(DELETIONS, {"since": start, "type": "person"}).json()["results"]

    assert {row["id"]: row["merged_into"] for row in results} == {
        merged_id: kept.pk,
        into_hidden_id: None,  # a restricted record is not named, even by its id
    }


def test_a_translation_replaces_its_original_in_its_languages_list_only(client):
    original = PersonFactory()
    start = until(client)
    translation = original.copy_for_translation(Locale.objects.create(language_code="az"))
    translation.save()

    left_az = client.get(DELETIONS, {"since": start, "lang": "az"}).json()["results"]
    left_en = client.get(DELETIONS, {"since": start, "lang": "en"}).json()["results"]

    assert [row["id"] for row in left_az] == [original.pk]
    assert changed(client, "people", start, lang="az") == [translation.pk]
    assert left_en == [] and changed(client, "people", start, lang="en") == []


def test_deletions_from_before_the_history_began_answer_410(client):
    PersonFactory()
    start = until(client)

    response = client.get(DELETIONS, {"since": "2001-01-01T00:00:00Z"})

    assert response.status_code == 410
    assert start[:10] in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"changed_since": "yesterday"}, "changed_since"),
        ({"changed_since": LONG_AGO, "page": "2"}, "page"),
        ({"changed_since": LONG_AGO, "ordering": "age"}, "ordering"),
        ({"changed_since": LONG_AGO, "mode": "page"}, "mode"),
        ({"changed_since": LONG_AGO, "format": "csv"}, "format"),
        ({"changed_since": LONG_AGO, "cursor": "cD1hYmM="}, "cursor"),  # p=abc
    ],
)
def test_changes_refuse_what_they_cannot_honour(client, query, parameter):
    response = client.get("/api/v1/people/", query)

    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [({}, "since"), ({"since": "2026-13-01"}, "since"), ({"since": LONG_AGO, "type": "x"}, "type")],
)
def test_deletions_refuse_a_missing_or_malformed_since_and_unknown_types(client, query, parameter):
    response = client.get(DELETIONS, query)

    assert response.status_code == 400
    assert parameter in response.json()


def test_a_sync_while_nothing_changed_writes_nothing(client):
    PersonFactory()
    until(client)

    with CaptureQueriesContext(connection) as queries:
        until(client)

    assert not [q for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]


def test_keeping_the_sync_records_starts_no_new_content_generation(client):
    PersonFactory()
    generation = current_generation()

    until(client)

    assert PublicRecord.objects.exists()
    assert current_generation() == generation


# The change log must watch every table the large lists' records are made of.


def tables_read(action) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        action()
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    return set(re.findall(r'"((?:archive|wagtail)\w+)"', sql)) - {"archive_loggedchange"}


@pytest.mark.parametrize("kind", sorted(sync.MADE_OF))
def test_the_change_log_watches_every_table_a_large_lists_records_are_read_from(demo, kind):
    archive_of(2)
    viewset = dict(SYNCED)[kind]
    view = viewset(request=sync.Request(sync._Unhosted()), language="en", format_kwarg=None)
    view.action = "retrieve"
    model = viewset.queryset.model

    # Events' home pages are compared whole at every refresh instead.
    compared_whole = tables_read(lambda: PageAddresses(view.request).event_pages())
    read = tables_read(lambda: list(view.public_rows())) | tables_read(
        lambda: view.write(list(model.objects.values_list("pk", flat=True)))
    )

    assert "archive_homepage" in compared_whole
    assert read <= set(sync.watched_columns()) | compared_whole, read


def logged_by(write) -> set[tuple[str, int]]:
    LoggedChange.objects.all().delete()
    write()
    return set(LoggedChange.objects.values_list("source", "value"))


def test_the_change_log_names_the_rows_written_however_they_are_written():
    person, source = PersonFactory(), SourceFactory()
    family = family_of([person])

    def cite():
        person.sources.add(source)
        person.save()

    assert ("archive_person_sources.person_id", person.pk) in logged_by(cite)
    assert logged_by(lambda: Person.objects.filter(pk=person.pk).update(occupation="x")) == {
        ("archive_person.id", person.pk)
    }
    assert logged_by(lambda: family.memberships.all().delete()) == {
        ("archive_familymembership.family_id", family.pk),
        ("archive_familymembership.person_id", person.pk),
    }
    assert logged_by(lambda: TimelineEntryFactory()) == set()  # a small list: compared whole


def test_a_change_too_large_for_a_request_waits_for_the_command(client, settings):
    PersonFactory()
    call_command("refresh_public_records")
    start = until(client)
    settings.API_SYNC_REQUEST_BUDGET = 10
    newcomers = PersonFactory.create_batch(3)

    waiting = client.get("/api/v1/people/", {"changed_since": start})
    call_command("refresh_public_records")
    done = client.get("/api/v1/people/", {"changed_since": start})

    assert waiting.json()["results"] == [] and waiting.json()["until"] == start
    assert "no-cache" in waiting["Cache-Control"]  # kept by no cache past the refresh
    assert [record["id"] for record in done.json()["results"]] == [p.pk for p in newcomers]
    assert "no-cache" not in done["Cache-Control"]


def test_before_the_first_history_is_ready_sync_answers_503(client, settings):
    settings.API_SYNC_REQUEST_BUDGET = 1
    PersonFactory()

    response = client.get("/api/v1/people/", {"changed_since": LONG_AGO})

    assert response.status_code == 503
    assert client.get("/api/v1/people/").status_code == 200  # the lists themselves are served
