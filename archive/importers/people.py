"""Checking people's rows against the column set; nothing here writes.

:class:`PeopleParser` is pure: it sees only the file's cells and the references loaded before it
runs (places, events, sources, and the records the file's identifiers already name), so the
command line, the admin preview and the tests all get the same row-level report. Writing the
checked rows is :mod:`.saving`'s; :func:`.service.import_people` runs the two in turn.
"""

from __future__ import annotations

import copy
import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from archive.models import Event, FamilyMembership, FateEvent, Person, Place, Source, Testimony
from archive.models.dates import PartialDate, validate_not_future, validate_range
from archive.names import fold

from .columns import BY_NAME, LIST_SEPARATOR, REQUIRED, ImportColumn, Kind, header_name
from .csv_xlsx import ImportFileError, ImportTable

MAX_AGE = 150
TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}
LOOKUP_BATCH = 2000


@dataclass(frozen=True)
class RowError:
    """What is wrong with one cell (or, with no column, with the row as a whole)."""

    row: int
    column: str
    reason: str


@dataclass(eq=False)
class PersonRow:
    """A valid row: the record as it will be saved, and its links to other records."""

    row: int
    person: Person
    # The model fields the file gives; a re-import leaves the others as they are.
    fields: list[str] = field(default_factory=list)
    existing: Person | None = None
    changed: bool = True
    source_ids: list[int] | None = None
    family: str = ""
    relationship: str = FamilyMembership.Relationship.OTHER


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


class _Ambiguous:
    """A name that two or more records share, so it cannot say which one is meant."""


AMBIGUOUS = _Ambiguous()


@dataclass
class References:
    """What rows may refer to, loaded once before parsing."""

    places: dict[str, int | _Ambiguous] = field(default_factory=dict)
    events: dict[str, int | _Ambiguous] = field(default_factory=dict)
    sources: dict[str, int | _Ambiguous] = field(default_factory=dict)
    # The records the file's external identifiers already name, as they were last edited.
    existing: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def load(cls, external_ids: Iterable[str] = ()) -> References:
        locale = Locale.get_default()
        references = cls()
        for pk, name, alternatives in Place.objects.filter(locale=locale).values_list(
            "pk", "name", "alternative_names"
        ):
            # Folded, so Xocalı, Khojaly and Ходжалы all name the same place.
            for key in {fold(n) for n in (name, *alternatives.splitlines())} - {""}:
                _remember(references.places, key, pk)
        for pk, slug, name in Event.objects.filter(locale=locale).values_list("pk", "slug", "name"):
            for key in {_key(slug), _key(name)}:
                _remember(references.events, key, pk)
        for pk, title in Source.objects.filter(locale=locale).values_list("pk", "title"):
            _remember(references.sources, _key(title), pk)
        references.existing = current_records(external_ids)
        return references


def _remember(index: dict, key: str, pk: int) -> None:
    index[key] = pk if index.get(key, pk) == pk else AMBIGUOUS


# A person's rows that revisions hold (a list, in the revision's content, for each).
CHILD_ROWS = {"testimonies": Testimony, "fate_events": FateEvent}


def current_records(external_ids: Iterable[str]) -> dict[str, Person]:
    """The records with these identifiers, keyed by identifier, with what comparing them to a
    row needs: their latest revision, and their sources, testimonies and fate events set in
    memory (where serializing them for a revision finds them, and the fate is derived from
    them). Four queries per 2,000 identifiers."""
    wanted = list(dict.fromkeys(external_ids))
    found = {}
    for start in range(0, len(wanted), LOOKUP_BATCH):
        chunk = wanted[start : start + LOOKUP_BATCH]
        people = list(
            Person.objects.filter(external_id__in=chunk)
            .select_related("latest_revision")
            .order_by()
        )
        pks = [person.pk for person in people]
        sources = defaultdict(list)
        through = Person.sources.through.objects.filter(person__in=pks)
        for person_id, source_id in through.values_list("person_id", "source_id"):
            sources[person_id].append(Source(pk=source_id))
        children = {name: defaultdict(list) for name in CHILD_ROWS}
        for name, model in CHILD_ROWS.items():
            for child in model.objects.filter(person__in=pks):
                children[name][child.person_id].append(child)
        for person in people:
            person.sources = sources[person.pk]
            for name in CHILD_ROWS:
                setattr(person, name, children[name][person.pk])
            person.row_is_current = _row_is_current(person)
            found[person.external_id] = person
    return found


# Columns that describe a record's publishing state or editors' flags rather than its content;
# a revision may disagree with the row about them without the row being out of date.
BOOKKEEPING = {
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "possible_duplicate_of",
}


def _row_is_current(person: Person) -> bool:
    """Whether the row holds what the latest revision holds. Not so when an editor saved a draft
    of a published record, or edited a draft in the admin: then only the revision has it."""
    if not (person.has_unpublished_changes and person.latest_revision):
        return True
    content = person.latest_revision.content
    if any(
        name in content and not _same_in_json(getattr(person, attname), content[name])
        for name, attname in _content_columns()
    ):
        return False
    if {source.pk for source in person.sources.all()} != set(content.get("sources", [])):
        return False
    return all(
        _as_json([child.serializable_data() for child in getattr(person, name).all()])
        == content.get(name, [])
        for name in CHILD_ROWS
    )


@functools.cache
def _content_columns() -> list[tuple[str, str]]:
    """(name, attname) of the person's columns that a revision's content holds as they are."""
    return [
        (field.name, field.attname)
        for field in Person._meta.concrete_fields
        if field.name not in BOOKKEEPING
    ]


def _as_json(data):
    # Revisions store their content as JSON; compare like with like.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


# Values that JSON holds as they are, so that they compare with a revision's content unchanged.
_JSON_NATIVE = frozenset({str, int, bool, float, type(None)})


def _same_in_json(value, stored) -> bool:
    """Whether ``value`` is what a revision's content holds as ``stored``. Only dates, times
    and the like go through JSON: a row holds forty values, and most are text or numbers."""
    if type(value) in _JSON_NATIVE:
        return value == stored
    return _as_json(value) == stored


class _CellError(Exception):
    pass


def check_header(header: list[str]) -> list[ImportColumn]:
    """The columns the header names, in order; a header the import cannot use raises
    :class:`ImportFileError` naming every problem."""
    names = [header_name(cell) for cell in header]
    problems = []
    unknown = [cell for cell, name in zip(header, names, strict=True) if name not in BY_NAME]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s.") % {"columns": ", ".join(map(repr, unknown))}
        )
    repeated = sorted({name for name in names if names.count(name) > 1 and name in BY_NAME})
    if repeated:
        problems.append(
            _("Columns named more than once: %(columns)s.") % {"columns": ", ".join(repeated)}
        )
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        problems.append(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if problems:
        raise ImportFileError(" ".join(problems))
    return [BY_NAME[name] for name in names]


class PeopleParser:
    """Checks rows of a table against the column set and builds the records they describe."""

    def __init__(self, header: list[str], references: References):
        self.columns = check_header(header)
        self.references = references

    def parse(
        self, rows: Iterable[tuple[int, list[str]]]
    ) -> tuple[list[PersonRow], list[RowError]]:
        valid: list[PersonRow] = []
        errors: list[RowError] = []
        first_row_of: dict[str, int] = {}
        id_index = next(n for n, column in enumerate(self.columns) if column.name == "external_id")
        for number, cells in rows:
            parsed, row_errors = self.parse_row(number, cells)
            # Checked on every row, so that a row with other problems reports this one too.
            external_id = str(cells[id_index]).strip() if id_index < len(cells) else ""
            if external_id in first_row_of:
                parsed = None
                row_errors.append(
                    RowError(
                        number,
                        "external_id",
                        _("The same identifier is on row %(row)d.")
                        % {"row": first_row_of[external_id]},
                    )
                )
            elif parsed is not None:
                first_row_of[external_id] = number
            if parsed is None:
                errors.extend(row_errors)
            else:
                valid.append(parsed)
        return valid, errors

    def parse_row(self, number: int, cells: list[str]) -> tuple[PersonRow | None, list[RowError]]:
        errors = []
        if any(str(cell).strip() for cell in cells[len(self.columns) :]):
            errors.append(RowError(number, "", _("The row has more cells than the header.")))
        values: dict[str, object] = {}
        # The record is made once the cells are read (a model instance costs more than a row).
        row = PersonRow(row=number, person=None)
        for index, column in enumerate(self.columns):
            text = str(cells[index]).strip() if index < len(cells) else ""
            try:
                self._read_cell(column, text, values, row)
            except _CellError as error:
                errors.append(RowError(number, column.name, str(error)))
        if errors:
            # Every problem of the row at once: the record's own checks run on the cells that
            # could be read, so that a row is not corrected and uploaded once per problem.
            if "external_id" in values:
                # A copy: the existing record is the one later rows with its id would update.
                errors += self._record_errors(number, copy.copy(self._as_edited(values)))
            return None, errors

        row.fields = list(values)
        existing = self.references.existing.get(values["external_id"])
        if existing is None:
            # A new record: the model's rules are checked on the row's values.
            errors = _rule_errors(number, values)
            if errors:
                return None, errors
            row.person = Person(**values)
            return row, []
        row.existing = existing
        row.changed = _differs(existing, values, row.source_ids)
        if not row.changed:
            row.person = existing
            return row, []
        person = self._as_edited(values)
        errors = self._record_errors(number, person)
        if errors:
            return None, errors
        row.person = person
        return row, []

    def _as_edited(self, values: dict) -> Person:
        """The record the row describes: a new one, or the existing record as last edited (a
        draft's unpublished changes are kept) with the row's values."""
        existing = self.references.existing.get(values["external_id"])
        if existing is None:
            return Person(**values)
        person = existing if existing.row_is_current else existing.get_latest_revision_as_object()
        for name, value in values.items():
            setattr(person, name, value)
        return person

    @staticmethod
    def _record_errors(number: int, person: Person) -> list[RowError]:
        try:
            person.clean()
        except ValidationError as error:
            return _row_errors(number, error)
        return []

    def _read_cell(self, column: ImportColumn, text: str, values: dict, row: PersonRow) -> None:
        if len(text) > column.max_length:
            raise _CellError(
                _("The cell is %(length)d characters long; the limit is %(limit)d.")
                % {"length": len(text), "limit": column.max_length}
            )
        if not text and column.required:
            raise _CellError(_("This column is required."))
        name = column.name
        if column.kind == Kind.TEXT:
            values[name] = text
        elif column.kind == Kind.LIST:
            values[name] = "\n".join(_split(text))
        elif column.kind == Kind.PARAGRAPHS:
            values[name] = "".join(
                format_html("<p>{}</p>", " ".join(paragraph.split()))
                for paragraph in text.replace("\r\n", "\n").split("\n\n")
                if paragraph.strip()
            )
        elif column.kind == Kind.CHOICE:
            choice = header_name(text) or column.default
            if choice not in column.choices:
                raise _CellError(
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": text[:40], "choices": ", ".join(column.choices)}
                )
            if name == "family_relationship":
                row.relationship = choice
            else:
                values[name] = choice
        elif column.kind == Kind.DATE:
            date = _partial_date(text)
            values[name] = date.value if date else None
            values[f"{name}_precision"] = date.precision if date else "day"
            values[f"{name}_approximate"] = bool(date and date.approximate)
        elif column.kind == Kind.INTEGER:
            values[name] = _age(text)
        elif column.kind == Kind.BOOLEAN:
            values[name] = _boolean(text)
        elif column.kind == Kind.PLACE:
            values[f"{name}_id"] = self._find(self.references.places, _place_key(text), text, Place)
        elif column.kind == Kind.EVENT:
            values["event_id"] = self._find(self.references.events, _key(text), text, Event)
        elif column.kind == Kind.SOURCES:
            row.source_ids = [
                self._find(self.references.sources, _key(title), title, Source)
                for title in _split(text)
            ]
        elif column.kind == Kind.FAMILY:
            row.family = " ".join(text.split())

    @staticmethod
    def _find(index: dict, key: str, text: str, model) -> int | None:
        if not text:
            return None
        found = index.get(key)
        if found is None:
            raise _CellError(
                _("There is no %(what)s “%(name)s” in the archive; add it first.")
                % {"what": model._meta.verbose_name, "name": text[:80]}
            )
        if found is AMBIGUOUS:
            raise _CellError(
                _("Several %(what)s are called “%(name)s”; rename all but one.")
                % {"what": model._meta.verbose_name_plural, "name": text[:80]}
            )
        return found


def _row_errors(number: int, error: ValidationError) -> list[RowError]:
    return [
        RowError(number, name if name in BY_NAME else "", message)
        for name, messages in getattr(error, "error_dict", {"": error}).items()
        for message in ValidationError(messages).messages
    ]


def _rule_errors(number: int, values: dict) -> list[RowError]:
    """What ``Person.clean()`` would find wrong with a new record of ``values``, checked on
    the values themselves, whose dates it normalises as ``clean()`` does: a model instance and
    its ``clean()`` per row were a sixth of an import. ``tests/test_import_people.py`` compares
    the two over dates in every relation a row can give them."""
    born, fate_date = (_normalised(values, name) for name in ("born", "fate_date"))
    try:
        validate_not_future(born, "born")
        if values.get("fate") in Person.DEAD:
            validate_not_future(fate_date, "fate_date")
        validate_range(born, fate_date, "fate_date")
    except ValidationError as error:
        return _row_errors(number, error)
    return []


def _normalised(values: dict, name: str) -> PartialDate | None:
    date = PartialDate.of(
        values.get(name), values.get(f"{name}_precision"), values.get(f"{name}_approximate")
    )
    if date is not None:
        date = date.normalised()
        values[name] = date.value
    return date


# A list names the same few places on thousands of rows.
_place_key = functools.lru_cache(maxsize=4096)(fold)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _partial_date(text: str) -> PartialDate | None:
    if not text:
        return None
    try:
        return _parsed(text, get_language())
    except ValidationError as error:
        raise _CellError(error.messages[0]) from error


@functools.lru_cache(maxsize=50_000)
def _parsed(text: str, language: str | None) -> PartialDate:
    """``text`` read as a date in the active ``language`` (whose mark of an estimate it reads):
    a list gives the same days of fate and years of birth on thousands of rows, and reading
    each took 7 s of a profiled import of 20,000. A cell that is no date is read every time."""
    return PartialDate.parse(text)


def _age(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_AGE:
        raise _CellError(_("Give a whole number of years from 0 to %(max)d.") % {"max": MAX_AGE})
    return int(text)


def _boolean(text: str) -> bool:
    word = text.casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _CellError(_("Write yes or no."))


def _differs(existing: Person, values: dict, source_ids: list[int] | None) -> bool:
    """Whether a row would change its record as last edited. No queries: a draft's pending
    changes are compared in their serialized form, a published record with its columns."""
    if existing.has_unpublished_changes and existing.latest_revision:
        content = existing.latest_revision.content
        if any(
            not _same_in_json(value, content.get(_field_name(attname)))
            for attname, value in values.items()
        ):
            return True
        sources = set(content.get("sources", []))
    else:
        if any(getattr(existing, name) != value for name, value in values.items()):
            return True
        sources = {source.pk for source in existing.sources.all()}
    return source_ids is not None and set(source_ids) != sources


@functools.cache
def _field_name(attname: str) -> str:
    return Person._meta.get_field(attname).name


def check_rows(table: ImportTable) -> tuple[list[PersonRow], list[RowError]]:
    """Every row of ``table`` checked against the archive as it is now: the valid rows, ready to
    save, and the errors of the others. Nothing is written."""
    columns = [column.name for column in check_header(table.header)]
    id_index = columns.index("external_id")
    external_ids = [
        str(cells[id_index]).strip() for _n, cells in table.rows if id_index < len(cells)
    ]
    return PeopleParser(table.header, References.load(external_ids)).parse(table.rows)
