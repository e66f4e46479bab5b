"""Related rows set by archive.fastpaths.related_rows are the rows Django's select_related and
prefetch_related would have set, and reading them costs no query."""

from __future__ import annotations

import pytest

from archive import models
from archive.fastpaths.related_rows import attach, attach_lists, prefetched, with_places
from archive.models import Person
from tests.factories import PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    region = PlaceFactory(name="Karabakh")
    town = PlaceFactory(name="Khojaly", parent=region)
    return [
        PersonFactory(birth_place=town, residence=region, fate_place=None),
        PersonFactory(birth_place=None, residence=town, fate_place=town),
    ]


def places(person) -> list:
    """Each place of ``person`` with the chain of places it lies within, as names."""
    chains = []
    for name in ("birth_place", "residence", "fate_place"):
        place, chain = getattr(person, name), []
        while place is not None:
            chain.append(place.name)
            place = place.parent
        chains.append(chain)
    return chains


def test_places_from_the_directory_are_those_select_related_gives(
    people, django_assert_num_queries
):
    joined = Person.objects.select_related(
        "birth_place__parent", "residence__parent", "fate_place__parent"
    ).order_by("pk")
    expected = [places(person) for person in joined]
    loaded = list(Person.objects.order_by("pk"))

    with_places(None, *loaded)
    with django_assert_num_queries(0):
        assert [places(person) for person in loaded] == expected


def test_attach_without_a_directory_reads_the_rows_in_one_query(people, django_assert_num_queries):
    joined = Person.objects.select_related("birth_place", "residence").order_by("pk")
    expected = [(person.birth_place, person.residence) for person in joined]
    loaded = list(Person.objects.order_by("pk"))

    with django_assert_num_queries(1):
        attach(loaded, "birth_place", "residence")
    with django_assert_num_queries(0):
        assert [(person.birth_place, person.residence) for person in loaded] == expected


def test_prefetched_rows_are_what_prefetch_related_gives(people, django_assert_num_queries):
    person = people[0]
    sources = [SourceFactory(), SourceFactory()]
    person.sources.set(sources)
    models.Testimony.objects.create(person=person, text="Seen leaving the town.")
    expected = Person.objects.prefetch_related("sources", "testimonies").get(pk=person.pk)

    given = Person.objects.get(pk=person.pk)
    prefetched(
        given,
        sources=list(given.sources.order_by("pk")),
        testimonies=list(given.testimonies.all()),
    )
    with django_assert_num_queries(0):
        assert list(given.sources.all()) == sorted(expected.sources.all(), key=lambda s: s.pk)
        assert list(given.testimonies.all()) == list(expected.testimonies.all())


def test_attached_lists_keep_each_record_its_own_rows_in_order(people):
    first, second = people
    rows = [
        models.Testimony.objects.create(person=second, text="b"),
        models.Testimony.objects.create(person=first, text="a"),
        models.Testimony.objects.create(person=second, text="c"),
    ]
    attach_lists(people, "shown", rows, item="text")
    assert (first.shown, second.shown) == (["a"], ["b", "c"])
