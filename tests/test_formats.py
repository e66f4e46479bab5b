"""Numbers, dates, partial dates and labels as each of the site's languages writes them."""

import datetime

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation

from archive.language_rules import decade_ending
from archive.models import PartialDate, Person, Precision, ReportedFigure
from archive.models.people import Family, FamilyMembership
from tests.factories import FigureFactory, PersonFactory

LANGUAGES = ("en", "az", "tr", "ru")
FEBRUARY_26 = datetime.date(1992, 2, 26)


def shown(date: PartialDate, language: str) -> str:
    with translation.override(language):
        return str(date)


@pytest.mark.parametrize(
    ("language", "thousands", "hundred_thousand"),
    [
        ("en", "1,275", "100,000"),
        ("az", "1.275", "100.000"),
        ("tr", "1.275", "100.000"),
        ("ru", "1\xa0275", "100\xa0000"),  # a space that does not break the number
    ],
)
def test_numbers_are_grouped_as_the_language_writes_them(language, thousands, hundred_thousand):
    figure = ReportedFigure(value=1275, qualifier=ReportedFigure.Qualifier.EXACT)

    with translation.override(language):
        assert figure.qualified_value == thousands
        assert intcomma(100_000) == hundred_thousand


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [
        ("en", "26 February 1992", "February 1992"),
        ("az", "26 fevral 1992", "fevral 1992"),  # months in lower case
        ("tr", "26 Şubat 1992", "Şubat 1992"),  # Turkish capitalises them
        ("ru", "26 февраля 1992", "февраль 1992"),  # genitive after a day, nominative alone
    ],
)
def test_days_and_months_read_as_in_the_language(language, day, month):
    assert shown(PartialDate(FEBRUARY_26, Precision.DAY), language) == day
    assert shown(PartialDate(FEBRUARY_26, Precision.MONTH), language) == month


@pytest.mark.parametrize("language", ["en", "tr"])
def test_a_single_digit_day_has_no_leading_zero(language):
    assert shown(PartialDate(datetime.date(1992, 2, 2)), language).startswith("2 ")


@pytest.mark.parametrize(
    ("language", "seasons"),
    [
        ("en", ["spring 1992", "summer 1992", "autumn 1992", "winter 1992"]),
        ("az", ["yaz 1992", "yay 1992", "payız 1992", "qış 1992"]),
        ("tr", ["ilkbahar 1992", "yaz 1992", "sonbahar 1992", "kış 1992"]),
        ("ru", ["весна 1992", "лето 1992", "осень 1992", "зима 1992"]),
    ],
)
def test_seasons_are_named_in_the_language(language, seasons):
    dates = [PartialDate(datetime.date(1992, m, 1), Precision.SEASON) for m in (3, 6, 9, 12)]
    assert [shown(date, language) for date in dates] == seasons


@pytest.mark.parametrize(
    ("language", "decades"),
    [
        ("en", ["the 1900s", "the 1930s", "the 1950s", "the 1990s", "the 2000s"]),
        # The ending follows the last vowel of the number as spoken: yüz, otuz, əlli, doxsan, min.
        (
            "az",
            ["1900-cü illər", "1930-cu illər", "1950-ci illər", "1990-cı illər", "2000-ci illər"],
        ),
        ("tr", ["1900'ler", "1930'lar", "1950'ler", "1990'lar", "2000'ler"]),
        ("ru", ["1900-е годы", "1930-е годы", "1950-е годы", "1990-е годы", "2000-е годы"]),
    ],
)
def test_decades_take_the_ending_of_the_language(language, decades):
    dates = [
        PartialDate(datetime.date(y, 1, 1), Precision.DECADE)
        for y in (1900, 1930, 1950, 1990, 2000)
    ]
    assert [shown(date, language) for date in dates] == decades


@pytest.mark.parametrize(
    ("language", "year", "ending"),
    [
        ("az", 1910, "cu"),
        ("az", 1940, "cı"),
        ("az", 1960, "cı"),
        ("az", 1970, "ci"),
        ("az", 1980, "ci"),
        ("tr", 1910, "lar"),
        ("tr", 1920, "ler"),
        ("tr", 1940, "lar"),
        ("tr", 1960, "lar"),
        ("tr", 1970, "ler"),
        ("tr", 1980, "ler"),
    ],
)
def test_every_decade_ending_follows_vowel_harmony(language, year, ending):
    assert decade_ending(year, language) == ending


@pytest.mark.parametrize(
    ("language", "year", "day"),
    [
        ("en", "c. 1950", "c. 26 February 1992"),
        ("az", "təxminən 1950", "təxminən 26 fevral 1992"),
        ("tr", "yaklaşık 1950", "yaklaşık 26 Şubat 1992"),
        ("ru", "ок. 1950", "ок. 26 февраля 1992"),
    ],
)
def test_an_approximate_date_says_so_in_the_language(language, year, day):
    assert shown(PartialDate(datetime.date(1950, 1, 1), Precision.YEAR, True), language) == year
    assert shown(PartialDate(FEBRUARY_26, Precision.DAY, True), language) == day


@pytest.mark.parametrize(
    ("sex", "killed", "survived"),
    [
        (Person.Sex.FEMALE, "Убита", "Выжила"),
        (Person.Sex.MALE, "Убит", "Выжил"),
        (Person.Sex.UNKNOWN, "Убит(а)", "Выжил(а)"),  # neutral when the sex is not recorded
    ],
)
def test_russian_fate_agrees_with_the_persons_sex(sex, killed, survived):
    with translation.override("ru"):
        assert Person(sex=sex, fate=Person.Fate.KILLED).fate_label == killed
        assert Person(sex=sex, fate=Person.Fate.SURVIVED).fate_label == survived


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fate_has_a_label_for_each_sex_in_every_language(language):
    with translation.override(language):
        for sex in Person.Sex.values:
            labels = {Person(sex=sex, fate=fate).fate_label for fate in Person.Fate.values}
            assert len(labels) == len(Person.Fate.values)
            assert not labels & set(Person.Fate.values)  # a label, never the stored value


@pytest.mark.parametrize(
    ("sex", "spouse", "sibling"),
    [
        (Person.Sex.FEMALE, "Жена", "Сестра"),
        (Person.Sex.MALE, "Муж", "Брат"),
        (Person.Sex.UNKNOWN, "Супруг(а)", "Брат или сестра"),
    ],
)
def test_russian_relationship_agrees_with_the_members_sex(sex, spouse, sibling):
    person = Person(sex=sex)
    spouse_membership = FamilyMembership(person=person, relationship="spouse")
    sibling_membership = FamilyMembership(person=person, relationship="sibling")

    with translation.override("ru"):
        assert spouse_membership.relationship_label == spouse
        assert sibling_membership.relationship_label == sibling


def test_figure_labels_are_counts_not_a_persons_fate():
    # "Killed" as a figure counts people; as a fate it is said of one person.
    with translation.override("ru"):
        assert str(ReportedFigure.Counts.KILLED.label) == "Убитые"
        assert Person(fate=Person.Fate.KILLED).fate_label == "Убит(а)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "value"), [("en", "1,275"), ("az", "1.275"), ("tr", "1.275"), ("ru", "1\xa0275")]
)
def test_the_figures_page_groups_thousands_as_the_language_does(client, language, value):
    FigureFactory(value=1275)

    html = client.get(f"/{language}/figures/").content.decode()

    assert f'<td class="number">{value}' in html
    assert "1275" not in html


@pytest.mark.django_db
def test_a_memorial_page_in_russian_agrees_with_the_persons_sex(client):
    woman = PersonFactory(sex=Person.Sex.FEMALE, fate=Person.Fate.KILLED)
    unknown = PersonFactory(sex=Person.Sex.UNKNOWN, fate=Person.Fate.KILLED)

    woman_page = client.get(f"/ru/people/{woman.pk}/").content.decode()
    unknown_page = client.get(f"/ru/people/{unknown.pk}/").content.decode()

    assert "<dd>Убита, <time" in woman_page and "Убит(а)" not in woman_page
    assert "<dd>Убит(а), <time" in unknown_page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("people", "heading"), [(1, "1 запись"), (3, "3 записи"), (5, "5 записей")]
)
def test_the_count_of_records_takes_the_russian_plural(client, people, heading):
    PersonFactory.create_batch(people)

    html = client.get("/ru/people/").content.decode()

    assert f'<h2 id="results-title">{heading}</h2>' in html


@pytest.mark.django_db
def test_an_age_from_an_approximate_birth_year_is_shown_as_an_estimate(client):
    person = PersonFactory(
        born=datetime.date(1950, 1, 1),
        born_precision=Precision.YEAR,
        born_approximate=True,
        fate_date=FEBRUARY_26,
    )

    detail = client.get(f"/ru/people/{person.pk}/").content.decode()
    listing = client.get("/en/people/").content.decode()

    assert person.age == 42 and person.age_is_estimate
    assert '<time datetime="1950">ок. 1950</time>' in detail
    assert "<dd>около 42</dd>" in detail
    assert "aged about 42" in listing


@pytest.mark.django_db
def test_the_age_filter_names_its_bound_in_the_russian_plural(client):
    html = client.get("/ru/people/").content.decode()

    assert "Ребёнок (до 18 лет)" in html


@pytest.mark.django_db
def test_a_family_page_in_russian_names_each_member_in_words_of_their_sex(client):
    wife = PersonFactory(sex=Person.Sex.FEMALE, fate=Person.Fate.KILLED)
    husband = PersonFactory(sex=Person.Sex.MALE, fate=Person.Fate.WOUNDED)
    family = Family.objects.create(name="Testov family")
    FamilyMembership.objects.create(family=family, person=wife, relationship="spouse")
    FamilyMembership.objects.create(family=family, person=husband, relationship="spouse")

    family_page = client.get(f"/ru/families/{family.pk}/").content.decode()
    wife_page = client.get(f"/ru/people/{wife.pk}/").content.decode()

    assert "Жена · Убита" in family_page and "Муж · Ранен" in family_page
    assert "(жена)</dd>" in wife_page
