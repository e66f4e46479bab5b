"""Records that name a restricted person (a timeline entry's people, a family's members, a
possible duplicate) never name it to staff who may not see it: not when comparing revisions,
and an editor cannot link one by posting its id."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from archive.models import Family, FamilyMembership, Person, TimelineEntry
from tests.admin_forms import entry_form, person_form
from tests.factories import PersonFactory, TimelineEntryFactory

MARKER = "Zqxlinkova"


@pytest.fixture
def restricted(db):
    return PersonFactory(family_name=MARKER, visibility=Person.Visibility.RESTRICTED)


def compare_url(record, namespace):
    first, last = record.revisions.order_by("pk")
    return reverse(
        f"wagtailsnippets_archive_{namespace}:revisions_compare",
        args=[record.pk, first.pk, last.pk],
    )


@pytest.fixture
def entry(editor, restricted):
    """A timeline entry whose second revision links the restricted person."""
    entry = TimelineEntryFactory(title="Compared entry")
    entry.save_revision(user=editor)
    entry.related_people.add(restricted, PersonFactory(family_name="Publicova"))
    entry.save_revision(user=editor)
    return entry


@pytest.fixture
def duplicate(editor, restricted):
    """A public person whose second revision names the restricted one as a possible duplicate."""
    person = PersonFactory(family_name="Duplicova")
    person.save_revision(user=editor)
    person.possible_duplicate_of = restricted
    person.save_revision(user=editor)
    return person


@pytest.mark.django_db
def test_comparing_a_timeline_entry_names_no_restricted_person_to_an_editor(client, editor, entry):
    client.force_login(editor)

    html = client.get(compare_url(entry, "timelineentry")).content.decode()

    assert "Publicova" in html
    assert "Restricted record" in html
    assert MARKER not in html


@pytest.mark.django_db
def test_comparing_a_possible_duplicate_names_no_restricted_person_to_an_editor(
    client, editor, duplicate
):
    client.force_login(editor)

    html = client.get(compare_url(duplicate, "person")).content.decode()

    assert "Restricted record" in html
    assert MARKER not in html


@pytest.mark.django_db
def test_comparing_revisions_names_the_restricted_person_to_a_moderator(
    client, moderator, entry, duplicate
):
    client.force_login(moderator)

    for url in (compare_url(entry, "timelineentry"), compare_url(duplicate, "person")):
        assert MARKER in client.get(url).content.decode(), url


def family_form(family, rows):
    """A family's edit form with its member rows: (membership or None, person id) each."""
    return nested_form_data(
        {
            "name": family.name,
            "whole_family_killed": "",
            "notes": "",
            "media": inline_formset([]),
            "memberships": inline_formset(
                [
                    {
                        "id": membership.pk if membership else "",
                        "person": person_pk,
                        "relationship": "other",
                        "ORDER": str(index),
                    }
                    for index, (membership, person_pk) in enumerate(rows)
                ],
                initial=sum(1 for membership, _ in rows if membership),
            ),
        }
    )


def edit(record, namespace):
    return reverse(f"wagtailsnippets_archive_{namespace}:edit", args=[record.pk])


@pytest.fixture
def family(db):
    return Family.objects.create(name="The Linkov family", locale=Locale.get_default())


@pytest.mark.django_db
def test_an_editor_cannot_link_a_restricted_person_to_a_new_timeline_entry(
    client, editor, restricted
):
    client.force_login(editor)

    response = client.post(
        reverse("wagtailsnippets_archive_timelineentry:add"),
        entry_form(related_people=[restricted.pk]),
    )

    assert response.status_code == 200
    assert not TimelineEntry.objects.filter(title="Shelling of the town").exists()
    assert MARKER not in response.content.decode()


@pytest.mark.django_db
def test_an_editor_cannot_add_a_restricted_person_to_a_timeline_entry(client, editor, restricted):
    entry = TimelineEntryFactory(title="Shelling of the town")
    visible = PersonFactory()
    entry.related_people.set([visible])
    entry.save_revision(user=editor)
    client.force_login(editor)

    response = client.post(
        edit(entry, "timelineentry"), entry_form(related_people=[visible.pk, restricted.pk])
    )

    assert response.status_code == 200
    assert entry.revisions.count() == 1


@pytest.mark.django_db
def test_a_moderator_links_a_restricted_person_to_a_timeline_entry(client, moderator, restricted):
    client.force_login(moderator)

    response = client.post(
        reverse("wagtailsnippets_archive_timelineentry:add"),
        entry_form(related_people=[restricted.pk]),
    )

    assert response.status_code == 302
    entry = TimelineEntry.objects.get(title="Shelling of the town")
    assert list(entry.latest_revision.as_object().related_people.all()) == [restricted]


@pytest.mark.django_db
def test_an_editor_cannot_make_a_restricted_person_a_family_member(
    client, editor, family, restricted
):
    client.force_login(editor)

    response = client.post(edit(family, "family"), family_form(family, [(None, restricted.pk)]))

    assert response.status_code == 200
    assert not FamilyMembership.objects.filter(family=family).exists()


@pytest.mark.django_db
def test_an_editor_saving_a_family_keeps_its_restricted_member(client, editor, family, restricted):
    kept = FamilyMembership.objects.create(family=family, person=restricted)
    added = PersonFactory()
    client.force_login(editor)

    response = client.post(
        edit(family, "family"),
        family_form(family, [(kept, restricted.pk), (None, added.pk)]),
    )

    assert response.status_code == 302
    assert set(family.memberships.values_list("person", flat=True)) == {restricted.pk, added.pk}


@pytest.mark.django_db
def test_an_editor_cannot_move_a_restricted_member_to_another_row(
    client, editor, family, restricted
):
    """A row may keep its own restricted person, not take another one."""
    other_restricted = PersonFactory(visibility=Person.Visibility.RESTRICTED)
    kept = FamilyMembership.objects.create(family=family, person=restricted)
    client.force_login(editor)

    response = client.post(
        edit(family, "family"), family_form(family, [(kept, other_restricted.pk)])
    )

    assert response.status_code == 200
    assert list(family.memberships.values_list("person", flat=True)) == [restricted.pk]


@pytest.mark.django_db
def test_an_editor_cannot_mark_a_person_a_possible_duplicate_of_a_restricted_one(
    client, editor, restricted
):
    person = PersonFactory(family_name="Duplicova")
    client.force_login(editor)

    response = client.post(
        edit(person, "person"),
        person_form(family_name="Duplicova", possible_duplicate_of=str(restricted.pk)),
    )

    assert response.status_code == 200
    assert person.revisions.count() == 0


@pytest.mark.django_db
def test_an_editor_saving_a_person_keeps_its_restricted_possible_duplicate(
    client, editor, restricted
):
    person = PersonFactory(family_name="Duplicova", possible_duplicate_of=restricted)
    client.force_login(editor)

    response = client.post(
        edit(person, "person"),
        person_form(family_name="Duplicova", possible_duplicate_of=str(restricted.pk)),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.latest_revision.as_object().possible_duplicate_of == restricted
