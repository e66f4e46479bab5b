"""What a moderator decides about a contribution: approve a message or a photo, reject any
contribution with a reason, or turn a correction into a draft change of its record and a
missing person into a draft record. Drafts then pass the archive's usual moderation before
anything about them is published. The contributor is told each decision (see :mod:`.mail`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from archive.models import Contribution, Person

from . import mail

# What a moderator may change in a record from a correction on the contributions screen; any
# other change is made in the record's editor, where the draft opens next.
CORRECTABLE = (
    "family_name",
    "given_name",
    "patronymic",
    "name_original",
    "alternative_spellings",
    "occupation",
    "fate",
)
# What a missing person's draft record starts from.
DRAFTED_FROM_MISSING = ("family_name", "given_name", "patronymic", "fate")


def _decide(contribution: Contribution, user, status: str, **fields) -> None:
    if contribution.status != Contribution.Status.PENDING:
        raise ValidationError(_("This contribution has been decided already."))
    contribution.status = status
    contribution.decided_at = timezone.now()
    contribution.decided_by = user
    for name, value in fields.items():
        setattr(contribution, name, value)
    contribution.save()
    mail.tell_contributor(contribution)


@transaction.atomic
def approve(contribution: Contribution, user) -> None:
    """Publish a message or a photo on its person's page and in the API."""
    if contribution.kind not in Contribution.SHOWN_KINDS:
        raise ValidationError(_("Corrections and missing people become drafts, not posts."))
    _decide(contribution, user, Contribution.Status.APPROVED)


@transaction.atomic
def reject(contribution: Contribution, user, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Give the reason, which the contributor will read."))
    _decide(contribution, user, Contribution.Status.REJECTED, rejection_reason=reason.strip())


@transaction.atomic
def draft_correction(contribution: Contribution, user, changes: dict) -> Person:
    """A new draft revision of the corrected record, from its latest revision with
    ``changes``; the published record stays as it is until the draft is approved."""
    if contribution.kind != Contribution.Kind.CORRECTION:
        raise ValidationError(_("Only a correction becomes a draft change of its record."))
    record = contribution.person.get_latest_revision_as_object()
    for name, value in changes.items():
        if name not in CORRECTABLE:
            raise ValidationError(_("This field is changed in the record's editor."))
        setattr(record, name, value)
    record.save_revision(user=user, log_action=True)
    _decide(contribution, user, Contribution.Status.DRAFTED, draft=contribution.person)
    return contribution.person


@transaction.atomic
def draft_missing_person(contribution: Contribution, user, names: dict) -> Person:
    """A draft record of the person the visitor named, unverified, in the default language."""
    if contribution.kind != Contribution.Kind.MISSING_PERSON:
        raise ValidationError(_("Only a missing person becomes a draft record."))
    record = Person(
        live=False,
        has_unpublished_changes=True,
        locale=Locale.get_default(),
        verification=Person.Verification.UNVERIFIED,
        **{name: names[name] for name in DRAFTED_FROM_MISSING},
    )
    record.full_clean()
    record.save()
    record.save_revision(user=user, log_action=True)
    _decide(contribution, user, Contribution.Status.DRAFTED, draft=record)
    return record
