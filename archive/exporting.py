"""The archive's public data as open files: each table as CSV and as JSON, described by a
Frictionless data package (``datapackage.json``) that names and explains every column.

Only what visitors may see is exported, and what that is comes from the querysets that define
it (each model's ``public()``), never from a rule of its own: drafts, expired records,
unpublished changes and restricted records are not in the files, nor are links to them.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import islice
from pathlib import Path
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import Locale

from archive.models import (
    Event,
    Family,
    FamilyMembership,
    FateEvent,
    Organisation,
    PartialDate,
    Person,
    Place,
    ReportedFigure,
    Source,
    StatementPage,
    Testimony,
    TimelineEntry,
    documented_counts,
)
from archive.models.holds import HAS_HELD_FIELDS, held_columns

# People are read this many at a time.
CHUNK = 2000
# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as it may go into a CSV cell: text a spreadsheet would run as a formula gets a
    leading apostrophe, so it shows as the text it is. Anything not text passes unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date, array
    description: str
    # The column's value in a record; None in a table whose records come as values already.
    value: Callable | None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    records: Callable[[], Iterable]
    columns: tuple[Column, ...]
    # Whether ``records()`` gives each row's values already, in the columns' order.
    plain: bool = False

    def rows(self) -> Iterable[list]:
        """Each row's values, in the columns' order."""
        if self.plain:
            return self.records()
        return ([column.value(record) for column in self.columns] for record in self.records())


def field(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description, lambda row: getattr(row, name))


def partial_date(name: str, description: str) -> tuple[Column, Column, Column]:
    """A date as precisely as it is known, that precision, and whether it is an estimate."""
    return (
        Column(
            name,
            "string",
            f"{description}, at its known precision: 1992-02-26, 1992-02, 1992, 199X (a decade), "
            "or year-21..24 for spring..winter.",
            lambda row: _iso(getattr(row, name), getattr(row, f"{name}_precision")),
        ),
        field(f"{name}_precision", "string", "day, month, season, year or decade."),
        field(
            f"{name}_approximate",
            "boolean",
            "true when the source gives the date as an estimate (c. 1950): the true date may "
            "lie outside the period.",
        ),
    )


def _iso(value, precision):
    date = PartialDate.of(value, precision)
    return date.iso() if date else None


class _IsoDates(dict):
    """``_iso()`` of each (date, precision), worked out once: people share their dates, and
    a ``PartialDate`` per value cost more than writing it. Forgets all past ``LIMIT``, so that
    memory stays flat."""

    LIMIT = 100_000

    def __missing__(self, key):
        if len(self) > self.LIMIT:
            self.clear()
        value = self[key] = _iso(*key)
        return value


def ids(name: str, description: str, related: Callable) -> Column:
    return Column(name, "array", description, lambda row: sorted(o.pk for o in related(row)))


def identity(description: str) -> tuple[Column, ...]:
    return (
        field("id", "integer", f"{description}; other tables refer to it by this number."),
        Column("locale", "string", "Language of this version.", lambda r: r.locale.language_code),
        Column(
            "translation_key",
            "string",
            "Shared by the versions of one record in different languages.",
            lambda row: str(row.translation_key),
        ),
    )


def _people() -> Iterator[list]:
    """Public people's values in the order of PEOPLE's columns, read as plain rows a chunk at
    a time with their sources' ids, so that the export's memory does not grow with the archive.

    Not model instances: each person is a clusterable model that sets up its relations when
    made, and ``sources.all()`` builds a queryset per record even when prefetched, which
    together cost several times what writing the files does."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    iso = _IsoDates()
    # public() marks the rows a family's hold keeps fields of (holds.py): blanked here, as
    # public() blanks them on model instances.
    read = [*PEOPLE_READ, HAS_HELD_FIELDS]
    rows = Person.objects.public().order_by("pk").values_list(*read).iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        sources = defaultdict(list)
        # The chunk's range of ids rather than its 2,000 ids, which cost Django more to put in
        # a query than reading the links; those of people left out are never asked for.
        first, last = chunk[0][0], chunk[-1][0]
        links = Person.sources.through.objects.filter(person_id__gte=first, person_id__lte=last)
        for person_id, source_id in links.values_list("person_id", "source_id"):
            sources[person_id].append(source_id)
        for values in chunk:
            if values[-1]:
                values = _held_blanked(values)
            (
                pk, locale_id, translation_key, public_id, family_name, given_name, patronymic,
                name_original, alternative_spellings, sex, born, born_precision,
                born_approximate, stated_age, age, birth_place_id, residence_id, fate, fate_date,
                fate_date_precision, fate_date_approximate, fate_place_id, event_id, occupation,
                biography, verification, is_synthetic, _held,
            ) = values  # fmt: skip
            yield [
                pk, codes[locale_id], str(translation_key), public_id, family_name, given_name,
                patronymic, name_original, _lines(alternative_spellings), sex,
                iso[born, born_precision], born_precision, born_approximate, stated_age, age,
                birth_place_id, residence_id, fate, iso[fate_date, fate_date_precision],
                fate_date_precision, fate_date_approximate, fate_place_id, event_id, occupation,
                biography, verification, is_synthetic, sorted(sources[pk]),
            ]  # fmt: skip


def _lines(text: str) -> list[str]:
    return text.splitlines() if text else []


# The person table's columns _people() reads, in this order.
PEOPLE_READ = (
    "id", "locale_id", "translation_key", "public_id", "family_name", "given_name",
    "patronymic", "name_original", "alternative_spellings", "sex", "born", "born_precision",
    "born_approximate", "stated_age", "age", "birth_place_id", "residence_id", "fate",
    "fate_date", "fate_date_precision", "fate_date_approximate", "fate_place_id", "event_id",
    "occupation", "biography", "verification", "is_synthetic",
)  # fmt: skip


def _held_blanked(values: tuple) -> tuple:
    """A person's values with the fields a hold keeps from the public blank (those it
    exports: the photo is not)."""
    values = list(values)
    translation_key = values[PEOPLE_READ.index("translation_key")]
    for column, blank in held_columns(SimpleNamespace(translation_key=translation_key)).items():
        attname = Person._meta.get_field(column).attname
        if attname in PEOPLE_READ:
            values[PEOPLE_READ.index(attname)] = blank
    return tuple(values)


def _fate_events() -> Iterator[list]:
    """The fate events of public people, as plain rows, person by person in their order."""
    iso = _IsoDates()
    events = FateEvent.objects.public().order_by("person_id", "sort_order", "pk")
    rows = events.values_list(
        "id", "person_id", "sort_order", "kind", "date", "date_precision", "date_approximate",
        "place_id", "source_id", "certainty", "note",
    )  # fmt: skip
    for pk, person, order, kind, date, precision, approximate, *rest in rows.iterator(CHUNK):
        yield [pk, person, order, kind, iso[date, precision], precision, approximate, *rest]


def _timeline() -> Iterable[TimelineEntry]:
    return TimelineEntry.objects.public().with_public_links().order_by("pk")


def _statements() -> Iterable[StatementPage]:
    return (
        StatementPage.objects.public()
        .select_related("locale")
        .prefetch_related("sources", "related_events")
        .order_by("pk")
    )


def _figures() -> Iterable[ReportedFigure]:
    counts: dict[int, dict] = {}
    for figure in ReportedFigure.objects.public().select_related("locale").order_by("pk"):
        if figure.event_id not in counts:
            counts[figure.event_id] = documented_counts(figure.event_id)
        figure.documented = counts[figure.event_id].get(figure.counts)
        yield figure


def _sources() -> Iterable[Source]:
    return Source.objects.public().select_related("locale").order_by("pk")


PLACE_REF = "id of a row in places, or empty"
SOURCES_REF = "ids of rows in sources"


def described(*columns: Column) -> tuple[Column, ...]:
    """``columns`` as a plain table has them: named, typed and described; their values come
    with its records."""
    return tuple(replace(column, value=None) for column in columns)


PEOPLE = Table(
    "people",
    "Published remembrance records of individual people. Records restricted to staff and "
    "unpublished drafts are not included.",
    _people,
    described(
        *identity("The record's number"),
        field(
            "public_id",
            "string",
            "The permanent identifier: kept through merges, restores and re-imports, and the key "
            "of the permanent address /people/{public_id}/.",
        ),
        field("family_name", "string", "Family name."),
        field("given_name", "string", "Given name."),
        field("patronymic", "string", "Patronymic."),
        field("name_original", "string", "The name in its original script."),
        Column("alternative_spellings", "array", "Other spellings of the name.", None),
        field("sex", "string", "female, male or unknown."),
        *partial_date("born", "Date of birth"),
        field("stated_age", "integer", "Age at the time as a source states it."),
        field("age", "integer", "Age at the time: the stated age, or computed from dates."),
        field("birth_place_id", "integer", f"Place of birth: {PLACE_REF}."),
        field("residence_id", "integer", f"Place of residence: {PLACE_REF}."),
        field(
            "fate",
            "string",
            "killed, died_of_wounds, wounded, captive, missing, released or survived.",
        ),
        *partial_date("fate_date", "Date of the fate"),
        field("fate_place_id", "integer", f"Place of the fate: {PLACE_REF}."),
        field("event_id", "integer", "id of a row in events, or empty."),
        field("occupation", "string", "Occupation."),
        field("biography", "string", "Biography, as HTML."),
        field("verification", "string", "unverified, one_source or corroborated."),
        field(
            "is_synthetic",
            "boolean",
            "true for a generated demonstration record that describes no real person.",
        ),
        Column("source_ids", "array", SOURCES_REF, None),
    ),
    plain=True,
)

TABLES = (
    PEOPLE,
    Table(
        "testimonies",
        "Testimonies about the people in the people table.",
        lambda: Testimony.objects.public().order_by("pk"),
        (
            field("id", "integer", "The testimony's number."),
            field("person_id", "integer", "id of a row in people."),
            field("text", "string", "The testimony."),
            field("given_by", "string", "Who gave it."),
            field("given_on", "date", "When it was given."),
            field("source_id", "integer", "id of a row in sources, or empty."),
        ),
    ),
    Table(
        "families",
        "Families with at least one published member.",
        lambda: Family.objects.public().select_related("locale").order_by("pk"),
        (
            *identity("The family's number"),
            field("name", "string", "The family's name."),
            field("whole_family_killed", "boolean", "true when the whole family was killed."),
            field("notes", "string", "Notes."),
        ),
    ),
    Table(
        "fate_events",
        "What happened to the people in the people table, event by event, as sources tell it "
        "(wounded, taken captive, released ...); a person's fate sums them up.",
        _fate_events,
        described(
            field("id", "integer", "The event's number."),
            field("person_id", "integer", "id of a row in people."),
            field(
                "sort_order",
                "integer",
                "Where the event comes among the person's; the rows of one person are in this "
                "order.",
            ),
            field(
                "kind",
                "string",
                "wounded, taken_captive, released, missing, identified, buried, killed, "
                "died_of_wounds or survived.",
            ),
            *partial_date("date", "When it happened"),
            field("place_id", "integer", f"Where it happened: {PLACE_REF}."),
            field("source_id", "integer", "id of a row in sources: who tells it; or empty."),
            field("certainty", "string", "confirmed, probable or reported."),
            field("note", "string", "A note on the event."),
        ),
        plain=True,
    ),
    Table(
        "family_memberships",
        "Which published people belong to which family.",
        lambda: FamilyMembership.objects.public().order_by("pk"),
        (
            field("family_id", "integer", "id of a row in families."),
            field("person_id", "integer", "id of a row in people."),
            field(
                "relationship",
                "string",
                "head, spouse, child, parent, sibling, grandparent, grandchild or other.",
            ),
        ),
    ),
    Table(
        "timeline",
        "Published timeline entries: events, their context and their commemoration.",
        _timeline,
        (
            *identity("The entry's number"),
            field("slug", "string", "Short name used in addresses."),
            field("title", "string", "Title."),
            *partial_date("start", "When it began"),
            *partial_date("end", "When it ended (empty for a single date)"),
            field("category", "string", "event, context, commemoration, legal or other."),
            field("event_id", "integer", "id of a row in events, or empty."),
            field("place_id", "integer", f"Where: {PLACE_REF}."),
            field("summary", "string", "Summary."),
            field("body", "string", "Longer text, as HTML."),
            ids("statement_ids", "ids of rows in statements.", lambda r: r.public_statements),
            ids("person_ids", "ids of rows in people.", lambda r: r.public_people),
            ids("source_ids", SOURCES_REF, lambda row: row.sources.all()),
        ),
    ),
    Table(
        "statements",
        "Published official statements.",
        _statements,
        (
            *identity("The statement page's number"),
            field("title", "string", "Title."),
            Column("path", "string", "Address on the site.", lambda row: row.url),
            field("issuer_id", "integer", "id of a row in organisations."),
            *partial_date("issued", "When it was issued"),
            field("date_note", "string", "How the date is known, when it is inferred."),
            field("kind", "string", "press_statement, resolution, speech or declaration."),
            field("original_language", "string", "Language of the original."),
            field("summary", "string", "Summary."),
            Column(
                "body",
                "array",
                "The text as Wagtail stream blocks: objects with a type and a value.",
                lambda row: [{"type": b["type"], "value": b["value"]} for b in row.body.raw_data],
            ),
            ids("source_ids", SOURCES_REF, lambda row: row.sources.all()),
            ids("event_ids", "ids of rows in events.", lambda row: row.related_events.all()),
        ),
    ),
    Table(
        "figures",
        "Figures as others reported them, each with its source and attribution, beside the "
        "number of published records the archive holds in the same category.",
        _figures,
        (
            *identity("The figure's number"),
            field("event_id", "integer", "id of a row in events."),
            field("counts", "string", "What is counted, e.g. killed, killed_children."),
            Column("label", "string", "What is counted, in words.", lambda row: str(row.label)),
            field("qualifier", "string", "exact, about, at_least or up_to."),
            field("value", "integer", "The reported number."),
            field("attributed_to", "string", "Whose figure it is."),
            field("source_id", "integer", "id of a row in sources: where it was reported."),
            *partial_date("as_of", "The date the figure refers to"),
            Column(
                "documented_count",
                "integer",
                "Published records in the archive in the same category when the export was "
                "made; empty where no category maps. A different thing from the reported figure.",
                lambda row: row.documented,
            ),
        ),
    ),
    Table(
        "events",
        "Commemorated events.",
        lambda: Event.objects.public().select_related("locale").order_by("pk"),
        (
            *identity("The event's number"),
            field("slug", "string", "Short name used in addresses."),
            field("name", "string", "Name."),
            *partial_date("start", "When it began"),
            *partial_date("end", "When it ended (empty for a single date)"),
            field("place_id", "integer", f"Where: {PLACE_REF}."),
            field("summary", "string", "Summary."),
        ),
    ),
    Table(
        "places",
        "Places: towns, districts, regions. A place may lie within another.",
        lambda: Place.objects.public().select_related("locale").order_by("pk"),
        (
            *identity("The place's number"),
            field("name", "string", "Name."),
            Column(
                "alternative_names",
                "array",
                "Other names and spellings.",
                lambda row: row.alternative_names.splitlines(),
            ),
            field("parent_id", "integer", f"The place it lies within: {PLACE_REF}."),
            Column("latitude", "number", "Latitude (WGS 84).", lambda r: _number(r.latitude)),
            Column("longitude", "number", "Longitude (WGS 84).", lambda r: _number(r.longitude)),
        ),
    ),
    Table(
        "sources",
        "Sources that published records, pages, entries or figures cite.",
        _sources,
        (
            *identity("The source's number"),
            field("title", "string", "Title."),
            field("kind", "string", "What kind of source it is, e.g. news_report."),
            field("publisher", "string", "Publisher; empty when unknown."),
            field("author", "string", "Author; empty when unknown."),
            field("url", "string", "Web address; empty when unknown."),
            *partial_date("published", "When it was published"),
            field("accessed", "date", "When it was accessed."),
            field("language", "string", "Language of the source."),
            field("notes", "string", "Notes on the source."),
        ),
    ),
    Table(
        "organisations",
        "Organisations that issue statements.",
        lambda: Organisation.objects.public().select_related("locale").order_by("pk"),
        (
            *identity("The organisation's number"),
            field("name", "string", "Name."),
            field("country", "string", "Country."),
            field("kind", "string", "government, parliament, international, ngo, media or other."),
        ),
    ),
)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class _Rows:
    """Writes a table's rows, its values as the column types say: in CSV, text a spreadsheet
    would run as a formula starts with an apostrophe (``safe_cell``), booleans are true and
    false, arrays JSON, dates ISO 8601, and nothing empty; in JSON, dates ISO 8601.

    A chunk of rows at a time, and each JSON row by one encoder made once: ``json.dumps()``
    makes an encoder per call, which took as long as writing the row."""

    def __init__(self, columns: tuple[Column, ...], csv_file, json_file):
        at = defaultdict(list)
        for n, column in enumerate(columns):
            if column.type not in _TYPES:
                raise ValueError(f"{column.name}: a column of type {column.type}")
            at[column.type].append(n)
        self.strings, self.booleans = at["string"], at["boolean"]
        self.arrays, self.dates = at["array"], at["date"]
        self.write_csv = csv.writer(csv_file).writerows
        self.json_file = json_file
        self.encode = _row_encoder()

    def write(self, rows: Iterable[list]) -> int:
        count = 0
        for chunk in iter(lambda: list(islice(rows, CHUNK)), []):
            if self.dates:
                for values in chunk:
                    for n in self.dates:
                        if values[n] is not None:
                            values[n] = values[n].isoformat()
            self.json_file.write("".join([",\n" + self.encode(values) for values in chunk]))
            self.write_csv(map(self._cells, chunk))
            count += len(chunk)
        return count

    def _cells(self, values: list) -> list:
        cells = values.copy()
        for n in self.strings:
            value = cells[n]
            if value and value.startswith(FORMULA_TRIGGERS):
                cells[n] = "'" + value
        for n in self.booleans:
            value = cells[n]
            if value is not None:
                cells[n] = "true" if value else "false"
        for n in self.arrays:
            value = cells[n]
            if value is not None:
                cells[n] = self.encode(value) if value else "[]"
        return cells


# The Table Schema types the export's columns have.
_TYPES = {"string", "integer", "number", "boolean", "date", "array"}


def _row_encoder() -> Callable[[list], str]:
    """``json.dumps(values, ensure_ascii=False)``, for a list of values, by one encoder."""
    make = json.encoder.c_make_encoder
    if make is None:  # no C accelerator (not CPython): the same text, made slower
        return json.JSONEncoder(ensure_ascii=False).encode
    default = json.JSONEncoder().default  # raises TypeError, as json.dumps does
    encode = make(
        None, default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )

    def encoded(values: list) -> str:
        return "".join(encode(values, 0))

    return encoded


def export_archive(directory: Path) -> dict[str, int]:
    """Write every table as ``<name>.csv`` and ``<name>.json`` (an array whose first item is the
    header), and ``datapackage.json``, into ``directory``; return each table's number of rows."""
    directory.mkdir(parents=True, exist_ok=True)
    counted = {}
    for table in TABLES:
        names = [column.name for column in table.columns]
        with (
            (directory / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as csv_file,
            (directory / f"{table.name}.json").open("w", encoding="utf-8") as json_file,
        ):
            csv.writer(csv_file).writerow(names)
            # Rows as arrays after a header row, as Frictionless writes JSON tables: unlike an
            # array of objects, it still names the columns when a table is empty.
            json_file.write("[" + json.dumps(names, ensure_ascii=False))
            counted[table.name] = _Rows(table.columns, csv_file, json_file).write(
                iter(table.rows())
            )
            json_file.write("]\n")
    (directory / "datapackage.json").write_text(
        json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return counted


def datapackage() -> dict:
    """The Frictionless data package descriptor of the export."""
    resources = []
    for table in TABLES:
        schema = {
            "fields": [
                {"name": c.name, "type": c.type, "description": c.description}
                for c in table.columns
            ]
        }
        if table.columns[0].name == "id":
            schema["primaryKey"] = ["id"]
        for extension, mediatype, suffix in (
            ("csv", "text/csv", ""),
            ("json", "application/json", "-json"),
        ):
            resources.append(
                {
                    "name": table.name.replace("_", "-") + suffix,
                    "path": f"{table.name}.{extension}",
                    "profile": "tabular-data-resource",
                    "format": extension,
                    "mediatype": mediatype,
                    "encoding": "utf-8",
                    "description": table.description,
                    "schema": schema,
                }
            )
    return {
        "profile": "tabular-data-package",
        "name": "memorial-archive",
        "title": "Memorial Archive: public data",
        "description": (
            "Everything the archive publishes: remembrance records, families, the timeline, "
            "statements, reported figures with their sources and documented counts, events, "
            "places and sources. CSV cells that began with =, +, -, @, a tab or a carriage "
            "return start with an apostrophe, so that spreadsheets do not run them."
        ),
        "created": timezone.now().isoformat(timespec="seconds"),
        "resources": resources,
    }
