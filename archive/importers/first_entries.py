"""The public values of the records an import adds and publishes, from the rows it holds: the
snapshots of their first entries in the public history (``values`` of
:func:`archive.record_history.record_published`).

Writing each record by the API's detail serializer for its first entry was 41 % of a publishing
import of 50,000 people (a model instance per record read back, its related rows attached, then
DRF's fields). A record the import adds has only what its row gives: no testimonies, fate
events, photos, documents or contributions; no hold (a hold names a record already in the
archive) and no other version that could restrict it. So its values are the row's columns,
written as the serializer writes them, and what it names (places, event, sources, family) is
written once per distinct record by the serializer's own summary serializers, in the record's
language. ``tests/test_import_history.py`` compares every value with the serializer's."""

from __future__ import annotations

from django.utils import translation
from rest_framework.request import Request
from wagtail.models import Locale

from archive.api import serializers as api
from archive.api.sync import _Unhosted
from archive.api.views import PersonViewSet
from archive.models import Event, Family, PartialDate, Person, Place, Source
from archive.record_history import NOT_VALUES, _summary, _text

from .people import PersonRow

# The values the history keeps of a person, in the order the API writes them.
KEPT = tuple(
    name
    for name in api.PersonDetailSerializer.Meta.fields
    if name not in NOT_VALUES and not name.endswith("_label")
)
# Linked records' summary serializers, and the model of the records each field links to.
SUMMARIES = {
    Place: api.PlaceSummarySerializer,
    Event: api.EventSummarySerializer,
    Source: api.SourceSummarySerializer,
    Family: api.FamilySummarySerializer,
}
_TEXT = ("family_name", "given_name", "patronymic", "name_original", "occupation")
_CHOICES = ("sex", "fate", "verification")


def new_records_values(rows: list[PersonRow], families: dict[str, int]) -> dict[int, dict | None]:
    """By id, the public values of the records ``rows`` added (saved, with their ids, and
    published), as the history keeps them; None for a record the public may not see (a
    restricted one). ``families`` gives a family's id by its case-folded name."""
    if not rows:
        return {}
    by_language: dict[str, list[PersonRow]] = {}
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    for row in rows:
        by_language.setdefault(languages[row.person.locale_id], []).append(row)
    values: dict[int, dict | None] = {}
    for language, written in by_language.items():
        with translation.override(language):
            values.update(_Writer(written, families).values())
    return values


class _Writer:
    """Writes the values of rows in the active language (that of their records)."""

    def __init__(self, rows: list[PersonRow], families: dict[str, int]):
        self.rows = rows
        self.family_of = {
            row.person.pk: families[row.family.casefold()] for row in rows if row.family
        }
        view = PersonViewSet(
            request=Request(_Unhosted()),
            language=translation.get_language(),
            format_kwarg=None,
            kwargs={},
        )
        view.action = "retrieve"  # as record_history.public_values writes them
        context = view.get_serializer_context()
        self.versions = api.Writing(context).versions
        self.summaries = {model: summary(context=context) for model, summary in SUMMARIES.items()}
        ids = {model: set() for model in SUMMARIES}
        for row in rows:
            person = row.person
            ids[Place].update((person.birth_place_id, person.residence_id, person.fate_place_id))
            ids[Event].add(person.event_id)
            ids[Source].update(row.source_ids or ())
        ids[Family].update(self.family_of.values())
        # Each linked record written once: a list names the same few places on every row.
        self.linked = {
            model: {
                pk: _summary(self.summaries[model].to_representation(self.versions.of(record)))
                for pk, record in model._base_manager.in_bulk(ids[model] - {None}).items()
            }
            for model in SUMMARIES
        }
        # A record's sources in the order the API lists them: by title as the database
        # collates it, then by id (archive.api.person_relations.citations).
        ordered = Source._base_manager.filter(pk__in=ids[Source]).order_by("title", "pk")
        self.source_rank = {pk: n for n, pk in enumerate(ordered.values_list("pk", flat=True))}
        self.biography = api.RichTextField().to_representation

    def values(self) -> dict[int, dict | None]:
        return {
            row.person.pk: self.of(row)
            if row.person.visibility == Person.Visibility.PUBLIC
            else None
            for row in self.rows
        }

    def of(self, row: PersonRow) -> dict:
        person = row.person
        linked = self.linked
        places = linked[Place]
        value = {name: _string(getattr(person, name)) for name in (*_TEXT, *_CHOICES)}
        family = self.family_of.get(person.pk)
        value |= {
            "is_synthetic": person.is_synthetic,
            "alternative_spellings": [
                line.strip() for line in person.alternative_spellings.splitlines() if line.strip()
            ],
            "born": _date(PartialDate.stored(person, "born")),
            "birth_place": places.get(person.birth_place_id),
            "residence": places.get(person.residence_id),
            "age": person.age,
            "fate_date": _date(PartialDate.stored(person, "fate_date")),
            "fate_place": places.get(person.fate_place_id),
            "fate_events": [],
            "event": linked[Event].get(person.event_id),
            "families": []
            if family is None
            else [{**linked[Family][family], "relationship": str(row.relationship)}],
            "sources": [
                linked[Source][pk]
                for pk in sorted(row.source_ids or (), key=lambda pk: (self.source_rank[pk], pk))
            ],
            "testimonies": [],
            "photo": None,
            "biography": _text(self.biography(person.biography)),
            "media": [],
        }
        return {name: value[name] for name in KEPT}


def _string(value) -> str | None:
    return None if value is None else str(value)


def _date(date: PartialDate | None) -> dict | None:
    """A partial date as the history keeps it (see ``record_history._summary``)."""
    if date is None:
        return None
    return {
        "earliest": date.earliest.isoformat(),
        "precision": str(date.precision),
        "approximate": date.approximate,
    }
