import datetime

import pytest
from django.core.exceptions import ValidationError

from archive.fastpaths.prepared import PreparedQuery
from archive.models import Person, Precision
from tests.factories import PersonFactory


@pytest.mark.django_db
def test_age_is_computed_from_birth_and_fate_dates():
    person = PersonFactory(born=datetime.date(1980, 3, 1), fate_date=datetime.date(1992, 2, 26))
    assert person.age == 11


@pytest.mark.django_db
def test_stated_age_wins_when_there_is_no_birth_date():
    person = PersonFactory(born=None, stated_age=67)
    assert person.age == 67


@pytest.mark.django_db
def test_year_precision_birth_gives_an_age_in_whole_years():
    person = PersonFactory(born=datetime.date(1950, 1, 1), born_precision=Precision.YEAR)
    assert person.age == 42


@pytest.mark.django_db
def test_death_in_the_future_is_refused():
    person = PersonFactory.build(fate_date=datetime.date.today() + datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert "fate_date" in error.value.message_dict


@pytest.mark.django_db
def test_death_before_birth_is_refused():
    person = PersonFactory.build(born=datetime.date(1993, 1, 1))
    with pytest.raises(ValidationError):
        person.clean()


@pytest.mark.django_db
def test_clean_snaps_a_month_date_to_its_first_day():
    person = PersonFactory.build(born=datetime.date(1960, 5, 17), born_precision=Precision.MONTH)
    person.clean()
    assert person.born == datetime.date(1960, 5, 1)


@pytest.mark.django_db
def test_public_excludes_drafts_and_restricted_records():
    shown = PersonFactory()
    PersonFactory(live=False)
    PersonFactory(visibility=Person.Visibility.RESTRICTED)
    assert list(Person.objects.public()) == [shown]


@pytest.mark.django_db
def test_name_search_meets_other_spellings():
    person = PersonFactory(family_name="Məmmədov", given_name="Əli")
    PersonFactory(family_name="Hüseynov", given_name="Əli")
    assert list(Person.objects.search_names("Mamedov")) == [person]
    assert list(Person.objects.search_names("мамедов али")) == [person]


@pytest.mark.django_db
def test_a_translated_copy_does_not_take_the_imported_identifier():
    from wagtail.models import Locale

    azerbaijani, _ = Locale.objects.get_or_create(language_code="az")
    person = PersonFactory(external_id="list-17")

    copy = person.copy_for_translation(azerbaijani)
    copy.save()

    assert copy.external_id is None
    assert Person.objects.filter(translation_key=person.translation_key).count() == 2
    assert Person.objects.get(external_id="list-17") == person


@pytest.mark.django_db
def test_a_prepared_query_gives_what_its_queryset_gives():
    public = PreparedQuery(lambda pk: Person.objects.public().filter(pk=pk))
    person = PersonFactory(born=datetime.date(1950, 3, 4), stated_age=None)
    draft = PersonFactory(live=False)

    [found] = public(person.pk)
    expected = Person.objects.get(pk=person.pk)

    fields = [field.attname for field in Person._meta.concrete_fields]
    assert [getattr(found, name) for name in fields] == [getattr(expected, name) for name in fields]
    assert found.birth_date.iso() == "1950-03-04"  # dates arrive as dates on SQLite too
    assert public(draft.pk) == []
