"""Wagtail's workflow e-mails, sent only to staff who may see the record they name.

An editor who submitted a person that a moderator restricted since would otherwise read its
name in the "approved" or "changes requested" e-mail; the same holds for any recipient of the
"submitted" e-mails who lacks the permission. Each notifier is Wagtail's own, with the recipients
who may not see the record left out, and takes the place of Wagtail's under the same
``dispatch_uid`` (see :func:`connect_notifiers`)."""

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .restricted import is_visible_to


class OnlyToWhoMaySee:
    def get_valid_recipients(self, instance, **kwargs):
        state = instance.workflow_state if isinstance(instance, TaskState) else instance
        record = state.content_object
        return {
            user
            for user in super().get_valid_recipients(instance, **kwargs)
            if is_visible_to(user, record)
        }


class ApprovalNotifier(OnlyToWhoMaySee, WorkflowStateApprovalEmailNotifier):
    pass


class RejectionNotifier(OnlyToWhoMaySee, WorkflowStateRejectionEmailNotifier):
    pass


class SubmissionNotifier(OnlyToWhoMaySee, WorkflowStateSubmissionEmailNotifier):
    pass


class TaskSubmissionNotifier(OnlyToWhoMaySee, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


# Each signal, the sender, the uid Wagtail connects its notifier under, and ours.
NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        TaskSubmissionNotifier(),
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        SubmissionNotifier(),
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        RejectionNotifier(),
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        ApprovalNotifier(),
    ),
]


def connect_notifiers():
    """Put the notifiers above in the place of Wagtail's, whichever app is ready first: a
    signal keeps the first receiver connected under a ``dispatch_uid``, so Wagtail's is
    disconnected if it came first, and Wagtail's later ``connect`` leaves ours if it comes
    after (``archive`` is listed before ``wagtail.admin``)."""
    for signal, sender, uid, notifier in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid)
