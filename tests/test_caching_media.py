"""A photo or document attached to a person or a family replaces that record's token, not the
content generation: the record's own page and API record show it at once, every other
person's stay cached (archive/caching/dependencies.py, RECORD_TABLES). An image, document or
rendition newly stored shows nowhere until a record names it, so storing one replaces nothing;
replacing or sealing a file does (archive/caching/generation.py, NEW_ROWS_SHOWN_NOWHERE)."""

import pytest
from django.db import connection
from wagtail.models import Locale

from archive.caching import LISTS, PEOPLE, family_key, person_key
from archive.caching.dependencies import CONTENT, PURGES
from archive.models import Family, FamilyMedia, FamilyMembership, Person, PersonMedia
from tests.factories import DocumentedPersonFactory, PersonFactory
from tests.test_caching_dependencies import replaced, tokens, visit, warm
from tests.test_record_media import attach, new_document, new_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60  # the cache itself is emptied around every test


def pages_of(person) -> tuple[str, str]:
    return f"/en/people/{person.pk}/", f"/api/v1/people/{person.pk}/"


def queued_purges() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key FROM {PURGES}")  # noqa: S608 - a constant
        return {key for (key,) in cursor.fetchall()}


def test_a_photo_attached_to_a_person_replaces_its_token_not_the_contents_or_another_persons():
    person, other = PersonFactory(), PersonFactory()
    before = tokens(CONTENT, PEOPLE, LISTS, person_key(person.pk), person_key(other.pk))

    photo = attach(PersonMedia, person, image=new_image())
    added = replaced(before)
    before = tokens(*before)
    PersonMedia.objects.filter(pk=photo.pk).update(caption="Described")
    described = replaced(before)
    before = tokens(*before)
    photo.delete()
    removed = replaced(before)

    assert added == described == removed == {PEOPLE, person_key(person.pk)}


def test_a_photo_of_a_translated_person_replaces_every_versions_token():
    person = PersonFactory()
    translation = person.copy_for_translation(Locale.objects.create(language_code="az"))
    translation.save()
    before = tokens(CONTENT, person_key(person.pk), person_key(translation.pk))

    attach(PersonMedia, translation, image=new_image())

    assert replaced(before) == {person_key(person.pk), person_key(translation.pk)}


def test_a_family_photo_replaces_the_familys_tokens_not_the_content():
    member = PersonFactory()
    family = Family.objects.create(name="The Photova family", locale=member.locale)
    FamilyMembership.objects.create(family=family, person=member)
    before = tokens(CONTENT, LISTS, family_key(family.pk), person_key(member.pk))

    attach(FamilyMedia, family, document=new_document())

    assert replaced(before) == {family_key(family.pk)}


@pytest.mark.parametrize("stored", [new_image, new_document], ids=["image", "document"])
def test_a_file_uploaded_replaces_nothing_until_a_record_names_it(stored):
    before = tokens(CONTENT, PEOPLE, LISTS)

    stored()

    assert replaced(before) == set()


def test_a_rendition_made_as_a_page_renders_keeps_the_content_generation(client, commits):
    with commits():
        person = DocumentedPersonFactory()
        attach(PersonMedia, person, image=new_image())
    before = tokens(CONTENT)

    client.get(f"/en/people/{person.pk}/")  # makes the photo's renditions

    assert PersonMedia.objects.get(person=person).image.renditions.exists()
    assert replaced(before) == set()


def test_an_image_replaced_replaces_the_content_generation_and_purges_it():
    image = new_image()
    before = tokens(CONTENT)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PURGES}")  # noqa: S608 - a constant

    type(image).objects.filter(pk=image.pk).update(title="Replaced")

    assert replaced(before) == {CONTENT}
    assert CONTENT in queued_purges()


def test_a_photo_added_shows_at_once_and_other_peoples_pages_stay_cached(client, commits):
    with commits():
        people = DocumentedPersonFactory.create_batch(3)
    photographed, others = people[0], people[1:]
    urls = [url for person in people for url in pages_of(person)]
    warm(client, *urls)

    with commits():
        attach(
            PersonMedia, photographed, image=new_image(), alt_text="A portrait by the river bank"
        )

    page, api = (visit(client, url) for url in pages_of(photographed))
    assert (page[1], api[1]) == ("miss", "miss")
    assert "A portrait by the river bank" in page[0].content.decode()
    assert api[0].json()["media"][0]["alt_text"] == "A portrait by the river bank"
    assert [visit(client, url)[1] for person in others for url in pages_of(person)] == ["hit"] * 4


def test_a_photo_removed_leaves_its_persons_page_and_record_at_once(client, commits):
    with commits():
        person = DocumentedPersonFactory()
        photo = attach(PersonMedia, person, image=new_image(), alt_text="A photo taken away")
    warm(client, *pages_of(person))

    with commits():
        photo.delete()

    page, api = (visit(client, url)[0] for url in pages_of(person))
    assert "A photo taken away" not in page.content.decode()
    assert api.json()["media"] == []


def test_a_family_photo_shows_at_once_on_the_family_page(client, commits):
    with commits():
        member = DocumentedPersonFactory()
        family = Family.objects.create(name="The Photova family", locale=member.locale)
        FamilyMembership.objects.create(family=family, person=member)
    url = f"/en/families/{family.pk}/"
    warm(client, url, *pages_of(member))

    with commits():
        attach(FamilyMedia, family, image=new_image(), alt_text="The family at the well")

    response, cached = visit(client, url)
    assert (cached, "The family at the well" in response.content.decode()) == ("miss", True)
    assert [visit(client, url)[1] for url in pages_of(member)] == ["hit", "hit"]


def test_a_person_restricted_seals_the_photo_and_purges_the_content(client, commits):
    with commits():
        person = DocumentedPersonFactory()
        attach(PersonMedia, person, image=new_image())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PURGES}")  # noqa: S608 - a constant

    with commits():
        person.visibility = Person.Visibility.RESTRICTED
        person.save_revision().publish()

    # The file moved: every page that showed its old address goes, in front as well.
    assert {CONTENT, person_key(person.pk)} <= queued_purges()
