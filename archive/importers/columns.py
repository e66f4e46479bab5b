"""The columns an import file may have. docs/import-export.md explains them to operators.

A file needs a header row naming its columns, in any order. Names are matched without regard to
case, surrounding spaces, or spaces versus underscores; a column not listed here is an error, so
that a misspelt header never silently drops its data.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from archive.models import Family, FamilyMembership, Person

# Lists inside one cell (spellings, sources) are separated by this character.
LIST_SEPARATOR = "|"
# The longest cell accepted in a column without a length of its own (the biography).
MAX_TEXT_LENGTH = 10_000


class Kind(Enum):
    TEXT = "text"
    LIST = "list"
    PARAGRAPHS = "paragraphs"
    CHOICE = "choice"
    DATE = "date"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    PLACE = "place"
    EVENT = "event"
    SOURCES = "sources"
    FAMILY = "family"


@dataclass(frozen=True)
class ImportColumn:
    name: str
    kind: Kind
    # Shown on the admin's import page, in the reader's language; the name is what a file says.
    description: str
    required: bool = False
    max_length: int = MAX_TEXT_LENGTH
    choices: tuple[str, ...] = ()
    default: str = ""


def _text(name: str, description: str, required: bool = False) -> ImportColumn:
    return ImportColumn(
        name,
        Kind.TEXT,
        description,
        required=required,
        max_length=Person._meta.get_field(name).max_length,
    )


def _choice(name: str, field_choices, description: str, required: bool = False) -> ImportColumn:
    values = tuple(value for value, _label in field_choices)
    default = "" if required else Person._meta.get_field(name).default
    return ImportColumn(
        name, Kind.CHOICE, description, required=required, choices=values, default=default
    )


# The values quoted in descriptions (female, one_source, yes, ...) are what a file must hold,
# whatever the language of its reader; translators keep them as they are.
COLUMNS: tuple[ImportColumn, ...] = (
    _text(
        "external_id",
        _(
            "The record's identifier in the list it comes from. Importing a row whose identifier "
            "is already in the archive updates that record instead of adding another."
        ),
        required=True,
    ),
    _text("family_name", _("Family name (surname), in any script.")),
    _text("given_name", _("Given name."), required=True),
    _text("patronymic", _("Patronymic: Məmməd oğlu, Məmmədovich, Hüseyn qızı.")),
    _text("name_original", _("The whole name in its original script, e.g. Cyrillic.")),
    ImportColumn(
        "alternative_spellings",
        Kind.LIST,
        format_lazy(
            _("Other spellings of the name, separated by {separator}."), separator=LIST_SEPARATOR
        ),
    ),
    _choice("sex", Person.Sex.choices, _("female, male or unknown (the default).")),
    ImportColumn(
        "born",
        Kind.DATE,
        _(
            "Date of birth, as precisely as known: 1950, 1950-03, 1950-03-14, 195X for a decade, "
            "or c. 1950 when the list gives an estimate."
        ),
    ),
    ImportColumn("stated_age", Kind.INTEGER, _("Age at the time, when there is no date of birth.")),
    _choice(
        "fate",
        Person.Fate.choices,
        _("killed, died_of_wounds, wounded, captive, missing, released or survived."),
        required=True,
    ),
    ImportColumn(
        "fate_date", Kind.DATE, _("Date of death, wounding or capture, as precisely as known.")
    ),
    ImportColumn(
        "birth_place", Kind.PLACE, _("Place of birth: the name of a place in the archive.")
    ),
    ImportColumn(
        "residence", Kind.PLACE, _("Place of residence: the name of a place in the archive.")
    ),
    ImportColumn("fate_place", Kind.PLACE, _("Place of fate: the name of a place in the archive.")),
    ImportColumn("event", Kind.EVENT, _("The event's slug in the archive, e.g. khojaly-massacre.")),
    _text("occupation", _("Occupation.")),
    ImportColumn(
        "biography",
        Kind.PARAGRAPHS,
        _("Plain text; a blank line starts a new paragraph. Markup is shown as typed."),
    ),
    ImportColumn(
        "sources",
        Kind.SOURCES,
        format_lazy(
            _("Titles of sources in the archive, separated by {separator}."),
            separator=LIST_SEPARATOR,
        ),
    ),
    _choice(
        "verification",
        Person.Verification.choices,
        _("unverified (the default), one_source or corroborated."),
    ),
    _choice(
        "visibility",
        Person.Visibility.choices,
        _("public (the default) or restricted (staff only: living people, families who asked)."),
    ),
    ImportColumn(
        "is_synthetic",
        Kind.BOOLEAN,
        _("yes for a generated, not real, record; no (the default) otherwise."),
    ),
    ImportColumn(
        "family",
        Kind.FAMILY,
        _("The family's name, e.g. the Mammadov family. A family not yet in the archive is added."),
        max_length=Family._meta.get_field("name").max_length,
    ),
    ImportColumn(
        "family_relationship",
        Kind.CHOICE,
        _(
            "The person's place in that family: head, spouse, child, parent, sibling, "
            "grandparent, grandchild or other (the default)."
        ),
        choices=tuple(value for value, _label in FamilyMembership.Relationship.choices),
        default=FamilyMembership.Relationship.OTHER,
    ),
)

BY_NAME = {column.name: column for column in COLUMNS}
REQUIRED = tuple(column.name for column in COLUMNS if column.required)


def header_name(text: str) -> str:
    """The column name a header cell means: "Family name " → "family_name"."""
    return "_".join(str(text or "").strip().lower().replace("_", " ").split())
