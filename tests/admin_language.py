"""The admin in an editor's own language: signing a user in with that preference, and the
words Wagtail's choosers show them."""

from django.utils import translation
from django.utils.text import capfirst
from wagtail.users.models import UserProfile


def in_language(client, user, language):
    """``client`` signed in as ``user``, whose admin speaks ``language``."""
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client.force_login(user)
    return client


def chooser_words(model, language) -> str:
    """The words of the button that chooses a ``model`` record, as the admin shows them."""
    with translation.override(language):
        words = translation.gettext("Choose %(object)s") % {"object": model._meta.verbose_name}
    return capfirst(words)
