"""Schemathesis against the API's own OpenAPI schema, in process through the WSGI application.

For every operation it generates requests, both valid ones and ones that break the schema, and
checks that none is answered with a server error and that every answer (status, content type,
headers, body) is one the schema describes."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from archive.demo import generate_synthetic_people
from archive.models import Event, Place
from tests.api_data import family_of, restricted_person
from tests.factories import PersonFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION_AND_MODE = 20
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, kept from closing the test's database connection.

    Django closes connections when a request ends; inside a test that would end the test's
    transaction (Django's own test client suspends this the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def archive(demo, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None},
    }
    event = Event.objects.get(slug="khojaly-massacre")
    generate_synthetic_people(20, event, Place.objects.get(name="Khojaly"))
    family_of([PersonFactory(event=event), restricted_person(event=event)])


@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says(archive, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 28

    for operation in operations:
        for mode in MODES:
            check_operation(operation, mode)


def check_operation(operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION_AND_MODE,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_described(case):
        case.call_and_validate(checks=CHECKS)

    answers_as_described()
