"""The demo archive: the site tree and the seed facts, each with its source, in our own words.

Every function here is idempotent: it finds what an earlier run made before making anything."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from wagtail.models import Locale, Page, Site

from . import synthetic_names
from .models import (
    ContentPage,
    Event,
    HomePage,
    Organisation,
    Person,
    Place,
    Precision,
    ReportedFigure,
    Source,
    StatementIndexPage,
    StatementPage,
    TimelineEntry,
)

LANGUAGES = ["en", "az", "tr", "ru"]
REPORT_TITLE = "News report on Türkiye's commemoration of the Khojaly Massacre (February 2026)"
ATTRIBUTION = "Azerbaijani figures"


@transaction.atomic
def load_demo(synthetic_people: int = 0) -> dict[str, int]:
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    places = _places()
    report = _report()
    event = _event(places["khojaly"])
    _figures(event, report)
    home = _site_tree(event)
    statement = _statement(home, event, report)
    _timeline(event, places, report, statement)
    created = generate_synthetic_people(synthetic_people, event, places["khojaly"])
    return {"synthetic_people_created": created}


def _places() -> dict[str, Place]:
    azerbaijan, _ = Place.objects.get_or_create(
        name="Azerbaijan", defaults={"alternative_names": "Azərbaycan\nАзербайджан"}
    )
    karabakh, _ = Place.objects.get_or_create(
        name="Karabakh",
        defaults={"parent": azerbaijan, "alternative_names": "Qarabağ\nКарабах"},
    )
    khojaly, _ = Place.objects.get_or_create(
        name="Khojaly",
        defaults={
            "parent": karabakh,
            "alternative_names": "Xocalı\nХоджалы\nKhojali",
            "latitude": "39.913000",
            "longitude": "46.790000",
        },
    )
    return {"azerbaijan": azerbaijan, "karabakh": karabakh, "khojaly": khojaly}


def _report() -> Source:
    report, _ = Source.objects.get_or_create(
        title=REPORT_TITLE,
        defaults={
            "kind": Source.Kind.NEWS_REPORT,
            "published": datetime.date(2026, 2, 1),
            "published_precision": Precision.MONTH,
            "language": "en",
            "notes": (
                "The report that commissioned this archive. It names neither its publisher, "
                "nor its author, nor its web address; they are recorded as unknown. "
                "Its figures are attributed in the report to Azerbaijani figures."
            ),
        },
    )
    return report


def _event(khojaly: Place) -> Event:
    event, _ = Event.objects.get_or_create(
        slug="khojaly-massacre",
        locale=Locale.get_default(),
        defaults={
            "name": "Khojaly Massacre",
            "start": datetime.date(1992, 2, 26),
            "start_precision": Precision.DAY,
            "place": khojaly,
            "summary": (
                "On 26 February 1992, shortly after the Soviet Union dissolved, Armenian forces "
                "captured the town of Khojaly in Azerbaijan's Karabakh region. According to the "
                "news report this archive starts from, the town was first shelled with heavy "
                "artillery and tanks, and the assault took about two hours."
            ),
        },
    )
    return event


FIGURES = [
    (ReportedFigure.Counts.KILLED, 613, ReportedFigure.Qualifier.EXACT, "Civilians killed"),
    (ReportedFigure.Counts.KILLED_WOMEN, 106, ReportedFigure.Qualifier.EXACT, ""),
    (ReportedFigure.Counts.KILLED_CHILDREN, 63, ReportedFigure.Qualifier.EXACT, ""),
    (ReportedFigure.Counts.KILLED_ELDERLY, 70, ReportedFigure.Qualifier.EXACT, ""),
    (ReportedFigure.Counts.INJURED, 487, ReportedFigure.Qualifier.EXACT, "Seriously injured"),
    (ReportedFigure.Counts.CAPTURED, 1275, ReportedFigure.Qualifier.EXACT, ""),
    (ReportedFigure.Counts.MISSING, 150, ReportedFigure.Qualifier.ABOUT, "Captives still missing"),
    (ReportedFigure.Counts.FAMILIES_WIPED_OUT, 8, ReportedFigure.Qualifier.EXACT, ""),
]


def _figures(event: Event, report: Source) -> None:
    for order, (counts, value, qualifier, wording) in enumerate(FIGURES):
        ReportedFigure.objects.get_or_create(
            event=event,
            counts=counts,
            attributed_to=ATTRIBUTION,
            source=report,
            defaults={
                "value": value,
                "qualifier": qualifier,
                "custom_label": wording,
                "sort_order": order,
            },
        )


def _site_tree(event: Event) -> HomePage:
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Khojaly Massacre, 26 February 1992",
            slug="home",
            event=event,
            introduction=(
                "A memorial archive of the Khojaly Massacre: the people it took, the statements "
                "that remember it, and the dates around it. Every figure here names its source."
            ),
        )
        # Wagtail's first-run welcome page holds the slug "home"; the archive replaces it.
        Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").delete()
        root.add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "site_name": "Memorial Archive"},
    )
    if not StatementIndexPage.objects.child_of(home).exists():
        index = StatementIndexPage(
            title="Statements",
            slug="statements",
            introduction="Official statements that commemorate or condemn the massacre.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for slug, title, text in ABOUT_PAGES:
        if not ContentPage.objects.child_of(home).filter(slug=slug).exists():
            page = ContentPage(title=title, slug=slug, body=[("paragraph", text)])
            home.add_child(instance=page)
            page.save_revision().publish()
    return home


ABOUT_PAGES = [
    (
        "about",
        "About this archive",
        "<p>This archive keeps the memory of the people of Khojaly. It gathers remembrance "
        "records of individual victims, the official statements issued on the anniversaries, "
        "and a timeline of what came before and after. Editors add records; a moderator checks "
        "each one before it is published.</p>",
    ),
    (
        "methodology",
        "Methodology",
        "<p>Every figure in the archive is a claim made by someone, shown with who made it and "
        "where it was published. Beside each reported figure the archive shows how many public "
        "records it holds in the same category; the two are different things and are never "
        "merged. Records are marked unverified, supported by one source, or corroborated. "
        "Records of living people, or of families who asked for it, are kept private.</p>"
        "<p>Records marked synthetic were generated to demonstrate the software and describe "
        "no real person.</p>",
    ),
]


def _statement(home: HomePage, event: Event, report: Source) -> StatementPage:
    existing = StatementPage.objects.filter(slug="turkiye-mfa-2026").first()
    if existing:
        return existing
    ministry, _ = Organisation.objects.get_or_create(
        name="Ministry of Foreign Affairs of the Republic of Türkiye",
        defaults={"country": "Türkiye", "kind": Organisation.Kind.GOVERNMENT},
    )
    index = StatementIndexPage.objects.child_of(home).get()
    statement = StatementPage(
        title="Türkiye's Ministry of Foreign Affairs on the 34th anniversary",
        slug="turkiye-mfa-2026",
        issuer=ministry,
        issued=datetime.date(2026, 2, 26),
        issued_precision=Precision.DAY,
        date_note=(
            "The report says only that the statement came on a Thursday at the anniversary; "
            "26 February 2026 was a Thursday, so that date is the likeliest."
        ),
        kind=StatementPage.Kind.PRESS_STATEMENT,
        original_language="tr",
        summary=(
            "Türkiye's foreign ministry condemned in strong terms the killing of civilians at "
            "Khojaly on 26 February 1992, described the atrocities as a disgrace to the "
            "conscience of humanity, and remembered the 613 people killed together with the "
            "wounded, those taken captive and those still missing."
        ),
        body=[
            (
                "paragraph",
                "<p>According to the news report, the ministry prayed for those who died and "
                "offered its condolences to the people of Azerbaijan. The report notes that "
                "Türkiye was one of the first countries to recognise the killings as a massacre "
                "and that it has called for justice for the victims.</p>",
            ),
        ],
    )
    index.add_child(instance=statement)
    statement.sources.add(report)
    statement.related_events.add(event)
    statement.save_revision().publish()
    return statement


TIMELINE = [
    (
        "dissolution-of-the-soviet-union",
        "The Soviet Union dissolves",
        datetime.date(1991, 12, 1),
        Precision.MONTH,
        None,
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        None,
        "The Soviet Union comes apart at the end of 1991; the news report places the events at "
        "Khojaly shortly after.",
    ),
    (
        "first-karabakh-war",
        "The First Karabakh War",
        datetime.date(1990, 1, 1),
        Precision.DECADE,
        None,
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        "karabakh",
        "In the early 1990s, according to the news report, Armenian forces occupied Karabakh "
        "and seven neighbouring regions, Khojaly among the places affected, and mass killings "
        "and burials took place in the region.",
    ),
    (
        "khojaly-massacre",
        "Khojaly is taken: the massacre",
        datetime.date(1992, 2, 26),
        Precision.DAY,
        None,
        Precision.DAY,
        TimelineEntry.Category.EVENT,
        "khojaly",
        "After shelling the town with heavy artillery and tanks, Armenian forces take Khojaly in "
        "an assault the report says lasted about two hours. According to Azerbaijani figures "
        "cited in the report, 613 civilians were killed.",
    ),
    (
        "44-day-war",
        "The 44-day war",
        datetime.date(2020, 9, 27),
        Precision.DAY,
        datetime.date(2020, 11, 10),
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        "karabakh",
        "In the autumn of 2020, over 44 days, Azerbaijan regains several cities, villages and "
        "settlements in Karabakh after some thirty years, as the report puts it.",
    ),
    (
        "september-2023-operation",
        "Azerbaijan restores full sovereignty over Karabakh",
        datetime.date(2023, 9, 19),
        Precision.DAY,
        datetime.date(2023, 9, 20),
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        "karabakh",
        'In September 2023, in an operation Azerbaijan called "anti-terrorist", separatist '
        "forces surrender and, according to the report, Azerbaijan establishes full sovereignty "
        "over Karabakh.",
    ),
    (
        "turkiye-statement-2026",
        "Türkiye's foreign ministry marks the anniversary",
        datetime.date(2026, 2, 26),
        Precision.DAY,
        None,
        Precision.DAY,
        TimelineEntry.Category.COMMEMORATION,
        None,
        "On the 34th anniversary, Türkiye's Ministry of Foreign Affairs issues a statement of "
        'commemoration (most likely on 26 February 2026; the report says only "Thursday").',
    ),
]


def _timeline(event: Event, places: dict[str, Place], report: Source, statement) -> None:
    for slug, title, start, precision, end, end_precision, category, place, summary in TIMELINE:
        if TimelineEntry.objects.filter(slug=slug, locale=Locale.get_default()).exists():
            continue
        entry = TimelineEntry.objects.create(
            slug=slug,
            title=title,
            start=start,
            start_precision=precision,
            end=end,
            end_precision=end_precision,
            category=category,
            event=event,
            place=places.get(place) if place else None,
            summary=summary,
        )
        entry.sources.add(report)
        if slug == "turkiye-statement-2026":
            entry.related_statements.add(statement)
        entry.save_revision().publish()


FATES = [
    (Person.Fate.KILLED, 50),
    (Person.Fate.WOUNDED, 20),
    (Person.Fate.CAPTIVE, 10),
    (Person.Fate.MISSING, 5),
    (Person.Fate.RELEASED, 5),
    (Person.Fate.SURVIVED, 10),
]
SYNTHETIC_NOTE = (
    "<p>This is a synthetic record, generated to demonstrate the archive. "
    "It does not describe a real person.</p>"
)


def synthetic_person(number: int, event: Event, place: Place, locale: Locale) -> Person:
    """One generated record, flagged synthetic. Deterministic in ``number``."""
    rng = random.Random(number)  # noqa: S311 - reproducible demo data, not secrets
    sex = rng.choice([Person.Sex.FEMALE, Person.Sex.MALE])
    given, family = synthetic_names.draw(rng, female=sex == Person.Sex.FEMALE)
    fate = rng.choices([f for f, _ in FATES], weights=[w for _, w in FATES])[0]
    born = datetime.date(rng.randint(1910, 1991), rng.randint(1, 12), rng.randint(1, 28))
    person = Person(
        family_name=family.azerbaijani,
        given_name=given.azerbaijani,
        sex=sex,
        born=born,
        born_precision=rng.choice([Precision.DAY, Precision.YEAR]),
        fate=fate,
        fate_date=datetime.date(1992, 2, 26),
        fate_date_precision=Precision.DAY,
        fate_place=place,
        residence=place,
        event=event,
        biography=SYNTHETIC_NOTE,
        verification=Person.Verification.UNVERIFIED,
        is_synthetic=True,
        external_id=f"synthetic-{number}",
        locale=locale,
        live=True,
        has_unpublished_changes=False,
    )
    person.update_derived_fields()  # bulk_create skips save()
    return person


def generate_synthetic_people(count: int, event: Event, place: Place, batch: int = 2000) -> int:
    """Create synthetic-1 … synthetic-N, skipping those already there; returns how many were new."""
    if count <= 0:
        return 0
    locale = Locale.get_default()
    existing = set(
        Person.objects.filter(external_id__startswith="synthetic-").values_list(
            "external_id", flat=True
        )
    )
    wanted = [n for n in range(1, count + 1) if f"synthetic-{n}" not in existing]
    for start in range(0, len(wanted), batch):
        Person.objects.bulk_create(
            synthetic_person(n, event, place, locale) for n in wanted[start : start + batch]
        )
    return len(wanted)
