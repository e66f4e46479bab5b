import datetime

import pytest
from django.core.exceptions import ValidationError

from archive.models import PartialDate, Precision, TimelineEntry
from archive.models.dates import overlapping, validate_not_future, validate_range
from tests.factories import TimelineEntryFactory


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("1992-02-26", Precision.DAY, "1992-02-26", "1992-02-26"),
        ("1992-02", Precision.MONTH, "1992-02-01", "1992-02-29"),
        ("1991", Precision.YEAR, "1991-01-01", "1991-12-31"),
        ("199X", Precision.DECADE, "1990-01-01", "1999-12-31"),
    ],
)
def test_parse_gives_the_whole_period(text, precision, earliest, latest):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.earliest == datetime.date.fromisoformat(earliest)
    assert date.latest == datetime.date.fromisoformat(latest)
    assert date.iso() == text


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "typed"),
    [
        ("26.02.1992", Precision.DAY, "1992-02-26", "1992-02-26"),
        ("2.3.1992", Precision.DAY, "1992-03-02", "1992-03-02"),
        ("02.1992", Precision.MONTH, "1992-02-01", "1992-02"),
        ("1992-2", Precision.MONTH, "1992-02-01", "1992-02"),
        ("1990s", Precision.DECADE, "1990-01-01", "199X"),
        ("199x", Precision.DECADE, "1990-01-01", "199X"),
        ("1990-е", Precision.DECADE, "1990-01-01", "199X"),
        ("1990-cı illər", Precision.DECADE, "1990-01-01", "199X"),
        ("1990'lar", Precision.DECADE, "1990-01-01", "199X"),
        ("autumn 2020", Precision.SEASON, "2020-09-01", "autumn 2020"),
        ("Fall 2020", Precision.SEASON, "2020-09-01", "autumn 2020"),
        ("2020-23", Precision.SEASON, "2020-09-01", "autumn 2020"),
        ("  1992 ", Precision.YEAR, "1992-01-01", "1992"),
    ],
)
def test_dates_are_read_as_editors_type_them(text, precision, earliest, typed):
    date = PartialDate.parse(text)
    assert (date.precision, date.earliest) == (precision, datetime.date.fromisoformat(earliest))
    assert date.typed() == typed
    assert PartialDate.parse(date.typed()) == date


def test_seasons_are_read_in_the_active_language_first():
    from django.utils import translation

    with translation.override("az"):
        assert PartialDate.parse("yaz 1992").earliest == datetime.date(1992, 3, 1)  # spring
        assert PartialDate.parse("payız 1992").typed() == "payız 1992"
    with translation.override("tr"):
        assert PartialDate.parse("yaz 1992").earliest == datetime.date(1992, 6, 1)  # summer


@pytest.mark.parametrize(
    "text", ["1992-02-31", "31.02.1992", "1992-13", "19x2", "", "26/02/1992", "spring", "May 1992"]
)
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValidationError) as error:
        PartialDate.parse(text)
    assert error.value.code == "invalid_partial_date"


@pytest.mark.parametrize(
    ("text", "precision", "earliest"),
    [
        ("c. 1950", Precision.YEAR, "1950-01-01"),
        ("C.1950", Precision.YEAR, "1950-01-01"),
        ("ca 1950", Precision.YEAR, "1950-01-01"),
        ("ca. 1950-03", Precision.MONTH, "1950-03-01"),
        ("circa 1950", Precision.YEAR, "1950-01-01"),
        ("~1950", Precision.YEAR, "1950-01-01"),
        ("1950~", Precision.YEAR, "1950-01-01"),
        ("около 1950", Precision.YEAR, "1950-01-01"),
        ("ок. 26.02.1950", Precision.DAY, "1950-02-26"),
        ("təxminən 1950", Precision.YEAR, "1950-01-01"),
        ("təxm. 1950", Precision.YEAR, "1950-01-01"),
        ("yaklaşık 1950", Precision.YEAR, "1950-01-01"),
        ("yak. 1950", Precision.YEAR, "1950-01-01"),
        ("1950 civarı", Precision.YEAR, "1950-01-01"),
        ("c. 195X", Precision.DECADE, "1950-01-01"),
        ("c. autumn 1950", Precision.SEASON, "1950-09-01"),
    ],
)
def test_approximate_dates_are_read_with_their_precision(text, precision, earliest):
    date = PartialDate.parse(text)

    assert date.approximate
    assert (date.precision, date.earliest) == (precision, datetime.date.fromisoformat(earliest))
    assert PartialDate.parse(date.typed()) == date


@pytest.mark.parametrize("text", ["1950", "1950-03", "26.02.1992", "199X", "autumn 1992"])
def test_dates_without_a_mark_are_not_approximate(text):
    assert not PartialDate.parse(text).approximate


@pytest.mark.parametrize("text", ["c.", "~", "около", "c. someday", "1950?", "c 19500"])
def test_a_mark_of_approximation_without_a_date_is_refused(text):
    with pytest.raises(ValidationError) as error:
        PartialDate.parse(text)
    assert error.value.code == "invalid_partial_date"


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "c. 1950"), ("az", "təxminən 1950"), ("tr", "yaklaşık 1950"), ("ru", "ок. 1950")],
)
def test_an_approximate_date_is_typed_in_the_active_language_and_read_back(language, typed):
    from django.utils import translation

    with translation.override(language):
        date = PartialDate.parse("c. 1950")
        assert date.typed() == typed
        assert PartialDate.parse(typed) == date


def test_approximation_keeps_the_period_for_filters_and_ranges():
    approximate, exact = PartialDate.parse("c. 1950"), PartialDate.parse("1950")

    assert (approximate.earliest, approximate.latest) == (exact.earliest, exact.latest)
    assert approximate.iso() == exact.iso() == "1950"
    assert approximate != exact


def test_autumn_is_a_season_from_september_to_november():
    autumn = PartialDate(datetime.date(2020, 10, 15), Precision.SEASON)
    assert (autumn.earliest, autumn.latest) == (
        datetime.date(2020, 9, 1),
        datetime.date(2020, 11, 30),
    )
    assert str(autumn) == "autumn 2020"
    assert autumn.iso() == "2020-23"


def test_january_belongs_to_the_winter_that_began_the_year_before():
    winter = PartialDate(datetime.date(1992, 1, 10), Precision.SEASON)
    assert winter.earliest == datetime.date(1991, 12, 1)
    assert winter.latest == datetime.date(1992, 2, 29)


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        (Precision.DAY, "26 February 1992"),
        (Precision.MONTH, "February 1992"),
        (Precision.YEAR, "1992"),
        (Precision.DECADE, "the 1990s"),
    ],
)
def test_display_is_no_more_precise_than_the_knowledge(precision, shown):
    assert str(PartialDate(datetime.date(1992, 2, 26), precision)) == shown


def test_end_before_start_is_refused_but_overlap_is_allowed():
    start = PartialDate.parse("1992-02")
    validate_range(start, PartialDate.parse("1992-02-10"), "end")
    with pytest.raises(ValidationError):
        validate_range(start, PartialDate.parse("1992-01-31"), "end")


def test_future_date_is_refused():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        validate_not_future(PartialDate(tomorrow), "fate_date")


@pytest.mark.django_db
def test_overlap_filter_honours_precision():
    month = TimelineEntryFactory(start=datetime.date(1992, 2, 1), start_precision=Precision.MONTH)
    day = TimelineEntryFactory(start=datetime.date(1992, 2, 3), start_precision=Precision.DAY)
    decade = TimelineEntryFactory(start=datetime.date(1990, 1, 1), start_precision=Precision.DECADE)
    later = TimelineEntryFactory(start=datetime.date(1993, 1, 1), start_precision=Precision.YEAR)

    found = set(
        TimelineEntry.objects.filter(
            overlapping("start", datetime.date(1992, 2, 10), datetime.date(1992, 2, 28))
        )
    )

    assert found == {month, decade}
    assert day not in found and later not in found


def test_a_day_reads_naturally_in_russian():
    from django.utils import translation

    with translation.override("ru"):
        assert str(PartialDate(datetime.date(1992, 2, 26))) == "26 февраля 1992"


@pytest.mark.django_db
def test_a_timeline_entry_ending_before_it_starts_is_refused():
    entry = TimelineEntryFactory.build(
        start=datetime.date(2020, 9, 27), end=datetime.date(2020, 9, 1), end_precision="day"
    )
    with pytest.raises(ValidationError) as error:
        entry.clean()
    assert "end" in error.value.message_dict
