"""Wagtail's reports that name records (workflows, workflow tasks, site history), without the
restricted people a member of staff may not see: on screen, in their results and in their CSV
and XLSX exports, which all read the same querysets."""

from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import ModelLogEntry

from .restricted import about_visible_records


class VisibleWorkflowView(WorkflowView):
    def get_queryset(self):
        return about_visible_records(super().get_queryset(), self.request.user)


class VisibleWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return about_visible_records(
            super().get_queryset(), self.request.user, prefix="workflow_state__"
        )


class VisibleLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        # Called once per log entry model before Wagtail joins them in a union; only model log
        # entries can be about a person (page log entries are about pages).
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = about_visible_records(queryset, self.request.user)
        return queryset
