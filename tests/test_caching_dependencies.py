"""An edit invalidates what shows the changed record, and nothing else: other people's pages
stay cached, lists and counts never go stale, and nothing unpublished is served
(archive/caching/dependencies.py)."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from archive import models
from archive.api.views import PersonViewSet
from archive.caching import PEOPLE, current_generation, family_key, person_key
from archive.caching.tokens import read_tokens
from archive.models import Family, FamilyMembership, Person
from tests.api_data import family_of
from tests.factories import PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def tokens(*keys: str) -> dict:
    return read_tokens(list(keys))


def replaced(before: dict) -> set[str]:
    """The keys of ``before`` whose token has changed since."""
    now = tokens(*before)
    return {key for key, token in before.items() if now[key] != token}


def visit(client, url: str):
    response = client.get(url)
    return response, response.get("X-Cache")


def warm(client, *urls: str) -> None:
    for url in urls:
        client.get(url)
        assert visit(client, url)[1] == "hit", url


# Which tokens a write replaces.


def test_an_edit_to_a_person_replaces_its_token_and_all_peoples_not_anothers():
    edited, other = PersonFactory(), PersonFactory()
    before = tokens("content", PEOPLE, person_key(edited.pk), person_key(other.pk))

    edited.family_name = "Edited"
    edited.save_revision().publish()

    assert replaced(before) == {PEOPLE, person_key(edited.pk)}


def test_every_table_of_a_persons_record_replaces_its_token():
    person, other = PersonFactory(), PersonFactory()
    keys = (person_key(person.pk), person_key(other.pk), PEOPLE)
    expected = {person_key(person.pk), PEOPLE}
    changes = []

    before = tokens(*keys)
    Person.sources.through.objects.bulk_create(  # two rows naming the person in one statement
        Person.sources.through(person=person, source=SourceFactory()) for _ in range(2)
    )
    changes.append(replaced(before))
    before = tokens(*keys)
    models.Testimony.objects.create(person=person, text="Words")
    changes.append(replaced(before))
    before = tokens(*keys)
    Person.objects.filter(pk=person.pk).update(live=False)  # sends no signal
    changes.append(replaced(before))
    before = tokens(*keys)
    person.delete()
    changes.append(replaced(before))

    assert changes == [expected] * 4


def test_a_family_its_memberships_and_its_members_replace_each_others_tokens():
    first, second, outsider = PersonFactory(), PersonFactory(), PersonFactory()
    family = family_of([first, second])
    keys = (
        family_key(family.pk),
        person_key(first.pk),
        person_key(second.pk),
        person_key(outsider.pk),
    )
    everyone_but_the_outsider = set(keys) - {person_key(outsider.pk)}

    before = tokens(*keys)
    Family.objects.filter(pk=family.pk).update(name="Renamed family")
    renamed = replaced(before)
    before = tokens(*keys)
    first.family_name = "Edited"
    first.save()
    member_edited = replaced(before)
    before = tokens(*keys)
    FamilyMembership.objects.create(family=family, person=outsider)
    joined = replaced(before)

    assert renamed == member_edited == everyone_but_the_outsider
    assert joined == set(keys)


def test_a_translation_written_replaces_the_token_of_the_original():
    person = PersonFactory()
    translation = person.copy_for_translation(Locale.objects.create(language_code="az"))
    translation.save()
    before = tokens(person_key(person.pk))

    Person.objects.filter(pk=translation.pk).update(visibility=Person.Visibility.RESTRICTED)

    assert replaced(before) == {person_key(person.pk)}


def test_a_saved_draft_and_its_history_start_no_new_generation():
    person = PersonFactory()
    before = current_generation()

    person.family_name = "Draft"
    person.save_revision(log_action=True)

    assert current_generation() == before


def test_a_change_to_anything_else_starts_a_new_generation():
    before = current_generation()

    PlaceFactory()

    assert current_generation() != before


# What stays cached.


def test_an_edit_to_one_person_leaves_other_peoples_pages_and_records_cached(client, caching):
    edited, other = PersonFactory(family_name="Editedova"), PersonFactory(family_name="Otherova")
    others = (f"/en/people/{other.pk}/", f"/api/v1/people/{other.pk}/")
    warm(client, *others, f"/en/people/{edited.pk}/", "/en/people/", "/api/v1/people/")

    edited.family_name = "Renamedova"
    edited.save_revision().publish()

    assert [visit(client, url)[1] for url in others] == ["hit", "hit"]
    for url in (f"/en/people/{edited.pk}/", "/en/people/", "/api/v1/people/"):
        response, cached = visit(client, url)
        assert (cached, b"Renamedova" in response.content) == ("miss", True), url


def test_an_unpublished_person_leaves_its_page_every_list_and_count_at_once(client, caching):
    person, other = PersonFactory(family_name="Leavingova"), PersonFactory()
    urls = ("/en/people/", "/api/v1/people/", f"/api/v1/people/{person.pk}/")
    warm(client, f"/en/people/{person.pk}/", f"/en/people/{other.pk}/", *urls)
    count = client.get("/api/v1/people/").json()["count"]

    person.unpublish()

    assert visit(client, f"/en/people/{person.pk}/")[0].status_code == 404
    assert visit(client, f"/api/v1/people/{person.pk}/")[0].status_code == 404
    assert b"Leavingova" not in visit(client, "/en/people/")[0].content
    assert client.get("/api/v1/people/").json()["count"] == count - 1
    assert visit(client, f"/en/people/{other.pk}/")[1] == "hit"


def test_a_family_renamed_shows_at_once_on_its_members_pages_only(client, caching):
    member, outsider = PersonFactory(), PersonFactory()
    family = family_of([member], name="Old family name")
    pages = (
        f"/en/people/{member.pk}/",
        f"/api/v1/people/{member.pk}/",
        f"/en/families/{family.pk}/",
        f"/api/v1/families/{family.pk}/",
    )
    warm(client, *pages, f"/en/people/{outsider.pk}/")

    family.name = "New family name"
    family.save()

    for url in pages:
        response, cached = visit(client, url)
        assert (cached, b"New family name" in response.content) == ("miss", True), url
    assert visit(client, f"/en/people/{outsider.pk}/")[1] == "hit"


def test_a_member_edited_shows_at_once_on_the_family_page(client, caching):
    member = PersonFactory(family_name="Memberova")
    family = family_of([member, PersonFactory()])
    warm(client, f"/en/families/{family.pk}/", f"/api/v1/families/{family.pk}/")

    member.unpublish()

    for url in (f"/en/families/{family.pk}/", f"/api/v1/families/{family.pk}/"):
        assert b"Memberova" not in visit(client, url)[0].content, url


def test_an_api_list_page_rewrites_only_the_record_that_changed(client, caching, monkeypatch):
    people = [PersonFactory() for _ in range(3)]
    client.get("/api/v1/people/")
    written = []
    write = PersonViewSet.write
    monkeypatch.setattr(
        PersonViewSet, "write", lambda view, ids: written.append(ids) or write(view, ids)
    )

    people[0].family_name = "Aaafirst"
    people[0].save_revision().publish()
    written.clear()  # publishing wrote the record too, for its public history of changes
    response = client.get("/api/v1/people/")

    assert response["X-Cache"] == "miss"
    assert response.json()["results"][0]["family_name"] == "Aaafirst"
    assert written == [[people[0].pk]]
