"""Template tags of the public site: navigation, languages, page links, structured data."""

from __future__ import annotations

import functools
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from archive.caching import memo, remembered
from archive.site import languages, navigation, structured_data

register = template.Library()

# As django.utils.html.json_script: no "</script>" or "<!--" can survive inside the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

_AZERBAIJANI_CYRILLIC = set("әғҹһөүјӘҒҸҺӨҮЈ")


register.tag("memo", memo)


@register.simple_tag(takes_context=True)
def site_navigation(context):
    return navigation.navigation(context["request"])


@register.simple_tag(takes_context=True)
def language_links(context):
    page = context.get("page")
    return languages.language_links(context["request"], page if isinstance(page, Page) else None)


@register.simple_tag(takes_context=True)
def page_link(context, page):
    """The page's address in the visitor's language (see archive.site.languages.page_url)."""
    return languages.page_url(page, context["request"])


@register.filter
def jsonld(data) -> str:
    """``data`` as a schema.org JSON-LD element, escaped like ``json_script``."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # safe: escaped on this line
    )


@register.simple_tag(takes_context=True)
def page_structured_data(context) -> str:
    """The JSON-LD of the editorial page being rendered (see structured_data.editorial_page)."""
    return jsonld(structured_data.editorial_page(context["request"], context["page"], context))


def name_language(text: str) -> str:
    """A language tag for a name, when its letters tell: Azerbaijani (Latin ə, or Azerbaijani
    Cyrillic letters), otherwise Russian for Cyrillic. Empty when the letters do not tell."""
    if any(letter in _AZERBAIJANI_CYRILLIC for letter in text):
        return "az-Cyrl"
    if any("\u0400" <= letter <= "\u04ff" for letter in text):
        return "ru"
    if "ə" in text.casefold():
        return "az"
    return ""


@register.filter
def bdi(name) -> str:
    """A person's or a family's name in running text, a heading or a list: isolated from the
    text around it, since names may be written in a script of the other direction, and tagged
    with its language where its letters tell (see :func:`name_language`)."""
    text = str(name or "")
    code = name_language(text)
    if code:
        return format_html('<bdi lang="{}">{}</bdi>', code, text)
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def choice_label(obj, field_name: str):
    """What ``obj.get_<field_name>_display()`` gives, from a table made once per field: Django's
    method rebuilds the field's table of choices, translating each one, on every call."""
    field = obj._meta.get_field(field_name)
    value = getattr(obj, field.attname)
    return _choice_labels(field).get(value, value)


@functools.cache
def _choice_labels(field) -> dict:
    return dict(field.flatchoices)


@register.filter
def lines(text) -> list[str]:
    """The non-empty lines of a text field (alternative spellings, one per line)."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


@register.filter
def source_link(source) -> str:
    """A link to the source's entry in the bibliography, named as running text names it."""
    return format_html(
        '<a href="{}#source-{}">{}</a>', reverse("archive:sources"), source.pk, source.attribution
    )


@register.filter
def language_name(code) -> str:
    """A language code in the visitor's language ("tr" → "Turkish"); other text as it is."""
    try:
        return get_language_info(str(code))["name_translated"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def content_lang(context, obj) -> str:
    """` lang="…"` for an element holding an object's own text when that text is in another
    language than the page around it, as when an untranslated original stands in for a
    translation. Locales are read once per content generation."""
    codes = remembered(
        "locale-codes",
        lambda: dict(Locale.objects.values_list("pk", "language_code")),
        request=context.get("request"),
    )
    code = codes.get(getattr(obj, "locale_id", None))
    return format_html(' lang="{}"', code) if code and code != get_language() else ""
