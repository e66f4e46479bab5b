"""A record leaves every cache the moment its ``expire_at`` passes, before the scheduler
unpublishes it: an expiry writes nothing, so the content generation reads the expiries too
(archive/caching/generation.py).

Neither database's clock can be set, so the records expire for real, a moment after the caches
are primed: one short sleep for all of them."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.caching import current_generation
from archive.models import Person
from tests.api_data import statement
from tests.factories import DocumentedPersonFactory, TimelineEntryFactory

# Long enough to create the records and prime the caches before they expire, on a loaded CI
# machine too (priming took up to 1.4 s on a busy one).
LEAD = datetime.timedelta(seconds=6)


@pytest.fixture
def caching(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def stored_token() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM archive_content_generation WHERE id = 1")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_future_expiry_alone_does_not_change_the_generation(caching):
    DocumentedPersonFactory(expire_at=timezone.now() + datetime.timedelta(days=1))

    assert current_generation() == current_generation() == stored_token()


@pytest.mark.django_db
def test_records_past_their_expiry_leave_every_cache_before_the_scheduler_runs(
    client, demo, caching
):
    expire_at = timezone.now() + LEAD
    person = DocumentedPersonFactory(family_name="Aaexpirova", expire_at=expire_at)
    entry = TimelineEntryFactory(title="Expiring entry", expire_at=expire_at)
    page = statement("Expiring statement", expire_at=expire_at)
    shown = {
        f"/en/people/{person.pk}/": "Aaexpirova",
        "/en/people/": "Aaexpirova",
        f"/api/v1/people/{person.pk}/": "Aaexpirova",
        "/api/v1/people/": "Aaexpirova",
        "/en/timeline/": "Expiring entry",
        f"/api/v1/timeline/{entry.pk}/": "Expiring entry",
        "/api/v1/timeline/": "Expiring entry",
        page.url: "Expiring statement",
        "/en/statements/": "Expiring statement",
        f"/api/v1/statements/{page.pk}/": "Expiring statement",
        "/api/v1/statements/": "Expiring statement",
    }
    details = {
        f"/en/people/{person.pk}/",
        f"/api/v1/people/{person.pk}/",
        f"/api/v1/timeline/{entry.pk}/",
        page.url,
        f"/api/v1/statements/{page.pk}/",
    }
    for url in shown:
        client.get(url)
    primed = {url: client.get(url) for url in shown}
    etags = {url: primed[url]["ETag"] for url in shown if url.startswith("/api/")}
    before, token = current_generation(), stored_token()

    time.sleep(max(0, (expire_at - timezone.now()).total_seconds()) + 0.1)
    after = current_generation()
    expired = {url: client.get(url) for url in shown}
    revalidated = {url: client.get(url, headers={"If-None-Match": etags[url]}) for url in etags}

    assert {url: (r.status_code, r["X-Cache"]) for url, r in primed.items()} == dict.fromkeys(
        shown, (200, "hit")
    )
    assert all(shown[url] in r.content.decode() for url, r in primed.items())
    # Nothing was written: the stored token is the one the caches were primed under.
    assert stored_token() == token and after != before
    assert {url for url, r in expired.items() if r.status_code == 404} == details
    assert [url for url, r in expired.items() if shown[url] in r.content.decode()] == []
    # A client holding the old ETag gets the new answer, never a 304.
    assert {url: r.status_code for url, r in revalidated.items()} == {
        url: 404 if url in details else 200 for url in etags
    }
    assert [url for url, r in revalidated.items() if r.get("ETag") == etags[url]] == []

    # The scheduler unpublishes them later: a write, so a new token, and they stay hidden.
    call_command("publish_scheduled", verbosity=0)
    assert stored_token() != token
    assert not Person.objects.get(pk=person.pk).live
    assert client.get(f"/en/people/{person.pk}/").status_code == 404
