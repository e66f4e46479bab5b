"""Brute force on the admin sign-in and floods of anonymous searches are refused with 429."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

LOGIN = "/admin/login/"


def sign_in(client, password, address="10.0.0.1", username="editor"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_admin_sign_in_locks_after_repeated_failures_with_a_clear_message(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    failures = [sign_in(client, "wrong").status_code for _ in range(3)]

    locked = sign_in(client, "pw")

    assert failures == [200, 200, 200]
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    assert int(locked["Retry-After"]) == settings.LOGIN_LOCKOUT_MINUTES * 60
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_address_so_the_real_editor_can_still_sign_in(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        sign_in(client, "wrong", address="203.0.113.9")

    elsewhere = sign_in(client, "pw", address="10.0.0.1")

    assert elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_failure_count(client, editor, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    sign_in(client, "wrong")
    sign_in(client, "wrong")
    assert sign_in(client, "pw").status_code == 302
    client.logout()

    sign_in(client, "wrong")
    sign_in(client, "wrong")

    assert sign_in(client, "pw").status_code == 302


@pytest.fixture
def search_rate(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "search": "3/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/search/", "/az/people/"])
def test_anonymous_searches_beyond_the_rate_get_429_with_retry_after(client, search_rate, path):
    allowed = [client.get(path, {"q": f"name{n}"}).status_code for n in range(3)]

    refused = client.get(path, {"q": "one more"})

    assert 429 not in allowed
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    with translation.override(path.split("/")[1]):
        explanation = gettext("You have searched very often in a short time.")
    assert explanation.encode() in refused.content


@pytest.mark.django_db
def test_browsing_without_a_query_and_signed_in_searches_are_not_limited(
    client, search_rate, editor
):
    browsing = [client.get("/en/people/").status_code for _ in range(5)]
    client.force_login(editor)
    searches = [client.get("/en/search/", {"q": "x"}).status_code for _ in range(5)]

    assert 429 not in browsing
    assert 429 not in searches


@pytest.mark.django_db
def test_each_address_has_its_own_search_allowance(client, search_rate):
    for n in range(3):
        client.get("/en/search/", {"q": str(n)}, REMOTE_ADDR="198.51.100.1")

    other = client.get("/en/search/", {"q": "x"}, REMOTE_ADDR="198.51.100.2")

    assert other.status_code != 429


@pytest.mark.django_db
def test_a_made_up_forwarded_address_does_not_renew_the_search_allowance(client, search_rate):
    for n in range(3):
        client.get("/en/search/", {"q": str(n)}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    spoofed = client.get("/en/search/", {"q": "x"}, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert spoofed.status_code == 429


@pytest.mark.django_db
def test_a_made_up_forwarded_address_does_not_renew_the_api_allowance(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }
    for n in range(2):
        client.get("/api/v1/people/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    spoofed = client.get("/api/v1/people/", HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert spoofed.status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_sign_in_failures_count_per_forwarded_address(
    client, editor, settings
):
    settings.LOGIN_FAILURE_LIMIT = 2
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.2"
    for _ in range(2):
        client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )

    locked = client.post(
        LOGIN,
        {"username": "editor", "password": "pw"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    elsewhere = client.post(
        LOGIN,
        {"username": "editor", "password": "pw"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert locked.status_code == 429
    assert elsewhere.status_code == 302
