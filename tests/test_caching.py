"""Anonymous visitors get cached responses, and no change to content is ever served stale."""

import logging

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import PageViewRestriction

from archive.caching import PEOPLE, current_generation, remembered, remembered_items
from archive.caching.middleware import response_key
from archive.caching.tokens import read_tokens
from archive.demo import generate_synthetic_people
from archive.models import ContentPage, Event, HomePage, Person, Place
from tests.factories import (
    DocumentedPersonFactory,
    FigureFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
)


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


@pytest.fixture
def caching(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(demo):
    return HomePage.objects.get(locale__language_code="en")


def visit(client, url="/en/", **headers):
    response = client.get(url, headers=headers)
    return response, response.get("X-Cache")


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_from_the_cache(client, caching, home):
    first, first_cache = visit(client)
    second, second_cache = visit(client)

    assert (first.status_code, first_cache) == (200, "miss")
    assert (second.status_code, second_cache) == (200, "hit")
    assert second.content == first.content


@pytest.mark.django_db
def test_a_published_change_is_visible_on_the_next_request(client, caching, home):
    visit(client)

    home.introduction = "A newly published introduction."
    home.save_revision().publish()
    response, cached = visit(client)

    assert cached == "miss"
    assert b"A newly published introduction." in response.content


@pytest.mark.django_db
def test_a_saved_draft_does_not_leak_into_the_cached_page(client, caching, home):
    visit(client)

    home.introduction = "Draft words nobody approved."
    home.save_revision()
    response, _ = visit(client)

    assert b"Draft words nobody approved." not in response.content
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_unpublished_page_disappears_at_once(client, caching, home):
    statements = home.get_children().get(slug="statements").specific
    url = statements.get_url()
    assert visit(client, url)[0].status_code == 200
    assert visit(client, url)[1] == "hit"

    statements.unpublish()

    assert visit(client, url)[0].status_code == 404


# People's and families' records replace tokens of their own instead of the generation:
# tests/test_caching_dependencies.py.


@pytest.mark.django_db
def test_any_archive_record_change_starts_a_new_generation(caching):
    entry, source = TimelineEntryFactory(), SourceFactory()
    before = current_generation()

    entry.sources.add(source)
    entry.save()  # a parental many-to-many relation is written on save
    after_m2m = current_generation()
    entry.delete()

    assert before != after_m2m != current_generation()


@pytest.mark.django_db
def test_a_bulk_update_that_sends_no_signal_starts_a_new_generation(caching):
    place = PlaceFactory()
    before = current_generation()

    Place.objects.filter(pk=place.pk).update(name="Renamed")

    assert current_generation() != before


@pytest.mark.django_db
def test_nothing_is_kept_of_content_read_inside_a_transaction():
    built = []
    with transaction.atomic():
        for _ in range(2):
            remembered("test-value", lambda: built.append(1) or len(built))

    assert current_generation() is not None
    assert len(built) == 2


@pytest.mark.django_db
def test_signed_in_visitors_are_never_served_from_or_stored_in_the_cache(
    client, caching, home, editor
):
    client.force_login(editor)
    first, first_cache = visit(client)
    _, second_cache = visit(client)
    client.logout()
    _, anonymous_cache = visit(client)

    assert first.status_code == 200
    assert first_cache is None and second_cache is None
    assert anonymous_cache == "miss"


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_not_cached(client, caching, home):
    # A password-protected page renders a form with a CSRF token and sets its cookie.
    PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first, _ = visit(client)
    client.cookies.clear()
    second, second_cache = visit(client)

    assert first.status_code == second.status_code == 200
    assert first.cookies
    assert second_cache == "miss"


@pytest.mark.django_db
def test_not_found_and_redirect_responses_are_not_cached(client, caching, home):
    visit(client, "/en/no-such-page/")
    missing, missing_cache = visit(client, "/en/no-such-page/")
    visit(client, "/")
    redirect, redirect_cache = visit(client, "/")

    assert (missing.status_code, missing_cache) == (404, "miss")
    assert redirect.status_code == 302 and redirect_cache == "miss"


@pytest.mark.django_db
def test_the_admin_is_never_cached(client, caching, home):
    response, cached = visit(client, "/admin/login/")
    assert response.status_code == 200
    assert cached is None


@pytest.mark.django_db
def test_cache_entries_vary_by_query_language_and_accepted_format(client, caching, home):
    visit(client, "/en/")

    assert visit(client, "/en/?page=2")[1] == "miss"
    assert visit(client, "/az/")[1] == "miss"
    assert visit(client, "/en/", Accept="application/json")[1] == "miss"
    assert visit(client, "/en/")[1] == "hit"


@pytest.mark.django_db
def test_a_response_kept_under_an_older_generation_is_never_served(client, caching, home):
    # As when Redis comes back from a dump saved before the last change.
    request = client.get("/en/").wsgi_request
    key = response_key(request)
    old_entry = cache.get(key)
    home.introduction = "Changed after the dump was saved."
    home.save_revision().publish()
    cache.set(key, old_entry)

    response, cached = visit(client)

    assert cached == "miss"
    assert b"Changed after the dump was saved." in response.content


@pytest.mark.django_db
def test_with_redis_down_pages_are_served_uncached_and_the_outage_is_logged(
    client, settings, home, caplog
):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

    with caplog.at_level(logging.ERROR, logger="django_redis"):
        first, _ = visit(client)
        second, second_cache = visit(client)

    assert first.status_code == second.status_code == 200
    assert second_cache == "miss"
    assert any("Exception ignored" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_a_record_published_unpublished_or_drafted_shows_at_once_on_pages_and_api(
    client, caching, home
):
    person = PersonFactory(family_name="Cachedova")
    page, api = f"/en/people/{person.pk}/", "/api/v1/people/"
    for url in (page, api, page, api):
        visit(client, url)
    assert visit(client, page)[1] == visit(client, api)[1] == "hit"

    person.family_name = "Renamedova"
    person.save_revision().publish()
    renamed_page, renamed_api = visit(client, page)[0], visit(client, api)[0]
    person.family_name = "Draftova"
    person.save_revision()
    drafted_page = visit(client, page)[0]
    person.unpublish()

    assert b"Renamedova" in renamed_page.content and b"Renamedova" in renamed_api.content
    assert b"Draftova" not in drafted_page.content
    assert visit(client, page)[0].status_code == 404
    assert b"Renamedova" not in visit(client, api)[0].content


@pytest.mark.django_db
def test_bulk_loaded_synthetic_people_replace_the_token_of_all_people(caching, home):
    before = read_tokens([PEOPLE])
    generate_synthetic_people(3, Event.objects.first(), Place.objects.first())

    assert read_tokens([PEOPLE])[PEOPLE] != before[PEOPLE]


def test_a_cached_api_answer_still_honours_if_none_match(client, caching, home):
    first = client.get("/api/v1/timeline/")
    etag = first["ETag"]

    again = client.get("/api/v1/timeline/", HTTP_IF_NONE_MATCH=etag)

    assert again["X-Cache"] == "hit"
    assert again.status_code == 304


# What pages derive from content (navigation, counts, filter choices) is remembered per content
# generation and language (archive/caching/values.py): with the response cache off, as in these
# tests, a change must still show on the very next request.


def people_index(client, **query) -> str:
    return client.get("/en/people/", query).content.decode()


@pytest.mark.django_db
def test_navigation_follows_a_page_published_or_unpublished_at_once(client, home):
    about = ContentPage.objects.get(slug="about", locale=home.locale)
    link = f'href="{about.url}"'
    assert link in client.get("/en/people/").content.decode()

    about.unpublish()
    after_unpublish = client.get("/en/people/").content.decode()
    about.save_revision().publish()
    after_publish = client.get("/en/people/").content.decode()

    assert link not in after_unpublish
    assert link in after_publish


@pytest.mark.django_db
def test_navigation_is_remembered_for_each_language_apart(client, home):
    english = client.get("/en/people/").content.decode()
    azerbaijani = client.get("/az/people/").content.decode()

    assert 'href="/en/timeline/"' in english and 'href="/az/timeline/"' not in english
    assert 'href="/az/timeline/"' in azerbaijani and 'href="/en/timeline/"' not in azerbaijani


@pytest.mark.django_db
def test_index_count_letters_and_place_choices_follow_publish_and_unpublish(client, home):
    place = PlaceFactory(name="Xanlar")
    person = PersonFactory(family_name="Zeynalov", fate_place=place)
    before = people_index(client, fate="killed")
    assert f'<option value="{place.pk}">Xanlar</option>' in before
    assert 'letter=Z"' in before

    person.unpublish()
    unpublished = people_index(client, fate="killed")
    person.save_revision().publish()
    republished = people_index(client, fate="killed")

    assert "Xanlar" not in unpublished and 'letter=Z"' not in unpublished
    assert "Xanlar" in republished and 'letter=Z"' in republished
    assert _count_heading(unpublished) == _count_heading(before) - 1
    assert _count_heading(republished) == _count_heading(before)


def _count_heading(html: str) -> int:
    heading = html.split('<h2 id="results-title">', 1)[1]
    return int(heading.split(" ", 1)[0].replace(",", ""))


@pytest.mark.django_db
def test_a_restricted_record_lends_no_place_or_letter_to_the_index(client, home):
    PersonFactory(family_name="Qasimov", fate_place=PlaceFactory(name="Open village"))
    visible = people_index(client)
    hidden = PersonFactory(
        family_name="Qasimov",
        fate_place=PlaceFactory(name="Secret village"),
        visibility=Person.Visibility.RESTRICTED,
    )
    PersonFactory(family_name="Ümidov", live=False)

    html = people_index(client)

    assert "Open village" in visible and "Secret village" not in html
    assert 'letter=%C3%9C"' not in html
    assert hidden.get_absolute_url() not in html


@pytest.mark.django_db
def test_documented_counts_follow_publish_and_unpublish_at_once():
    figure = FigureFactory()
    person = DocumentedPersonFactory(event=figure.event)
    assert figure.documented_count == 1

    person.unpublish()
    after_unpublish = figure.documented_count
    person.save_revision().publish()

    assert after_unpublish == 0
    assert figure.documented_count == 1


@pytest.mark.django_db
def test_with_the_cache_down_remembered_values_are_kept_in_the_process(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
        }
    }
    built = []

    for _ in range(2):
        remembered("test-value", lambda: built.append(1) or len(built))

    assert len(built) == 1


@pytest.mark.django_db
def test_a_request_reads_the_generation_once(rf):
    request = rf.get("/")
    first = remembered("test-value", lambda: "first", request=request)
    PlaceFactory()

    assert remembered("test-value", lambda: "second", request=request) == first
    assert remembered("test-value", lambda: "second") == "second"


@pytest.mark.django_db
def test_remembered_items_are_built_once_per_generation_and_only_those_missing():
    asked = []

    def build(ids):
        asked.append(ids)
        return {item: f"value {item}" for item in ids if item != 3}  # 3 has no value

    first = remembered_items("test-items", [1, 2, 3], build)
    again = remembered_items("test-items", [2, 1, 4], build)
    PlaceFactory()
    remembered_items("test-items", [1], build)

    assert first == {1: "value 1", 2: "value 2"}
    assert again == {2: "value 2", 1: "value 1", 4: "value 4"}
    assert asked == [[1, 2, 3], [4], [1]]
