"""Related rows for records loaded without joins, as ``select_related``/``prefetch_related``
would have set them, for the pages and API lists read most.

Reference data (places, locales, events, sources: public once saved, and far fewer than people)
is read whole once per content generation into a directory by id; records then take their
related rows from it instead of joining them on every request. Directories are shared between
requests and processes: read them, never change them."""

from __future__ import annotations

from wagtail.models import Locale

from archive.caching import depends_on_tables, remembered
from archive.models import Person, Place

PLACE_FIELDS = ("birth_place", "residence", "fate_place")


def directory(model, request=None) -> dict:
    """Every row of ``model`` by id, read once per content generation (and version of all
    people, for their tables)."""
    return remembered(
        f"directory:{model._meta.label}",
        model.objects.in_bulk,
        request=request,
        depends_on=depends_on_tables(model._meta.db_table),
    )


def localized_directory(model, language: str, request=None) -> dict:
    """Every row of a translatable ``model`` by id, each given as its translation into
    ``language`` where there is one, else as itself: what a link to it shows a reader of
    that language. Read once per content generation and language."""
    return remembered(
        f"directory:{model._meta.label}:localized",
        lambda: _in_language(model.objects.order_by().in_bulk(), language),
        language,
        request=request,
        depends_on=depends_on_tables(model._meta.db_table),
    )


def _in_language(rows: dict, language: str) -> dict:
    locale = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
    translated = {row.translation_key: row for row in rows.values() if row.locale_id == locale}
    return {pk: translated.get(row.translation_key, row) for pk, row in rows.items()}


def place_directory(request=None, language: str | None = None) -> dict[int, Place]:
    """Every place by id, each with its chain of parents in place ("Khojaly, Karabakh"); with
    ``language``, each place and parent as it reads in that language (see
    :func:`localized_directory`)."""
    if language is None:
        return remembered(
            "directory:places-with-parents", _all_places, request=request, depends_on=()
        )
    return remembered(
        "directory:places-with-parents",
        lambda: _all_places(language),
        language,
        request=request,
        depends_on=(),
    )


def _all_places(language: str | None = None) -> dict[int, Place]:
    places = Place.objects.order_by().in_bulk()
    if language is not None:
        places = _in_language(places, language)
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


def with_places(request, *people: Person, language: str | None = None) -> None:
    """Give each person their places, with their parents, from the place directory; with
    ``language``, as they read in that language."""
    attach(list(people), *PLACE_FIELDS, directory=place_directory(request, language))


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
