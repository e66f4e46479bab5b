"""What a shared cache in front needs: Cache-Control with s-maxage and surrogate keys per record,
and purges of exactly the keys a change replaced (archive/caching/purging.py). The real Varnish
is tried in tests/test_caching_varnish.py."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from archive.caching import purging
from archive.caching.purging import XkeyBackend, purge_changed
from tests.api_data import family_of
from tests.factories import PersonFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, monkeypatch):
    """A Varnish configured in front, whose purges are noted instead of sent."""
    settings.ANONYMOUS_CACHE_SECONDS = 60
    settings.SHARED_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "archive.caching.purging.XkeyBackend", "LOCATION": "http://varnish"}
    }
    purged = []
    monkeypatch.setattr(XkeyBackend, "purge_keys", lambda backend, keys: purged.append(keys))
    cache.clear()
    purge_changed()  # what the fixtures wrote
    purged.clear()
    yield purged
    cache.clear()


def keys_of(response) -> list[str]:
    return response["Surrogate-Key"].split()


def test_a_memorial_page_is_offered_to_shared_caches_under_its_own_key(client, shared_cache):
    person = PersonFactory()

    page = client.get(f"/en/people/{person.pk}/")
    record = client.get(f"/api/v1/people/{person.pk}/")

    for response in (page, record):
        assert "s-maxage=600" in response["Cache-Control"]
        assert "public" in response["Cache-Control"]
        assert keys_of(response) == ["content", f"person:{person.pk}"]


def test_lists_of_people_are_filed_under_their_lists_counts_and_the_people_shown(
    client, shared_cache
):
    person = PersonFactory()

    # The index's cards show only what lists read; its A–Z bar is kept under the letters.
    index = keys_of(client.get("/en/people/"))
    api = keys_of(client.get("/api/v1/people/"))

    assert index == ["content", "counts", "letters", "lists"]
    assert api == ["content", "counts", "lists", f"person:{person.pk}"]


def test_errors_and_signed_in_pages_carry_no_keys(client, shared_cache, editor):
    person = PersonFactory(live=False)
    missing = client.get(f"/en/people/{person.pk}/")
    client.force_login(editor)
    signed_in = client.get("/en/people/")

    assert missing.status_code == 404 and "Surrogate-Key" not in missing
    assert "Surrogate-Key" not in signed_in
    assert "s-maxage" not in signed_in.get("Cache-Control", "")


def test_without_a_cache_in_front_no_shared_cache_is_asked_to_keep_anything(client, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    settings.SHARED_CACHE_SECONDS = 0
    person = PersonFactory()

    response = client.get(f"/en/people/{person.pk}/")

    assert "s-maxage" not in response.get("Cache-Control", "")
    assert "Surrogate-Key" not in response


def test_no_page_is_kept_in_front_past_the_next_expiry(client, shared_cache):
    PersonFactory(expire_at=timezone.now() + datetime.timedelta(seconds=120))

    response = client.get("/en/people/")

    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 120


def test_a_publish_purges_the_person_its_family_and_the_lists_only(shared_cache):
    person, relative, outsider = PersonFactory(), PersonFactory(), PersonFactory()
    family = family_of([person, relative])
    purge_changed()
    shared_cache.clear()

    person.family_name = "Republished"
    person.save_revision().publish()
    purge_changed()

    assert shared_cache == [
        sorted(
            {
                "people",
                "lists",  # a name corrected: not the counts
                "letters",  # a family name: the A–Z bar
                f"person:{person.pk}",
                f"person:{relative.pk}",
                f"family:{family.pk}",
            }
        )
    ]
    assert f"person:{outsider.pk}" not in shared_cache[0]


def test_any_other_change_purges_everything(shared_cache):
    PlaceFactory()

    purge_changed()

    assert shared_cache == [["content"]]


def test_a_large_change_purges_everything(shared_cache):
    for _ in range(3):
        PersonFactory()
    purging.MOST_KEYS, most = 2, purging.MOST_KEYS
    try:
        purge_changed()
    finally:
        purging.MOST_KEYS = most

    assert shared_cache == [["content"]]


def test_a_write_in_the_admin_purges_what_it_changed(client, shared_cache, moderator):
    person = PersonFactory()
    purge_changed()
    shared_cache.clear()
    client.force_login(moderator)

    response = client.post(f"/admin/snippets/archive/person/unpublish/{person.pk}/")

    assert response.status_code in (200, 302)
    assert shared_cache and f"person:{person.pk}" in shared_cache[0]
