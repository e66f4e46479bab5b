"""HTTP behaviour of the API: caching headers and conditional requests, CORS, throttling,
language selection, and read-only methods."""

import pytest
from django.utils import translation
from django.utils.http import http_date

from tests.factories import PersonFactory, TimelineEntryFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def test_answers_carry_public_cache_control_and_an_etag(client, settings):
    settings.API_CACHE_MAX_AGE = 120
    PersonFactory()

    response = client.get(PEOPLE)

    assert response["Cache-Control"] == "public, max-age=120"
    assert response["ETag"].startswith('"')
    assert "Accept-Language" in response["Vary"]
    assert "Accept" in response["Vary"]


def test_a_matching_if_none_match_answers_304_without_a_body(client):
    PersonFactory()
    etag = client.get(PEOPLE)["ETag"]

    response = client.get(PEOPLE, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_the_etag_changes_when_a_record_changes(client):
    person = PersonFactory(occupation="teacher")
    etag = client.get(PEOPLE)["ETag"]
    person.occupation = "doctor"
    person.save()

    response = client.get(PEOPLE, headers={"if-none-match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_etag_differs_by_format_and_language(client):
    PersonFactory()

    etags = {
        client.get(PEOPLE)["ETag"],
        client.get(PEOPLE, {"format": "jsonld"})["ETag"],
        client.get(PEOPLE, {"lang": "az"})["ETag"],
    }

    assert len(etags) == 3


def test_a_detail_has_last_modified_and_honours_if_modified_since(client):
    entry = TimelineEntryFactory()
    entry.save_revision().publish()
    entry.refresh_from_db()
    url = f"/api/v1/timeline/{entry.pk}/"

    response = client.get(url)
    unchanged = client.get(url, headers={"if-modified-since": response["Last-Modified"]})
    older = client.get(url, headers={"if-modified-since": http_date(0)})

    assert response["Last-Modified"] == http_date(entry.last_published_at.timestamp())
    assert unchanged.status_code == 304
    assert older.status_code == 200


def test_lists_have_no_last_modified(client):
    PersonFactory().save_revision().publish()

    assert "Last-Modified" not in client.get(PEOPLE)


def test_errors_are_not_cached(client):
    response = client.get(PEOPLE, {"fate": "zombie"})

    assert response.status_code == 400
    assert "Cache-Control" not in response
    assert "ETag" not in response


def test_any_origin_may_read_the_api(client):
    response = client.get(PEOPLE, headers={"origin": "https://example.org"})

    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_cors_preflight_allows_get_only(client):
    response = client.options(
        PEOPLE,
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_api_is_read_only(client):
    person = PersonFactory()

    assert client.post(PEOPLE, {"given_name": "New"}).status_code == 405
    assert client.delete(f"{PEOPLE}{person.pk}/").status_code == 405
    assert client.put(f"{PEOPLE}{person.pk}/", {}).status_code == 405


def test_anonymous_clients_are_throttled_at_the_configured_rate(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }

    statuses = [client.get(PEOPLE).status_code for _ in range(4)]
    throttled = client.get("/api/v1/places/")

    assert statuses == [200, 200, 200, 429]
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "Cache-Control" not in throttled


def test_language_comes_from_lang_then_accept_language_then_the_default(client):
    assert client.get(PEOPLE, {"lang": "ru"})["Content-Language"] == "ru"
    assert (
        client.get(PEOPLE, headers={"accept-language": "tr-TR,tr;q=0.9"})["Content-Language"]
        == "tr"
    )
    assert client.get(PEOPLE, headers={"accept-language": "de"})["Content-Language"] == "en"
    assert (
        client.get(PEOPLE, {"lang": "en"}, headers={"accept-language": "az"})["Content-Language"]
        == "en"
    )


def test_the_sites_language_cookie_counts_as_on_the_sites_pages(client):
    client.cookies["django_language"] = "az"

    assert client.get(PEOPLE, headers={"accept-language": "ru"})["Content-Language"] == "az"
    assert client.get(PEOPLE, {"lang": "tr"})["Content-Language"] == "tr"


def test_the_response_cache_never_answers_in_another_language(client, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    PersonFactory()
    client.cookies["django_language"] = "az"
    client.get(PEOPLE, headers={"accept-language": "en"})
    del client.cookies["django_language"]

    response = client.get(PEOPLE, headers={"accept-language": "az"})
    english = client.get(PEOPLE, headers={"accept-language": "en"})

    assert response["Content-Language"] == "az"
    assert english["Content-Language"] == "en"


def test_choice_labels_follow_the_language(client):
    PersonFactory()
    with translation.override("ru"):
        killed_in_russian = translation.pgettext("fate", "Killed")

    english = client.get(PEOPLE).json()["results"][0]["fate_label"]
    russian = client.get(PEOPLE, {"lang": "ru"}).json()["results"][0]["fate_label"]

    assert english == "Killed"
    assert russian == killed_in_russian != english
