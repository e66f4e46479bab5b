"""Success messages that say what happened to a moderated record.

Wagtail says "updated" after saving a draft and after approving; an editor then cannot tell a
draft from a published record. These views keep Wagtail's messages where they are already
exact (publish, submit, schedule) and say the rest."""

from django.contrib import messages
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.utils import get_latest_str
from wagtail.models import TaskState
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    UnpublishView,
    WorkflowActionView,
)


def _names(model, instance) -> dict:
    return {"model_name": capfirst(model._meta.verbose_name), "object": get_latest_str(instance)}


def _after_workflow_action(model, instance, action: str) -> str | None:
    if action == "approve":
        if instance.workflow_in_progress:
            message = _("%(model_name)s '%(object)s' approved; the next moderation step awaits it.")
        else:
            message = _("%(model_name)s '%(object)s' approved and published.")
    elif action == "reject":
        message = _("Changes requested on %(model_name)s '%(object)s'.")
    else:
        return None
    return message % _names(model, instance)


class SayingWhatHappened:
    """For the create and edit views of a snippet with drafts and workflow."""

    def get_success_message(self, instance=None):
        instance = instance or self.object
        if self.action == "workflow-action":
            said = _after_workflow_action(self.model, instance, self.workflow_action)
            if said:
                return said
        if self.action == "create":
            message = _("%(model_name)s '%(object)s' created as a draft; it is not public yet.")
        elif self.action == "edit" and self.live_object.live:
            message = _(
                "Draft of %(model_name)s '%(object)s' saved; "
                "the public version stays as it is until this draft is published."
            )
        elif self.action == "edit":
            message = _("Draft of %(model_name)s '%(object)s' saved; it is not public yet.")
        else:
            return super().get_success_message(instance)
        return message % _names(self.model, instance)


class ModeratedCreateView(SayingWhatHappened, CreateView):
    pass


class ModeratedEditView(SayingWhatHappened, EditView):
    pass


class ModeratedUnpublishView(UnpublishView):
    success_message = gettext_lazy("'%(object)s' unpublished; it is no longer public.")


class ModeratedWorkflowActionView(WorkflowActionView):
    """The approve and request-changes buttons of the dashboard and listings, which Wagtail
    answers without a message."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:  # the action was taken
            said = _after_workflow_action(self.model, self.object, self.action_name)
            if said:
                messages.success(request, said)
        return response
