"""The site's main navigation: fixed sections with translated labels, then the pages editors
add under the home page (about, methodology ...) by their own titles."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from archive.caching import remembered
from archive.models import StatementIndexPage
from archive.models.pages import public_pages

from .languages import home_page, page_url


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    is_current: bool = False
    lang: str = ""  # set when the label is a page title in another language than the page


def navigation(request) -> list[NavItem]:
    """The items, looked up once per content generation, language and site (one query for the
    home page's children); which one is current is worked out for each request."""
    items, home_url = remembered(
        "navigation",
        lambda: _items(request),
        get_language(),
        request.get_host(),
        request.get_port(),
        request=request,
        depends_on=(),
    )
    return [
        NavItem(label, url, _is_current(request.path, url, url == home_url), lang)
        for label, url, lang in items
    ]


def _items(request) -> tuple[list[tuple[str, str, str]], str | None]:
    home = home_page(request)
    sections = {}
    editorial = []
    if home is not None:
        sections["home"] = page_url(home, request)
        for child in public_pages().child_of(home).select_related("locale"):
            if child.specific_class is StatementIndexPage:
                sections.setdefault("statements", page_url(child, request))
            else:
                own_language = child.locale.language_code
                lang = own_language if own_language != get_language() else ""
                editorial.append((child.title, page_url(child, request), lang))
    items = [
        (_("Home"), sections.get("home"), ""),
        (_("People"), reverse("archive:person_list"), ""),
        (_("Places"), reverse("archive:place_list"), ""),
        (_("Statements"), sections.get("statements"), ""),
        (_("Timeline"), reverse("archive:timeline"), ""),
        (_("Figures"), reverse("archive:figures"), ""),
        (_("Sources"), reverse("archive:sources"), ""),
        *editorial,
        (_("Search"), reverse("archive:search"), ""),
    ]
    return [item for item in items if item[1]], sections.get("home")


def _is_current(path: str, url: str, is_home: bool) -> bool:
    return path == url if is_home else path.startswith(url)
