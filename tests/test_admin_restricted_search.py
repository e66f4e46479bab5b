"""No admin search finds a restricted person for staff who may not see it: by its name, by
another spelling or script of it (the archive's name folding), or by its external id."""

import pytest
from django.urls import reverse

from archive.models import Person
from tests.factories import PersonFactory, user_in

NAME = "Qəhrəmanlıova"
# Shown wherever the record is listed, and in no query (a search box shows its query again).
GIVEN_NAME = "Zqxsearcha"
QUERIES = [NAME, "Гахраманлыова", "kahramanliova", "list-zqx-7"]
SEARCHES = [
    "wagtailadmin_pages:search",
    "wagtailsnippets_archive_person:list",
    "wagtailsnippets_archive_person:list_results",
    "wagtailsnippetchoosers_archive_person:choose",
    "wagtailsnippetchoosers_archive_person:choose_results",
]


@pytest.fixture
def restricted(db):
    return PersonFactory(
        family_name=NAME,
        given_name=GIVEN_NAME,
        external_id="list-zqx-7",
        visibility=Person.Visibility.RESTRICTED,
    )


def found(client, name, query) -> bool:
    response = client.get(reverse(name), {"q": query})
    assert response.status_code == 200, (name, query)
    return GIVEN_NAME in response.content.decode()


@pytest.mark.django_db
def test_no_admin_search_finds_a_restricted_person_for_an_editor(client, restricted):
    client.force_login(user_in("Editors", "editor"))

    leaks = [(name, q) for name in SEARCHES for q in QUERIES if found(client, name, q)]

    assert leaks == []


@pytest.mark.django_db
def test_people_searches_find_a_restricted_person_for_a_moderator(client, restricted):
    """The queries above do find the record, for staff who may see it."""
    client.force_login(user_in("Moderators", "moderator"))

    misses = [(name, q) for name in SEARCHES[1:] for q in QUERIES[:3] if not found(client, name, q)]

    assert misses == []
