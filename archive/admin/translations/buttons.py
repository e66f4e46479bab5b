"""The "Translate" button of snippet listings, without a query per row.

wagtail-localize adds it with a ``register_snippet_listing_buttons`` hook that asks the
database, row by row, whether a locale is left to translate into and whether the row is the
source of translations (three queries a row; under simple_translation, the one query a row
was 47 of the 65 queries of a page of 50 people, and 220 ms of its 600 at 100,000 people,
bench/RESULTS.md). A listing annotates the first answer on its rows (``with_locales_left``)
and ``translate_button`` reads it; a row without the annotation is asked once. Its "Sync
translated snippets" button is not needed: a change to an original marks its translations
out of date by itself (``sync``)."""

from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale

from .scope import is_translated, may_translate

LOCALES_LEFT = "has_locale_to_translate_to"


def with_locales_left(queryset):
    """``queryset`` with, on each record, whether some locale has no version of it yet."""
    translated = queryset.model.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key"))
    ).values("locale_id")
    return queryset.annotate(**{LOCALES_LEFT: Exists(Locale.objects.exclude(id__in=translated))})


def _has_locales_left(snippet) -> bool:
    if hasattr(snippet, LOCALES_LEFT):
        return getattr(snippet, LOCALES_LEFT)
    return Locale.objects.exclude(
        id__in=snippet.get_translations(inclusive=True).values("locale_id")
    ).exists()


def translate_button(snippet, user, next_url=None):
    if not is_translated(type(snippet)) or not _has_locales_left(snippet):
        return
    if may_translate(user, snippet):
        meta = snippet._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(snippet.pk)],
        )
        yield Button(
            _("Translate"),
            url,
            attrs={"aria-label": _("Translate '%(title)s'") % {"title": snippet}},
            icon_name="wagtail-localize-language",
            priority=100,
        )
