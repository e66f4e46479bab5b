"""The fast forms of ``public()`` give the same records as the rule written plainly.

Place.public() finds the places in use by an ordered walk of each column's index, and
localize() excludes translated groups with a set rather than a correlated question (see their
docstrings): each is compared here with the rule computed row by row in Python, on a fixture
where the shortcuts could go wrong (a place named only by hidden people between two public
ones, a chain of nested places deeper than ``MOST_NESTED``, a translation of a restricted
record, a draft translation)."""

from __future__ import annotations

import datetime

import pytest
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Locale

from archive.alphabets import letters_of
from archive.fastpaths.letters import letters_in_use
from archive.models import Event, Person, Place, TimelineEntry
from archive.models.places import MOST_NESTED
from tests.factories import (
    DocumentedPersonFactory,
    PersonFactory,
    PlaceFactory,
    TimelineEntryFactory,
)

pytestmark = pytest.mark.django_db

PAST = timezone.now() - datetime.timedelta(days=1)


def plainly_public_places() -> set[int]:
    """Every place a public person, entry or event names, and up to ``MOST_NESTED - 1`` of the
    places it lies within, read record by record."""
    named = set()
    for person in Person.objects.public():
        named |= {person.birth_place_id, person.residence_id, person.fate_place_id}
    named |= {entry.place_id for entry in TimelineEntry.objects.public()}
    named |= {event.place_id for event in Event.objects.public()}
    parents = dict(Place.objects.values_list("pk", "parent"))
    shown = set()
    for place in named - {None}:
        for _depth in range(MOST_NESTED):
            if place is None:
                break
            shown.add(place)
            place = parents[place]
    return shown


@pytest.fixture
def places(db):
    chain = [PlaceFactory(name="Country")]
    for depth in range(1, MOST_NESTED + 1):
        chain.append(PlaceFactory(name=f"Level {depth}", parent=chain[-1]))
    first = PlaceFactory(name="Named by the public first")
    hidden_only = PlaceFactory(name="Named only by hidden people")
    last = PlaceFactory(name="Named by the public last")
    draft_entry_place = PlaceFactory(name="Named by a draft entry")
    PlaceFactory(name="Named by nobody")

    DocumentedPersonFactory(birth_place=first)
    DocumentedPersonFactory(residence=hidden_only, visibility=Person.Visibility.RESTRICTED)
    DocumentedPersonFactory(fate_place=hidden_only, live=False)
    DocumentedPersonFactory(residence=hidden_only, expire_at=PAST)
    DocumentedPersonFactory(fate_place=last)
    DocumentedPersonFactory(residence=chain[-1])  # the deepest: its country is too far up
    TimelineEntryFactory(place=draft_entry_place, live=False)
    return chain, hidden_only


def test_public_places_are_those_public_records_name_and_the_places_they_lie_within(places):
    chain, hidden_only = places

    public = set(Place.objects.public().values_list("pk", flat=True))

    assert public == plainly_public_places()
    assert hidden_only.pk not in public
    assert chain[0].pk not in public and chain[1].pk in public


def test_a_translation_of_a_restricted_place_of_residence_stays_hidden(places):
    _chain, hidden_only = places
    azerbaijani, _created = Locale.objects.get_or_create(language_code="az")
    hidden_only.copy_for_translation(azerbaijani).save()

    public = set(Place.objects.public().values_list("translation_key", flat=True))

    assert hidden_only.translation_key not in public


def test_places_named_by_people_are_those_their_columns_hold(places):
    people = Person.objects.public()
    held = {p.fate_place_id for p in people} | {p.residence_id for p in people}

    named = Place.objects.named_by(people, "fate_place", "residence")

    assert set(named.values_list("pk", flat=True)) == held - {None}


def plainly_localized(rows, language_code: str) -> set[int]:
    """One row per translation group: the one in ``language_code`` if any, else the original."""
    default = Locale.get_default()
    by_group: dict = {}
    for row in rows.select_related("locale"):
        by_group.setdefault(row.translation_key, {})[row.locale.language_code] = row.pk
    return {
        versions.get(language_code, versions.get(default.language_code))
        for versions in by_group.values()
    } - {None}


@pytest.mark.parametrize("language_code", ["en", "az", "tr", "ru"])
def test_localized_public_people_are_one_per_group(db, language_code):
    azerbaijani, _created = Locale.objects.get_or_create(language_code="az")
    plain = DocumentedPersonFactory(family_name="Untranslated")
    translated = DocumentedPersonFactory(family_name="Translated")
    translated.copy_for_translation(azerbaijani).save()  # a draft: the original stays
    restricted = DocumentedPersonFactory(visibility=Person.Visibility.RESTRICTED)
    public_copy = restricted.copy_for_translation(azerbaijani)
    public_copy.visibility, public_copy.live = Person.Visibility.PUBLIC, True
    public_copy.save()
    other = DocumentedPersonFactory(family_name="Other")
    live_copy = other.copy_for_translation(azerbaijani)
    live_copy.live = True
    live_copy.save()
    public = Person.objects.public()

    localized = set(public.localized(language_code).values_list("pk", flat=True))

    assert localized == plainly_localized(public, language_code)
    assert plain.pk in localized and public_copy.pk not in localized


def plainly_filed_letters(people, language: str) -> list[str]:
    """The letters of the bar, from the first character of every family name."""
    firsts = people.order_by().annotate(first=Substr("family_name", 1, 1))
    return letters_of(firsts.values_list("first", flat=True), language)


@pytest.fixture
def filed_names(db):
    """Names under many letters of both scripts, a letter held only by hidden records, names
    the bar files under no letter, and a translation that renames its original."""
    azerbaijani, _created = Locale.objects.get_or_create(language_code="az")
    for family_name in ("Abbasov", "ağayev", "Çələbi", "Əliyev", "Iğdırlı", "İsmayılov", "Qasımov"):
        PersonFactory(family_name=family_name)
    for family_name in ("Юсифов", "ёлчиев", "Zeynalov", "1-ci", "", "Ωmega", "Şahbazov"):
        PersonFactory(family_name=family_name)
    PersonFactory(family_name="Ümidov", visibility=Person.Visibility.RESTRICTED)
    PersonFactory(family_name="Ömərov", live=False)
    PersonFactory(family_name="Xəlilov", expire_at=PAST)
    PersonFactory(family_name="Üzeyirov", is_synthetic=False)
    renamed = PersonFactory(family_name="Hüseynov")
    translation = renamed.copy_for_translation(azerbaijani)
    translation.family_name, translation.live = "Gülməmmədov", True
    translation.save()


@pytest.mark.parametrize("language", ["en", "az", "tr", "ru"])
def test_the_letters_in_use_are_those_of_the_first_characters(filed_names, language):
    for people in (
        Person.objects.public().localized(language),
        Person.objects.public().filter(fate=Person.Fate.WOUNDED),  # no one at all
        Person.objects.all(),
    ):
        assert letters_in_use(people, language) == plainly_filed_letters(people, language)
    public = letters_in_use(Person.objects.public().localized(language), language)
    assert public and "Ö" not in public
