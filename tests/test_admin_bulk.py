"""Bulk moderation from the people, timeline and page listings, through real admin requests,
the footer that offers each action only to staff who may take it, and the batch path it writes
through compared with Wagtail's own per-record actions."""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, PageLogEntry, TaskState, WorkflowState

from archive.admin.bulk.moderation import BulkModeration
from archive.models import Person, StatementIndexPage, StatementPage, TimelineEntry
from tests.factories import PersonFactory, TimelineEntryFactory, statement_drafts

LISTING = reverse("wagtailsnippets_archive_person:list")


def bulk_url(action, ids, model="person", app="archive", **params):
    query = urlencode([("id", pk) for pk in ids] + [("next", LISTING), *params.items()])
    return reverse("wagtail_bulk_action", args=[app, model, action]) + "?" + query


def pages_bulk_url(action, ids, **params):
    return bulk_url(action, ids, "page", "wagtailcore", **params)


def drafts(user, count=3, **fields):
    """Unpublished records with a revision each, as an editor's "Save draft" leaves them."""
    people = PersonFactory.create_batch(count, live=False, **fields)
    for person in people:
        person.save_revision(user=user)
    return people


def submitted(user, count=3, **fields):
    people = drafts(user, count, **fields)
    workflow = Person.get_default_workflow()
    for person in people:
        workflow.start(person, user)
    return people


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def actions_logged(obj):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(obj.pk), content_type__model=obj._meta.model_name
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def state_of(obj):
    return WorkflowState.objects.for_instance(obj).order_by("-id").first()


@pytest.mark.django_db
def test_editor_bulk_submits_drafts_into_the_moderators_workflow(editor_client, editor):
    people = drafts(editor)
    url = bulk_url("submit", [p.pk for p in people])

    confirmation = editor_client.get(url)
    response = editor_client.post(url)

    assert confirmation.status_code == 200
    assert 'data-bulk-count="3"' in confirmation.content.decode()
    assert response.status_code == 302
    assert messages_of(response) == ["3 people submitted for moderation."]
    for person in people:
        state = state_of(person)
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == editor
        assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
        assert actions_logged(person)[-1] == "wagtail.workflow.start"
        person.refresh_from_db()
        assert not person.live


@pytest.mark.django_db
def test_moderator_bulk_approves_through_the_workflow_and_publishes(
    moderator_client, moderator, editor
):
    people = submitted(editor)
    response = moderator_client.post(bulk_url("approve", [p.pk for p in people]))

    assert messages_of(response) == ["3 people published."]
    for person in people:
        person.refresh_from_db()
        assert person.live and not person.has_unpublished_changes
        assert person.live_revision_id == person.latest_revision_id
        state = state_of(person)
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.current_task_state.status == TaskState.STATUS_APPROVED
        assert state.current_task_state.finished_by == moderator
        assert actions_logged(person)[-2:] == ["wagtail.workflow.approve", "wagtail.publish"]
    assert Person.objects.public().count() == 3


@pytest.mark.django_db
def test_moderator_bulk_approves_timeline_entries(moderator_client, editor):
    entries = TimelineEntryFactory.create_batch(2, live=False)
    for entry in entries:
        entry.save_revision(user=editor)
        TimelineEntry.get_default_workflow().start(entry, editor)

    response = moderator_client.post(bulk_url("approve", [e.pk for e in entries], "timelineentry"))

    assert messages_of(response) == ["2 timeline entries published."]
    assert all(state_of(entry).status == WorkflowState.STATUS_APPROVED for entry in entries)
    assert TimelineEntry.objects.filter(live=True).count() == 2


@pytest.mark.django_db
def test_moderator_bulk_unpublishes(moderator_client, moderator):
    people = PersonFactory.create_batch(2)
    for person in people:
        person.save_revision(user=moderator).publish(user=moderator)
    already_draft = drafts(moderator, 1)[0]

    response = moderator_client.post(
        bulk_url("unpublish", [p.pk for p in [*people, already_draft]])
    )

    assert messages_of(response) == [
        "2 people unpublished.",
        "1 person left as it was: not published.",
    ]
    assert not Person.objects.filter(live=True).exists()
    assert all(actions_logged(person)[-1] == "wagtail.unpublish" for person in people)


@pytest.mark.django_db
def test_moderator_bulk_restricts_the_row_and_the_latest_revision(
    moderator_client, moderator, editor
):
    person = PersonFactory(family_name="Restrictova")
    person.save_revision(user=moderator).publish(user=moderator)

    response = moderator_client.post(bulk_url("restrict", [person.pk]))

    person.refresh_from_db()
    assert messages_of(response) == ["1 person restricted to staff."]
    assert person.visibility == Person.Visibility.RESTRICTED
    assert person.latest_revision.content["visibility"] == Person.Visibility.RESTRICTED
    assert person.live_revision_id == person.latest_revision_id  # nothing left unpublished
    assert not Person.objects.public().filter(pk=person.pk).exists()
    assert actions_logged(person)[-1] == "archive.restrict"
    moderator_client.force_login(editor)
    assert "Restrictova" not in moderator_client.get(LISTING).content.decode()


@pytest.mark.django_db
def test_approving_a_draft_after_a_restriction_keeps_the_record_restricted(
    moderator_client, editor
):
    [person] = submitted(editor, 1)
    moderator_client.post(bulk_url("restrict", [person.pk]))
    moderator_client.post(bulk_url("approve", [person.pk]))

    person.refresh_from_db()
    assert person.live and person.visibility == Person.Visibility.RESTRICTED


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["approve", "unpublish", "restrict"])
def test_editors_may_not_approve_unpublish_or_restrict(editor_client, editor, action):
    people = submitted(editor, 2)

    url = bulk_url(action, [p.pk for p in people])

    confirmation = editor_client.get(url)
    response = editor_client.post(url)

    # The admin answers a refusal by sending back to the dashboard with a message.
    assert confirmation.status_code == response.status_code == 302
    assert "Sorry, you do not have permission to access this area." in messages_of(response)
    assert not Person.objects.filter(live=True).exists()
    assert all(state_of(p).status == WorkflowState.STATUS_IN_PROGRESS for p in people)


@pytest.mark.django_db
def test_restricted_people_are_neither_named_nor_acted_on_for_editors(editor_client, editor):
    [public] = drafts(editor, 1, family_name="Publicova")
    [restricted] = drafts(editor, 1, family_name="Hiddenova", visibility="restricted")
    url = bulk_url("submit", [public.pk, restricted.pk])

    confirmation = editor_client.get(url).content.decode()
    response = editor_client.post(url)
    alone = editor_client.get(bulk_url("submit", [restricted.pk]))

    assert "Hiddenova" not in confirmation and 'data-bulk-count="1"' in confirmation
    assert messages_of(response) == ["1 person submitted for moderation."]
    assert state_of(restricted) is None
    assert alone.status_code == 404  # as for an id that does not exist
    assert "Hiddenova" not in alone.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("ids", [["abc"], ["1.5"], ["-3"], ["0"], [str(2**70)], [], ["1", "abc"]])
def test_malformed_ids_answer_400_not_500(moderator_client, ids):
    PersonFactory()

    assert moderator_client.get(bulk_url("approve", ids)).status_code == 400
    assert moderator_client.post(bulk_url("approve", ids)).status_code == 400


@pytest.mark.django_db
def test_unknown_ids_answer_404(moderator_client):
    assert moderator_client.get(bulk_url("approve", [987654])).status_code == 404


@pytest.mark.django_db
def test_select_all_in_listing_acts_on_the_listings_filters_and_search(moderator_client, editor):
    wounded = drafts(editor, 3, fate=Person.Fate.WOUNDED)
    drafts(editor, 2, fate=Person.Fate.KILLED)
    [searched] = drafts(editor, 1, fate=Person.Fate.WOUNDED, family_name="Findmeova")

    filtered = bulk_url("approve", ["all"], fate="wounded")
    confirmation = moderator_client.get(filtered).content.decode()
    searching = moderator_client.post(
        bulk_url("approve", ["all"], q="Findmeova"), {"change_reason": "Checked."}
    )

    assert 'data-bulk-count="4"' in confirmation
    assert messages_of(searching) == ["1 person published."]
    moderator_client.post(filtered, {"change_reason": "Checked."})
    assert set(Person.objects.filter(live=True)) == {*wounded, searched}


@pytest.mark.django_db
def test_select_all_with_an_invalid_filter_is_refused(moderator_client, editor):
    drafts(editor, 2)

    response = moderator_client.post(bulk_url("approve", ["all"], fate="bogus"))

    assert response.status_code == 400
    assert not Person.objects.filter(live=True).exists()


@pytest.mark.django_db
def test_confirmation_names_a_few_and_counts_the_rest(moderator_client, editor):
    people = drafts(editor, 12)

    page = moderator_client.get(bulk_url("approve", [p.pk for p in people])).content.decode()

    assert 'data-bulk-count="12"' in page
    assert sum(person.family_name in page for person in people) == 5


@pytest.mark.django_db
def test_a_published_record_with_a_newer_draft_publishes_the_draft(moderator_client, moderator):
    person = PersonFactory(occupation="teacher")
    person.save_revision(user=moderator).publish(user=moderator)
    draft = Person.objects.get(pk=person.pk)
    draft.occupation = "doctor"
    draft.save_revision(user=moderator)  # the row keeps the published version

    moderator_client.post(bulk_url("approve", [person.pk]), {"change_reason": "Corrected."})

    person.refresh_from_db()
    assert person.occupation == "doctor" and not person.has_unpublished_changes


# Statements (pages) -------------------------------------------------------------------------


def page_actions_logged(page):
    return list(
        PageLogEntry.objects.filter(page=page).order_by("id").values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_editor_bulk_submits_statements_into_the_moderators_workflow(
    editor_client, editor, statements_index
):
    pages = statement_drafts(statements_index, editor)
    url = pages_bulk_url("submit", [p.pk for p in pages])

    confirmation = editor_client.get(url).content.decode()
    response = editor_client.post(url)

    assert 'data-bulk-count="3"' in confirmation and "3 pages selected." in confirmation
    assert all(page.title in confirmation for page in pages)
    assert messages_of(response) == ["3 pages submitted for moderation."]
    for page in pages:
        state = state_of(page)
        assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == editor
        assert state.current_task_state.revision_id == page.latest_revision_id
        assert page_actions_logged(page).count("wagtail.workflow.start") == 1
        page.refresh_from_db()
        assert not page.live


@pytest.mark.django_db
def test_moderator_bulk_approves_statements_through_their_task(
    moderator_client, moderator, editor, statements_index
):
    pages = statement_drafts(statements_index, editor)
    for page in pages:
        page.get_workflow().start(page, editor)

    response = moderator_client.post(pages_bulk_url("publish", [p.pk for p in pages]))

    assert messages_of(response) == ["3 pages published."]
    for page in pages:
        page.refresh_from_db()
        assert page.live and not page.has_unpublished_changes
        state = state_of(page)
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.current_task_state.status == TaskState.STATUS_APPROVED
        assert state.current_task_state.finished_by == moderator
        assert page_actions_logged(page)[-2:] == ["wagtail.workflow.approve", "wagtail.publish"]
    assert StatementPage.objects.public().count() == 3


@pytest.mark.django_db
def test_moderator_bulk_publishes_statements_outside_a_workflow_and_skips_live_ones(
    moderator_client, moderator, statements_index
):
    drafts_ = statement_drafts(statements_index, moderator, 2)
    [live] = statement_drafts(statements_index, moderator, 1, title="Live")
    live.get_latest_revision().publish(user=moderator)

    response = moderator_client.post(
        pages_bulk_url("publish", [p.pk for p in [*drafts_, live]]), {"change_reason": "Issued."}
    )

    assert messages_of(response) == [
        "2 pages published.",
        "1 page left as it was: already published, with no changes.",
    ]
    assert all(page_actions_logged(page)[-1] == "wagtail.publish" for page in drafts_)


@pytest.mark.django_db
def test_moderator_bulk_unpublishes_statements(moderator_client, moderator, statements_index):
    pages = statement_drafts(statements_index, moderator, 2)
    for page in pages:
        page.get_latest_revision().publish(user=moderator)

    response = moderator_client.post(pages_bulk_url("unpublish", [p.pk for p in pages]))

    assert messages_of(response) == ["2 pages unpublished."]
    assert not StatementPage.objects.filter(live=True).exists()
    assert all(page_actions_logged(page)[-1] == "wagtail.unpublish" for page in pages)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_editors_may_not_publish_or_unpublish_statements(
    editor_client, editor, statements_index, action
):
    pages = statement_drafts(statements_index, editor, 2)
    for page in pages:
        page.get_workflow().start(page, editor)

    response = editor_client.post(pages_bulk_url(action, [p.pk for p in pages]))

    assert response.status_code == 302
    assert "Sorry, you do not have permission to access this area." in messages_of(response)
    assert not StatementPage.objects.filter(live=True).exists()
    assert all(state_of(p).status == WorkflowState.STATUS_IN_PROGRESS for p in pages)


@pytest.mark.django_db
def test_select_all_statements_of_the_index(moderator_client, editor, statements_index):
    pages = statement_drafts(statements_index, editor, 4)
    elsewhere = statements_index.get_parent().add_child(
        instance=StatementIndexPage(title="Other statements", slug="other")
    )
    [other] = statement_drafts(elsewhere, editor, 1, title="Other")

    url = pages_bulk_url("publish", ["all"], childOf=statements_index.pk)
    confirmation = moderator_client.get(url).content.decode()
    response = moderator_client.post(url)

    assert 'data-bulk-count="4"' in confirmation
    assert messages_of(response) == ["4 pages published."]
    assert set(StatementPage.objects.filter(live=True)) == set(pages)
    assert not StatementPage.objects.get(pk=other.pk).live


@pytest.mark.django_db
@pytest.mark.parametrize(("parent", "status"), [("abc", 400), (str(2**70), 400), ("987654", 404)])
def test_select_all_under_a_malformed_or_unknown_page_is_refused(
    moderator_client, statements_index, parent, status
):
    url = pages_bulk_url("publish", ["all"], childOf=parent)

    assert moderator_client.get(url).status_code == status
    assert moderator_client.post(url).status_code == status


@pytest.mark.django_db
def test_the_root_is_no_page_to_moderate(moderator_client):
    root = Page.get_first_root_node()

    assert moderator_client.get(pages_bulk_url("publish", [root.pk])).status_code == 404


# The footer's offer --------------------------------------------------------------------------


def offered(client, listing, app, model):
    html = client.get(listing).content.decode()
    prefix = reverse("wagtail_bulk_action", args=[app, model, "ACTION"]).replace("ACTION/", "")
    return {
        action
        for action in ("submit", "approve", "publish", "unpublish", "restrict", "delete", "move")
        if f'href="{prefix}{action}/"' in html
    }


@pytest.mark.django_db
def test_editors_are_offered_only_submit_on_people_and_timeline(editor_client):
    PersonFactory()
    TimelineEntryFactory()

    people = offered(editor_client, LISTING, "archive", "person")
    timeline = offered(
        editor_client,
        reverse("wagtailsnippets_archive_timelineentry:list"),
        "archive",
        "timelineentry",
    )

    assert people == timeline == {"submit"}


@pytest.mark.django_db
def test_moderators_are_offered_every_bulk_action_on_people(moderator_client):
    PersonFactory()

    assert offered(moderator_client, LISTING, "archive", "person") == {
        "submit",
        "approve",
        "unpublish",
        "restrict",
        "delete",
    }


@pytest.mark.django_db
def test_page_listing_offers_editors_submit_not_publishing(editor_client, editor, statements_index):
    statement_drafts(statements_index, editor, 1)
    listing = reverse("wagtailadmin_explore", args=[statements_index.pk])

    by_editor = offered(editor_client, listing, "wagtailcore", "page")

    # Moving and deleting a page Wagtail allows record by record (an editor's own drafts).
    assert by_editor == {"submit", "move", "delete"}


@pytest.mark.django_db
def test_page_listing_offers_moderators_publishing_through_the_workflow(
    moderator_client, moderator, statements_index
):
    statement_drafts(statements_index, moderator, 1)
    listing = reverse("wagtailadmin_explore", args=[statements_index.pk])

    assert offered(moderator_client, listing, "wagtailcore", "page") == {
        "submit",
        "publish",
        "unpublish",
        "move",
        "delete",
    }


# The batch path against Wagtail's own -------------------------------------------------------

ROW_FIELDS = ["live", "has_unpublished_changes", "expired", "visibility", "occupation"]


def end_state(obj):
    """What an action leaves of a record, without ids and times, which differ between copies."""
    obj.refresh_from_db()
    state = state_of(obj)
    task_state = state.current_task_state if state else None
    logs = ModelLogEntry.objects.filter(
        object_id=str(obj.pk), content_type__model=obj._meta.model_name
    ).order_by("id")

    def without_ids(data):
        workflow = dict(data.get("workflow", {}))
        workflow.pop("task_state_id", None)
        for key in ("id", "next", "task"):
            if isinstance(workflow.get(key), dict):
                workflow[key] = {k: v for k, v in workflow[key].items() if k != "id"}
        workflow.pop("id", None)
        return {**data, "workflow": workflow} if workflow else data

    return {
        "row": {name: getattr(obj, name) for name in ROW_FIELDS},
        "published": (obj.first_published_at is not None, obj.last_published_at is not None),
        "live_revision_is_latest": obj.live_revision_id == obj.latest_revision_id,
        "live_revision": obj.live_revision_id is not None,
        "workflow": state and (state.status, state.requested_by_id),
        "task": task_state
        and (
            task_state.status,
            task_state.finished_by_id,
            task_state.comment,
            task_state.revision_id == obj.latest_revision_id,
            task_state.finished_at is not None,
        ),
        "logs": [
            (
                log.action,
                log.label,
                log.user_id,
                log.content_changed,
                log.revision_id == obj.latest_revision_id if log.revision_id else None,
                without_ids(log.data),
            )
            for log in logs
        ],
    }


def pairs(make, count=2):
    """Two sets of records made alike (the same names too, which history entries hold): one
    for Wagtail's own action, one for the batch path."""
    return make(count), make(count)


@pytest.mark.django_db
@pytest.mark.parametrize("in_workflow", [True, False])
def test_bulk_publish_reaches_the_end_state_of_wagtails_publish(editor, moderator, in_workflow):
    make = submitted if in_workflow else drafts
    by_wagtail, by_batch = pairs(lambda n: make(editor, n, family_name="Pairova"))

    for person in by_wagtail:
        if in_workflow:
            person.current_workflow_task_state.approve(user=moderator)
        else:
            person.latest_revision.publish(user=moderator)
    BulkModeration(Person, moderator).publish(
        Person.objects.filter(pk__in=[p.pk for p in by_batch])
    )

    expected = [end_state(person) for person in by_wagtail]
    assert [end_state(person) for person in by_batch] == expected


@pytest.mark.django_db
def test_bulk_submit_reaches_the_end_state_of_wagtails_workflow_start(editor):
    by_wagtail, by_batch = pairs(lambda n: drafts(editor, n, family_name="Pairova"))

    for person in by_wagtail:
        Person.get_default_workflow().start(person, editor)
    BulkModeration(Person, editor).submit(Person.objects.filter(pk__in=[p.pk for p in by_batch]))

    assert [end_state(p) for p in by_batch] == [end_state(p) for p in by_wagtail]


@pytest.mark.django_db
def test_bulk_unpublish_reaches_the_end_state_of_wagtails_unpublish(moderator):
    def published(count):
        people = PersonFactory.create_batch(count, family_name="Pairova")
        for person in people:
            person.save_revision(user=moderator).publish(user=moderator)
        return people

    by_wagtail, by_batch = pairs(published)

    for person in by_wagtail:
        Person.objects.get(pk=person.pk).unpublish(user=moderator)
    BulkModeration(Person, moderator).unpublish(
        Person.objects.filter(pk__in=[p.pk for p in by_batch])
    )

    assert [end_state(p) for p in by_batch] == [end_state(p) for p in by_wagtail]


@pytest.mark.django_db
def test_bulk_publish_queries_do_not_grow_with_the_number_of_records(editor, moderator):
    def queries_to_approve(count):
        people = submitted(editor, count)
        records = Person.objects.filter(pk__in=[p.pk for p in people])
        # A fresh user each time: Wagtail caches the user's group check on the object.
        user = type(moderator).objects.get(pk=moderator.pk)
        with CaptureQueriesContext(connection) as queries:
            BulkModeration(Person, user).publish(records)
        return len(queries)

    assert queries_to_approve(40) == queries_to_approve(4)


@pytest.mark.django_db
def test_bulk_submit_of_records_without_a_revision_matches_save_revision_then_start(editor):
    # Records a script made (load_demo, a data migration) have no revision to review yet.
    by_wagtail, by_batch = pairs(
        lambda n: PersonFactory.create_batch(n, live=False, family_name="Pairova")
    )

    for person in by_wagtail:
        person.save_revision(user=editor, log_action=True)
        Person.get_default_workflow().start(person, editor)
    BulkModeration(Person, editor).submit(Person.objects.filter(pk__in=[p.pk for p in by_batch]))

    assert [end_state(p) for p in by_batch] == [end_state(p) for p in by_wagtail]
    [revised] = Person.objects.filter(pk=by_batch[0].pk)
    assert revised.latest_revision.as_object().serializable_data() == revised.serializable_data()
