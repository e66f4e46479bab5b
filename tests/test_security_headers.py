"""Every response limits what it may load and who may frame it; production adds HSTS."""

import pytest

from tests.test_settings import GOOD_KEY, run_manage


def csp_directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.django_db
def test_public_page_forbids_inline_script_and_framing(client, demo):
    response = client.get("/en/")
    csp = csp_directives(response)

    assert response.status_code == 200
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_api_and_error_responses_carry_the_same_headers(client):
    for url in ("/api/v1/", "/api/v1/people/", "/en/no-such-page/"):
        response = client.get(url)
        assert csp_directives(response)["script-src"] == "'self'", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url


@pytest.mark.django_db
def test_admin_policy_is_looser_but_still_refuses_foreign_framing(client):
    csp = csp_directives(client.get("/admin/login/"))

    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == "'self'"
    assert csp["object-src"] == "'none'"


def test_production_sends_hsts_and_secure_cookies():
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT)"
    )
    result = run_manage("shell", "-c", script, SECRET_KEY=GOOD_KEY)

    assert result.returncode == 0, result.stderr
    hsts_seconds, session_secure, csrf_secure, redirect = result.stdout.splitlines()[-1].split()
    assert int(hsts_seconds) >= 31_536_000
    assert session_secure == csrf_secure == redirect == "True"
