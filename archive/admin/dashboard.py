"""Panels on the admin dashboard: what waits for a moderator, and figures beside records."""

from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from archive.models import Event, ReportedFigure, documented_counts

from .restricted import about_visible_records

# Wagtail's own panels listing the same workflow states ("Awaiting your review", "Your pages
# and snippets in a workflow"); AwaitingModerationPanel replaces both, as one list.
WAGTAIL_WORKFLOW_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


@dataclass
class AwaitingRow:
    state: WorkflowState
    edit_url: str | None
    # Where the row's Approve button posts, for a user the current task lets approve.
    approve_url: str | None


class Approvals:
    """Which waiting records ``user`` may approve, and where: Wagtail's workflow action view,
    the one its own panel's buttons open, so approving here is approving in the editor."""

    def __init__(self, user, next_url: str):
        self.user = user
        self.next_url = next_url
        self._tasks = {}

    def task(self, task_state):
        # The specific task is a query; the rows share a few tasks.
        if task_state.task_id not in self._tasks:
            self._tasks[task_state.task_id] = task_state.task.specific
        return self._tasks[task_state.task_id]

    def url(self, state) -> str | None:
        obj, task_state = state.content_object, state.current_task_state
        if obj is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
            return None  # deleted since, or back with its editor for changes
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            return None
        actions = self.task(task_state).get_actions(obj, self.user)
        if "approve" not in (name for name, _label, _modal in actions):
            return None
        if isinstance(obj, Page):
            url_name, pk = "wagtailadmin_pages:workflow_action", obj.pk
        else:
            url_name, pk = obj.snippet_viewset.get_url_name("workflow_action"), quote(obj.pk)
        url = reverse(url_name, args=[pk, "approve", task_state.pk])
        return f"{url}?{urlencode({'next': self.next_url})}"


class AwaitingModerationPanel(Component):
    """Every record in a workflow that the user may see, newest first, each linked to its edit
    page: for moderators what to review, with a button to approve it at once (a form, so it
    works without JavaScript); for editors where their submissions stand."""

    name = "archive_awaiting_moderation"
    order = 90
    template_name = "archive/admin/awaiting_moderation_panel.html"

    def get_context_data(self, parent_context=None):
        request = parent_context["request"]
        user = request.user
        states = about_visible_records(
            WorkflowState.objects.active()
            .select_related("current_task_state__task", "requested_by", "content_type")
            .prefetch_related("content_object")
            .order_by("-created_at"),
            user,
        )
        finder = AdminURLFinder(user)
        approvals = Approvals(user, request.get_full_path())
        rows = [
            AwaitingRow(state, finder.get_edit_url(state.content_object), approvals.url(state))
            for state in states[:20]
        ]
        return {
            "rows": rows,
            "total": states.count(),
            "may_approve": any(row.approve_url for row in rows),
            "csrf_token": parent_context.get("csrf_token"),
        }


class FiguresPanel(Component):
    name = "archive_figures"
    order = 95
    template_name = "archive/admin/figures_panel.html"

    def get_context_data(self, parent_context=None):
        rows = []
        for event in Event.objects.localized():
            documented = documented_counts(event.pk)
            for figure in (
                ReportedFigure.objects.filter(event=event).select_related("source").localized()
            ):
                rows.append((figure, documented.get(figure.counts)))
        return {"rows": rows, "heading": _("Reported and documented figures")}
