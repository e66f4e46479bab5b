"""Person name search: any spelling or script finds a person, exact matches come first."""

import io

import pytest
from django.db import connection
from django.urls import reverse

from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import Person
from archive.name_search import NAME_WORDS
from tests.admin_forms import person_form
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


@on_postgresql
@pytest.mark.django_db
def test_a_typo_is_compared_with_each_name_not_with_a_stretch_across_two():
    safarov = PersonFactory(family_name="Səfərov", given_name="Ramiz")
    PersonFactory(family_name="Bağırov", given_name="Səməd")  # "...rov s..." shares trigrams

    assert list(Person.objects.search_names("Safbrov")) == [safarov]  # one letter off


def words() -> set[str]:
    """The list of name words typos are compared with."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT word FROM {NAME_WORDS}")  # noqa: S608 - a constant
        return {word for (word,) in cursor.fetchall()}


@on_postgresql
@pytest.mark.django_db
def test_the_word_list_follows_saves_renames_and_deletions():
    najafov = PersonFactory(family_name="Nəcəfov", given_name="Ramiz")
    khalilov = PersonFactory(family_name="Xəlilov", given_name="Ramiz")
    assert {"najafov", "galilov", "ramiz"} <= words()

    najafov.family_name = "Qasımov"
    najafov.save()
    assert "najafov" not in words()
    assert "gasimov" in words()

    khalilov.delete()
    assert "galilov" not in words()
    assert "ramiz" in words()  # Qasımov Ramiz still holds it

    najafov.delete()
    assert not {"gasimov", "ramiz"} & words()


@on_postgresql
@pytest.mark.django_db
def test_the_word_list_follows_bulk_writes_that_bypass_save():
    written = [("Zeynalov", "zainalov"), ("Rüstəmov", "rustamov")]
    people = Person.objects.bulk_create(
        [PersonFactory.build(family_name=name, name_key=key) for name, key in written]
    )
    assert {"zainalov", "rustamov"} <= words()

    Person.objects.filter(pk=people[0].pk).update(name_key="zainab")
    assert "zainab" in words()
    assert "zainalov" not in words()

    Person.objects.filter(pk__in=[person.pk for person in people]).delete()
    assert not {"zainab", "rustamov"} & words()


@on_postgresql
@pytest.mark.django_db
def test_imported_and_reimported_people_are_found_by_their_typos():
    def imported(family):
        table = read_table(
            io.BytesIO(
                f"external_id,family_name,given_name,fate\nlist-1,{family},Tofiq,killed\n".encode()
            )
        )
        import_people(table, publish=True)

    imported("Zeynalov")
    assert Person.objects.public().search_names("Zeynblov").count() == 1

    imported("Rüstəmov")  # the same record, renamed by the list
    assert Person.objects.public().search_names("Rustbmov").count() == 1
    assert not Person.objects.public().search_names("Zeynblov").exists()


@on_postgresql
@pytest.mark.django_db
def test_a_typo_never_finds_nor_counts_a_draft_or_restricted_name(client):
    PersonFactory(family_name="Nəcəfov", given_name="Ramiz", live=False)
    PersonFactory(
        family_name="Səfərov", given_name="Ramiz", visibility=Person.Visibility.RESTRICTED
    )
    PersonFactory(family_name="Xəlilov", given_name="Ramiz")

    for typo in ("Najbfov", "Safbrov"):
        assert not Person.objects.public().search_names(typo).exists()
        html = client.get("/en/people/", {"q": typo}).content.decode()
        assert "0 records" in html
        assert "Ramiz" not in html


@on_postgresql
@pytest.mark.django_db
def test_what_a_public_typo_finds_does_not_depend_on_hidden_records():
    public = PersonFactory(family_name="Nəcəfov", given_name="Ramiz")
    before = list(Person.objects.public().search_names("Najabov"))

    # The very spelling searched for, held by hidden records only.
    PersonFactory(family_name="Nəcəbov", live=False)
    PersonFactory(family_name="Nəcəbova", visibility=Person.Visibility.RESTRICTED)

    assert before == list(Person.objects.public().search_names("Najabov")) == [public]


@on_postgresql
@pytest.mark.django_db
def test_staff_searches_tolerate_typos_in_the_drafts_they_see():
    draft = PersonFactory(family_name="Nəcəfov", live=False)
    assert list(Person.objects.search_names("Najbfov")) == [draft]


@on_postgresql
@pytest.mark.django_db
def test_a_name_published_and_unpublished_in_the_admin_is_found_by_typo_only_while_public(
    client, moderator
):
    client.force_login(moderator)
    client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {**person_form(family_name="Zeynalova"), "action-submit": "Submit"},
    )
    person = Person.objects.get(family_name="Zeynalova")
    public = Person.objects.public()
    assert not public.search_names("Zeynblova").exists()  # submitted, not yet public

    client.post(
        reverse("wagtailsnippets_archive_person:edit", args=(person.pk,)),
        {**person_form(family_name="Zeynalova"), "action-publish": "Publish"},
    )
    assert list(public.search_names("Zeynblova")) == [person]

    client.post(reverse("wagtailsnippets_archive_person:unpublish", args=(person.pk,)))
    assert not public.search_names("Zeynblova").exists()


@on_postgresql
@pytest.mark.django_db
def test_emptying_the_people_table_empties_the_word_list():
    PersonFactory(family_name="Nəcəfov")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the new row's keys now
        cursor.execute("TRUNCATE archive_person CASCADE")  # as flush and a restore do
    assert words() == set()
