"""No admin URL answers 500 to malformed or out-of-range ids and parameters, for any role."""

import re

import pytest

from tests.admin_crawl import Archive, admin_patterns

# Arguments that hold an id; the others (app labels, action names ...) keep working values so
# that the hostile id reaches the view.
ID_ARGUMENT = re.compile(r"(pk|id)")
HOSTILE_IDS = ["abc", "-1", "ə", "1.5", "%20"]
# The only ones an <int:...> argument lets through to the view.
HOSTILE_NUMBERS = ["0", str(2**63), "9" * 30]
# Patterns that read their query: listings, searches, choosers, reports, bulk actions.
READS_QUERY = re.compile(r"(list|index|results|choose|chosen|search|bulk|reports|home)")
HOSTILE_QUERIES = [
    "?id=abc&id=ə",
    f"?id={2**63}",
    "?id=-1&id=",
    "?p=abc&page=-1",
    f"?p={2**63}",
    "?q=%00&ordering=-nothing&locale=zz",
    "?export=nothing",
]


def hostile_urls(archive):
    for pattern in admin_patterns():
        values = archive.values(pattern.name)
        ids = [argument for argument in pattern.arguments if ID_ARGUMENT.search(argument)]
        if ids:
            numeric = all(f"<int:{argument}>" in pattern.route for argument in ids)
            for hostile in HOSTILE_NUMBERS + ([] if numeric else HOSTILE_IDS):
                yield pattern.fill({**values, **dict.fromkeys(ids, hostile)})
        if READS_QUERY.search(pattern.name):
            path = pattern.fill(values)
            yield from (path + query for query in HOSTILE_QUERIES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_no_admin_url_answers_500_to_hostile_ids_or_parameters(client, role):
    archive = Archive()
    client.force_login(getattr(archive, role))
    client.raise_request_exception = False

    errors = []
    for url in hostile_urls(archive):
        status = client.get(url).status_code
        if status >= 500:
            errors.append((url, status))

    assert errors == []
