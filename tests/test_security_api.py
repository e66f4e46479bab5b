"""The API never tells who edited what: no user accounts, names of staff or e-mail addresses."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.admin_forms import person_form

EMAIL = "staff.member@example.org"
USERNAME = "mod_q7x"


@pytest.fixture
def published_by_staff(client, demo):
    moderator = get_user_model().objects.create_user(
        username=USERNAME, email=EMAIL, password="pw", first_name="Staffname"
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {**person_form(family_name="Apiova"), "action-publish": "Publish"},
    )
    assert response.status_code == 302
    client.logout()


def addresses(data):
    """Every API address in decoded JSON, so the crawl follows what the API itself offers."""
    if isinstance(data, dict):
        for value in data.values():
            yield from addresses(value)
    elif isinstance(data, list):
        for value in data:
            yield from addresses(value)
    elif isinstance(data, str) and data.startswith("http://testserver/api/"):
        yield data.removeprefix("http://testserver")


@pytest.mark.django_db
def test_no_api_answer_names_a_user_or_an_email_address(client, published_by_staff):
    seen, queue = set(), ["/api/v1/", "/api/v1/people/?q=Apiova", "/api/schema/"]
    while queue and len(seen) < 60:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = response.content.decode()
        assert EMAIL not in body, url
        assert USERNAME not in body and "Staffname" not in body, url
        if response["Content-Type"].startswith("application/json"):
            queue += [link for link in addresses(json.loads(body)) if link not in seen]

    assert "/api/v1/people/?q=Apiova" in seen and len(seen) > 5


@pytest.mark.django_db
def test_there_is_no_user_endpoint(client):
    for url in ("/api/v1/users/", "/api/v1/accounts/", "/api/v2/users/"):
        assert client.get(url).status_code == 404
