"""Reminding the moderators of holds whose review date has come: an embargo on a living
person's record that has ended, a family's hold due for review. A reminder changes nothing
that the public sees: the hold stays in effect until a moderator lifts it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from archive.models import Hold

from .mail import tell_moderators


def unreminded(on: datetime.date) -> list[Hold]:
    """Holds due on ``on`` that no reminder has named since their review date was set."""
    due = Hold.objects.due(on).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lt=F("review_on"))
    )
    return list(due.select_related("person"))


def line(hold: Hold) -> str:
    edit = reverse("wagtailsnippets_archive_hold:edit", args=[hold.pk])
    if hold.reason == Hold.Reason.EMBARGO:
        what = gettext("embargo ended on %(date)s")
    else:
        what = gettext("review due since %(date)s")
    return "- {person} ({what}): {url}".format(
        person=hold.person,
        what=what % {"date": hold.review_on.isoformat()},
        url=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + edit,
    )


def remind(on: datetime.date | None = None, *, send: bool = True) -> list[Hold]:
    """E-mail the moderators the holds due and not yet reminded of, and note the reminder on
    each (unless ``send`` is false: then only list them). The holds, in review date order."""
    on = on or timezone.localdate()
    holds = unreminded(on)
    if holds and send:
        with override(settings.LANGUAGE_CODE):
            subject = gettext("Holds to review: %(count)d") % {"count": len(holds)}
            body = "\n".join(
                [
                    gettext(
                        "These holds have reached their review date. They stay in effect, and "
                        "nothing is published, until a moderator lifts them."
                    ),
                    "",
                    *(line(hold) for hold in holds),
                ]
            )
        tell_moderators(subject, body)
        Hold.objects.filter(pk__in=[hold.pk for hold in holds]).update(reminded_on=on)
    return holds
