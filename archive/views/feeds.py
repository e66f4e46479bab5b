"""Atom feeds of the statements and of the timeline, in the language of their address."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from archive.models import StatementPage, TimelineEntry
from archive.site.languages import home_page, page_url

ITEMS_PER_FEED = 50


class StatementFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        # The feed object is the visitor's home page: statements are read in its tree.
        return home_page(request)

    def title(self):
        return gettext("Statements · Memorial Archive")

    def subtitle(self):
        return gettext("Official statements that commemorate the events the archive records.")

    def link(self, home):
        return page_url(home, None) if home else "/"

    def items(self, home):
        statements = StatementPage.objects.public()
        if home is not None:
            statements = statements.descendant_of(home)
        return statements.for_listing()[:ITEMS_PER_FEED]

    def item_title(self, statement):
        return statement.title

    def item_description(self, statement):
        return statement.summary

    def item_link(self, statement):
        return page_url(statement, None)

    def item_author_name(self, statement):
        return statement.issuer.name

    def item_pubdate(self, statement):
        return statement.first_published_at

    def item_updateddate(self, statement):
        return statement.last_published_at


class TimelineFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return gettext("Timeline · Memorial Archive")

    def subtitle(self):
        return gettext("Entries on the archive's timeline, newest first.")

    def link(self):
        return reverse("archive:timeline")

    def items(self):
        return TimelineEntry.objects.public().localized().order_by("-start", "-pk")[:ITEMS_PER_FEED]

    def item_title(self, entry):
        return f"{entry.when}: {entry.title}"

    def item_description(self, entry):
        return entry.summary

    def item_pubdate(self, entry):
        return entry.first_published_at

    def item_updateddate(self, entry):
        return entry.last_published_at
