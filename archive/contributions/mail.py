"""E-mail about contributions: moderators hear of each one sent, contributors of the decision.

Sent once the transaction that stored the change commits, through Django's mail (the console in
development, SMTP from the environment in production). A mail server that fails costs the
e-mail, logged, never the contribution or the decision."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from archive.models import Contribution
from archive.models.contributions import may_moderate
from archive.models.people import may_see_restricted

logger = logging.getLogger(__name__)


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        return
    try:
        send_mail(subject, body, None, recipients)
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the e-mail %r", subject)


def _site() -> str:
    return settings.PUBLIC_BASE_URL or settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def moderators_of(contribution: Contribution) -> list[str]:
    """The addresses of the active moderators who may see what ``contribution`` is about."""
    codename = "moderate_contribution"
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename=codename)
            | Q(user_permissions__codename=codename)
        )
        .distinct()
        .order_by("pk")
    )
    restricted = contribution.person_id and contribution.person.is_restricted
    return [
        user.email
        for user in users
        if may_moderate(user) and (not restricted or may_see_restricted(user))
    ]


def notify_moderators(contribution: Contribution) -> None:
    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("New contribution to moderate: %(what)s") % {"what": contribution}
            review = _site() + reverse("archive_contribution_review", args=[contribution.pk])
            body = _(
                "A visitor sent a contribution (%(kind)s) about %(about)s.\n\n"
                "Read it and decide: %(address)s"
            ) % {
                "kind": contribution.get_kind_display(),
                "about": contribution.person or contribution.missing_name,
                "address": review,
            }
        _send(subject, body, moderators_of(contribution))

    transaction.on_commit(send)


def tell_contributor(contribution: Contribution) -> None:
    """Tell the contributor, in the language they wrote in, what was decided."""

    def send():
        with translation.override(contribution.language or settings.LANGUAGE_CODE):
            about = contribution.person or contribution.missing_name
            subject = _("Your contribution to the archive about %(about)s") % {"about": about}
            status = contribution.status
            if status == Contribution.Status.APPROVED:
                body = _(
                    "Thank you. What you sent about %(about)s has been approved and is now "
                    "published: %(address)s"
                ) % {"about": about, "address": _site() + contribution.person.get_absolute_url()}
            elif status == Contribution.Status.REJECTED:
                body = _(
                    "Thank you for writing about %(about)s. A moderator decided not to publish "
                    "what you sent, for this reason:\n\n%(reason)s"
                ) % {"about": about, "reason": contribution.rejection_reason}
            else:
                body = _(
                    "Thank you. What you sent about %(about)s has been accepted for the "
                    "archive's editors, who will check it against the sources before the "
                    "record changes."
                ) % {"about": about}
        _send(subject, body, [contribution.email])

    transaction.on_commit(send)
