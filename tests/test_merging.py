"""Merging two records of one person (archive/merging.py): what the kept record takes, what
moves to it, the stricter of the two records' privacy, translations, history, and what the
public pages, the API and its mirrors answer afterwards."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from archive import models
from archive.caching import person_key
from archive.caching.tokens import read_tokens
from archive.merging import BOTH, REMOVED, MergeRefused, merge_people
from archive.models import MergedRecord, Person, PersonMerge, PublishedChange
from tests.factories import PersonFactory, SourceFactory, TimelineEntryFactory, user_in

pytestmark = pytest.mark.django_db

REASON = "Both records name the same woman, per the 1993 list."
DELETIONS = "/api/v1/deletions/"


def published(**fields) -> Person:
    person = PersonFactory(**fields)
    person.save_revision().publish()
    return person


def merged(kept, removed, moderator, **choices):
    return merge_people(kept, removed, choices=choices, reason=REASON, user=moderator)


def translated(person: Person, language: str, **fields) -> Person:
    locale, _ = Locale.objects.get_or_create(language_code=language)
    version = person.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(version, name, value)
    version.save()
    version.save_revision().publish()
    return version


@pytest.fixture
def pair(db):
    kept = published(family_name="Mammadova", given_name="Sevda", born=datetime.date(1950, 1, 1))
    removed = published(
        family_name="Mamedova",
        given_name="Sevda",
        born=datetime.date(1951, 3, 2),
        occupation="Teacher",
        alternative_spellings="Мамедова",
    )
    return kept, removed


# What the kept record takes.


def test_the_kept_record_takes_the_values_chosen_and_keeps_its_own_elsewhere(pair, moderator):
    kept, removed = pair

    merged(kept, removed, moderator, born=REMOVED, occupation=REMOVED)

    kept.refresh_from_db()
    assert (kept.family_name, kept.born) == ("Mammadova", datetime.date(1951, 3, 2))
    assert kept.occupation == "Teacher"
    assert not Person.objects.filter(pk=removed.pk).exists()
    assert kept.live and not kept.has_unpublished_changes


def test_the_alternative_spellings_keep_both_lists_unless_told_otherwise(pair, moderator):
    kept, removed = pair
    Person.objects.filter(pk=kept.pk).update(alternative_spellings="Mammadova\nМамедова")
    kept.refresh_from_db()

    merged(kept, removed, moderator, alternative_spellings=BOTH)

    kept.refresh_from_db()
    assert kept.alternative_spellings.splitlines() == ["Mammadova", "Мамедова"]


def test_sources_testimonies_and_fate_events_of_both_are_the_kept_records(pair, moderator):
    kept, removed = pair
    first, second = SourceFactory(), SourceFactory()
    kept.sources.add(first)
    removed.sources.add(first, second)
    kept.testimonies.create(text="Her neighbour remembers her.")
    removed.testimonies.create(text="Her pupils remember her.")
    kept.fate_events.create(kind="killed", date=datetime.date(1992, 2, 26), sort_order=0)
    removed.fate_events.create(kind="wounded", date=datetime.date(1992, 2, 25), sort_order=0)
    removed.fate_events.create(kind="buried", sort_order=1)
    for person in (kept, removed):
        person.save_revision().publish()

    merged(kept, removed, moderator)

    kept = Person.objects.get(pk=kept.pk)
    assert set(kept.sources.all()) == {first, second}
    assert sorted(t.text for t in kept.testimonies.all()) == [
        "Her neighbour remembers her.",
        "Her pupils remember her.",
    ]
    events = kept.fate_events.order_by("sort_order")
    assert [event.kind for event in events] == ["wounded", "killed", "buried"]
    assert kept.fate == Person.Fate.KILLED
    # What the kept record's revision holds: publishing it again keeps them all.
    kept.latest_revision.publish()
    assert kept.testimonies.count() == 2 and kept.fate_events.count() == 3


def test_memberships_contributions_holds_and_links_move_to_the_kept_record(pair, moderator):
    kept, removed = pair
    en = Locale.get_default()
    shared = models.Family.objects.create(name="Shared", locale=en)
    other = models.Family.objects.create(name="Other", locale=en)
    models.FamilyMembership.objects.create(family=shared, person=kept, relationship="head")
    models.FamilyMembership.objects.create(family=shared, person=removed, relationship="spouse")
    models.FamilyMembership.objects.create(family=other, person=removed, relationship="child")
    contribution = models.Contribution.objects.create(
        kind="message",
        person=removed,
        language="en",
        name="A visitor",
        email="visitor@example.org",
        relationship="neighbour",
        consented_at=timezone.now(),
        text="I remember her.",
    )
    hold = models.Hold.objects.create(person=removed, status="requested")
    entry = TimelineEntryFactory()
    entry.related_people.add(removed)
    entry.save()
    flagged = published(possible_duplicate_of=removed)
    Person.objects.filter(pk=kept.pk).update(possible_duplicate_of=removed)
    kept.refresh_from_db()

    merged(kept, removed, moderator)

    memberships = {m.family.name: m.relationship for m in kept.memberships.all()}
    assert memberships == {"Shared": "head", "Other": "child"}
    contribution.refresh_from_db()
    hold.refresh_from_db()
    assert contribution.person == hold.person == kept
    assert list(models.TimelineEntry.objects.get(pk=entry.pk).related_people.all()) == [kept]
    flagged.refresh_from_db()
    kept.refresh_from_db()
    assert flagged.possible_duplicate_of == kept
    assert kept.possible_duplicate_of is None  # the question it asked is answered


# The stricter wins.


def test_a_restricted_removed_record_makes_the_kept_one_restricted(pair, moderator, client):
    kept, removed = pair
    Person.objects.filter(pk=removed.pk).update(visibility=Person.Visibility.RESTRICTED)
    removed.refresh_from_db()

    merged(kept, removed, moderator)

    kept.refresh_from_db()
    assert kept.is_restricted
    assert not Person.objects.public().filter(pk=kept.pk).exists()
    assert client.get(f"/en/people/{kept.pk}/").status_code == 404
    # The removed record was never public: its address tells nothing of where it went.
    assert client.get(f"/en/people/{removed.pk}/").status_code == 404
    assert client.get(f"/api/v1/people/{removed.pk}/").status_code == 404
    assert client.get(f"/people/{removed.shown_public_id}/", follow=True).status_code == 404


def test_a_public_record_merged_into_a_restricted_one_leads_nowhere(pair, moderator, client):
    kept, removed = pair
    Person.objects.filter(pk=kept.pk).update(visibility=Person.Visibility.RESTRICTED)
    kept.refresh_from_db()

    merged(kept, removed, moderator)

    assert client.get(f"/en/people/{removed.pk}/").status_code == 404
    assert client.get(f"/api/v1/people/{removed.pk}/").status_code == 404
    assert MergedRecord.objects.get(record_id=removed.pk).was_public


def test_a_hold_on_the_removed_record_holds_the_merged_one(pair, moderator):
    kept, removed = pair
    models.Hold.objects.create(person=removed, status="in_effect", whole_record=True)

    merged(kept, removed, moderator)

    assert not Person.objects.public().filter(pk=kept.pk).exists()


def test_a_draft_merged_with_a_published_record_is_published(moderator):
    kept = PersonFactory(live=False, family_name="Draftova")
    removed = published(family_name="Draftova")

    merged(kept, removed, moderator)

    assert Person.objects.public().filter(pk=kept.pk).exists()


def test_a_synthetic_record_is_never_merged_with_a_real_one(moderator):
    real = published(is_synthetic=False)
    synthetic = published()

    with pytest.raises(MergeRefused, match="synthetic"):
        merged(real, synthetic, moderator)


def test_two_synthetic_records_merge_and_stay_synthetic(pair, moderator):
    kept, removed = pair

    merged(kept, removed, moderator)

    kept.refresh_from_db()
    assert kept.is_synthetic


# What cannot be merged, and that nothing is half-written.


def test_a_record_is_not_merged_with_itself_or_a_translation_of_itself(pair, moderator):
    kept, _removed = pair
    version = translated(kept, "az")

    with pytest.raises(MergeRefused, match="itself"):
        merged(kept, kept, moderator)
    with pytest.raises(MergeRefused, match="language versions of one record"):
        merged(kept, version, moderator)


def test_records_in_different_languages_are_not_merged(pair, moderator):
    kept, _removed = pair
    other = published(locale=Locale.objects.create(language_code="tr"))

    with pytest.raises(MergeRefused, match="different languages"):
        merged(kept, other, moderator)


def test_a_record_locked_by_someone_else_is_not_merged(pair, moderator):
    kept, removed = pair
    Person.objects.filter(pk=removed.pk).update(
        locked=True, locked_by=user_in("Editors", "locker"), locked_at=timezone.now()
    )

    with pytest.raises(MergeRefused, match="locked"):
        merged(kept, removed, moderator)


def test_a_record_with_unpublished_changes_is_not_merged(pair, moderator):
    kept, removed = pair
    removed.occupation = "Nurse"
    removed.save_revision()

    with pytest.raises(MergeRefused, match="not yet published"):
        merged(kept, removed, moderator)


def test_a_merge_that_fails_midway_leaves_both_records_as_they_were(pair, moderator):
    kept, removed = pair
    Person.objects.filter(pk=removed.pk).update(born=datetime.date(1993, 1, 1))
    removed.refresh_from_db()
    kept.testimonies.create(text="Kept testimony")
    removed.testimonies.create(text="Removed testimony")

    # Born after the fate on 26 February 1992: the kept record refuses the value.
    with pytest.raises(MergeRefused, match="end date cannot be before"):
        merged(kept, removed, moderator, born=REMOVED)

    assert Person.objects.filter(pk=removed.pk).exists()
    assert removed.testimonies.get().text == "Removed testimony"
    assert not MergedRecord.objects.exists() and not PersonMerge.objects.exists()
    kept.refresh_from_db()
    assert kept.born == datetime.date(1950, 1, 1)


# Translations.


def test_translations_merge_by_language_and_join_where_the_kept_record_has_none(pair, moderator):
    kept, removed = pair
    kept_az = translated(kept, "az", occupation="")
    removed_az = translated(removed, "az", occupation="Müəllim")
    removed_az.testimonies.create(text="Şagirdləri onu xatırlayır.")
    removed_az.save_revision().publish()
    removed_ru = translated(removed, "ru", occupation="Учительница")

    merged(kept, removed, moderator, born=REMOVED)

    assert not Person.objects.filter(pk=removed_az.pk).exists()
    assert kept_az.testimonies.get().text == "Şagirdləri onu xatırlayır."
    assert MergedRecord.objects.get(record_id=removed_az.pk).merged_into == kept_az.pk
    removed_ru.refresh_from_db()
    assert removed_ru.translation_key == kept.translation_key
    assert removed_ru.public_id == kept.public_id
    assert removed_ru.occupation == "Учительница"  # its own words
    assert removed_ru.born == kept_az.__class__.objects.get(pk=kept_az.pk).born
    assert removed_ru.born == datetime.date(1951, 3, 2)  # the merged values, in every version


# History.


def test_the_kept_records_public_history_shows_the_merge_with_its_reason(pair, moderator, client):
    kept, removed = pair

    merged(kept, removed, moderator)

    entry = PublishedChange.objects.of(kept).first()
    assert entry.action == PublishedChange.Action.MERGED
    assert REASON in entry.reason and removed.shown_public_id in entry.reason
    page = client.get(f"/en/people/{kept.pk}/").content.decode()
    assert "Merged with a duplicate" in page and REASON in page
    changes = client.get(f"/api/v1/people/{kept.pk}/changes/").json()["results"]
    assert changes[0]["action"] == "merged"


def test_a_restricted_record_merged_in_is_not_named_in_the_public_history(pair, moderator):
    kept, removed = pair
    Person.objects.filter(pk=removed.pk).update(
        visibility=Person.Visibility.RESTRICTED, family_name="Gizlinova"
    )
    removed.refresh_from_db()
    Person.objects.filter(pk=kept.pk).update(visibility=Person.Visibility.RESTRICTED)

    merged(kept, removed, moderator)

    for entry in PublishedChange.objects.filter(record_id=kept.pk):
        assert "Gizlinova" not in entry.reason


def test_the_merge_keeps_the_removed_records_content_and_revisions(pair, moderator):
    kept, removed = pair
    removed.occupation = "Nurse"
    removed.save_revision().publish()

    merge = merged(kept, removed, moderator)

    assert merge.kept == kept and merge.removed_public_id == removed.public_id
    (version,) = merge.removed_versions
    assert version["content"]["occupation"] == "Nurse"
    assert [r["content"]["occupation"] for r in version["revisions"]] == ["Teacher", "Nurse"]
    assert {field["field"] for field in merge.fields} >= {"family_name", "born", "occupation"}


# The public pages, the API and its mirrors.


def test_the_removed_records_addresses_answer_301_to_the_kept_record(pair, moderator, client):
    kept, removed = pair

    merged(kept, removed, moderator)

    page = client.get(f"/az/people/{removed.pk}/")
    assert (page.status_code, page["Location"]) == (301, f"/az/people/{kept.pk}/")
    permalink = client.get(f"/people/{removed.shown_public_id}/")
    assert (permalink.status_code, permalink["Location"]) == (301, kept.get_permalink())
    api = client.get(f"/api/v1/people/{removed.pk}/", {"lang": "ru"})
    assert api.status_code == 301
    assert api["Location"] == f"http://testserver/api/v1/people/{kept.pk}/?lang=ru"
    by_id = client.get(f"/api/v1/people/{removed.public_id.lower()}/")
    assert by_id.status_code == 301
    assert by_id["Location"].endswith(f"/api/v1/people/{kept.shown_public_id}/")
    assert client.get(by_id["Location"]).json()["id"] == kept.pk


def test_the_removed_record_leaves_every_list_count_and_search(pair, moderator, client):
    kept, removed = pair

    merged(kept, removed, moderator)

    ids = [row["id"] for row in client.get("/api/v1/people/").json()["results"]]
    assert ids == [kept.pk]
    assert "Mamedova" not in client.get("/en/people/").content.decode()
    found = client.get("/api/v1/search/", {"q": "Mamedova"}).json()
    assert f"/people/{removed.pk}/" not in str(found)
    assert f"/people/{removed.pk}/" not in client.get("/sitemap.xml").content.decode()


def test_mirrors_learn_the_removed_record_went_into_the_kept_one(pair, moderator, client):
    kept, removed = pair
    start = client.get("/api/v1/events/", {"changed_since": "2000-01-01T00:00:00Z"}).json()["until"]

    merged(kept, removed, moderator)

    left = client.get(DELETIONS, {"since": start, "type": "person"}).json()["results"]
    assert left == [{"type": "person", "id": removed.pk, "merged_into": kept.pk}]
    changed = client.get("/api/v1/people/", {"changed_since": start}).json()["results"]
    assert [row["id"] for row in changed] == [kept.pk]


def test_a_merge_renews_both_records_cached_pages(pair, moderator, client, settings):
    settings.ANONYMOUS_CACHE_SECONDS = 60
    cache.clear()
    kept, removed = pair
    assert client.get(f"/en/people/{kept.pk}/").status_code == 200
    assert client.get(f"/en/people/{kept.pk}/")["X-Cache"] == "hit"
    before = read_tokens([person_key(kept.pk), person_key(removed.pk), "people"])

    merged(kept, removed, moderator, occupation=REMOVED)

    after = read_tokens(list(before))
    assert all(after[key] != token for key, token in before.items())
    response = client.get(f"/en/people/{kept.pk}/")
    assert response["X-Cache"] == "miss" and "Teacher" in response.content.decode()


def test_a_value_the_kept_record_lacks_is_taken_from_the_other_unless_told_otherwise(
    pair, moderator
):
    kept, removed = pair
    Person.objects.filter(pk=removed.pk).update(external_id="list-7")
    removed.refresh_from_db()

    merged(kept, removed, moderator)

    kept.refresh_from_db()
    assert (kept.occupation, kept.external_id) == ("Teacher", "list-7")
    assert kept.born == datetime.date(1950, 1, 1)  # its own, where it has one
