"""Records that name a restricted person (a timeline entry's people, a family's members, a
possible duplicate) never name it to staff who may not see it: not when comparing revisions,
and an editor cannot link one by posting its id."""

import pytest
from django.urls import reverse

from archive.models import Person
from tests.factories import PersonFactory, TimelineEntryFactory, user_in

MARKER = "Zqxlinkova"


@pytest.fixture
def editor(db):
    return user_in("Editors", "editor")


@pytest.fixture
def moderator(db):
    return user_in("Moderators", "moderator")


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
