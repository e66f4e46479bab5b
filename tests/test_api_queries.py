"""Every list costs the same number of queries whatever the number of records on the page."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api_data import archive_of

pytestmark = pytest.mark.django_db

LISTS = ["people", "families", "statements", "timeline", "sources", "figures", "events", "places"]
REQUESTS = {
    **{f"{name} page": (f"/api/v1/{name}/", {"page_size": 200}) for name in LISTS},
    **{f"{name} csv": (f"/api/v1/{name}/", {"format": "csv"}) for name in LISTS},
    **{f"{name} jsonld": (f"/api/v1/{name}/", {"format": "jsonld"}) for name in LISTS},
    "people cursor": ("/api/v1/people/", {"mode": "cursor", "page_size": 200}),
    # Past its limit on both sides: the people are then found in steps, whose queries do not
    # depend on how many match (within it, one query ranks them all; see name_search_pages).
    "search": ("/api/v1/search/", {"q": "Test", "limit": 2}),
}


def get(client, path: str, parameters: dict):
    response = client.get(path, parameters)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200, response
    return response


def queries_for(client, path: str, parameters: dict, *, cold: bool) -> int:
    """Queries of a request once per-process caches (Wagtail's site root paths) are warm;
    ``cold``: with nothing remembered in the cache (no counts, directories or records)."""
    get(client, path, parameters)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        get(client, path, parameters)
    return len(captured)


MODES = {"cold cache": True, "warm cache": False}


@pytest.fixture(scope="module")
def _archive_grown(module_rows, _demo_for_module):
    """The demo with 3 records of every kind, each request's queries then in each mode (from
    empty caches, as a test starts), and the archive grown to 30 records. Built once for the
    module: each test then only asks its requests again."""
    with module_rows():
        first = archive_of(3)
        client = Client()
        few = {}
        for mode, cold in MODES.items():
            for each in caches.all():
                each.clear()
            few[mode] = {
                name: queries_for(client, *request, cold=cold) for name, request in REQUESTS.items()
            }
        archive_of(27, event=first["event"])
        return few


@pytest.mark.parametrize("mode", MODES)
def test_every_list_costs_the_same_queries_for_3_or_30_records(client, _archive_grown, mode):
    cold = MODES[mode]
    many = {name: queries_for(client, *request, cold=cold) for name, request in REQUESTS.items()}

    assert many == _archive_grown[mode]
    for name in LISTS:
        assert get(client, f"/api/v1/{name}/", {"page_size": 200}).json()["count"] >= 30
