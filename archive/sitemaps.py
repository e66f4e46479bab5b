"""sitemap.xml: every public address in every site language, and nothing else.

Records get one sitemap per language, each a plain queryset the sitemap paginates in the
database, so a page of the sitemap costs the same at 100,000 records as at a hundred."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from archive.models import Family, Person, Place
from archive.models.pages import public_pages

from .site.languages import page_url

PLACEHOLDER = 987654321987  # a key no record has, replaced in the reversed address


class PageSitemap(Sitemap):
    """Live, public pages of every locale's tree, under each language prefix that serves them."""

    def items(self):
        pages = public_pages().filter(depth__gt=1).select_related("locale")
        items = []
        for page in pages.order_by("path"):
            urls = {page_url(page, None, code) for code, _name in settings.LANGUAGES}
            items.extend((page, url) for url in sorted(urls) if url)
        return items

    def location(self, item):
        return item[1]

    def lastmod(self, item):
        return item[0].last_published_at


class SectionSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return ["person_list", "place_list", "timeline", "figures", "sources", "search"]

    def location(self, name):
        return reverse(f"archive:{name}")


class RecordSitemap(Sitemap):
    """One kind of record, in one language."""

    limit = 5000
    url_name = ""

    def __init__(self, language_code: str):
        self.language_code = language_code

    @cached_property
    def url_template(self) -> str:
        # Reversed once (and not before the URLconf is loaded): per record, reverse() would cost
        # more than all the rest of the sitemap.
        with translation.override(self.language_code):
            url = reverse(self.url_name, args=[PLACEHOLDER])
        return url.replace(str(PLACEHOLDER), "{}")

    def location(self, record):
        return self.url_template.format(record.pk)


class PersonSitemap(RecordSitemap):
    url_name = "archive:person_detail"

    def items(self):
        return Person.objects.public().order_by("pk").only("pk", "last_published_at")

    def lastmod(self, person):
        return person.last_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class FamilySitemap(RecordSitemap):
    url_name = "archive:family_detail"

    def items(self):
        return Family.objects.public().order_by("pk").only("pk")


class PlaceSitemap(RecordSitemap):
    """Each public place once, by the id of its version in the sitemap's language (or of its
    original), as the site's own links to it read."""

    url_name = "archive:place_detail"

    def items(self):
        return Place.objects.public().localized(self.language_code).order_by("pk").only("pk")


def sitemaps() -> dict[str, Sitemap]:
    records = {}
    for code, _name in settings.LANGUAGES:
        records[f"people-{code}"] = PersonSitemap(code)
        records[f"families-{code}"] = FamilySitemap(code)
        records[f"places-{code}"] = PlaceSitemap(code)
    return {"pages": PageSitemap, "sections": SectionSitemap, **records}
