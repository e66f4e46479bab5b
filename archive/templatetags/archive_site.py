"""Template tags of the public site: navigation, languages, page links, structured data."""

from __future__ import annotations

import functools
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from archive.caching import memo
from archive.fastpaths import related_rows
from archive.models import Event, Organisation, Place, Source
from archive.models.places import MOST_NESTED
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


@register.simple_tag(takes_context=True)
def absolute_address(context, url: str) -> str:
    """``url`` as a full address; a stored file's may be one already (media in a bucket)."""
    return context["request"].build_absolute_uri(url)


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


@register.simple_tag(takes_context=True)
def source_link(context, source) -> str:
    """A link to the source's entry in the bibliography, named as running text names it, in
    the page's language where the source is translated (marked where it is not)."""
    source = localized(context, source)
    return format_html(
        '<a href="{}#source-{}"{}>{}</a>',
        reverse("archive:sources"),
        source.pk,
        content_lang(context, source),
        source.attribution,
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
    """` lang="…" data-untranslated` for an element holding an object's own text when that
    text is in another language than the page around it, as when an untranslated original
    stands in for a translation (see :class:`UntranslatedNoticeNode`). Locales are read once
    per content generation."""
    code = _language_of(context, obj)
    return format_html(' lang="{}" data-untranslated', code) if code else ""


def _language_of(context, obj) -> str:
    """The language of ``obj``'s text when it is not the page's, else ""."""
    code = languages.locale_codes(context.get("request")).get(getattr(obj, "locale_id", None))
    return code if code and code != get_language() else ""


@register.simple_tag(takes_context=True)
def record_text(context, obj, text=None) -> str:
    """``text`` (by default the record's name) as part of running text, marked with its
    language when the record has no translation into the page's (see :func:`content_lang`)."""
    text = str(obj) if text is None else text
    code = _language_of(context, obj)
    return format_html('<span lang="{}" data-untranslated>{}</span>', code, text) if code else text


@register.simple_tag(takes_context=True)
def place_chain(context, place) -> str:
    """ "Xocalı, Qarabağ, Azərbaycan": a place and the places it lies within, each a link to its
    page, its name marked as :func:`record_text` marks it. ``place`` comes with its parents (a
    localized directory's, or ``select_related``)."""
    links = []
    while place is not None and len(links) < MOST_NESTED:
        name = record_text(context, place, place.name)
        links.append((place.get_absolute_url(), name))
        place = place.parent
    return format_html_join(", ", '<a href="{}">{}</a>', links)


# Reference records a link may lead to, read whole per language (see localized_directory).
_LOCALIZED = (Place, Source, Organisation, Event)


@register.simple_tag(takes_context=True)
def localized(context, obj):
    """The record ``obj`` links to, as readers of the page's language read it: its translation
    where there is one, else ``obj`` itself. For reference records (places, sources,
    organisations, events), from a directory read once per content generation; a place comes
    with its parents."""
    if not isinstance(obj, _LOCALIZED):
        return obj
    request = context.get("request")
    if isinstance(obj, Place):
        found = related_rows.place_directory(request, get_language())
    else:
        found = related_rows.localized_directory(type(obj), get_language(), request)
    return found.get(obj.pk, obj)


class UntranslatedNoticeNode(template.Node):
    """Renders its content, and before it, where some of that content is an untranslated
    original (an element that :func:`content_lang` or :func:`record_text` marked), a note
    saying so in the page's language. Read from the rendered text, so that fragments served
    from the cache count too."""

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        if "data-untranslated" not in content:
            return content
        notice = render_to_string("includes/untranslated_notice.html")
        return mark_safe(notice + content)  # noqa: S308 - both rendered by templates


@register.tag
def untranslated_notice(parser, token):
    nodelist = parser.parse(("end_untranslated_notice",))
    parser.delete_first_token()
    return UntranslatedNoticeNode(nodelist)
