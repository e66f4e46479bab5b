"""The moderators' screens of issue 12 in each admin language: the contributions queue and a
review, the holds, and a person's form with fate events and the reason for a change. Their
query counts are those of bench/admin_screens.py, counted in test_admin_queries.py."""

import pytest
from django.urls import reverse
from django.utils import translation

from archive.models import Contribution, FateEvent, Hold
from tests.admin_language import chooser_words, in_language
from tests.contribution_data import stored
from tests.factories import PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["az", "tr", "ru"]


@pytest.fixture
def records(moderator):
    person = PersonFactory(family_name="Moderatova")
    person.fate_events = [
        FateEvent(kind="wounded", place=PlaceFactory(), source=SourceFactory()),
        FateEvent(kind="killed"),
    ]
    person.save()
    person.save_revision(user=moderator).publish(user=moderator)
    correction = stored(person, kind=Contribution.Kind.CORRECTION, source="A list.")
    hold = Hold.objects.create(person=person, requester_name="A daughter")
    return {
        "person form": reverse("wagtailsnippets_archive_person:edit", args=[person.pk]),
        "hold form": reverse("wagtailsnippets_archive_hold:edit", args=[hold.pk]),
        "hold listing": reverse("wagtailsnippets_archive_hold:list"),
        "queue": reverse("archive_contributions"),
        "review": reverse("archive_contribution_review", args=[correction.pk]),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_snippet_choosers_are_worded_in_the_admins_language(client, moderator, records, language):
    # Wagtail 8 words a chooser's button once, at start-up, in English ("Choose place"): the
    # fate events' places and sources, the person's places and the hold's person.
    client = in_language(client, moderator, language)
    form = client.get(records["person form"]).content.decode()
    hold = client.get(records["hold form"]).content.decode()

    for english in ("Choose place", "Choose source", "Choose event"):
        assert english not in form
    assert chooser_words(FateEvent._meta.get_field("place").related_model, language) in form
    assert "Choose person" not in hold


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_moderators_screens_answer_in_each_language(client, moderator, records, language):
    client = in_language(client, moderator, language)
    with translation.override(language):
        expected = {
            "queue": translation.gettext("Contributions"),
            "review": translation.gettext("Make a draft change of the record"),
            "hold listing": str(Hold._meta.verbose_name_plural).capitalize(),
            "person form": translation.gettext("Reason for this change"),
        }
    for screen, words in expected.items():
        response = client.get(records[screen])
        assert response.status_code == 200, screen
        assert words in response.content.decode(), screen
        assert f'lang="{language}"' in response.content.decode()
