"""Choosers link records in the editors' forms: they find people in any spelling (imported ones
too), filter by locale, never offer a record the user may not see, and the forms that use them
stay the same size whatever the number of people."""

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import Family, FamilyMembership, Person, TimelineEntry
from tests.admin_forms import entry_form
from tests.api_data import statement
from tests.factories import PersonFactory, PlaceFactory, SourceFactory, TimelineEntryFactory

SNIPPETS = [
    "person",
    "family",
    "timelineentry",
    "reportedfigure",
    "event",
    "place",
    "source",
    "organisation",
]
HIDDEN = "Hiddenova"


def chooser(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippetchoosers_archive_{model}:{view}", args=args)


def results(client, query: str, **params):
    return client.get(chooser("person", "choose_results"), {"q": query, **params})


@pytest.fixture
def restricted(db):
    return PersonFactory(family_name=HIDDEN, visibility=Person.Visibility.RESTRICTED)


def imported(family_name: str, given_name: str) -> Person:
    """A person written by the bulk importer (COPY on PostgreSQL), not by ``save()``."""
    csv = f"external_id,family_name,given_name,fate\nlist-1,{family_name},{given_name},killed\n"
    import_people(read_table(io.BytesIO(csv.encode())), publish=True)
    return Person.objects.get(external_id="list-1")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Mammadov", "Mamedov", "Мамедов", "mammad"])
def test_person_chooser_finds_an_imported_person_by_another_spelling_or_script(
    editor_client, query
):
    person = imported("Məmmədov", "Tofiq")

    response = results(editor_client, query)

    assert response.status_code == 200
    assert "Tofiq Məmmədov" in response.content.decode()
    assert chooser("person", "chosen", person.pk) in response.content.decode()


@pytest.mark.django_db
def test_person_chooser_shows_what_tells_namesakes_apart(editor_client):
    family = Family.objects.create(name="The Qasımov family", locale=Locale.get_default())
    person = PersonFactory(family_name="Qasımov", given_name="Ramiz", live=False)
    FamilyMembership.objects.create(family=family, person=person)

    html = results(editor_client, "Qasimov").content.decode()

    assert "The Qasımov family" in html
    assert "26 February 1992" in html  # the date of fate, at its precision
    assert re.search(rf">\s*{person.pk}\s*<", html)
    assert "draft" in html
    assert "synthetic" in html


@pytest.mark.django_db
def test_person_chooser_does_not_offer_a_restricted_person_to_an_editor(editor_client, restricted):
    name = restricted.display_name  # the query itself is echoed ("no results for ...")
    assert name not in results(editor_client, HIDDEN).content.decode()
    assert name not in editor_client.get(chooser("person", "choose")).content.decode()
    chosen = editor_client.get(chooser("person", "chosen_multiple"), {"id": restricted.pk})
    assert HIDDEN not in chosen.content.decode()


@pytest.mark.django_db
def test_person_chooser_offers_a_restricted_person_to_a_moderator(moderator_client, restricted):
    html = results(moderator_client, HIDDEN).content.decode()
    assert HIDDEN in html
    assert "restricted" in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", SNIPPETS)
def test_every_chooser_searches_within_a_locale(moderator_client, model):
    url = chooser(model, "choose_results")
    assert moderator_client.get(url, {"q": "Hu", "locale": "en"}).status_code == 200
    assert moderator_client.get(chooser(model, "choose"), {"q": "Hu"}).status_code == 200


@pytest.mark.django_db
def test_person_chooser_keeps_to_the_chosen_locale(editor_client):
    azerbaijani, _ = Locale.objects.get_or_create(language_code="az")
    PersonFactory(family_name="Əliyev", given_name="English")
    PersonFactory(family_name="Əliyev", given_name="Azərbaycanca", locale=azerbaijani)

    english = results(editor_client, "Aliyev", locale="en").content.decode()
    both = results(editor_client, "Aliyev").content.decode()

    assert "English" in english
    assert "Azərbaycanca" not in english
    assert "Azərbaycanca" in both


@pytest.mark.django_db
def test_source_chooser_searches_the_database(editor_client):
    SourceFactory(title="Report of the commemoration")
    SourceFactory(title="Another document")

    html = editor_client.get(
        chooser("source", "choose_results"), {"q": "commemoration", "locale": "en"}
    ).content.decode()

    assert "Report of the commemoration" in html
    assert "Another document" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", SNIPPETS)
@pytest.mark.parametrize("bad_id", ["abc", "1.5", "9" * 30])
def test_malformed_ids_are_not_found(moderator_client, model, bad_id):
    assert moderator_client.get(chooser(model, "chosen", bad_id)).status_code == 404
    # A malformed ?id= is refused before any view runs (archive/admin/malformed_ids.py).
    multiple = moderator_client.get(chooser(model, "chosen_multiple"), {"id": bad_id})
    assert multiple.status_code == 400


@pytest.mark.django_db
def test_chooser_pages_beyond_the_last_are_not_found(editor_client):
    assert editor_client.get(chooser("person", "choose_results"), {"p": "abc"}).status_code == 404


def entry_form_cost(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.mark.django_db
def test_timeline_entry_forms_do_not_grow_with_the_number_of_people(editor_client):
    entry = TimelineEntryFactory()
    entry.related_people.set(PersonFactory.create_batch(2))
    entry.save()
    add = reverse("wagtailsnippets_archive_timelineentry:add")
    edit = reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk])
    PersonFactory.create_batch(3)
    entry_form_cost(editor_client, edit)  # the first request fills per-process caches
    few = [entry_form_cost(editor_client, add), entry_form_cost(editor_client, edit)]

    PersonFactory.create_batch(55, given_name="Unchosen")
    many = [entry_form_cost(editor_client, add), entry_form_cost(editor_client, edit)]

    assert [queries for queries, _ in many] == [queries for queries, _ in few]
    for (_, few_bytes), (_, many_bytes) in zip(few, many, strict=True):
        assert many_bytes - few_bytes < 200  # ids in the numbers only, no row per person
    assert b"Unchosen" not in editor_client.get(add).content


@pytest.mark.django_db
def test_person_and_family_forms_list_no_unchosen_people(editor_client):
    person = PersonFactory(family_name="Chosenova")
    family = Family.objects.create(name="The Chosenov family", locale=Locale.get_default())
    FamilyMembership.objects.create(family=family, person=person)
    PersonFactory.create_batch(5, given_name="Unchosen")

    for url in (
        reverse("wagtailsnippets_archive_family:edit", args=[family.pk]),
        reverse("wagtailsnippets_archive_person:edit", args=[person.pk]),
    ):
        html = editor_client.get(url).content.decode()
        assert "Chosenova" in html
        assert "Unchosen" not in html


@pytest.mark.django_db
def test_saving_a_timeline_entry_through_the_admin_stores_the_chosen_records(editor_client, demo):
    people = PersonFactory.create_batch(2)
    page = statement("Chosen statement")
    source = SourceFactory()

    response = editor_client.post(
        reverse("wagtailsnippets_archive_timelineentry:add"),
        entry_form(
            related_people=[p.pk for p in people],
            related_statements=[page.pk],
            sources=[source.pk],
        ),
    )

    assert response.status_code == 302
    entry = TimelineEntry.objects.get(title="Shelling of the town")
    assert set(entry.related_people.all()) == set(people)
    assert list(entry.related_statements.all()) == [page]
    assert list(entry.sources.all()) == [source]


@pytest.mark.django_db
@pytest.mark.parametrize("bad_id", ["abc", "9" * 30])
def test_a_malformed_chosen_id_is_a_form_error(editor_client, bad_id):
    response = editor_client.post(
        reverse("wagtailsnippets_archive_timelineentry:add"),
        entry_form(related_people=[bad_id]),
    )
    assert response.status_code == 200
    assert not TimelineEntry.objects.filter(title="Shelling of the town").exists()


@pytest.mark.django_db
def test_an_editor_sees_a_chosen_restricted_person_without_a_name(editor_client, restricted):
    entry = TimelineEntryFactory()
    entry.related_people.set([restricted])
    entry.save()
    family = Family.objects.create(name="The Hidden family", locale=Locale.get_default())
    FamilyMembership.objects.create(family=family, person=restricted)

    for url in (
        reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk]),
        reverse("wagtailsnippets_archive_family:edit", args=[family.pk]),
    ):
        html = editor_client.get(url).content.decode()
        assert HIDDEN not in html
        assert "Restricted record" in html


@pytest.mark.django_db
def test_a_moderator_sees_a_chosen_restricted_person_by_name(moderator_client, restricted):
    entry = TimelineEntryFactory()
    entry.related_people.set([restricted])
    entry.save()

    html = moderator_client.get(
        reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk])
    ).content.decode()

    assert HIDDEN in html


@pytest.mark.django_db
def test_an_editor_saving_an_entry_keeps_its_restricted_person(editor_client, restricted):
    entry = TimelineEntryFactory(title="Shelling of the town")
    visible = PersonFactory()
    entry.related_people.set([restricted, visible])
    entry.save()
    url = reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk])

    html = editor_client.get(url).content.decode()
    posted = _chosen_ids(html, "related_people")
    response = editor_client.post(url, entry_form(related_people=posted, summary="Changed."))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.latest_revision.as_object().summary == "Changed."
    assert set(entry.latest_revision.as_object().related_people.all()) == {restricted, visible}


def _chosen_ids(html: str, name: str) -> list[str]:
    """The ids a MultipleChooser posts back: its hidden inputs, outside its item template."""
    chosen = html.split(f'data-name="{name}"', 1)[1].split("<template", 1)[0]
    return re.findall(rf'<input type="hidden" name="{name}" value="(\d+)">', chosen)


@pytest.mark.django_db
def test_multiple_chooser_opens_wagtails_chooser_modal(editor_client):
    html = editor_client.get(reverse("wagtailsnippets_archive_timelineentry:add")).content.decode()

    definition = html.split('id="id_related_people-chooser-definition"', 1)[1]
    packed = json.loads(definition.split(">", 1)[1].split("</script>", 1)[0])
    assert chooser("person", "choose") in json.dumps(packed)
    assert "archive/admin/multiple_chooser.js" in html


def family_rows(client, query="", **params) -> dict[str, list[str]]:
    """The family chooser's result rows, each as its cells' text, by the family's name."""
    html = client.get(chooser("family", "choose_results"), {"q": query, **params}).content.decode()
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>|\s+", " ", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        rows[cells[0]] = cells
    return rows


def family(name, members):
    made = Family.objects.create(name=name, locale=Locale.get_default())
    for person in members:
        FamilyMembership.objects.create(family=made, person=person)
    return made


@pytest.mark.django_db
def test_family_chooser_tells_families_of_one_name_apart(editor_client):
    khojaly, shusha = PlaceFactory(name="Khojaly"), PlaceFactory(name="Shusha")
    family(
        "The Mammadov family",
        [
            PersonFactory(given_name=name, residence=khojaly)
            for name in ("Aydin", "Leyla", "Rauf", "Sona")
        ],
    )
    family("The Mammadov family of Shusha", [PersonFactory(given_name="Vugar", residence=shusha)])

    rows = family_rows(editor_client, "Mammadov")

    first, second = rows["The Mammadov family"], rows["The Mammadov family of Shusha"]
    members, names, place = first[1:4]
    assert (members, place) == ("4", "Khojaly")
    assert [name.split()[0] for name in names.removesuffix(" …").split(", ")] == [
        "Aydin",
        "Leyla",
        "Rauf",
    ]
    assert names.endswith(" …")  # a fourth member, counted but not named
    assert second[1:4] == ["1", str(Person.objects.get(given_name="Vugar")), "Shusha"]


@pytest.mark.django_db
def test_family_chooser_neither_names_nor_counts_a_restricted_member_for_an_editor(
    client, editor, moderator, restricted
):
    family("The Hidden family", [restricted, PersonFactory(given_name="Shown")])

    client.force_login(editor)
    for_editor = family_rows(client)["The Hidden family"]
    client.force_login(moderator)
    for_moderator = family_rows(client)["The Hidden family"]

    assert for_editor[1] == "1" and HIDDEN not in for_editor[2] and "Shown" in for_editor[2]
    assert for_moderator[1] == "2" and HIDDEN in for_moderator[2]


@pytest.mark.django_db
def test_family_chooser_queries_do_not_grow_with_families_or_members(editor_client):
    def queries():
        editor_client.get(chooser("family", "choose_results"))
        with CaptureQueriesContext(connection) as captured:
            editor_client.get(chooser("family", "choose_results"))
        return len(captured)

    family("The first family", PersonFactory.create_batch(2))
    few = queries()
    for number in range(6):
        family(f"Family {number}", PersonFactory.create_batch(4))

    assert queries() == few


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Add statements", "Add people", "Add sources"]),
        ("ru", ["Добавить заявления", "Добавить людей", "Добавить источники"]),
    ],
)
def test_multiple_choosers_say_what_they_add_in_a_whole_phrase(editor_client, language, labels):
    html = editor_client.get(
        reverse("wagtailsnippets_archive_timelineentry:add"), headers={"Accept-Language": language}
    ).content.decode()

    buttons = re.findall(
        r"data-multiple-chooser-add>\s*(?:<svg.*?</svg>)?\s*(.*?)\s*</button>", html, re.S
    )
    assert buttons == labels
