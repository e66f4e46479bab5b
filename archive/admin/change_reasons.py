"""The reason for a change, and its source, asked where a change is published: the edit forms
of people, timeline entries and statements, and bulk approval (see :mod:`archive.record_history`).

A change to a record the public already sees needs a reason when it is published or submitted
for moderation: the public history of the record shows it beside the change. A reason given
with a submission is kept with its revision, so the moderator who approves need not give one;
a moderator's comment on approving ("Approve with comment") is the reason where none was
given, so it is not asked for again in the form."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.widgets import AdminSnippetChooser

from archive.models import Source
from archive.record_history import Reason, pending_reason

from .forms import PartialDatesForm, PartialDatesPageForm, PersonForm

# The buttons of Wagtail's edit views that publish, or submit what will be published.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")
REASON_REQUIRED = _("Give the reason for this change: the record's public history shows it.")


def reason_fields() -> dict[str, forms.Field]:
    return {
        "change_reason": forms.CharField(
            label=_("Reason for this change"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "Shown to the public with the change, in the record's history. Needed to "
                "publish a change to a published record, unless its editor gave one or the "
                "moderator approves with a comment."
            ),
        ),
        "change_source": forms.ModelChoiceField(
            label=_("Source of this change"),
            queryset=Source.objects.all(),
            required=False,
            widget=AdminSnippetChooser(Source),
        ),
    }


def reason_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel("change_reason"), FieldPanel("change_source")],
        heading=_("Reason for this change"),
    )


class ChangeReasonMixin:
    """An edit form that asks for the reason of a change and hands it to its record, whose
    next revision keeps it (``archive.record_history.keep_revision_reason``)."""

    # Collected by Django's form metaclass from every class of the form's MRO, so the fields
    # are the form's own, which its panels may name (Wagtail builds the form from the panels).
    declared_fields = reason_fields()

    def clean(self):
        cleaned_data = super().clean()
        text = (cleaned_data.get("change_reason") or "").strip()
        record = self.instance
        publishing = any(action in self.data for action in PUBLISHING_ACTIONS)
        given = text or self.approval_comment()
        if publishing and record.pk and record.live and not given and not pending_reason(record):
            self.add_error("change_reason", REASON_REQUIRED)
        record.change_reason = Reason(text, cleaned_data.get("change_source"))
        return cleaned_data

    def approval_comment(self) -> str:
        """The comment of a moderator approving from the form (Wagtail posts it as JSON)."""
        if self.data.get("workflow-action-name") != "approve":
            return ""
        try:
            extra = json.loads(self.data.get("workflow-action-extra-data") or "{}")
        except ValueError:
            return ""
        comment = extra.get("comment") if isinstance(extra, dict) else None
        return comment.strip() if isinstance(comment, str) else ""


class BulkReasonForm(forms.Form):
    """Bulk approval's reason, for the records whose editors gave none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(reason_fields())
        self.fields["change_reason"].help_text = _(
            "Shown to the public with the changes, in each record's history, where the editor "
            "gave no reason. Needed when a selected record is already published and its "
            "editor gave none."
        )


class PersonChangeForm(ChangeReasonMixin, PersonForm):
    pass


class TimelineEntryChangeForm(ChangeReasonMixin, PartialDatesForm):
    pass


class StatementChangeForm(ChangeReasonMixin, PartialDatesPageForm):
    pass
