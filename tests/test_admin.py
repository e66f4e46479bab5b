"""The editors' admin loads for every collection and keeps restricted records from editors."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from archive.models import Person, StatementIndexPage, StatementPage
from tests.factories import (
    EventFactory,
    PersonFactory,
    PlaceFactory,
    TimelineEntryFactory,
    statement_drafts,
)

SNIPPETS = ["person", "family", "timelineentry", "source", "place", "organisation"]
VIEW_ONLY = ["event", "reportedfigure"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", SNIPPETS + VIEW_ONLY)
def test_editor_can_open_each_listing(editor_client, model):
    response = editor_client.get(reverse(f"wagtailsnippets_archive_{model}:list"))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", SNIPPETS)
def test_editor_can_open_each_add_form(editor_client, model):
    response = editor_client.get(reverse(f"wagtailsnippets_archive_{model}:add"))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", VIEW_ONLY)
def test_editor_cannot_add_figures_or_events(editor_client, model):
    response = editor_client.get(reverse(f"wagtailsnippets_archive_{model}:add"))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_editor_can_open_a_person_and_its_preview(editor_client):
    person = PersonFactory(family_name="Previewova")
    edit = editor_client.get(reverse("wagtailsnippets_archive_person:edit", args=[person.pk]))
    assert edit.status_code == 200


@pytest.mark.django_db
def test_editor_does_not_see_restricted_records(editor_client):
    PersonFactory(family_name="Openova")
    hidden = PersonFactory(family_name="Hiddenova", visibility=Person.Visibility.RESTRICTED)
    listing = editor_client.get(reverse("wagtailsnippets_archive_person:list"))
    assert b"Openova" in listing.content
    assert b"Hiddenova" not in listing.content
    edit = editor_client.get(reverse("wagtailsnippets_archive_person:edit", args=[hidden.pk]))
    assert edit.status_code == 404


@pytest.mark.django_db
def test_moderator_sees_restricted_records(moderator_client):
    PersonFactory(family_name="Hiddenova", visibility=Person.Visibility.RESTRICTED)
    listing = moderator_client.get(reverse("wagtailsnippets_archive_person:list"))
    assert b"Hiddenova" in listing.content


@pytest.mark.django_db
def test_person_listing_filters_and_searches_across_spellings(editor_client):
    place = PlaceFactory(name="Khojaly")
    event = EventFactory()
    PersonFactory(family_name="Məmmədov", fate=Person.Fate.MISSING, residence=place, event=event)
    PersonFactory(family_name="Qasımov", fate=Person.Fate.KILLED)
    url = reverse("wagtailsnippets_archive_person:list")

    searched = editor_client.get(url, {"q": "Mamedov"})
    filtered = editor_client.get(url, {"fate": "missing", "residence": place.pk, "event": event.pk})

    assert b"M\xc9\x99mm\xc9\x99dov" in searched.content and b"Qas" not in searched.content
    assert b"M\xc9\x99mm\xc9\x99dov" in filtered.content and b"Qas" not in filtered.content


@pytest.mark.django_db
def test_person_listing_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    PersonFactory.create_batch(5)
    url = reverse("wagtailsnippets_archive_person:list")
    editor_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)
    PersonFactory.create_batch(40)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(url)
    assert len(many) == len(few)


@pytest.mark.django_db
def test_dashboard_shows_moderation_and_figures_panels(moderator_client, demo):
    response = moderator_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert b"awaiting moderation" in response.content
    assert b"Reported and documented figures" in response.content
    assert b"Azerbaijani figures" in response.content


@pytest.mark.django_db
def test_dashboard_links_each_submitted_record_to_its_edit_page(client, editor, moderator):
    from tests.admin_forms import person_form

    client.force_login(editor)
    client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {**person_form(family_name="Dashboardova"), "action-submit": "Submit"},
    )
    person = Person.objects.get(family_name="Dashboardova")

    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))

    edit_url = reverse("wagtailsnippets_archive_person:edit", args=[person.pk])
    assert f'href="{edit_url}"' in response.content.decode()


@pytest.mark.django_db
def test_statement_form_lists_the_timeline_entries_that_cite_it(editor_client, demo):
    statement = StatementPage.objects.get(slug="turkiye-mfa-2026")
    draft = TimelineEntryFactory(title="Entry still in draft", live=False)
    draft.related_statements.add(statement)
    draft.save()  # a parental many-to-many is written with its entry
    TimelineEntryFactory(title="Entry citing nothing")

    page = editor_client.get(reverse("wagtailadmin_pages:edit", args=[statement.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    edit_url = reverse("wagtailsnippets_archive_timelineentry:edit", args=[draft.pk])
    assert f'<a href="{edit_url}">{draft}</a> · draft' in html
    assert "Entry citing nothing" not in html


@pytest.mark.django_db
def test_new_statement_form_says_no_entry_cites_it_yet(editor_client, demo):
    index = StatementIndexPage.objects.get()

    page = editor_client.get(
        reverse("wagtailadmin_pages:add", args=["archive", "statementpage", index.pk])
    )

    assert page.status_code == 200
    assert "No timeline entry cites this statement yet." in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "filters"),
    [("organisation", {"kind": "government"}), ("reportedfigure", {"counts": "killed"})],
)
def test_listing_search_can_be_filtered(editor_client, model, filters):
    url = reverse(f"wagtailsnippets_archive_{model}:list")
    response = editor_client.get(url, {"q": "a", **filters})
    assert response.status_code == 200


@pytest.mark.django_db
def test_person_listing_column_headings_are_translated(moderator_client):
    PersonFactory()
    response = moderator_client.get(
        reverse("wagtailsnippets_archive_person:list"), headers={"Accept-Language": "ru"}
    )
    html = response.content.decode()

    assert "Display name" not in html and "Date of fate" not in html
    assert "Имя" in html and "ата случившегося" in html


# The dashboard's Approve buttons --------------------------------------------------------------


def submitted_person(editor, family_name):
    person = PersonFactory(family_name=family_name, live=False)
    person.save_revision(user=editor)
    person.get_workflow().start(person, editor)
    return person


def approve_forms(html) -> list[tuple[str, str]]:
    """Each Approve form of the dashboard: where it posts, and its CSRF token."""
    return re.findall(
        r'<form method="post" action="([^"]+)">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">',
        html,
    )


@pytest.mark.django_db
def test_moderator_approves_a_waiting_record_from_its_dashboard_row(editor, moderator):
    person = submitted_person(editor, "Approvova")
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    [(action, token)] = approve_forms(client.get(reverse("wagtailadmin_home")).content.decode())
    refused = client.post(html.unescape(action))
    response = client.post(html.unescape(action), {"csrfmiddlewaretoken": token}, follow=True)

    person.refresh_from_db()
    assert refused.status_code == 403  # a form that changes a record carries its token
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert person.live and person.live_revision_id == person.latest_revision_id
    state = WorkflowState.objects.for_instance(person).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert [str(m) for m in response.context["messages"]] == [
        f"Person '{person}' approved and published."
    ]


@pytest.mark.django_db
def test_moderator_approves_a_waiting_statement_from_the_dashboard(
    moderator_client, editor, statements_index
):
    [page] = statement_drafts(statements_index, editor, 1)
    page.get_workflow().start(page, editor)

    [(action, _token)] = approve_forms(
        moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    )
    moderator_client.post(html.unescape(action))

    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress


@pytest.mark.django_db
def test_editors_get_no_approve_button_on_the_dashboard(editor_client, editor):
    submitted_person(editor, "Waitingova")

    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Waitingova" in dashboard
    assert approve_forms(dashboard) == []


@pytest.mark.django_db
def test_a_record_sent_back_for_changes_has_no_approve_button(moderator_client, editor, moderator):
    person = submitted_person(editor, "Sentbackova")
    person.current_workflow_task_state.specific.reject(user=moderator)

    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Sentbackova" in dashboard
    assert approve_forms(dashboard) == []


# Active filters read as words -------------------------------------------------------------------


def active_filters(html) -> list[tuple[str, str]]:
    """The listing's active filter tags, each as (label, value)."""
    return [
        (label.strip(), value)
        for label, value in re.findall(
            r'<span class="w-text-14">\s*(.*?):\s*</span>\s*<b class="w-ml-1">(.*?)</b>', html, re.S
        )
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "value", "said"), [("person", "false", "Draft"), ("timelineentry", "true", "Live")]
)
def test_the_publication_filter_reads_as_a_status(editor_client, model, value, said):
    response = editor_client.get(reverse(f"wagtailsnippets_archive_{model}:list"), {"live": value})

    assert active_filters(response.content.decode()) == [("Status", said)]


@pytest.mark.django_db
def test_the_publication_filter_keeps_only_drafts(editor_client):
    PersonFactory(family_name="Liveova")
    PersonFactory(family_name="Draftova", live=False)

    html = editor_client.get(reverse("wagtailsnippets_archive_person:list"), {"live": "false"})

    assert b"Draftova" in html.content and b"Liveova" not in html.content


@pytest.mark.django_db
def test_yes_no_filters_read_as_yes_or_no_in_each_language(editor_client):
    url = reverse("wagtailsnippets_archive_person:list")
    query = {"is_synthetic": "true", "live": "false"}

    english = editor_client.get(url, query).content.decode()
    russian = editor_client.get(url, query, headers={"Accept-Language": "ru"}).content.decode()

    assert active_filters(english) == [("Synthetic record", "Yes"), ("Status", "Draft")]
    assert active_filters(russian) == [("Синтетическая запись", "Да"), ("Статус", "Черновик")]
    assert all(value not in ("True", "False") for _label, value in active_filters(russian))
