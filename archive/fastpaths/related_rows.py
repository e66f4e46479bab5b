"""Related rows for records loaded without joins, as ``select_related``/``prefetch_related``
would have set them, for the pages and API lists read most.

Reference data (places, locales, events, sources: public once saved, and far fewer than people)
is read whole once per content generation into a directory by id; records then take their
related rows from it instead of joining them on every request. Directories are shared between
requests and processes: read them, never change them."""

from __future__ import annotations

from archive.caching import remembered
from archive.models import Person, Place

PLACE_FIELDS = ("birth_place", "residence", "fate_place")


def directory(model, request=None) -> dict:
    """Every row of ``model`` by id, read once per content generation."""
    return remembered(f"directory:{model._meta.label}", model.objects.in_bulk, request=request)


def place_directory(request=None) -> dict[int, Place]:
    """Every place by id, each with its chain of parents in place ("Khojaly, Karabakh")."""
    return remembered("directory:places-with-parents", _all_places, request=request)


def _all_places() -> dict[int, Place]:
    places = Place.objects.order_by().in_bulk()
    parent = Place._meta.get_field("parent")
    for place in places.values():
        parent.set_cached_value(place, places.get(place.parent_id))
    return places


def attach(records: list, *foreign_keys: str, directory: dict | None = None) -> None:
    """Fill ``foreign_keys`` of ``records`` (all pointing to the same model) from one query, or
    from ``directory`` (rows by id) where given; a row it lacks is left to load on first use."""
    fields = [records[0]._meta.get_field(name) for name in foreign_keys] if records else []
    if directory is None:
        ids = {getattr(record, field.attname) for record in records for field in fields}
        ids.discard(None)
        directory = fields[0].related_model._base_manager.in_bulk(ids) if ids else {}
    for record in records:
        for field in fields:
            value = getattr(record, field.attname)
            if value is None or value in directory:
                field.set_cached_value(record, directory.get(value))


def with_places(request, *people: Person) -> None:
    """Give each person their places, with their parents, from the place directory."""
    attach(list(people), *PLACE_FIELDS, directory=place_directory(request))


def attach_lists(records: list, attribute: str, rows, *, item: str | None = None) -> None:
    """Set ``attribute`` of each record to its ``rows`` (which point to it by ``person``), in
    their order; ``item`` names what to take from each row instead of the row itself."""
    grouped: dict[int, list] = {record.pk: [] for record in records}
    for row in rows:
        grouped[row.person_id].append(getattr(row, item) if item else row)
    for record in records:
        setattr(record, attribute, grouped[record.pk])


def prefetched(instance, **relations: list) -> None:
    """Hand each list of rows to ``instance.<name>.all()`` as ``prefetch_related`` does (the same
    three lines as Django's ``prefetch_one_level``), for rows loaded by other means."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, rows in relations.items():
        queryset = getattr(instance, name).get_queryset()
        queryset._result_cache = rows
        queryset._prefetch_done = True
        cache[name] = queryset
