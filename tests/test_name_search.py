"""Person name search: any spelling or script finds a person, exact matches come first."""

import pytest
from django.db import connection

from archive.models import Person
from tests.factories import PersonFactory

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram similarity needs PostgreSQL's pg_trgm"
)


def names(people):
    return [(person.family_name, person.given_name) for person in people]


@pytest.mark.django_db
def test_exact_family_and_given_name_ranks_before_whole_word_prefix_and_inside_matches():
    PersonFactory(family_name="Əlizadə", given_name="Vüqar")  # "ali" inside a name
    PersonFactory(family_name="Hüseynov", given_name="Əlirza")  # a name starting with "ali"
    PersonFactory(family_name="Məmmədov", given_name="Əli")  # "Ali" is a whole given name
    PersonFactory(family_name="Əli", given_name="Səməd")  # the family name is exactly "Ali"

    found = Person.objects.search_names("Ali")

    assert names(found) == [
        ("Əli", "Səməd"),
        ("Məmmədov", "Əli"),
        ("Hüseynov", "Əlirza"),
        ("Əlizadə", "Vüqar"),
    ]


@pytest.mark.django_db
def test_given_name_typed_first_still_counts_as_exact():
    PersonFactory(family_name="Hüseynov", given_name="Əli", patronymic="Məmməd oğlu")
    exact = PersonFactory(family_name="Məmmədov", given_name="Əli")

    found = Person.objects.search_names("Ali Mamedov")

    assert found[0] == exact
    assert found[0].name_rank == 0


@pytest.mark.django_db
def test_cyrillic_query_finds_latin_record_first():
    exact = PersonFactory(family_name="Məmmədova", given_name="Gülnarə")
    PersonFactory(family_name="Məmmədli", given_name="Gülnarə")

    found = Person.objects.search_names("Мамедова Гюльнара")

    assert list(found)[0] == exact


@pytest.mark.django_db
def test_every_token_must_match():
    PersonFactory(family_name="Məmmədov", given_name="Tofiq")
    assert not Person.objects.search_names("Mamedov Ramiz").exists()


@pytest.mark.django_db
def test_a_token_shorter_than_a_trigram_must_start_a_name():
    abbasov = PersonFactory(family_name="Abbasov", given_name="Tofiq")
    PersonFactory(family_name="Babayev", given_name="Tofiq")  # "ab" only inside a name

    assert list(Person.objects.search_names("Ab")) == [abbasov]


@pytest.mark.django_db
def test_query_without_letters_leaves_the_queryset_as_it_was():
    PersonFactory.create_batch(2)
    assert Person.objects.search_names(" -- ").count() == 2


@pytest.mark.django_db
def test_search_keeps_public_filter_and_pagination(django_assert_num_queries):
    PersonFactory.create_batch(3, family_name="Qasımov")
    PersonFactory(family_name="Qasımov", live=False)

    found = Person.objects.public().search_names("Gasimov")

    with django_assert_num_queries(2):
        assert found.count() == 3
        assert len(found[:2]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [2, 12])
def test_ranked_search_takes_one_query_whatever_the_number_of_matches(
    rows, django_assert_num_queries
):
    PersonFactory.create_batch(rows, family_name="Cəfərov")
    with django_assert_num_queries(1):
        assert len(list(Person.objects.search_names("Jafarov").for_listing())) == rows


@pytest.mark.django_db
def test_typo_is_not_matched_on_sqlite_or_matched_last_on_postgresql():
    typo_only = PersonFactory(family_name="Hüseynov", given_name="Tofiq")
    found = list(Person.objects.search_names("Guseinob"))
    if connection.vendor == "postgresql":
        assert found == [typo_only]
        assert found[0].name_rank == 4
    else:
        assert found == []


@on_postgresql
@pytest.mark.django_db
def test_postgresql_takes_a_spelling_found_nowhere_for_a_typo_and_ranks_it_last():
    najafov = PersonFactory(family_name="Nəcəfov", given_name="Ramiz")
    PersonFactory(family_name="Xəlilov", given_name="Ramiz")

    found = list(Person.objects.search_names("Najabov Ramiz"))  # one letter off

    assert found == [najafov]
    assert found[0].name_rank == 4


@on_postgresql
@pytest.mark.django_db
def test_postgresql_does_not_widen_a_spelling_that_exists():
    najafov = PersonFactory(family_name="Nəcəfov", given_name="Ramiz")
    PersonFactory(family_name="Nəcəbov", given_name="Ramiz")
    assert list(Person.objects.search_names("Najafov")) == [najafov]


@on_postgresql
@pytest.mark.django_db
def test_typo_tolerance_does_not_depend_on_records_the_searcher_cannot_see():
    public = PersonFactory(family_name="Nəcəfov", given_name="Ramiz")
    PersonFactory(family_name="Nəcəbov", visibility=Person.Visibility.RESTRICTED)
    assert list(Person.objects.public().search_names("Najabov")) == [public]


@on_postgresql
@pytest.mark.django_db
def test_postgresql_search_uses_the_trigram_index():
    from django.db import connection as pg

    PersonFactory.create_batch(3)
    with pg.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = Person.objects.search_names("Mamedov").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "archive_person_name_key_trgm" in plan
