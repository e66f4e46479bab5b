"""Submitting, approving, unpublishing and restricting many records at once.

Wagtail's own per-record actions (``Workflow.start()``, ``TaskState.approve()``,
``Revision.publish()``, ``UnpublishAction``) cost 20 to 40 queries a record: 10,000 people would
take minutes. Here each step is one statement per batch, and reaches the end state Wagtail's
actions reach: the same rows, pointers, publication dates, workflow and task states, and history
entries under the same action names (``tests/test_admin_bulk.py`` compares the two).

Only records for which that bookkeeping is the whole of Wagtail's action take the batch path:
a record whose row already holds what its latest revision holds (so publishing it writes no
content), with no schedule, lock or half-finished workflow. The others (a published record with
a newer draft, one with changes requested, one locked by someone else) go through Wagtail's own
API one by one, so nothing differs however a record was edited.

What the batch path leaves out, on purpose:
- Wagtail's notification e-mails (submitted, approved) per record: a bulk submission of 10,000
  records would send each moderator 10,000 e-mails. The dashboard lists what awaits moderation.
- The ``post_save``/``published`` signals: the archive's content generation changes with the
  rows themselves (database triggers, see archive/caching/generation.py), and the search and
  reference indexes need no update because no record's content changes (only its publishing
  state, which neither index holds). The records' public history, which the ``published``
  signal writes otherwise, is written for the batch at once (archive/record_history.py).

Pages (statements and the other editorial pages) take none of it: :class:`PageModeration` hands
each one to Wagtail's own API, as the page editor does. They are few (dozens, not 100,000), and
publishing a page is more than bookkeeping: its URL path and its subtree's, the ``published``
signal the caches and the search index listen to.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import ModelLogEntry, Page, Revision, TaskState, WorkflowState
from wagtail.models.pages import get_default_page_content_type
from wagtail.permissions import policy_registry

from archive.importers.bulk import BATCH, insert_rows, set_columns
from archive.importers.revisions import revision_content
from archive.media_files import schedule_sealing
from archive.record_history import record_published

RESTRICT_ACTION = "archive.restrict"

# Fields a revision's content may hold differently from the row without the row being out of
# date: Wagtail keeps them from the row when it publishes (``with_content_json()``) or sets them
# itself while publishing.
PUBLISHING_FIELDS = {
    "pk",
    "id",
    "public_id",
    "latest_revision",
    "live_revision",
    "translation_key",
    "locale",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}
ACTIVE = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


@dataclass
class Outcome:
    """What a bulk action did: the records it changed, and how many it left as they were
    because there was nothing to do (already published, already submitted ...) or because the
    user may not act on them (locked by someone else, awaiting a task they cannot approve)."""

    done: list = field(default_factory=list)
    unchanged: int = 0
    refused: int = 0


def prefetched(records):
    """``records`` with what serializing them reads (revisions, child rows, many-to-many)."""
    model = records.model
    children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    m2m = [relation.name for relation in get_all_child_m2m_relations(model)]
    return records.select_related("latest_revision", "locked_by").prefetch_related(*children, *m2m)


def row_holds_latest_revision(obj) -> bool:
    """Whether publishing ``obj``'s latest revision would write nothing but publishing state."""
    revision = obj.latest_revision
    if revision is None:
        return False
    content = revision.content
    if content.get("go_live_at") is not None:
        return False  # Wagtail schedules rather than publishes
    row = _as_json(revision_content(obj))
    return all(
        row.get(name) == value for name, value in content.items() if name not in PUBLISHING_FIELDS
    )


class BulkModeration:
    """Moderation of many records of one model by one user, in batches; call inside a
    transaction (Wagtail's bulk action view opens one)."""

    def __init__(self, model, user):
        self.model = model
        self.user = user
        self.now = timezone.now()
        # The whole action's history entries share one identifier, as Wagtail groups the
        # entries of one request.
        self.uuid = get_active_log_context().uuid or uuid.uuid4()
        self.policy = policy_registry.get_by_type(model)
        self._tasks, self._single_tasks = {}, {}

    @cached_property
    def content_type(self):
        return self.model.get_content_type()

    @cached_property
    def base_content_type(self):
        return self.model.get_base_content_type()

    @cached_property
    def model_workflow(self):
        return self.model.get_default_workflow()

    def workflow_of(self, obj):
        """The workflow a record is submitted to: the model's, for a snippet."""
        return self.model_workflow

    def may(self, obj, action: str) -> bool:
        """Whether the user holds the permission ``action`` ("change", "publish") on ``obj``;
        for a snippet, on its model, which Django caches on the user: no query per record."""
        return self.policy.user_has_permission_for_instance(self.user, action, obj)

    def load(self, pks):
        """The records of ``pks`` with what serializing them reads, in the order of their ids."""
        return list(prefetched(self.model.objects.filter(pk__in=pks)).order_by("pk"))

    # Submit ---------------------------------------------------------------------------------

    def submit(self, records) -> Outcome:
        """Start the model's workflow on each record with something unpublished, as
        ``Workflow.start()`` does; a record whose changes were requested resumes its workflow."""
        outcome = Outcome()
        for batch in self._batches(records):
            states = self._active_states(batch)
            fresh = []
            for obj in batch:
                state = states.get(str(obj.pk))
                if self.workflow_of(obj) is None:
                    outcome.refused += 1
                elif self._nothing_to_submit(obj, state):
                    outcome.unchanged += 1
                elif self._locked_for_user(obj) or not self.may(obj, "change"):
                    outcome.refused += 1
                elif state is not None:
                    state.resume(user=self.user)
                    outcome.done.append(obj)
                elif obj.locked:
                    # Wagtail's own start, which unlocks a record its reviewers could not edit.
                    self._start_one(obj)
                    outcome.done.append(obj)
                else:
                    fresh.append(obj)
            self._start_workflows(fresh)
            outcome.done.extend(fresh)
        return outcome

    def _start_one(self, obj) -> None:
        """Wagtail's own start of ``obj``'s workflow, on a first revision if it has none."""
        if obj.latest_revision is None:
            obj.save_revision(user=self.user, clean=False, log_action=True)
        self.workflow_of(obj).start(obj, self.user)

    def _save_first_revisions(self, records) -> None:
        """A revision of the row for records that have none (made by a script, not the admin):
        a workflow reviews a revision."""
        if not records:
            return
        self._new_revisions(
            records, [_as_json(revision_content(obj)) for obj in records], "wagtail.edit"
        )
        for obj in records:
            obj.has_unpublished_changes = True
        set_columns(self.model, records, ["latest_revision", "has_unpublished_changes"])

    @staticmethod
    def _nothing_to_submit(obj, state) -> bool:
        if state is not None:
            return state.status == WorkflowState.STATUS_IN_PROGRESS
        return obj.live and not obj.has_unpublished_changes

    def _start_workflows(self, records) -> None:
        if not records:
            return
        self._save_first_revisions([obj for obj in records if obj.latest_revision_id is None])
        workflow = self.model_workflow
        task = workflow.tasks.filter(active=True).first().specific
        states = WorkflowState.objects.bulk_create(
            WorkflowState(
                content_type=self.content_type,
                base_content_type=self.base_content_type,
                object_id=str(obj.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
                requested_by=self.user,
            )
            for obj in records
        )
        task_state_class = task.get_task_state_class()
        task_states = task_state_class.objects.bulk_create(
            task_state_class(
                workflow_state=state,
                revision_id=obj.latest_revision_id,
                task=task,
                status=TaskState.STATUS_IN_PROGRESS,
            )
            for state, obj in zip(states, records, strict=True)
        )
        WorkflowState.objects.filter(pk__in=[state.pk for state in states]).update(
            current_task_state=Subquery(
                TaskState.objects.filter(workflow_state=OuterRef("pk")).values("pk")[:1]
            )
        )
        self._log(
            records,
            "wagtail.workflow.start",
            revisions=[obj.latest_revision_id for obj in records],
            data=[
                {
                    "workflow": {
                        "id": workflow.pk,
                        "title": workflow.name,
                        "status": WorkflowState.STATUS_IN_PROGRESS,
                        "next": {"id": task.pk, "title": task.name},
                        "task_state_id": task_state.pk,
                    }
                }
                for task_state in task_states
            ],
        )

    # Approve and publish --------------------------------------------------------------------

    def publish(self, records) -> Outcome:
        """Approve each record awaiting moderation through its task, and publish each other
        record's latest revision, as ``TaskState.approve()`` and ``Revision.publish()`` do."""
        outcome = Outcome()
        for batch in self._batches(records):
            states = self._active_states(batch)
            approved, published = [], []
            for obj in batch:
                state = states.get(str(obj.pk))
                if state is None and obj.live and not obj.has_unpublished_changes:
                    outcome.unchanged += 1
                elif self._locked_for_user(obj) or not self._may_approve(obj, state):
                    outcome.refused += 1
                elif not self._publishes_in_batch(obj, state):
                    self._publish_one(obj, state)
                    outcome.done.append(obj)
                elif state is None:
                    published.append(obj)
                else:
                    approved.append((obj, state))
            self._approve_tasks(approved)
            batch_published = [obj for obj, _state in approved] + published
            self._publish_latest(batch_published)
            # Wagtail's published signal writes the history of the others (_publish_one).
            record_published(
                self.model,
                [obj.pk for obj in batch_published],
                revisions={obj.pk: obj.latest_revision_id for obj in batch_published},
            )
            outcome.done.extend(obj for obj, _state in approved)
            outcome.done.extend(published)
        return outcome

    def _may_approve(self, obj, state) -> bool:
        if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
            return self.may(obj, "publish")  # published directly
        task = self._specific_task(state.current_task_state.task)
        return "approve" in (action for action, _label, _modal in task.get_actions(obj, self.user))

    def _publishes_in_batch(self, obj, state) -> bool:
        """Whether Wagtail's publish of ``obj`` is only bookkeeping (see the module docstring)."""
        if obj.locked or obj.expire_at is not None or not row_holds_latest_revision(obj):
            return False
        if state is None:
            return True
        task_state = state.current_task_state
        return (
            state.status == WorkflowState.STATUS_IN_PROGRESS
            and task_state.status == TaskState.STATUS_IN_PROGRESS
            and task_state.revision_id == obj.latest_revision_id
            and self._single_task(state.workflow)
        )

    def _specific_task(self, task):
        # A query each, asked once per task rather than once per record.
        if task.pk not in self._tasks:
            self._tasks[task.pk] = task.specific
        return self._tasks[task.pk]

    def _single_task(self, workflow) -> bool:
        if workflow.pk not in self._single_tasks:
            self._single_tasks[workflow.pk] = workflow.tasks.filter(active=True).count() == 1
        return self._single_tasks[workflow.pk]

    def _publish_one(self, obj, state) -> None:
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            state.current_task_state.specific.approve(user=self.user)
        else:
            # A record made by a script has no revision yet; Wagtail's publishing needs one.
            revision = obj.get_latest_revision() or obj.save_revision(user=self.user, clean=False)
            revision.publish(user=self.user)

    def _approve_tasks(self, approved: list[tuple]) -> None:
        if not approved:
            return
        TaskState.objects.filter(
            pk__in=[state.current_task_state_id for _obj, state in approved]
        ).update(
            status=TaskState.STATUS_APPROVED,
            finished_at=self.now,
            finished_by=self.user,
            comment="",
        )
        self._log(
            [obj for obj, _state in approved],
            "wagtail.workflow.approve",
            revisions=[state.current_task_state.revision_id for _obj, state in approved],
            data=[
                {
                    "workflow": {
                        "id": state.workflow_id,
                        "title": state.workflow.name,
                        "status": TaskState.STATUS_APPROVED,
                        "task_state_id": state.current_task_state_id,
                        "task": {
                            "id": state.current_task_state.task_id,
                            "title": state.current_task_state.task.name,
                        },
                        "next": None,
                    },
                    "comment": "",
                }
                for _obj, state in approved
            ],
        )
        WorkflowState.objects.filter(pk__in=[state.pk for _obj, state in approved]).update(
            status=WorkflowState.STATUS_APPROVED
        )

    def _publish_latest(self, records) -> None:
        if not records:
            return
        ids = [obj.pk for obj in records]
        self.model.objects.filter(pk__in=ids).update(
            live=True,
            has_unpublished_changes=False,
            expired=False,
            live_revision=F("latest_revision"),
            first_published_at=Coalesce(F("first_published_at"), Value(self.now)),
            last_published_at=self.now,
        )
        self._clear_schedules(ids)
        self._log(
            records,
            "wagtail.publish",
            revisions=[obj.latest_revision_id for obj in records],
            content_changed=True,
        )

    def _clear_schedules(self, ids) -> None:
        Revision.objects.filter(
            base_content_type=self.base_content_type,
            object_id__in=[str(pk) for pk in ids],
            approved_go_live_at__isnull=False,
        ).update(approved_go_live_at=None)

    # Unpublish ------------------------------------------------------------------------------

    def unpublish(self, records) -> Outcome:
        """Take each live record offline, as Wagtail's ``UnpublishAction`` does."""
        outcome = Outcome()
        for batch in self._batches(records):
            live = []
            for obj in batch:
                if not obj.live:
                    outcome.unchanged += 1
                elif self._locked_for_user(obj) or not self.may(obj, "publish"):
                    outcome.refused += 1
                else:
                    live.append(obj)
            self._unpublish(live)
            outcome.done.extend(live)
        return outcome

    def _unpublish(self, records) -> None:
        ids = [obj.pk for obj in records]
        self.model.objects.filter(pk__in=ids).update(
            live=False, has_unpublished_changes=True, live_revision=None
        )
        self._log(records, "wagtail.unpublish")
        self._clear_schedules(ids)

    # Restrict -------------------------------------------------------------------------------

    def restrict(self, records, visibility: str) -> Outcome:
        """Set each record's visibility at once, on the row the public sees and in a new latest
        revision, so that no later publication of an earlier draft undoes it."""
        outcome = Outcome()
        for batch in self._batches(records):
            changing = []
            for obj in batch:
                content = obj.latest_revision.content if obj.latest_revision else None
                if obj.visibility == visibility and (content or {}).get("visibility") in (
                    None,
                    visibility,
                ):
                    outcome.unchanged += 1
                elif self._locked_for_user(obj):
                    outcome.refused += 1
                else:
                    changing.append(obj)
            self._save_restricted_revisions(changing, visibility)
            outcome.done.extend(changing)
        # Rows written in bulk send no signal: their photos and documents are sealed here.
        schedule_sealing()
        return outcome

    def _save_restricted_revisions(self, records, visibility: str) -> None:
        if not records:
            return
        contents = []
        for obj in records:
            content = dict(obj.latest_revision.content) if obj.latest_revision else None
            content = content or _as_json(revision_content(obj))
            content["visibility"] = visibility
            contents.append(content)
        revisions = self._new_revisions(records, contents, RESTRICT_ACTION)
        for obj, revision in zip(records, revisions, strict=True):
            # A published record without a draft stays so: its row is the new revision.
            if obj.live and not obj.has_unpublished_changes:
                obj.live_revision_id = revision
            obj.visibility = visibility
        set_columns(self.model, records, ["visibility", "latest_revision", "live_revision"])

    def _new_revisions(self, records, contents: list[dict], action: str) -> list[int]:
        """What ``save_revision()`` stores and logs, for many records; the records' latest
        revision is set in memory, for the caller to write with what else it changes."""
        revisions = insert_rows(
            Revision,
            [
                {
                    "content_type_id": self.content_type.pk,
                    "base_content_type_id": self.base_content_type.pk,
                    "object_id": str(obj.pk),
                    "user_id": self.user.pk,
                    "created_at": self.now,
                    "content": content,
                    "object_str": str(obj),
                    "approved_go_live_at": None,
                }
                for obj, content in zip(records, contents, strict=True)
            ],
            with_ids=True,
        )
        for obj, revision in zip(records, revisions, strict=True):
            obj.latest_revision_id = revision
        self._log(records, action, revisions=revisions, content_changed=True)
        return revisions

    # Shared ---------------------------------------------------------------------------------

    def _batches(self, records):
        """The records of a queryset in lists of ``BATCH``, each loaded by :meth:`load`: 10,000
        records never sit in memory at once."""
        pks = list(records.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            yield self.load(pks[start : start + BATCH])

    def _active_states(self, records) -> dict[str, WorkflowState]:
        states = WorkflowState.objects.filter(
            base_content_type=self.base_content_type,
            object_id__in=[str(obj.pk) for obj in records],
            status__in=ACTIVE,
        ).select_related("workflow", "current_task_state__task")
        return {state.object_id: state for state in states}

    def _locked_for_user(self, obj) -> bool:
        return obj.locked and obj.locked_by_id != self.user.pk

    def _log(self, records, action, *, revisions=None, data=None, content_changed=False):
        revisions = revisions or [None] * len(records)
        data = data or [{}] * len(records)
        insert_rows(
            ModelLogEntry,
            [
                {
                    "content_type_id": self.content_type.pk,
                    "object_id": str(obj.pk),
                    "label": str(obj),
                    "action": action,
                    "user_id": self.user.pk,
                    "revision_id": revision,
                    "uuid": self.uuid,
                    "timestamp": self.now,
                    "content_changed": content_changed,
                    "deleted": False,
                    "data": entry_data,
                }
                for obj, revision, entry_data in zip(records, revisions, data, strict=True)
            ],
        )


class PageModeration(BulkModeration):
    """Moderation of many pages by one user, each through Wagtail's own API (see the module
    docstring): the same decisions as for snippets, and the page editor's end state."""

    def __init__(self, user):
        super().__init__(Page, user)

    @cached_property
    def base_content_type(self):
        return get_default_page_content_type()

    def workflow_of(self, obj):
        # A page's workflow is that of its nearest section with one.
        return obj.get_workflow()

    def may(self, obj, action):
        # The page's own permissions, inherited down the tree; the root is no page.
        return not obj.is_root() and super().may(obj, action)

    def load(self, pks):
        return list(Page.objects.filter(pk__in=pks).order_by("pk").specific())

    def _start_workflows(self, records):
        for obj in records:
            self._start_one(obj)

    def _publishes_in_batch(self, obj, state):
        return False

    def _unpublish(self, records):
        for obj in records:
            obj.unpublish(user=self.user)


def _as_json(content: dict) -> dict:
    """``content`` as a revision stores it (JSON), to compare and store like with like."""
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))
