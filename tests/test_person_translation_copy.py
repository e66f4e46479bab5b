"""A person copied for translation (Wagtail's ``copy_for_translation``, as the demo and a
translator's copy make it) keeps its fate events, testimonies and sources as rows of its own;
its families stay on the original's memberships, which a family holds: the family lists the
person once, and the copy is no member of its own (its page and API name no family, as the
page and API of any record without memberships; people are not translated through the
workflow, see archive/admin/translations/scope.py)."""

import pytest
from wagtail.models import Locale

from archive.models import Family, FamilyMembership, FateEvent, Person
from archive.models import Testimony as GivenTestimony  # not collected as a test class
from tests.factories import PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def original():
    place, source = PlaceFactory(name="Khojaly"), SourceFactory(title="The 1993 register")
    person = PersonFactory(family_name="Copyova", sex="female", fate="killed")
    person.fate_events = [
        FateEvent(kind="wounded", place=place, source=source, certainty="confirmed", note="a"),
        FateEvent(kind="taken_captive", date=None, certainty="probable"),
        FateEvent(kind="killed", place=place, certainty="reported"),
    ]
    person.testimonies = [GivenTestimony(text="She carried her brother.", source=source)]
    person.save()
    person.sources.add(source)
    family = Family.objects.create(name="The Household of Tests", locale=person.locale)
    FamilyMembership.objects.create(family=family, person=person, relationship="mother")
    return Person.objects.get(pk=person.pk)


def translated(person) -> Person:
    copy = person.copy_for_translation(Locale.objects.get_or_create(language_code="az")[0])
    copy.live = False  # the copy carries the original's state; published afresh
    copy.save()
    copy.save_revision().publish()
    return Person.objects.get(pk=copy.pk)


def events(person) -> list[tuple]:
    return list(
        person.fate_events.order_by("sort_order").values_list(
            "kind", "date", "place", "source", "certainty", "note"
        )
    )


def test_fate_events_follow_a_copy_for_translation_as_rows_of_its_own(original):
    copy = translated(original)

    assert events(copy) == events(original)
    assert copy.fate == original.fate == "killed"
    own = set(copy.fate_events.values_list("pk", flat=True))
    assert own.isdisjoint(original.fate_events.values_list("pk", flat=True))
    assert len(events(Person.objects.get(pk=original.pk))) == 3  # the original keeps its own


def test_a_change_to_the_translations_events_leaves_the_originals(original):
    copy = translated(original)
    copy.fate_events = [FateEvent(kind="survived")]
    copy.save_revision().publish()

    assert [kind for kind, *_ in events(original)] == ["wounded", "taken_captive", "killed"]
    assert Person.objects.get(pk=copy.pk).fate == "survived"


def test_testimonies_and_sources_follow_a_copy_for_translation(original):
    copy = translated(original)

    assert list(copy.testimonies.values_list("text", "source")) == list(
        original.testimonies.values_list("text", "source")
    )
    assert list(copy.sources.all()) == list(original.sources.all())


def test_the_family_lists_the_person_once_and_the_copy_is_no_member(client, original):
    copy = translated(original)

    assert FamilyMembership.objects.filter(family__name="The Household of Tests").count() == 1
    assert not copy.memberships.exists()
    family = client.get(f"/api/v1/families/{original.memberships.get().family_id}/").json()
    assert [member["person"]["id"] for member in family["members"]] == [original.pk]


def test_the_translations_page_shows_its_fate_events(client, original):
    copy = translated(original)

    page = client.get(f"/az/people/{copy.pk}/").content.decode()
    api = client.get(f"/api/v1/people/{copy.pk}/", {"lang": "az"}).json()
    assert [event["kind"] for event in api["fate_events"]] == ["wounded", "taken_captive", "killed"]
    assert api["fate_events"][0]["place"]["name"] == "Khojaly"
    assert "The 1993 register" in page
