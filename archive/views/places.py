"""Places as pages name them ("Khojaly, Karabakh"), read once per content generation, so that a
page naming a person's places needs no joins up the chain of places within places."""

from __future__ import annotations

from archive.content_cache import remembered
from archive.models import Person, Place

PLACE_FIELDS = ("birth_place", "residence", "fate_place")


def place_directory(request=None) -> dict[int, Place]:
    """Every place by primary key, each with its chain of parents in place. Shared between
    requests: read them, never change them."""
    return remembered("places", _all_places, request=request)


def _all_places() -> dict[int, Place]:
    places = {place.pk: place for place in Place.objects.order_by()}
    parent = Place._meta.get_field("parent")
    for place in places.values():
        parent.set_cached_value(place, places.get(place.parent_id))
    return places


def with_places(request, *people: Person) -> None:
    """Give each person their places from the directory, as ``select_related`` would have.
    A place too new for the directory is left to be loaded on first use."""
    places = place_directory(request)
    for field_name in PLACE_FIELDS:
        field = Person._meta.get_field(field_name)
        for person in people:
            place_id = getattr(person, field.attname)
            if place_id in places:
                field.set_cached_value(person, places[place_id])
