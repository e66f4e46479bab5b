"""Factories for test data. Every person they make is flagged synthetic."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page

from archive import models


class LocaleDefault(factory.LazyFunction):
    def __init__(self):
        super().__init__(Locale.get_default)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Place

    name = factory.Sequence(lambda n: f"Test place {n}")
    locale = LocaleDefault()


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Test source {n}")
    kind = models.Source.Kind.NEWS_REPORT
    locale = LocaleDefault()


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    name = factory.Sequence(lambda n: f"Test event {n}")
    slug = factory.Sequence(lambda n: f"test-event-{n}")
    start = datetime.date(1992, 2, 26)
    locale = LocaleDefault()


class PersonFactory(factory.django.DjangoModelFactory):
    """A published, public, synthetic record."""

    class Meta:
        model = models.Person

    family_name = factory.Sequence(lambda n: f"Testov{n}")
    given_name = "Synthetic"
    fate = models.Person.Fate.KILLED
    fate_date = datetime.date(1992, 2, 26)
    is_synthetic = True
    live = True
    locale = LocaleDefault()


class DocumentedPersonFactory(PersonFactory):
    """A record that stands for a documented person, for testing documented counts. It lives
    only in the throwaway test database; its name says it is a test record."""

    is_synthetic = False


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportedFigure

    event = factory.SubFactory(EventFactory)
    counts = models.ReportedFigure.Counts.KILLED
    value = 613
    attributed_to = "Azerbaijani figures"
    source = factory.SubFactory(SourceFactory)
    locale = LocaleDefault()


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TimelineEntry

    title = factory.Sequence(lambda n: f"Test entry {n}")
    slug = factory.Sequence(lambda n: f"test-entry-{n}")
    start = datetime.date(1992, 2, 26)
    summary = "A test entry."
    live = True
    locale = LocaleDefault()


def user_in(group_name: str, username: str | None = None):
    user = get_user_model().objects.create_user(
        username=username or group_name.lower(), password="pw", email=""
    )
    user.groups.add(Group.objects.get(name=group_name))
    # Wagtail admin access is a permission the default groups carry.
    return user


def statements_index():
    """A home page with a statements index, outside the demo's tree."""
    home = models.HomePage(title="Home", slug="statements-home", event=EventFactory())
    home = Page.get_first_root_node().add_child(instance=home)
    return home.add_child(instance=models.StatementIndexPage(title="Statements", slug="statements"))


def statement_drafts(index, user, count=3, title="Statement"):
    """Statements under ``index`` saved as drafts by ``user``, as the page editor's "Save draft"
    leaves them."""
    issuer = models.Organisation.objects.create(name="A ministry", locale=Locale.get_default())
    pages = []
    for number in range(count):
        page = index.add_child(
            instance=models.StatementPage(
                title=f"{title} {number}",
                slug=f"{title.lower()}-{number}",
                issuer=issuer,
                issued=datetime.date(2026, 2, 26),
                summary="A summary.",
                live=False,
                owner=user,
            )
        )
        page.save_revision(user=user)
        pages.append(page)
    return pages
