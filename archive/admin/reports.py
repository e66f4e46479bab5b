"""Wagtail's reports that name records (workflows, workflow tasks; the site history is in
:mod:`.site_history`), without the restricted people a member of staff may not see: on screen,
in their results and in their CSV and XLSX exports, which all read the same querysets."""

from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from .restricted import about_visible_records


class VisibleWorkflowView(WorkflowView):
    def get_queryset(self):
        return about_visible_records(super().get_queryset(), self.request.user)


class VisibleWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return about_visible_records(
            super().get_queryset(), self.request.user, prefix="workflow_state__"
        )
