"""sitemap.xml: every public address in every site language, and nothing else."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.models import Page

from archive.models import Family, Person

from .views.languages import page_url


class PageSitemap(Sitemap):
    """Live, public pages of every locale's tree, under each language prefix that serves them."""

    def items(self):
        pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
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
        return ["person_list", "timeline", "figures", "sources", "search"]

    def location(self, name):
        return reverse(f"archive:{name}")


class PersonSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Person.objects.public().order_by("pk").only("pk", "last_published_at")

    def lastmod(self, person):
        return person.last_published_at


class FamilySitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Family.objects.public().order_by("pk").only("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "sections": SectionSitemap,
    "people": PersonSitemap,
    "families": FamilySitemap,
}
