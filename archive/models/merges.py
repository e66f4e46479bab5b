"""Merges of duplicate records of people: one record kept, the other merged into it and
removed (see :mod:`archive.merging`).

The removed record's row goes, and with it Wagtail's revisions of it; its content, its
revisions and the values each field took are kept here, so that its history stays readable
from the kept record's (the admin's "Merges" of a person). Its old addresses follow
:class:`archive.models.MergedRecord`, which mirrors read too."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .identifiers import LENGTH, shown_public_id


class PersonMerge(models.Model):
    """One merge: who merged which record into which, when, why, and what it moved."""

    kept = models.ForeignKey(
        "archive.Person",
        verbose_name=_("record kept"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="merges",
    )
    removed_id = models.BigIntegerField(_("id of the record removed"))
    removed_public_id = models.CharField(_("permanent identifier removed"), max_length=LENGTH)
    removed_name = models.CharField(_("name of the record removed"), max_length=500)
    # Whether the removed record was public just before: only then do its old addresses lead
    # to the kept record (a restricted record's address must not tell where it went).
    removed_was_public = models.BooleanField(default=False)
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    # [{"field": "born", "chosen": "kept" | "removed" | "both", "kept": ..., "removed": ...}]
    # for every field whose two values differed, as the comparison showed them.
    fields = models.JSONField(default=list)
    # What moved to the kept record: {"testimonies": 2, "memberships": 1, ...}, and what
    # became of each translation ({"translations": [{"locale": "az", "removed": 12, "into": 9}]}).
    moved = models.JSONField(default=dict)
    # Every version removed (the record and its translations merged into the kept ones'):
    # [{"id", "locale", "content", "revisions": [{"id", "created_at", "user", "content"}]}].
    removed_versions = models.JSONField(default=list)

    class Meta:
        verbose_name = _("merge of duplicate records")
        verbose_name_plural = _("merges of duplicate records")
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.removed_name} ({self.removed_id}) into {self.kept_id}"

    @property
    def shown_removed_public_id(self) -> str:
        return shown_public_id(self.removed_public_id)


def kept_person(*, record_id: int | None = None, public_id: str | None = None):
    """The public record that the version ``record_id`` (or the record ``public_id``) was
    merged into, following merges of merges; None when it was not public when merged (its
    address must not tell where it went) or when the record it went into is not public now."""
    from .changes import MergedRecord
    from .people import Person

    merges = MergedRecord.objects.filter(model=Person._meta.label_lower)
    lookup = {"record_id": record_id} if public_id is None else {"public_id": public_id}
    found = merges.filter(was_public=True, **lookup).values_list("merged_into", flat=True).first()
    seen = set()
    while found is not None and found not in seen:
        seen.add(found)
        onward = merges.filter(record_id=found).values_list("merged_into", flat=True).first()
        if onward is None:
            break
        found = onward
    if found is None:
        return None
    return Person.objects.public().filter(pk=found).first()
