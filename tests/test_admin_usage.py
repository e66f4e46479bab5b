"""Usage pages page the referring records in SQL (archive/admin/usage.py): the same rows, in the
same order, as Wagtail's ``ReferenceGroups``, one page at a time."""

import pytest
from django.urls import reverse
from wagtail.models import ReferenceIndex

from archive.admin.usage import PagedReferenceGroups
from tests.factories import EventFactory, PersonFactory, PlaceFactory


def rows(groups) -> list:
    # Within one record, Wagtail leaves the order of its references to the database.
    return [(type(record), record.pk, sorted(r.pk for r in refs)) for record, refs in groups]


@pytest.fixture
def place():
    """A place 25 people and an event refer to, some people by two fields."""
    place = PlaceFactory(name="Khojaly")
    EventFactory(place=place)
    for n in range(25):
        PersonFactory(residence=place, fate_place=place if n % 2 else None)
    return place


@pytest.mark.django_db
@pytest.mark.parametrize("page", [slice(0, 20), slice(20, 40), slice(3, 7)])
def test_a_page_of_usage_has_the_rows_wagtail_would_show(place, page):
    references = ReferenceIndex.get_references_to(place)

    paged = PagedReferenceGroups(references)

    assert rows(paged[page]) == rows(list(references.group_by_source_object())[page])
    assert paged.count_up_to(1000) == len(references.group_by_source_object()) == 26
    assert paged.count_up_to(10) == 11


@pytest.mark.django_db
def test_the_usage_page_of_a_place_lists_the_people_who_lived_there(moderator_client, place):
    response = moderator_client.get(reverse("wagtailsnippets_archive_place:usage", args=[place.pk]))

    page = response.content.decode()
    assert page.count("Place of residence") == 19  # a page of 20 records: the event, 19 people
    assert "Page 1 of 2" in page
