"""Which address a page has in each of the site's languages, and the visitor's home page.

Every public address starts with a language prefix (/en/, /az/ ...). Django views answer under
every prefix. Wagtail pages answer under their own locale's prefix, and also under the prefix of
any language whose home page has not been translated, because Wagtail then serves the original
tree there. Links keep the visitor's language wherever the page can be read under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override
from wagtail.models import Locale, Page, Site

from archive.caching import remembered
from archive.models.pages import public_pages


def home_page(request) -> Page | None:
    """The live home page in the visitor's language, or the original where there is none."""
    if not hasattr(request, "_archive_home_page"):
        site = Site.find_for_request(request)
        request._archive_home_page = site.root_page.localized if site else None
    return request._archive_home_page


def locale_codes(request=None) -> dict[int, str]:
    """The language code of each locale, by id, read once per content generation."""
    return remembered(
        "locale-codes",
        lambda: dict(Locale.objects.values_list("pk", "language_code")),
        request=request,
        depends_on=(),
    )


def languages_with_own_tree() -> set[str]:
    """Languages whose home page has been translated (read from Wagtail's cached site roots)."""
    return {root.language_code for root in Site.get_site_root_paths()}


def page_url(page: Page, request, language_code: str | None = None) -> str | None:
    """Where to read ``page`` in ``language_code`` (the active language by default): under that
    language's prefix where Wagtail serves it there, otherwise at the page's own address."""
    language_code = language_code or get_language()
    url = page.get_url(request)
    own_language = page.locale.language_code
    if not url or own_language == language_code or language_code in languages_with_own_tree():
        return url
    prefix = f"/{own_language}/"
    if urlsplit(url).netloc or not url.startswith(prefix):
        return url
    return f"/{language_code}/{url[len(prefix) :]}"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    absolute_url: str  # for hreflang links


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    """The same page in every site language, for the language switcher and hreflang links."""
    urls = _view_urls(request) if page is None else _page_urls(page, request)
    current = get_language()
    origin = f"{request.scheme}://{request.get_host()}"
    return [
        LanguageLink(
            code,
            get_language_info(code)["name_local"],
            urls[code],
            code == current,
            f"{origin}{urls[code]}",
        )
        for code, _name in settings.LANGUAGES
    ]


def _view_urls(request) -> dict[str, str]:
    """The address of the view being shown under each language's prefix, query string kept:
    Django's ``translate_url``, reusing the request's own URL match instead of resolving the
    address once per language."""
    match = request.resolver_match
    full_path = request.get_full_path()
    if match is None:
        return {code: translate_url(full_path, code) for code, _name in settings.LANGUAGES}
    query = urlsplit(full_path).query
    urls = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            try:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = full_path
            else:
                url = f"{url}?{query}" if query else url
        urls[code] = url
    return urls


def _page_urls(page: Page, request) -> dict[str, str | None]:
    if getattr(request, "is_preview", False):
        return _translation_urls(page, request)  # a draft's address must never be remembered
    return remembered(
        "page-languages",
        lambda: _translation_urls(page, request),
        page.pk,
        request.get_host(),
        request.get_port(),
        request=request,
        depends_on=(),
    )


def _translation_urls(page: Page, request) -> dict[str, str | None]:
    translations = {
        translation.locale.language_code: translation
        for translation in public_pages()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
    }
    return {
        code: translations[code].get_url(request)
        if code in translations
        else page_url(page, request, code)
        for code, _name in settings.LANGUAGES
    }
