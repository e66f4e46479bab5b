"""Panels on the admin dashboard: what waits for a moderator, and figures beside records."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from archive.models import Event, ReportedFigure, documented_counts

from .restricted import about_visible_records

# Wagtail's own panels listing the same workflow states ("Awaiting your review", "Your pages
# and snippets in a workflow"); AwaitingModerationPanel replaces both, as one list.
WAGTAIL_WORKFLOW_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


class AwaitingModerationPanel(Component):
    """Every record in a workflow that the user may see, newest first, each linked to its edit
    page: for moderators what to review, for editors where their submissions stand."""

    name = "archive_awaiting_moderation"
    order = 90
    template_name = "archive/admin/awaiting_moderation_panel.html"

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        states = about_visible_records(
            WorkflowState.objects.active()
            .select_related("current_task_state__task", "requested_by", "content_type")
            .prefetch_related("content_object")
            .order_by("-created_at"),
            user,
        )
        finder = AdminURLFinder(user)
        rows = [(state, finder.get_edit_url(state.content_object)) for state in states[:20]]
        return {"rows": rows, "total": states.count()}


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
