"""The "Translate" button of snippet listings, without a query per row.

``wagtail.contrib.simple_translation`` adds it with a ``register_snippet_listing_buttons`` hook
that asks the database, row by row, whether a locale is left to translate into: 47 of the 65
queries of a superuser's page of 50 people, and 220 ms of its 600 at 100,000 people
(bench/RESULTS.md). A listing annotates that answer on its rows (``with_locales_left``) and
``translate_button`` reads it; a row without the annotation is asked as Wagtail asks."""

from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.contrib.simple_translation import wagtail_hooks as simple_translation
from wagtail.models import Locale

LOCALES_LEFT = "has_locale_to_translate_to"
HOOK = "register_snippet_listing_buttons"


def with_locales_left(queryset):
    """``queryset`` with, on each record, whether some locale has no translation of it yet."""
    translated = queryset.model.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key"))
    ).values("locale_id")
    return queryset.annotate(**{LOCALES_LEFT: Exists(Locale.objects.exclude(id__in=translated))})


def translate_button(snippet, user, next_url=None):
    if not hasattr(snippet, LOCALES_LEFT):
        yield from simple_translation.register_snippet_listing_buttons(snippet, user, next_url)
    elif getattr(snippet, LOCALES_LEFT) and user.has_perm("simple_translation.submit_translation"):
        meta = snippet._meta
        url = reverse(
            "simple_translation:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(snippet.pk)],
        )
        yield MenuItem(_("Translate"), url, icon_name="globe", priority=100)


def replace_simple_translation_button() -> None:
    """Registers ``translate_button`` in place of simple_translation's hook. Wagtail has no
    public way to withdraw a hook, so this edits its registry (``wagtail.hooks._hooks``);
    tests/test_admin_queries.py fails if the original comes back."""
    registered = hooks._hooks.setdefault(HOOK, [])
    registered[:] = [
        (fn, order)
        for fn, order in registered
        if fn is not simple_translation.register_snippet_listing_buttons
    ]
    hooks.register(HOOK, translate_button)
