"""Health probes, and the friendly 503 a lost database produces, in the test process."""

import pytest
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_answers_200_while_the_database_answers(client):
    assert client.get("/readyz").status_code == 200


@pytest.fixture
def database_down(monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Site, "find_for_request", unreachable)
    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", unreachable)


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_does_not(client, database_down):
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "language"), [("/en/", "en"), ("/az/", "az"), ("/api/v1/people/", "en")]
)
def test_pages_and_api_answer_a_friendly_503_while_the_database_is_down(
    client, database_down, url, language
):
    client.raise_request_exception = False
    response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    with translation.override(language):
        explanation = gettext("The archive is briefly unavailable")
    assert explanation.encode() in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_other_server_errors_stay_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Site, "find_for_request", broken)
    client.raise_request_exception = False

    assert client.get("/en/").status_code == 500
