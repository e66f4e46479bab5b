"""The rows a person's API record lists (sources, testimonies, fate events, families), for a
batch of people: one query each, in the order the record shows them. The JSON records
(``PersonViewSet.completed``) and the CSV of people (:mod:`.people_csv`) read the same queries,
so the two list the same rows in the same order; ``pk`` settles what ``sort_order`` leaves
open (rows made in code, not in the admin, have none)."""

from __future__ import annotations

from django.db.models import QuerySet

from archive.fastpaths import id_lists  # noqa: F401 - registers one_of
from archive.models import FamilyMembership, FateEvent, Person, Testimony


def citations(ids: list[int]) -> QuerySet:
    """The people's links to their sources, in the sources' own order, as the database
    collates their titles."""
    through = Person.sources.through
    return through.objects.filter(person_id__one_of=ids).order_by("source__title", "source")


def testimonies(ids: list[int]) -> QuerySet:
    return Testimony.objects.filter(person_id__one_of=ids).order_by("sort_order", "pk")


def fate_events(ids: list[int]) -> QuerySet:
    return FateEvent.objects.filter(person_id__one_of=ids).order_by("sort_order", "pk")


def memberships(ids: list[int]) -> QuerySet:
    return FamilyMembership.objects.filter(person_id__one_of=ids).order_by("sort_order", "pk")
