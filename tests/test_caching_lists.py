"""Lists of people stay cached while editors work on what no list reads, and show every
publish, unpublish, restriction, hold and change of name or fate at once (the ``lists`` token,
archive/caching/dependencies.py; the cards, archive/fastpaths/cards.py); the A–Z bar and the
filters beside it stay while a given name is corrected (the ``letters`` token)."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from archive import models
from archive.caching import COUNTS, LETTERS, LISTS, PEOPLE, person_key
from archive.caching.dependencies import LISTED_TABLES
from archive.fastpaths.cards import CARD, person_cards
from archive.fastpaths.letters import letters_in_use
from archive.fastpaths.related_rows import with_places
from archive.models import FamilyMembership, FateEvent, Hold, HomePage, Person
from archive.models.figures import documented_counts
from archive.views import people as views_people
from archive.views.people import PEOPLE_PER_PAGE
from tests.api_data import family_of
from tests.factories import PersonFactory, PlaceFactory, SourceFactory
from tests.test_caching_dependencies import replaced, tokens, visit, warm
from tests.test_record_media import new_image

pytestmark = pytest.mark.django_db

# Every list that says it reads only what lists read, and the home page's documented counts.
LISTS_URLS = ("/en/people/", "/en/people/?fate=killed", "/en/people/?q=Listova", "/api/v1/people/")


@pytest.fixture(autouse=True)
def caching(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60  # the cache itself is emptied around every test


def listed_count(client) -> int:
    return client.get("/api/v1/people/").json()["count"]


# Which writes replace the lists' token.


def test_a_published_edit_of_what_no_list_reads_leaves_the_lists_token():
    person = PersonFactory(family_name="Listova")
    before = tokens(PEOPLE, LISTS, COUNTS, person_key(person.pk))

    person.occupation = "Teacher"
    person.biography = "<p>A life.</p>"
    person.save_revision().publish()
    models.Testimony.objects.create(person=person, text="Words")
    Person.sources.through.objects.create(person=person, source=SourceFactory())

    assert replaced(before) == {PEOPLE, person_key(person.pk)}


@pytest.mark.parametrize(
    "change",
    [
        {"name_key": "renamedova"},
        {"given_name": "Renamed"},
        {"family_name": "Renamedova"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_name_corrected_replaces_the_lists_token_not_the_counts(change):
    person = PersonFactory(family_name="Listova")
    before = tokens(LISTS, COUNTS)

    Person.objects.filter(pk=person.pk).update(**change)

    assert replaced(before) == {LISTS}


@pytest.mark.parametrize(
    "change",
    [
        {"fate": Person.Fate.MISSING},
        {"age": 3},
        {"live": False},
        {"visibility": Person.Visibility.RESTRICTED},
        {"is_synthetic": False},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_change_to_what_counts_read_replaces_the_lists_and_counts_tokens(change):
    person = PersonFactory(
        family_name="Listova", fate=Person.Fate.KILLED, age=40, is_synthetic=True
    )
    before = tokens(LISTS, COUNTS)

    Person.objects.filter(pk=person.pk).update(**change)  # sends no signal

    assert replaced(before) == {LISTS, COUNTS}


def test_a_place_of_a_person_changed_replaces_the_lists_token():
    person = PersonFactory()
    place = PlaceFactory()
    before = tokens(LISTS, COUNTS)

    Person.objects.filter(pk=person.pk).update(residence=place)

    assert replaced(before) == {LISTS, COUNTS}


def test_a_fate_event_counts_for_lists_by_its_kind_not_by_its_words():
    person = PersonFactory(fate=Person.Fate.RELEASED)
    before = tokens(LISTS, COUNTS)
    event = FateEvent.objects.create(person=person, kind=FateEvent.Kind.TAKEN_CAPTIVE)
    added = replaced(before)
    before = tokens(LISTS, COUNTS)
    FateEvent.objects.filter(pk=event.pk).update(note="Held in Shusha", place=PlaceFactory())
    described = replaced(before)
    before = tokens(LISTS, COUNTS)
    FateEvent.objects.filter(pk=event.pk).update(kind=FateEvent.Kind.WOUNDED)
    changed = replaced(before)

    assert (added, described, changed) == ({LISTS, COUNTS}, set(), {LISTS, COUNTS})


def test_a_person_added_or_deleted_and_a_family_joined_replace_the_lists_token():
    changes = []
    before = tokens(LISTS, COUNTS)
    person = PersonFactory()
    changes.append(replaced(before))
    before = tokens(LISTS, COUNTS)
    family = family_of([person])
    changes.append(replaced(before))
    before = tokens(LISTS, COUNTS)
    FamilyMembership.objects.filter(family=family).delete()
    changes.append(replaced(before))
    before = tokens(LISTS, COUNTS)
    person.delete()
    changes.append(replaced(before))

    assert changes == [{LISTS, COUNTS}] * 4


# What the lists show, at once.


def test_lists_stay_cached_while_another_persons_biography_is_edited(client, demo):
    PersonFactory.create_batch(PEOPLE_PER_PAGE, family_name="Listova", fate=Person.Fate.KILLED)
    # On none of the first pages: after every Listova, and not killed.
    edited = PersonFactory(family_name="Othershova", fate=Person.Fate.MISSING)
    warm(client, *LISTS_URLS, "/en/")

    edited.biography = "<p>Edited.</p>"
    edited.occupation = "Teacher"
    edited.save_revision().publish()

    assert [visit(client, url)[1] for url in (*LISTS_URLS, "/en/")] == ["hit"] * 5


def test_an_edit_to_a_person_shown_on_a_list_page_renders_it_again(client):
    shown = PersonFactory(family_name="Listova")
    warm(client, "/en/people/")

    Person.objects.filter(pk=shown.pk).update(name_original="Листова")

    response, cached = visit(client, "/en/people/")
    assert (cached, "Листова" in response.content.decode()) == ("miss", True)


def test_a_person_published_shows_at_once_in_every_list_count_and_search(client):
    PersonFactory(family_name="Listova", fate=Person.Fate.KILLED)
    draft = PersonFactory(family_name="Listova", given_name="Newly", fate=Person.Fate.KILLED)
    Person.objects.filter(pk=draft.pk).update(live=False)
    warm(client, *LISTS_URLS)
    count = listed_count(client)

    draft.refresh_from_db()
    draft.save_revision().publish()

    for url in LISTS_URLS:
        response, cached = visit(client, url)
        assert (cached, b"Newly" in response.content) == ("miss", True), url
    assert listed_count(client) == count + 1


@pytest.mark.parametrize("how", ["unpublish", "restrict", "hold"])
def test_a_person_hidden_leaves_every_list_count_and_search_at_once(client, how):
    PersonFactory(family_name="Listova", fate=Person.Fate.KILLED)
    hidden = PersonFactory(family_name="Listova", given_name="Leaving", fate=Person.Fate.KILLED)
    warm(client, *LISTS_URLS)
    count = listed_count(client)

    if how == "unpublish":
        hidden.unpublish()
    elif how == "restrict":
        hidden.visibility = Person.Visibility.RESTRICTED
        hidden.save_revision().publish()
    else:
        Hold.objects.create(person=hidden, status=Hold.Status.IN_EFFECT)

    for url in LISTS_URLS:
        response, cached = visit(client, url)
        assert (cached, b"Leaving" in response.content) == ("miss", False), url
    assert listed_count(client) == count - 1


def test_a_renamed_person_is_found_by_the_new_name_at_once(client):
    person = PersonFactory(family_name="Oldnamova")
    warm(client, "/en/people/?q=Newnamova", "/api/v1/people/?q=Newnamova")

    person.family_name = "Newnamova"
    person.save_revision().publish()

    assert b"Newnamova" in visit(client, "/en/people/?q=Newnamova")[0].content
    assert client.get("/api/v1/people/?q=Newnamova").json()["count"] == 1


def test_the_home_pages_documented_counts_follow_the_lists(client, demo):
    event = HomePage.objects.get(locale__language_code="en").event
    person = PersonFactory(event=event, is_synthetic=False, fate=Person.Fate.KILLED)
    warm(client, "/en/")
    killed = documented_counts(event.pk)["killed"]

    person.occupation = "Teacher"
    person.save_revision().publish()
    assert visit(client, "/en/")[1] == "hit"
    person.given_name = "Renamed"
    person.save_revision().publish()
    assert visit(client, "/en/")[1] == "hit"
    person.unpublish()
    assert visit(client, "/en/")[1] == "miss"
    assert documented_counts(event.pk)["killed"] == killed - 1


# The cards are what the template renders of each public row.


def plain_card(person_id: int) -> str:
    person = Person.objects.public().get(pk=person_id)
    with_places(None, person, language=translation.get_language())
    return render_to_string(CARD, {"person": person})


@pytest.mark.parametrize("language", ["en", "az"])
def test_a_kept_card_is_the_template_rendered_from_the_public_row(rf, language):
    place = PlaceFactory(name="Khojaly")
    people = [
        PersonFactory(family_name="Cardova", fate_place=place, age=30, is_synthetic=True),
        PersonFactory(family_name="Heldova", age=12, name_original="Хелдова"),
    ]
    Hold.objects.create(
        person=people[1], status=Hold.Status.IN_EFFECT, whole_record=False, hides_birth_date=True
    )
    ids = [person.pk for person in people]
    request = rf.get("/")

    with translation.override(language):
        first = person_cards(request, ids)
        again = person_cards(request, ids)  # from the cache
        expected = [plain_card(pk) for pk in ids]

    assert [card.html for card in first] == [card.html for card in again] == expected


def test_a_card_shows_nothing_of_a_person_that_lists_leave_out(db):
    """The index keeps a page's cards under the lists' token (views.people.page_of_cards): a
    card must read no column LISTED_TABLES leaves out of the lists."""
    person = PersonFactory(family_name="Cardova", fate_place=PlaceFactory(), age=30)
    before = plain_card(person.pk)
    unlisted = set(LISTED_TABLES["archive_person"])
    changes = {
        "occupation": "Teacher",
        "biography": "<p>A life.</p>",
        "photo": new_image(),
        "possible_duplicate_of": PersonFactory(),
        "has_unpublished_changes": True,
        "first_published_at": timezone.now(),
        "last_published_at": timezone.now(),
        "go_live_at": timezone.now() - datetime.timedelta(days=1),
        "locked": True,
        "locked_at": timezone.now(),
    }
    Person.objects.filter(pk=person.pk).update(**changes)

    assert plain_card(person.pk) == before
    # Every column lists leave out is changed above but the revisions and the lock's owner.
    named = {Person._meta.get_field(name).column for name in changes}
    assert unlisted - named == {"latest_revision_id", "live_revision_id", "locked_by_id"}


def test_a_card_leaves_out_a_person_no_longer_public(rf):
    shown, hidden = PersonFactory(), PersonFactory()
    Person.objects.filter(pk=hidden.pk).update(live=False)

    cards = person_cards(rf.get("/"), [hidden.pk, shown.pk])

    assert [card.url for card in cards] == [shown.get_absolute_url()]


def test_a_page_of_the_index_shows_a_card_per_person_in_name_order(client):
    for n in range(PEOPLE_PER_PAGE + 2):
        PersonFactory(family_name=f"Cardova{n:03d}")

    first = client.get("/en/people/").content.decode()
    second = client.get("/en/people/?page=2").content.decode()

    assert first.count('class="person-card"') == PEOPLE_PER_PAGE
    assert second.count('class="person-card"') == 2
    assert first.index("Cardova000") < first.index("Cardova049")
    assert "Cardova051" in second


def test_a_name_corrected_keeps_the_counts_and_shows_at_once_in_the_lists(client):
    PersonFactory.create_batch(2, family_name="Listova", fate=Person.Fate.KILLED)
    renamed = PersonFactory(family_name="Listova", given_name="Before", fate=Person.Fate.KILLED)
    count = listed_count(client)
    client.get("/en/people/?fate=killed")
    counted = []
    monkeypatch = pytest.MonkeyPatch()
    count_of = type(Person.objects.none()).count
    monkeypatch.setattr(
        type(Person.objects.none()), "count", lambda rows: counted.append(1) or count_of(rows)
    )
    try:
        renamed.given_name = "After"
        renamed.save_revision().publish()
        page = client.get("/en/people/?fate=killed").content
        api = client.get("/api/v1/people/").json()
    finally:
        monkeypatch.undo()

    assert b"After" in page and b"Before" not in page
    assert api["count"] == count and "After" in {r["given_name"] for r in api["results"]}
    assert counted == []  # neither count was made again


def test_the_kept_filters_and_letters_follow_the_query_and_the_lists(client):
    PersonFactory(family_name="Alphaova")
    searched = client.get("/en/people/?q=Alphaova").content.decode()
    other = client.get("/en/people/?q=Betaova").content.decode()
    before = client.get("/en/people/").content.decode()

    PersonFactory(family_name="Zetaova")
    after = client.get("/en/people/").content.decode()

    assert 'value="Alphaova"' in searched and 'value="Betaova"' in other
    assert "letter=A" in before and "letter=Z" not in before
    assert "letter=Z" in after


# The letters: the A–Z bar, its counts under a letter, and the filters beside it.


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"given_name": "Renamed"}, {LISTS}),
        ({"patronymic": "Renamedovich"}, {LISTS}),
        ({"family_name": "Renamedova"}, {LISTS, LETTERS}),
        ({"fate": Person.Fate.MISSING}, {LISTS, COUNTS, LETTERS}),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else "",
)
def test_only_a_family_name_or_what_counts_read_replaces_the_letters_token(change, expected):
    person = PersonFactory(family_name="Listova", fate=Person.Fate.KILLED)
    before = tokens(LISTS, COUNTS, LETTERS)

    Person.objects.filter(pk=person.pk).update(**change)

    assert replaced(before) == expected


def test_a_given_name_corrected_keeps_the_filters_and_letters_and_renders_no_widget(
    client, monkeypatch
):
    PersonFactory.create_batch(2, family_name="Listova", fate=Person.Fate.KILLED)
    renamed = PersonFactory(family_name="Listova", given_name="Before", fate=Person.Fate.KILLED)
    client.get("/en/people/?fate=killed")
    rendered = []
    render = views_people.render_to_string
    monkeypatch.setattr(
        views_people, "render_to_string", lambda *a, **k: rendered.append(a[0]) or render(*a, **k)
    )
    letters = []
    monkeypatch.setattr(
        views_people, "letters_in_use", lambda *a: letters.append(1) or letters_in_use(*a)
    )

    renamed.given_name = "After"
    renamed.save_revision().publish()
    page = client.get("/en/people/?fate=killed").content.decode()

    assert "After" in page and "Before" not in page
    assert 'name="fate"' in page and "letter=L" in page
    assert (rendered, letters) == ([], [])


def test_a_family_name_corrected_shows_at_once_in_the_letters_and_their_counts(client):
    PersonFactory(family_name="Alphaova")
    renamed = PersonFactory(family_name="Alphaovb")
    before = client.get("/en/people/").content.decode()
    under_a = client.get("/en/people/?letter=A").content.decode()

    renamed.family_name = "Zetaova"
    renamed.save_revision().publish()
    after = client.get("/en/people/").content.decode()
    now_under_a = client.get("/en/people/?letter=A").content.decode()

    assert ("letter=Z" in before, "letter=Z" in after) == (False, True)
    assert ("2 records" in under_a, "1 record" in now_under_a) == (True, True)
