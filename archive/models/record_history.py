"""The public history of changes of people, timeline entries and statements.

Each time a record is published in a form the public can see, one :class:`PublishedChange` is
written in the same transaction (by :mod:`archive.record_history`): the record's public values
as they now are (``snapshot``), the fields whose public values differ from the previous entry's
snapshot (``changes``, old and new value), the reason given and the source behind it.

The values are taken from the record as the API writes it for the public (its serializer, on
rows from the model's ``public()``), so a restricted record, a field no reader sees, or a link
to a hidden record never enters an entry: there is nothing to filter when reading them. A
publish that changes no public value writes no entry (an entry would say that something
hidden changed).

The reason comes with the revision it explains (:class:`RevisionReason`: an editor gives it
when saving or submitting, the moderator's approval publishes that revision), or from the
action that publishes (a bulk approval, an import: ``archive.record_history.reason_for``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedChangeQuerySet(models.QuerySet):
    def of(self, record: models.Model) -> PublishedChangeQuerySet:
        """The entries of ``record`` to show, newest first. Whether they may be shown is the
        record's own: they are shown with the record wherever it is public."""
        return (
            self.filter(model=record._meta.label_lower, record_id=record.pk)
            .exclude(action=PublishedChange.Action.BASELINE)
            .order_by("-published_at", "-pk")
        )


class PublishedChange(models.Model):
    """One published change of one record: when, what public values it changed, why, on
    what source."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published")
        IMPORTED = "imported", _("Imported")
        # Issue 13 (merging duplicates) writes these: the record another was merged into,
        # with the values it took over (see archive.record_history.record_published).
        MERGED = "merged", _("Merged with a duplicate")
        # The public values of a record published before the history began, written by
        # ``manage.py start_record_history``: what its next change is compared with. Not shown.
        BASELINE = "baseline", _("Public before the history began")

    model = models.CharField(max_length=100)  # the model's label: archive.person
    record_id = models.BigIntegerField()
    published_at = models.DateTimeField()
    action = models.CharField(max_length=12, choices=Action.choices, default=Action.PUBLISHED)
    # The record's first publication: its values were not public before.
    first = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    source = models.ForeignKey(
        "archive.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # [{"field": "born", "old": ..., "new": ...}] in the order the record shows its fields.
    changes = models.JSONField(default=list)
    # Every public value of the record after this change, what the next change is compared with.
    snapshot = models.JSONField(default=dict)
    # The revision published, where one was (never shown; Wagtail's log entries say who).
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublishedChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("published change")
        verbose_name_plural = _("published changes")
        indexes = [
            models.Index(
                fields=["model", "record_id", "published_at"], name="published_change_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.record_id} at {self.published_at}"


class RevisionReason(models.Model):
    """The reason an editor gave for the changes a revision holds, and their source: the
    entry of the change takes them when that revision (or a later one) is published."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="change_reason"
    )
    reason = models.TextField()
    source = models.ForeignKey(
        "archive.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reason for a change")

    def __str__(self) -> str:
        return self.reason
