"""Records for the API tests, with every relation the API shows filled in.

Every person made here is synthetic (see tests/factories.py), except the restricted ones."""

import datetime

from wagtail.models import Locale, Page, PageViewRestriction

from archive.models import (
    Family,
    FamilyMembership,
    Organisation,
    Person,
    StatementIndexPage,
    StatementPage,
    Testimony,
)
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    FigureFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
)


def statement(title: str = "A statement", *, live: bool = True, **fields) -> StatementPage:
    """A statement page under the demo's statements index (load the demo first)."""
    index = StatementIndexPage.objects.first()
    issuer = fields.pop("issuer", None) or Organisation.objects.create(
        name=f"Ministry for {title}", country="Türkiye", locale=Locale.get_default()
    )
    page = StatementPage(
        title=title,
        slug=fields.pop("slug", None) or f"statement-{Page.objects.count()}",
        issuer=issuer,
        issued=fields.pop("issued", datetime.date(2026, 2, 26)),
        summary=fields.pop("summary", "A summary."),
        live=live,
        **fields,
    )
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def private(page: Page) -> Page:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return page


def family_of(people, name: str = "The Testov family", **fields) -> Family:
    family = Family.objects.create(name=name, locale=Locale.get_default(), **fields)
    for person in people:
        FamilyMembership.objects.create(family=family, person=person, relationship="child")
    return family


def archive_of(size: int, event=None) -> dict:
    """``size`` records of every kind, each with all its relations, sharing one event."""
    event = event or EventFactory(place=PlaceFactory())
    source = SourceFactory()
    people = []
    for number in range(size):
        place = PlaceFactory(parent=event.place)
        EventFactory(place=place)
        person = PersonFactory(
            event=event, residence=place, fate_place=place, birth_place=PlaceFactory()
        )
        person.sources.add(source, SourceFactory())
        person.save()  # parental many-to-many relations are written on save
        Testimony.objects.create(person=person, text=f"Testimony {number}", source=source)
        people.append(person)
        family_of([person, PersonFactory(event=event)], name=f"Family {number}")
        FigureFactory(event=event, source=source, counts="custom", custom_label=f"Count {number}")
        page = statement(f"Statement {number}")
        page.sources.add(source)
        page.related_events.add(event)
        page.save_revision().publish()
        entry = TimelineEntryFactory(event=event, place=place)
        entry.sources.add(source)
        entry.related_people.add(person)
        entry.related_statements.add(page)
        entry.save()
    return {"event": event, "source": source, "people": people}


def restricted_person(**fields) -> Person:
    """A restricted record of a documented (not synthetic) person: synthetic records are
    left out of counts anyway, so they could not show that restriction hides them."""
    return DocumentedPersonFactory(visibility=Person.Visibility.RESTRICTED, **fields)


def translated(record, locale, **fields):
    """A saved version of ``record`` in ``locale`` (a Locale), with ``fields`` changed."""
    version = record.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(version, name, value)
    version.save()
    return version
