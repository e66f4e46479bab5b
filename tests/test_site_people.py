"""The people index, the memorial page and the family page."""

import datetime

import pytest

from archive.models import Family, FamilyMembership, Person, Precision
from archive.models import Testimony as PersonTestimony  # not collected as a test class
from archive.views.people import PEOPLE_PER_PAGE, ranked_page
from tests.factories import PersonFactory, PlaceFactory, SourceFactory


def listed(client, **query) -> str:
    response = client.get("/en/people/", query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_name_search_finds_a_person_in_another_spelling(client):
    PersonFactory(family_name="Məmmədov", given_name="Əli")
    PersonFactory(family_name="Həsənov", given_name="Tofiq")

    html = listed(client, q="Mamedov")

    assert "Əli Məmmədov" in html
    assert "Tofiq Həsənov" not in html
    assert '<details class="filters__more">' in html  # closed: only the name was searched


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"fate": "missing"}, "Missing One", "Killed One"),
        ({"sex": "female"}, "Killed One", "Missing One"),
        ({"age": "child"}, "Killed One", "Missing One"),
        ({"age": "elderly"}, "Missing One", "Killed One"),
    ],
)
def test_filters_narrow_the_index(client, query, expected, absent):
    PersonFactory(given_name="Killed", family_name="One", sex=Person.Sex.FEMALE, stated_age=9)
    PersonFactory(
        given_name="Missing",
        family_name="One",
        fate=Person.Fate.MISSING,
        sex=Person.Sex.MALE,
        stated_age=70,
    )

    html = listed(client, **query)

    assert expected in html
    assert absent not in html
    assert '<details class="filters__more" open>' in html  # the filter in use stays in view


@pytest.mark.django_db
def test_place_and_family_filters(client):
    khojaly = PlaceFactory(name="Khojaly")
    inside = PersonFactory(given_name="Inside", fate_place=khojaly)
    PersonFactory(given_name="Elsewhere")
    family = Family.objects.create(name="The Inside family")
    FamilyMembership.objects.create(family=family, person=inside)

    by_place = listed(client, place=khojaly.pk)
    by_family = listed(client, family=family.pk)

    for html in (by_place, by_family):
        assert "Inside" in html
        assert "Elsewhere" not in html


@pytest.mark.django_db
def test_an_invalid_filter_is_a_form_error(client):
    response = client.get("/en/people/", {"fate": "vanished"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.django_db
def test_index_is_paginated_and_keeps_the_filters(client):
    PersonFactory.create_batch(PEOPLE_PER_PAGE + 1, fate=Person.Fate.MISSING)

    first = listed(client, fate="missing")
    second = listed(client, fate="missing", page=2)

    assert first.count('class="person-card"') == PEOPLE_PER_PAGE
    assert second.count('class="person-card"') == 1
    assert 'href="?fate=missing&amp;page=2"' in first
    assert f"{PEOPLE_PER_PAGE + 1} records" in first


@pytest.mark.django_db
def test_memorial_page_shows_names_dates_fate_family_testimony_and_sources(client):
    khojaly = PlaceFactory(name="Khojaly")
    source = SourceFactory(title="Family letter", url="https://example.org/letter")
    person = PersonFactory(
        family_name="Məmmədova",
        given_name="Aygün",
        name_original="Мамедова Айгюн",
        alternative_spellings="Mamedova\nMammadova",
        born=datetime.date(1950, 1, 1),
        born_precision=Precision.YEAR,
        fate_date=datetime.date(1992, 2, 26),
        fate_place=khojaly,
        verification=Person.Verification.CORROBORATED,
        biography="<p>She taught at the school.</p>",
    )
    person.sources.add(source)
    person.save()  # a parental many-to-many is written on save
    PersonTestimony.objects.create(
        person=person, text="She stayed behind.", given_by="A neighbour", source=source
    )
    family = Family.objects.create(name="The Məmmədov family")
    FamilyMembership.objects.create(
        family=family, person=person, relationship=FamilyMembership.Relationship.SPOUSE
    )

    html = client.get(person.get_absolute_url()).content.decode()

    assert '<h1 id="person-name"><bdi lang="az">Aygün Məmmədova</bdi></h1>' in html
    assert '<dd><bdi lang="ru">Мамедова Айгюн</bdi></dd>' in html
    assert "Mammadova" in html
    assert '<time datetime="1950">1950</time>' in html
    place = f'<a href="/en/places/{khojaly.pk}/">Khojaly</a>'
    assert f'<time datetime="1992-02-26">26 February 1992</time>, {place}' in html
    assert f'href="{family.get_absolute_url()}"' in html
    assert "She taught at the school." in html
    assert "She stayed behind." in html and "<bdi>A neighbour</bdi>" in html
    assert "https://example.org/letter" in html
    assert "Corroborated" in html


@pytest.mark.django_db
def test_synthetic_record_carries_a_plain_banner(client):
    synthetic = PersonFactory(is_synthetic=True)
    real = PersonFactory(is_synthetic=False)

    assert "Synthetic record." in client.get(synthetic.get_absolute_url()).content.decode()
    assert "Synthetic record." not in client.get(real.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_family_page_lists_public_members_with_relationships(client):
    family = Family.objects.create(name="The Əliyev family", whole_family_killed=True)
    head = PersonFactory(given_name="Shown")
    FamilyMembership.objects.create(
        family=family, person=head, relationship=FamilyMembership.Relationship.HEAD
    )

    html = client.get(family.get_absolute_url()).content.decode()

    assert "Shown" in html
    assert "Head of family" in html
    assert "The whole family was killed." in html


@pytest.mark.django_db
def test_names_are_isolated_from_the_text_around_them(client):
    # A name written right to left must not reorder the punctuation and facts beside it.
    person = PersonFactory(given_name="علی", family_name="محمدی", name_original="علی محمدی")
    family = Family.objects.create(name="خانواده محمدی")
    FamilyMembership.objects.create(family=family, person=person)
    name = "<bdi>علی محمدی</bdi>"

    memorial = client.get(person.get_absolute_url()).content.decode()
    index = listed(client)
    family_page = client.get(family.get_absolute_url()).content.decode()

    assert f'<h1 id="person-name">{name}</h1>' in memorial
    assert f"<dd>{name}</dd>" in memorial  # the name in its original script
    assert "<bdi>خانواده محمدی</bdi></a>" in memorial
    assert f">{name}</a></h3>" in index
    assert '<h1 id="family-name"><bdi>خانواده محمدی</bdi></h1>' in family_page
    assert f">{name}</a></h3>" in family_page


@pytest.mark.django_db
def test_a_search_page_is_the_searchs_own_page_with_the_count_of_every_match():
    PersonFactory.create_batch(PEOPLE_PER_PAGE, family_name="Məmmədov", given_name="Rauf")
    # Named Məmməd, a whole name: ranked before Məmmədov, though last in the alphabet.
    PersonFactory.create_batch(3, family_name="Zeynalov", given_name="Məmməd")
    PersonFactory(family_name="Həsənov", given_name="Rauf")  # does not match
    people = Person.objects.public().localized()
    matches = people.search_names("Mammad")

    first, second = ranked_page(people, "Mammad", 1), ranked_page(people, "Mammad", "2")

    assert first.paginator.count == second.paginator.count == PEOPLE_PER_PAGE + 3
    assert list(first) == list(matches[:PEOPLE_PER_PAGE])
    assert [p.family_name for p in first[:4]] == ["Zeynalov"] * 3 + ["Məmmədov"]
    assert list(second) == list(matches[PEOPLE_PER_PAGE:])
    assert list(ranked_page(people, "Mammad", "x")) == list(first)
    assert list(ranked_page(people, "Mammad", 99)) == list(second)  # past the end: the last page


@pytest.mark.django_db
def test_a_search_page_leaves_out_a_record_that_stopped_being_public():
    shown = PersonFactory(family_name="Məmmədov")
    unpublished = PersonFactory(family_name="Məmmədov", live=False)
    # As if the record was public while the matches were ranked, and unpublished just after.
    ranked_with_it = Person.objects.all()

    page = ranked_page(ranked_with_it, "Mammadov", 1)

    assert unpublished in ranked_with_it.search_names("Mammadov")
    assert list(page) == [shown]
