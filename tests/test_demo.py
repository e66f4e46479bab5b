import re
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from archive.demo import LANGUAGES, synthetic_person, wording
from archive.demo.synthetic import PEOPLE_PER_FAMILY
from archive.models import (
    Event,
    Family,
    Organisation,
    Person,
    Place,
    ReportedFigure,
    Source,
    StatementPage,
    TimelineEntry,
)
from archive.names import fold
from archive.synthetic_names import FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, feminine


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Event, Person, ReportedFigure, StatementPage, TimelineEntry, Page, Revision)
    }


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", synthetic_people=5)
    first = counts()
    call_command("load_demo", synthetic_people=5)
    assert counts() == first


@pytest.mark.django_db
def test_demo_creates_no_person_presented_as_real(demo):
    assert not Person.objects.exists()
    call_command("load_demo", synthetic_people=20)
    assert Person.objects.count() == 20
    assert not Person.objects.filter(is_synthetic=False).exists()


def generated(count):
    return [synthetic_person(n, event=None, place=None, locale=None) for n in range(1, count + 1)]


def test_generator_gives_each_number_the_same_person():
    first, again = generated(50), generated(50)
    assert [(p.family_name, p.given_name, p.sex, p.born) for p in first] == [
        (p.family_name, p.given_name, p.sex, p.born) for p in again
    ]


def test_generated_family_names_spread_over_the_list_as_in_a_population():
    people = generated(5000)
    families = Counter(fold(person.family_name) for person in people)
    assert len(families) == len(FAMILY_NAMES)
    assert max(families.values()) < 0.1 * len(people)


def test_generated_women_bear_the_feminine_family_name():
    women = [person for person in generated(200) if person.sex == Person.Sex.FEMALE]
    forms = {feminine(name).azerbaijani for name in FAMILY_NAMES}
    assert women and all(person.family_name in forms for person in women)
    assert {person.given_name for person in women} <= {name.azerbaijani for name in GIVEN_FEMALE}


@pytest.mark.parametrize(
    "name", [*FAMILY_NAMES, *map(feminine, FAMILY_NAMES), *GIVEN_FEMALE, *GIVEN_MALE]
)
def test_synthetic_names_russian_and_english_spellings_find_the_azerbaijani(name):
    # bench/name_search.py types these spellings; a search finds a name when the keys agree.
    assert fold(name.russian) == fold(name.english) == fold(name.azerbaijani)


@pytest.mark.django_db
def test_every_seed_figure_is_attributed_and_sourced_in_every_language(demo_in_every_language):
    figures = ReportedFigure.objects.select_related("source", "event", "locale")
    assert {(f.counts, f.value) for f in figures} >= {
        ("killed", 613),
        ("captured", 1275),
        ("missing", 150),
    }
    assert figures.count() == 8 * len(LANGUAGES)
    for figure in figures:
        language = figure.locale.language_code
        assert figure.attributed_to == wording.ATTRIBUTION[language]
        assert figure.source.kind == "news_report"
        assert figure.source.publisher == ""  # the report does not name it: recorded as unknown
        # A translated figure cites the translated report, of the translated event.
        assert figure.source.locale_id == figure.event.locale_id == figure.locale_id


@pytest.mark.django_db
def test_demo_statement_and_timeline_are_published_with_their_source(demo_in_every_language):
    for language in LANGUAGES:
        statement = StatementPage.objects.get(locale__language_code=language)
        assert statement.live and statement.sources.get().locale_id == statement.locale_id
        assert statement.issuer.locale_id == statement.locale_id
        assert statement.issuer.country == wording.MINISTRY[language]["country"]
        entries = TimelineEntry.objects.public().filter(locale=statement.locale)
        assert entries.count() == 6
        for entry in entries:
            assert [source.locale_id for source in entry.sources.all()] == [entry.locale_id]
            assert entry.place is None or entry.place.locale_id == entry.locale_id
    entries = TimelineEntry.objects.public().localized("en")
    assert str(entries.get(slug="dissolution-of-the-soviet-union").start_date) == "December 1991"


TRANSLATED = [Place, Source, Event, ReportedFigure, Organisation, TimelineEntry, Page, Family]


@pytest.mark.django_db
def test_every_demo_record_and_page_is_translated_and_published_in_every_language():
    call_command("load_demo", synthetic_people=PEOPLE_PER_FAMILY * 2)
    for model in TRANSLATED:
        rows = model.objects.exclude(depth=1) if model is Page else model.objects.all()
        groups = Counter(rows.values_list("translation_key", flat=True))
        assert groups and set(groups.values()) == {len(LANGUAGES)}, model
        languages = Counter(rows.values_list("locale__language_code", flat=True))
        assert set(languages) == set(LANGUAGES), model
    assert not Page.objects.exclude(depth=1).filter(live=False).exists()
    assert not TimelineEntry.objects.filter(live=False).exists()
    # Each translation of a page is published from a revision, as an editor's would be.
    assert all(page.live_revision_id for page in Page.objects.exclude(depth=1))


@pytest.mark.django_db
def test_demo_families_are_synthetic_families_of_synthetic_records():
    call_command("load_demo", synthetic_people=PEOPLE_PER_FAMILY * 2)
    families = Family.objects.prefetch_related("memberships__person")
    assert families.count() == 2 * len(LANGUAGES)
    for family in families:
        members = [membership.person for membership in family.memberships.all()]
        assert members and all(person.is_synthetic for person in members)
        assert not family.whole_family_killed
    english = {family.name for family in families.filter(locale__language_code="en")}
    assert english == {"The Mammadov family (synthetic)", "The Aliyev family (synthetic)"}


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


def texts_by_language(wording_item: dict) -> dict[str, str]:
    return {language: " ".join(fields.values()) for language, fields in wording_item.items()}


@pytest.mark.parametrize(
    "item",
    [
        wording.REPORT,
        wording.EVENT,
        wording.HOME,
        wording.ABOUT,
        wording.METHODOLOGY,
        wording.STATEMENT,
        *wording.TIMELINE.values(),
    ],
)
def test_each_translation_gives_the_numbers_and_dates_its_original_gives(item):
    # The same facts in four languages: no number, year or day added, dropped or changed.
    # (Azerbaijani writes 26 February 1992 as "1992-ci il fevralın 26-da": the same numbers.)
    texts = texts_by_language(item)
    for language in LANGUAGES:
        assert numbers(texts[language]) == numbers(texts["en"]), language
