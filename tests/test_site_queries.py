"""Every public page costs the same number of queries whatever the archive holds."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive.models import (
    Event,
    Family,
    FamilyMembership,
    Organisation,
    Person,
    ReportedFigure,
    StatementIndexPage,
    StatementPage,
)
from archive.models import Testimony as PersonTestimony  # not collected as a test class
from tests.factories import FigureFactory, PersonFactory, SourceFactory, TimelineEntryFactory


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py). The archive built on it is shared too."""


class Archive:
    """The demo archive, plus a person and a family that every batch of records adds to."""

    def __init__(self):
        self.event = Event.objects.get(slug="khojaly-massacre")
        self.index = StatementIndexPage.objects.get(slug="statements")
        self.issuer = Organisation.objects.first()
        self.statement = StatementPage.objects.get(slug="turkiye-mfa-2026")
        self.family = Family.objects.create(name="The Testov family", whole_family_killed=True)
        self.subject = PersonFactory(event=self.event)
        FamilyMembership.objects.create(family=self.family, person=self.subject)
        self.added = 0

    def add(self, count: int) -> None:
        """``count`` more of everything a public page lists, each with its relations."""
        for _ in range(count):
            self.added += 1
            source = SourceFactory()
            person = PersonFactory(
                event=self.event,
                fate=[Person.Fate.KILLED, Person.Fate.MISSING][self.added % 2],
                stated_age=self.added,
            )
            person.sources.add(source)
            person.save()
            FamilyMembership.objects.create(family=self.family, person=person)
            self.subject.sources.add(source)
            PersonTestimony.objects.create(person=self.subject, text="…", source=source)
            entry = TimelineEntryFactory(event=self.event)
            entry.sources.add(source)
            entry.related_people.add(person)
            entry.related_statements.add(self.statement)
            entry.save()
            statement = StatementPage(
                title=f"Statement {self.added}",
                slug=f"statement-{self.added}",
                issuer=self.issuer,
                issued=datetime.date(2000 + self.added, 1, 1),
                summary="A test statement.",
            )
            self.index.add_child(instance=statement)
            statement.sources.add(source)
            statement.save()
            FigureFactory(
                event=self.event,
                counts=ReportedFigure.Counts.CUSTOM,
                custom_label="Other",
                source=source,
            )
        self.subject.save()


def queries_for(client, path: str) -> tuple[int, int]:
    """The status of a second request for ``path`` and its number of queries (the first
    request fills Wagtail's site-root cache)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured)


PAGES = {
    "home": lambda archive: "/en/",
    "people index": lambda archive: "/en/people/",
    "people search": lambda archive: "/en/people/?q=Testov&fate=killed",
    "memorial page": lambda archive: archive.subject.get_absolute_url(),
    "family page": lambda archive: archive.family.get_absolute_url(),
    "timeline": lambda archive: "/en/timeline/",
    "figures": lambda archive: "/en/figures/",
    "sources": lambda archive: "/en/sources/",
    "statements index": lambda archive: "/en/statements/",
    "statement page": lambda archive: "/en/statements/turkiye-mfa-2026/",
    "search": lambda archive: "/en/search/?q=Test",
    "sitemap of people": lambda archive: "/sitemap-people-az.xml",
    "statements feed": lambda archive: "/en/feeds/statements/",
    "timeline feed": lambda archive: "/en/feeds/timeline/",
}


@pytest.fixture(scope="module")
def _archive_grown(module_rows, _demo_for_module):
    """The archive with few records, each page's status and queries then (each page from
    empty caches, as a test starts), and the archive grown by a dozen more of everything.
    Built once for the module: each test then only asks its page again."""
    with module_rows():
        archive = Archive()
        archive.add(2)
        client = Client()
        few = {}
        for page, path in PAGES.items():
            for cache in caches.all():
                cache.clear()
            few[page] = queries_for(client, path(archive))
        archive.add(12)
        return archive, few


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_page_queries_do_not_grow_with_the_archive(client, demo, _archive_grown, page):
    archive, before = _archive_grown
    path = PAGES[page](archive)
    (few_status, few), (many_status, many) = before[page], queries_for(client, path)

    assert (few_status, many_status) == (200, 200), path
    assert few == many, f"{page}: {few} queries with few records, {many} with more"
