"""Without a shared cache in front (no FRONTEND_CACHE_URL), a request that may have written
reads no list of keys to purge; the list, which every write adds to, is still emptied now and
then. With one, every such request purges (tests/test_caching_shared.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.caching import purging
from archive.caching.dependencies import PURGES
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_cache_in_front(settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {}
    clock = [1000.0]
    monkeypatch.setattr(purging.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(purging, "_forgotten_at", {})
    return clock


def keys_to_purge() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {PURGES}")  # noqa: S608 - a constant
        return cursor.fetchone()[0]


def test_a_post_reads_no_list_of_keys_without_a_cache_in_front(client, no_cache_in_front):
    purging.purge_changed()  # this process emptied the list a moment ago
    PersonFactory()

    with CaptureQueriesContext(connection) as queries:
        assert client.post("/robots.txt").status_code == 405

    assert not [query for query in queries if PURGES in query["sql"]]
    assert keys_to_purge() > 0


def test_the_list_is_emptied_now_and_then_without_a_cache_in_front(client, no_cache_in_front):
    purging.purge_changed()
    PersonFactory()
    no_cache_in_front[0] += purging.FORGET_EVERY_SECONDS

    client.post("/robots.txt")

    assert keys_to_purge() == 0
