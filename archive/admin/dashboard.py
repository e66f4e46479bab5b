"""Panels on the admin dashboard: what waits for a moderator, and figures beside records."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from archive.models import Event, ReportedFigure, documented_counts


class AwaitingModerationPanel(Component):
    name = "archive_awaiting_moderation"
    order = 90
    template_name = "archive/admin/awaiting_moderation_panel.html"

    def get_context_data(self, parent_context=None):
        states = (
            WorkflowState.objects.active()
            .select_related("current_task_state__task", "requested_by", "content_type")
            .order_by("-created_at")
        )
        finder = AdminURLFinder(parent_context["request"].user)
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
