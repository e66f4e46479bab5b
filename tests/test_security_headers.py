"""Every response limits what it may load and who may frame it; production adds HSTS."""

import json

import pytest
from django.urls import reverse

from archive.models import ContentPage
from tests.admin_forms import person_form
from tests.factories import PersonFactory
from tests.test_admin_previews import page_preview, snippet_preview
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
def test_admin_policy_is_looser_but_still_refuses_framing(client):
    csp = csp_directives(client.get("/admin/login/"))

    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"


# Framing: the side panel frames previews, so the admin's own origin may frame those, and no one
# may frame anything else. Checked with the framing settings of development and of production.
FRAMING = ["X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN"]
FRAMING += ["PREVIEW_FRAME_ANCESTORS", "MIDDLEWARE"]


@pytest.fixture(scope="module", params=["memorial.settings.dev", "memorial.settings.production"])
def framing_settings(request):
    script = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {FRAMING!r}}}))"
    )
    result = run_manage(
        "shell", "-c", script, DJANGO_SETTINGS_MODULE=request.param, SECRET_KEY=GOOD_KEY
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture
def framing_as_deployed(settings, framing_settings):
    for name, value in framing_settings.items():
        setattr(settings, name, value)


def may_be_framed_by_the_admin_only(response) -> bool:
    return (
        csp_directives(response)["frame-ancestors"] == "'self'"
        and response["X-Frame-Options"] == "SAMEORIGIN"
    )


def refuses_all_framing(response) -> bool:
    return (
        csp_directives(response)["frame-ancestors"] == "'none'"
        and response["X-Frame-Options"] == "DENY"
    )


@pytest.mark.django_db
def test_person_preview_in_the_side_panel_may_be_framed_by_the_admin(
    framing_as_deployed, editor_client
):
    response = snippet_preview(editor_client, PersonFactory(family_name="Previewova"))

    assert response.status_code == 200
    assert "Previewova" in response.content.decode()
    assert may_be_framed_by_the_admin_only(response)
    # The preview keeps the public site's policy: no inline script, as visitors get it.
    assert csp_directives(response)["script-src"] == "'self'"


@pytest.mark.django_db
def test_page_preview_may_be_framed_by_the_admin(framing_as_deployed, admin_client, demo):
    response = page_preview(admin_client, ContentPage.objects.first())

    assert response.status_code == 200
    assert may_be_framed_by_the_admin_only(response)


@pytest.mark.django_db
def test_preview_of_a_new_person_may_be_framed_by_the_admin(framing_as_deployed, editor_client):
    url = reverse("wagtailsnippets_archive_person:preview_on_add")
    editor_client.post(url, person_form(family_name="Newova"))

    response = editor_client.get(url, {"in_preview_panel": "true"})

    assert "Newova" in response.content.decode()
    assert may_be_framed_by_the_admin_only(response)


@pytest.mark.django_db
def test_preview_not_available_message_may_be_framed_by_the_admin(
    framing_as_deployed, editor_client
):
    person = PersonFactory()
    url = reverse("wagtailsnippets_archive_person:preview_on_edit", args=[person.pk])

    response = editor_client.get(url, {"in_preview_panel": "true"})  # nothing posted yet

    assert "Preview not available" in response.content.decode()
    assert may_be_framed_by_the_admin_only(response)


@pytest.mark.django_db
def test_every_other_response_refuses_framing(framing_as_deployed, editor_client, demo):
    person = PersonFactory()
    for url in [
        "/en/",
        f"/en/people/{PersonFactory(live=True).pk}/",
        "/api/v1/people/",
        "/admin/",
        reverse("wagtailsnippets_archive_person:list"),
        reverse("wagtailsnippets_archive_person:edit", args=[person.pk]),
        reverse("wagtailsnippets_archive_person:history", args=[person.pk]),
        reverse("wagtailadmin_pages:edit", args=[ContentPage.objects.first().pk]),
    ]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert refuses_all_framing(response), url


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
