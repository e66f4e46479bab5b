"""Partial dates: a date known to the day, the month, the season, the year or the decade, and
perhaps only approximately ("c. 1950").

A partial date is stored as three columns: the earliest day it can mean, its precision, and
whether the source gives it as an estimate. The first two sort and filter like a date, and
:class:`PartialDate` displays it no more precisely than it is known ("February 1992",
"autumn 2020", "the 1990s", "c. 1950"), in the words of the active language.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from archive.language_rules import decade_ending


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    SEASON = "season", _("Season")
    YEAR = "year", _("Year")
    DECADE = "decade", _("Decade")


# Meteorological seasons of the northern hemisphere, by their first month.
SEASON_STARTS = (3, 6, 9, 12)


def _season_name(month: int) -> str:
    names = {
        3: pgettext("season", "spring"),
        6: pgettext("season", "summer"),
        9: pgettext("season", "autumn"),
        12: pgettext("season", "winter"),
    }
    return names[month]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})\.(\d{4})")
_EDTF_SEASON = re.compile(r"(\d{4})-(2[1-4])")
_NAMED_SEASON = re.compile(r"(\w+) (\d{4})")
_YEAR = re.compile(r"\d{4}")
# 195X (EDTF), 1950s, 1950-е, 1950-ci illər, 1950'ler: a decade in each of the site's languages.
_DECADE = re.compile(r"(\d{3})(?:[xX]|0(?:'?s|-е|-c[iıuü] illər|'?l[ae]r))")
# What marks a date as approximate, in the site's languages and in EDTF ("1950~"): a word before
# it (c. 1950, ca 1950, около 1950, ок. 1950, təxminən 1950, yak. 1950) or after it (1950 civarı).
_APPROXIMATE_BEFORE = re.compile(
    r"(?:~|(?:c|ca|circa|approx|about|около|ок|примерно|приблизительно|təxminən|təxm|təx|"
    r"təqribən|təqr|yaklaşık|yak|takriben|takr)(?:\.\s*|\s+))(?P<date>.+)",
    re.IGNORECASE,
)
_APPROXIMATE_AFTER = re.compile(
    r"(?P<date>.+?)(?:\s*~|\s+(?:civarı|civarında|dolayları|dolaylarında))", re.IGNORECASE
)
# The display of an approximate date, which :meth:`PartialDate.typed` uses and parse() reads too.
_APPROXIMATE_PATTERN = pgettext_lazy("approximate date", "c. %(date)s")
_ENGLISH_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season_starts_by_name() -> dict[str, int]:
    """Season names in English and in the active language; the active language wins where a
    word means two seasons (Azerbaijani "yaz" is spring, Turkish "yaz" summer)."""
    names = dict(_ENGLISH_SEASONS)
    names.update({_season_name(month).casefold(): month for month in SEASON_STARTS})
    return names


def _read(text: str) -> PartialDate | None:
    """The partial date ``text`` spells, None when it spells none; ValueError when it names
    a day or month that does not exist."""
    if _YEAR.fullmatch(text):
        return PartialDate(datetime.date(int(text), 1, 1), Precision.YEAR)
    if match := _DECADE.fullmatch(text):
        return PartialDate(datetime.date(int(match[1]) * 10, 1, 1), Precision.DECADE)
    if match := _EDTF_SEASON.fullmatch(text):
        month = SEASON_STARTS[int(match[2]) - 21]
        return PartialDate(datetime.date(int(match[1]), month, 1), Precision.SEASON)
    if match := _NAMED_SEASON.fullmatch(text):
        month = _season_starts_by_name().get(match[1].casefold())
        if month is None:
            return None
        return PartialDate(datetime.date(int(match[2]), month, 1), Precision.SEASON)
    if match := _MONTH.fullmatch(text):
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        return PartialDate(datetime.date(int(year), int(month), 1), Precision.MONTH)
    if match := _DAY.fullmatch(text):
        year, month, day = match.group(1, 2, 3) if match[1] else match.group(6, 5, 4)
        return PartialDate(datetime.date(int(year), int(month), int(day)), Precision.DAY)
    return None


def _without_approximation(text: str) -> tuple[str, bool]:
    """``text`` without the mark that makes it approximate, and whether it had one: the active
    language's own pattern (so that what :meth:`PartialDate.typed` shows reads back, however a
    translator words it), or a mark of any of the site's languages."""
    before, after = _approximate_marks(get_language())
    inner = text[len(before) : len(text) - len(after)].strip()
    if (
        (before or after)
        and inner
        and text[: len(before)].casefold() == before.casefold()
        and text[len(text) - len(after) :].casefold() == after.casefold()
    ):
        return inner, True
    if match := _APPROXIMATE_BEFORE.fullmatch(text) or _APPROXIMATE_AFTER.fullmatch(text):
        return match["date"].strip(), True
    return text, False


@functools.lru_cache(maxsize=32)
def _approximate_marks(language: str | None) -> tuple[str, str]:
    """What the language writes before and after an approximate date (its translation of
    ``c. %(date)s``), looked up once per language: an import reads two dates a row."""
    before, _date, after = str(_APPROXIMATE_PATTERN % {"date": "\x00"}).partition("\x00")
    return before, after


@dataclass(frozen=True)
class PartialDate:
    """The earliest day a date can mean, how precisely it is known, and whether the source
    gives it only as an estimate ("c. 1950": the year is the best guess, not a bound)."""

    value: datetime.date
    precision: str = Precision.DAY
    approximate: bool = False

    @classmethod
    def of(
        cls, value: datetime.date | None, precision: str | None, approximate: bool = False
    ) -> PartialDate | None:
        if value is None:
            return None
        return cls(value, precision or Precision.DAY, bool(approximate))

    @classmethod
    def stored(cls, instance: models.Model, name: str) -> PartialDate | None:
        """The partial date held in ``instance``'s columns ``name``, ``<name>_precision`` and
        ``<name>_approximate``."""
        return cls.of(
            getattr(instance, name),
            getattr(instance, f"{name}_precision"),
            getattr(instance, f"{name}_approximate"),
        )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a date as precisely as it is known, the precision following from the form:
        1992, 1992-02 or 02.1992, 1992-02-26 or 26.02.1992, 199X or 1990s (a decade),
        autumn 1992 or 1992-23 (a season, named in English or the active language); any of
        them approximate when marked so: c. 1950, ca. 1950, circa 1950, ~1950, 1950~, около
        1950, ок. 1950, təxminən 1950, yaklaşık 1950, 1950 civarı.

        The one reader of typed dates: the admin's date boxes and the people import use it."""
        text = " ".join((text or "").split())
        exact, approximate = _without_approximation(text)
        try:
            date = _read(exact)
        except ValueError:
            date = None
        if date:
            return cls(date.value, date.precision, approximate)
        raise ValidationError(
            _(
                "“%(text)s” is not a date such as 1992, 1992-02, 26.02.1992, 199X, autumn 1992 "
                "or c. 1950."
            ),
            params={"text": text[:40]},
            code="invalid_partial_date",
        )

    def typed(self) -> str:
        """The date as an editor would type it, which :meth:`parse` reads back unchanged."""
        if self.precision == Precision.SEASON:
            start = self.earliest
            exact = f"{_season_name(start.month)} {start.year}"
        else:
            exact = self.iso()
        return _APPROXIMATE_PATTERN % {"date": exact} if self.approximate else exact

    def normalised(self) -> PartialDate:
        """Move the value to the first day of its period, so equal dates compare equal."""
        day = self.value
        if self.precision == Precision.MONTH:
            day = day.replace(day=1)
        elif self.precision == Precision.SEASON:
            start_month = max(m for m in (0, 3, 6, 9, 12) if m <= day.month) or 12
            year = day.year - 1 if start_month == 12 and day.month < 3 else day.year
            day = datetime.date(year, start_month, 1)
        elif self.precision == Precision.YEAR:
            day = day.replace(month=1, day=1)
        elif self.precision == Precision.DECADE:
            day = datetime.date(day.year - day.year % 10, 1, 1)
        return PartialDate(day, self.precision, self.approximate)

    @property
    def earliest(self) -> datetime.date:
        return self.normalised().value

    @property
    def latest(self) -> datetime.date:
        start = self.earliest
        if self.precision == Precision.DAY:
            return start
        months = {
            Precision.MONTH: 1,
            Precision.SEASON: 3,
            Precision.YEAR: 12,
            Precision.DECADE: 120,
        }
        return _add_months(start, months[self.precision]) - datetime.timedelta(days=1)

    def iso(self) -> str:
        """ISO 8601 / EDTF text at the known precision: 1992, 1992-02, 1992-02-26, 199X, 2020-23."""
        start = self.earliest
        if self.precision == Precision.DAY:
            return start.isoformat()
        if self.precision == Precision.MONTH:
            return f"{start:%Y-%m}"
        if self.precision == Precision.SEASON:
            return f"{start.year}-{20 + SEASON_STARTS.index(start.month) + 1}"
        if self.precision == Precision.YEAR:
            return f"{start.year:04d}"
        return f"{start.year // 10:03d}X"

    def __str__(self) -> str:
        exact = self._exact_display()
        return _APPROXIMATE_PATTERN % {"date": exact} if self.approximate else exact

    def _exact_display(self) -> str:
        # The language's own formats (memorial/formats/<language>/formats.py) give the order,
        # and the month's case and grammatical case: "26 февраля 1992", "февраль 1992".
        start = self.earliest
        if self.precision == Precision.DAY:
            return formats.date_format(start, "DATE_FORMAT")
        if self.precision == Precision.MONTH:
            return formats.date_format(start, "YEAR_MONTH_FORMAT")
        if self.precision == Precision.SEASON:
            return f"{_season_name(start.month)} {start.year}"
        if self.precision == Precision.YEAR:
            return str(start.year)
        # Translators: %(ending)s is the ending the decade's number takes in the language, given
        # by archive/language_rules.py: "s" (1990s), "е" (1990-е годы), "cı" or "ci" (1990-cı
        # illər, 1950-ci illər), "lar" or "ler" (1990'lar, 1950'ler).
        return pgettext("decade", "the %(decade)s%(ending)s") % {
            "decade": start.year,
            "ending": decade_ending(start.year, get_language()),
        }

    def __lt__(self, other: PartialDate) -> bool:
        return (self.earliest, self.latest) < (other.earliest, other.latest)


def validate_range(start: PartialDate | None, end: PartialDate | None, field: str) -> None:
    """An end may overlap its start's period, but may not lie wholly before it."""
    if start and end and end.latest < start.earliest:
        raise ValidationError({field: _("The end date cannot be before the start date.")})


def validate_not_future(date: PartialDate | None, field: str) -> None:
    if date and date.earliest > datetime.date.today():
        raise ValidationError({field: _("This date is in the future.")})


def partial_date_fields(
    label: str, *, required: bool = False
) -> tuple[models.Field, models.Field, models.Field]:
    """The three columns of a partial date; unpack them in a model body:

    ``born, born_precision, born_approximate = partial_date_fields(_("born"))``
    """
    value = models.DateField(
        label,
        null=not required,
        blank=not required,
        db_index=True,
        help_text=_("For a month, season, year or decade, any day inside it will do."),
    )
    precision = models.CharField(
        _("precision"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    approximate = models.BooleanField(
        _("approximate"), default=False, help_text=_("The source gives the date as an estimate.")
    )
    return value, precision, approximate


def partial_date_names(model: type[models.Model]) -> list[str]:
    """The partial dates of a model: each date column with a ``<name>_precision`` beside it."""
    names = {field.name for field in model._meta.concrete_fields}
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and f"{field.name}_precision" in names
    ]


class PartialDateTextField(forms.Field):
    """One text box for a partial date: what the editor types sets the precision too.

    Cleans to a :class:`PartialDate` (or None) and shows one as :meth:`PartialDate.typed`."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "As precisely as known: 1992, 1992-02, 26.02.1992, 199X for the 1990s, "
                "autumn 1992; c. 1950 when the source gives an estimate."
            ),
        )
        kwargs["widget"] = forms.TextInput(attrs={"autocomplete": "off", "maxlength": 40})
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return value.typed()
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        return PartialDate.parse(text) if text else None


def normalise_fields(instance: models.Model, *names: str) -> None:
    """Snap each named partial date of a model instance to the first day of its period."""
    for name in names:
        date = PartialDate.stored(instance, name)
        if date:
            setattr(instance, name, date.normalised().value)


def overlapping(name: str, start: datetime.date | None, end: datetime.date | None) -> models.Q:
    """Q for rows whose partial date ``name`` overlaps [start, end], honouring its precision."""
    q = models.Q()
    if end:
        q &= models.Q(**{f"{name}__lte": end})
    if start:
        by_precision = models.Q()
        for precision in Precision.values:
            floor = PartialDate(start, precision).earliest
            by_precision |= models.Q(**{f"{name}_precision": precision, f"{name}__gte": floor})
        q &= by_precision
    return q


class DateRange:
    """For models with a ``start`` and an optional ``end`` partial date (two columns each)."""

    @property
    def start_date(self) -> PartialDate:
        return PartialDate.stored(self, "start")

    @property
    def end_date(self) -> PartialDate | None:
        return PartialDate.stored(self, "end")

    def clean(self):
        super().clean()
        normalise_fields(self, "start", "end")
        validate_range(self.start_date, self.end_date, "end")
