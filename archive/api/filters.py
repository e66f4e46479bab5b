"""Query parameters of the list endpoints.

Every parameter is validated: a value that is not one of the choices, not a number in range or
not a date answers 400 with the reason, never an empty list and never a server error. The OpenAPI
schema states the same bounds, so clients (and schemathesis) know them in advance."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, F, When
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from archive.models import (
    Event,
    Family,
    PartialDate,
    Person,
    Place,
    ReportedFigure,
    Source,
    StatementPage,
    TimelineEntry,
)
from archive.models.dates import overlapping
from archive.models.holds import HELD_BY_COLUMN, revealed
from archive.names import query_tokens
from archive.text_search import search_records

MAX_ID = 2**63 - 1
MAX_QUERY_LENGTH = 200
# Years outside these bounds mean nothing to the archive and would overflow date arithmetic.
FIRST_YEAR, LAST_YEAR = 1000, 2999
# Printable text only: control characters are refused before any filter runs.
PRINTABLE = r"^[^\u0000-\u001f\u007f-\u009f]*$"


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def documented(schema: dict, help_text: str, parameter: django_filters.Filter):
    """``parameter`` with its exact bounds in the OpenAPI schema (drf-spectacular would guess
    only the type), and its description."""
    return extend_schema_field({**schema, "description": str(help_text)})(parameter)


def integer(minimum: int, maximum: int, help_text: str, **kwargs) -> IntegerFilter:
    return documented(
        {"type": "integer", "minimum": minimum, "maximum": maximum},
        help_text,
        IntegerFilter(min_value=minimum, max_value=maximum, **kwargs),
    )


def record_id(help_text: str, **kwargs) -> IntegerFilter:
    return integer(1, MAX_ID, help_text, **kwargs)


def year(help_text: str, **kwargs) -> IntegerFilter:
    return integer(FIRST_YEAR, LAST_YEAR, help_text, **kwargs)


def text(help_text: str, max_length: int = 100, **kwargs) -> django_filters.CharFilter:
    return documented(
        {"type": "string", "maxLength": max_length, "pattern": PRINTABLE},
        help_text,
        django_filters.CharFilter(max_length=max_length, **kwargs),
    )


def choice(choices, help_text: str, **kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(choices=choices, help_text=help_text, **kwargs)


def yes_no(help_text: str, **kwargs) -> django_filters.ChoiceFilter:
    """A true/false filter that refuses anything else (django-filter's BooleanFilter ignores
    values it cannot read, which would silently return the unfiltered list)."""
    return choice([("true", "true"), ("false", "false")], help_text, method="yes_no", **kwargs)


class PartialDateField(forms.CharField):
    """A date as precise as the client knows it: 1992, 1992-02, 1992-02-26 or 199X."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        date = PartialDate.parse(value)
        if not FIRST_YEAR <= date.earliest.year <= LAST_YEAR:
            raise ValidationError(
                _("Give a year from %(first)s to %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
                code="year_out_of_range",
            )
        return date


_YEAR = r"[12]\d{3}"
_MONTH_DAY = r"(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31"
# Exact except for 29 February, which the server accepts in leap years all the same.
PARTIAL_DATE_PATTERN = rf"^({_YEAR}(-(0[1-9]|1[0-2]))?|{_YEAR}-({_MONTH_DAY})|[12]\d{{2}}X)$"


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


def partial_date(help_text: str, **kwargs) -> PartialDateFilter:
    return documented(
        {"type": "string", "pattern": PARTIAL_DATE_PATTERN}, help_text, PartialDateFilter(**kwargs)
    )


def search_text() -> django_filters.CharFilter:
    return documented(
        {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH, "pattern": PRINTABLE},
        _("Search text, at most 200 characters."),
        django_filters.CharFilter(
            method="search",
            max_length=MAX_QUERY_LENGTH,
            error_messages={
                "max_length": _("Query too long: at most %(limit_value)d characters, please.")
            },
        ),
    )


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering that always ends with the id, so pages never repeat or skip a record."""

    def filter(self, rows, value):
        rows = super().filter(rows, value)
        if value:
            rows = rows.order_by(*rows.query.order_by, "pk")
        return rows


class HeldAsEmptyOrderingFilter(StableOrderingFilter):
    """People sorted by a column that a hold may keep from the public (the date of birth, the
    age) sort as if it were empty where it is held: their place among the others would tell
    the value (:func:`archive.models.holds.revealed`)."""

    def get_ordering_value(self, param):
        column = param.removeprefix("-")
        if column not in HELD_BY_COLUMN:
            return super().get_ordering_value(param)
        shown = Case(When(revealed(column), then=F(column)), default=None)
        return shown.desc() if param.startswith("-") else shown.asc()


def ordering(*fields: str, kind=StableOrderingFilter) -> StableOrderingFilter:
    return kind(
        fields=fields,
        help_text=_("Sort by these fields, comma-separated; a leading - sorts descending."),
    )


class ArchiveFilterSet(django_filters.FilterSet):
    """What every list accepts: ``q``, a search of the words of places, events, statements,
    timeline entries and sources in any language and script (:mod:`archive.text_search`),
    and of the fields named in ``search_fields`` for the other records."""

    q = search_text()
    search_fields: tuple[str, ...] = ()

    def search(self, rows, name, value):
        return search_records(rows, value, self.search_fields)

    def yes_no(self, rows, name, value):
        return rows.filter(**{name: value == "true"})


class PersonFilter(ArchiveFilterSet):
    fate = choice(Person.Fate.choices, _("What happened to the person."))
    sex = choice(Person.Sex.choices, _("Sex as recorded."))
    verification = choice(Person.Verification.choices, _("How well the record is sourced."))
    age_min = integer(
        0, 150, _("Youngest age at the time of the fate."), field_name="age", lookup_expr="gte"
    )
    age_max = integer(
        0, 150, _("Oldest age at the time of the fate."), field_name="age", lookup_expr="lte"
    )
    born_from = year(_("Born in this year or later."), method="born_from_year")
    born_to = year(_("Born in this year or earlier."), method="born_to_year")
    place = record_id(
        _("A place of birth, residence or fate, or a place within it (Karabakh takes in Khojaly)."),
        method="at_place",
    )
    family = record_id(_("Members of this family."), field_name="memberships__family")
    event = record_id(_("People affected by this event."), field_name="event")
    is_synthetic = yes_no(_("true for generated records only, false for real people only."))
    ordering = ordering(
        "family_name",
        "given_name",
        "age",
        "born",
        "fate_date",
        "id",
        kind=HeldAsEmptyOrderingFilter,
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def search(self, rows, name, value):
        tokens = query_tokens(value)
        return rows.search_names(value) if tokens else rows.none()

    def filter_queryset(self, queryset):
        # A filter on a column that a hold may keep from the public finds only the people
        # whose column is public: a held date of birth is not found by its year, nor its age.
        ages = (self.form.cleaned_data.get(name) for name in ("age_min", "age_max"))
        if any(age is not None for age in ages):
            queryset = queryset.revealing("age")
        return super().filter_queryset(queryset)

    def born_from_year(self, rows, name, value):
        return rows.revealing("born").filter(overlapping("born", datetime.date(value, 1, 1), None))

    def born_to_year(self, rows, name, value):
        return rows.revealing("born").filter(
            overlapping("born", None, datetime.date(value, 12, 31))
        )

    def at_place(self, rows, name, value):
        return rows.at_places(Place.objects.group_ids_within(value))


class FamilyFilter(ArchiveFilterSet):
    whole_family_killed = yes_no(_("true for families killed entirely."))
    ordering = ordering("name", "id")
    search_fields = ("name",)

    class Meta:
        model = Family
        fields: list[str] = []


class StatementFilter(ArchiveFilterSet):
    issuer = record_id(_("Issued by this organisation."), field_name="issuer")
    country = text(
        _("Issuer's country, e.g. Türkiye."), field_name="issuer__country", lookup_expr="iexact"
    )
    year = year(_("Issued in this year."), method="issued_in")
    language = text(
        _("Language of the original, e.g. tr."),
        max_length=35,
        field_name="original_language",
        lookup_expr="iexact",
    )
    kind = choice(StatementPage.Kind.choices, _("Kind of statement."))
    event = record_id(_("Statements about this event."), field_name="related_events")
    ordering = ordering("issued", "title", "id")

    class Meta:
        model = StatementPage
        fields: list[str] = []

    def issued_in(self, rows, name, value):
        return rows.filter(
            overlapping("issued", datetime.date(value, 1, 1), datetime.date(value, 12, 31))
        )


class DateRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end.latest < start.earliest:
            raise ValidationError({"to": _("“to” is before “from”.")})
        return cleaned


class TimelineFilter(ArchiveFilterSet):
    category = choice(TimelineEntry.Category.choices, _("Kind of entry."))
    event = record_id(_("Entries of this event."), field_name="event")
    ordering = ordering("start", "title", "id")

    class Meta:
        model = TimelineEntry
        fields: list[str] = []
        form = DateRangeForm

    def starting_or_ending_from(self, rows, name, value):
        """Entries that are still going on at ``value`` or later, at their own precision."""
        since = value.earliest
        return rows.filter(overlapping("start", since, None) | overlapping("end", since, None))

    def starting_until(self, rows, name, value):
        return rows.filter(overlapping("start", None, value.latest))


# "from" is a Python keyword, so the date range is attached after the class is made.
TimelineFilter.base_filters["from"] = partial_date(
    _("Entries on or after this date: 1992, 1992-02, 1992-02-26 or 199X (the 1990s)."),
    method="starting_or_ending_from",
)
TimelineFilter.base_filters["to"] = partial_date(
    _("Entries on or before this date: 1992, 1992-02, 1992-02-26 or 199X (the 1990s)."),
    method="starting_until",
)


class SourceFilter(ArchiveFilterSet):
    kind = choice(Source.Kind.choices, _("Kind of source."))
    language = text(
        _("Language of the source, e.g. en."),
        max_length=35,
        field_name="language",
        lookup_expr="iexact",
    )
    ordering = ordering("title", "published", "id")

    class Meta:
        model = Source
        fields: list[str] = []


class FigureFilter(ArchiveFilterSet):
    event = record_id(_("Figures reported for this event."), field_name="event")
    counts = choice(ReportedFigure.Counts.choices, _("What is counted."))
    search_fields = ("attributed_to", "custom_label")

    class Meta:
        model = ReportedFigure
        fields: list[str] = []


class EventFilter(ArchiveFilterSet):
    ordering = ordering("start", "name", "id")

    class Meta:
        model = Event
        fields: list[str] = []


class PlaceFilter(ArchiveFilterSet):
    parent = record_id(_("Places directly within this one."), field_name="parent")
    ordering = ordering("name", "id")

    class Meta:
        model = Place
        fields: list[str] = []
