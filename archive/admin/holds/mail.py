"""E-mails to the moderators about holds: a visitor's request, a review date come."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q

PLACES_HOLDS = "change_hold"


def moderator_addresses() -> list[str]:
    """The addresses of active staff who may place and lift holds (superusers included)."""
    allowed = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename=PLACES_HOLDS)
        | Q(user_permissions__codename=PLACES_HOLDS)
    )
    users = get_user_model().objects.filter(allowed, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def tell_moderators(subject: str, body: str) -> int:
    """Send ``body`` to every moderator; the number of addresses it went to."""
    addresses = moderator_addresses()
    if addresses:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    return len(addresses)
