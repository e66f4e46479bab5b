"""The demo archive: the site tree and the seed facts, each with its source, in the archive's
four languages (the wording is in :mod:`.wording`).

The English originals are made first, then their translations (see :mod:`.translating`), so
every record and page of the demo can be read in each language. Every function here is
idempotent: it finds what an earlier run made before making anything."""

from __future__ import annotations

import datetime

from django.db import transaction
from wagtail.models import Locale, Page, Site

from archive.models import (
    ContentPage,
    Event,
    HomePage,
    Organisation,
    Place,
    Precision,
    ReportedFigure,
    Source,
    StatementIndexPage,
    StatementPage,
    TimelineEntry,
)

from . import wording
from .synthetic import generate_synthetic_families, generate_synthetic_people
from .translating import translation

LANGUAGES = ["en", "az", "tr", "ru"]  # the original first


@transaction.atomic
def load_demo(synthetic_people: int = 0, languages: list[str] = LANGUAGES) -> dict[str, int]:
    """Make what is missing of the demo in ``languages`` (the English originals always).

    Each language's translations cost about as much as the originals (about 1,300 queries,
    2 s on a loaded test machine), so tests that read the site in English load the originals
    alone."""
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    translated = [code for code in languages if code != LANGUAGES[0]]
    places = _places(translated)
    report = _report(translated)
    event = _event(places["khojaly"], translated)
    _figures(event, report, translated)
    home = _site_tree(event, translated)
    statement = _statement(home, event, report, translated)
    _timeline(event, places, report, statement, translated)
    created = generate_synthetic_people(synthetic_people, event, places["khojaly"])
    generate_synthetic_families(synthetic_people, translated)
    return {"synthetic_people_created": created}


def _in_languages(original, texts: dict[str, dict], languages: list[str]) -> None:
    for language in languages:
        translation(original, language, texts[language])


def _places(languages: list[str]) -> dict[str, Place]:
    places, parent = {}, None
    for key in ("azerbaijan", "karabakh", "khojaly"):
        names = wording.PLACES[key]
        spellings = [*names.values(), *wording.OTHER_SPELLINGS.get(key, [])]
        place, _ = Place.objects.get_or_create(
            name=names["en"],
            locale=Locale.get_default(),
            defaults={"parent": parent, "alternative_names": _others(spellings, names["en"])},
        )
        if key == "khojaly" and place.latitude is None:
            place.latitude, place.longitude = "39.913000", "46.790000"
            place.save()
        _in_languages(
            place,
            {
                language: {"name": name, "alternative_names": _others(spellings, name)}
                for language, name in names.items()
            },
            languages,
        )
        places[key] = parent = place
    return places


def _others(spellings: list[str], name: str) -> str:
    """Every spelling but ``name``, one per line: each version of a place lists the others,
    so a search in any spelling or script finds it."""
    return "\n".join(spelling for spelling in spellings if spelling != name)


def _report(languages: list[str]) -> Source:
    report, _ = Source.objects.get_or_create(
        title=wording.REPORT["en"]["title"],
        locale=Locale.get_default(),
        defaults={
            "kind": Source.Kind.NEWS_REPORT,
            "published": datetime.date(2026, 2, 1),
            "published_precision": Precision.MONTH,
            "language": "en",
            "notes": wording.REPORT["en"]["notes"],
        },
    )
    _in_languages(report, wording.REPORT, languages)
    return report


def _event(khojaly: Place, languages: list[str]) -> Event:
    event, _ = Event.objects.get_or_create(
        slug="khojaly-massacre",
        locale=Locale.get_default(),
        defaults={
            **wording.EVENT["en"],
            "start": datetime.date(1992, 2, 26),
            "start_precision": Precision.DAY,
            "place": khojaly,
        },
    )
    _in_languages(event, wording.EVENT, languages)
    return event


FIGURES = [
    (ReportedFigure.Counts.KILLED, 613, ReportedFigure.Qualifier.EXACT),
    (ReportedFigure.Counts.KILLED_WOMEN, 106, ReportedFigure.Qualifier.EXACT),
    (ReportedFigure.Counts.KILLED_CHILDREN, 63, ReportedFigure.Qualifier.EXACT),
    (ReportedFigure.Counts.KILLED_ELDERLY, 70, ReportedFigure.Qualifier.EXACT),
    (ReportedFigure.Counts.INJURED, 487, ReportedFigure.Qualifier.EXACT),
    (ReportedFigure.Counts.CAPTURED, 1275, ReportedFigure.Qualifier.EXACT),
    (ReportedFigure.Counts.MISSING, 150, ReportedFigure.Qualifier.ABOUT),
    (ReportedFigure.Counts.FAMILIES_WIPED_OUT, 8, ReportedFigure.Qualifier.EXACT),
]


def _figures(event: Event, report: Source, languages: list[str]) -> None:
    for order, (counts, value, qualifier) in enumerate(FIGURES):
        labels = wording.FIGURE_LABELS.get(counts, {})
        figure, _ = ReportedFigure.objects.get_or_create(
            event=event,
            counts=counts,
            attributed_to=wording.ATTRIBUTION["en"],
            source=report,
            defaults={
                "value": value,
                "qualifier": qualifier,
                "custom_label": labels.get("en", ""),
                "sort_order": order,
            },
        )
        _in_languages(
            figure,
            {
                language: {
                    "attributed_to": wording.ATTRIBUTION[language],
                    "custom_label": labels.get(language, ""),
                }
                for language in languages
            },
            languages,
        )


def _site_tree(event: Event, languages: list[str]) -> HomePage:
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(slug="home", event=event, **wording.HOME["en"])
        # Wagtail's first-run welcome page holds the slug "home"; the archive replaces it.
        Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").delete()
        root.add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "site_name": "Memorial Archive"},
    )
    _in_languages(home, wording.HOME, languages)
    index = StatementIndexPage.objects.child_of(home).first()
    if index is None:
        index = StatementIndexPage(slug="statements", **wording.STATEMENTS_INDEX["en"])
        home.add_child(instance=index)
        index.save_revision().publish()
    _in_languages(index, wording.STATEMENTS_INDEX, languages)
    for slug, texts in (("about", wording.ABOUT), ("methodology", wording.METHODOLOGY)):
        page = ContentPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = ContentPage(slug=slug, **_body_as_stream(texts["en"]))
            home.add_child(instance=page)
            page.save_revision().publish()
        _in_languages(
            page,
            {language: _body_as_stream(texts[language]) for language in languages},
            languages,
        )
    return home


def _body_as_stream(fields: dict) -> dict:
    """``fields`` with the body as one paragraph block of the page's stream field."""
    return {**fields, "body": [("paragraph", fields["body"])]}


def _statement(home: HomePage, event: Event, report: Source, languages: list[str]) -> StatementPage:
    statement = StatementPage.objects.filter(
        slug="turkiye-mfa-2026", locale=Locale.get_default()
    ).first()
    ministry, _ = Organisation.objects.get_or_create(
        name=wording.MINISTRY["en"]["name"],
        locale=Locale.get_default(),
        defaults={"country": wording.MINISTRY["en"]["country"], "kind": "government"},
    )
    _in_languages(ministry, wording.MINISTRY, languages)
    if statement is None:
        index = StatementIndexPage.objects.child_of(home).get()
        statement = StatementPage(
            slug="turkiye-mfa-2026",
            issuer=ministry,
            issued=datetime.date(2026, 2, 26),
            issued_precision=Precision.DAY,
            kind=StatementPage.Kind.PRESS_STATEMENT,
            original_language="tr",
            **_body_as_stream(wording.STATEMENT["en"]),
        )
        index.add_child(instance=statement)
        statement.sources.add(report)
        statement.related_events.add(event)
        statement.save_revision().publish()
    _in_languages(
        statement,
        {language: _body_as_stream(wording.STATEMENT[language]) for language in languages},
        languages,
    )
    return statement


TIMELINE = [
    # slug, start, precision, end, end precision, category, place
    (
        "dissolution-of-the-soviet-union",
        datetime.date(1991, 12, 1),
        Precision.MONTH,
        None,
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        None,
    ),
    (
        "first-karabakh-war",
        datetime.date(1990, 1, 1),
        Precision.DECADE,
        None,
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        "karabakh",
    ),
    (
        "khojaly-massacre",
        datetime.date(1992, 2, 26),
        Precision.DAY,
        None,
        Precision.DAY,
        TimelineEntry.Category.EVENT,
        "khojaly",
    ),
    (
        "44-day-war",
        datetime.date(2020, 9, 27),
        Precision.DAY,
        datetime.date(2020, 11, 10),
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        "karabakh",
    ),
    (
        "september-2023-operation",
        datetime.date(2023, 9, 19),
        Precision.DAY,
        datetime.date(2023, 9, 20),
        Precision.DAY,
        TimelineEntry.Category.CONTEXT,
        "karabakh",
    ),
    (
        "turkiye-statement-2026",
        datetime.date(2026, 2, 26),
        Precision.DAY,
        None,
        Precision.DAY,
        TimelineEntry.Category.COMMEMORATION,
        None,
    ),
]


def _timeline(
    event: Event, places: dict[str, Place], report: Source, statement, languages: list[str]
) -> None:
    for slug, start, precision, end, end_precision, category, place in TIMELINE:
        texts = wording.TIMELINE[slug]
        entry = TimelineEntry.objects.filter(slug=slug, locale=Locale.get_default()).first()
        if entry is None:
            entry = TimelineEntry.objects.create(
                slug=slug,
                start=start,
                start_precision=precision,
                end=end,
                end_precision=end_precision,
                category=category,
                event=event,
                place=places.get(place) if place else None,
                **texts["en"],
            )
            entry.sources.add(report)
            if slug == "turkiye-statement-2026":
                entry.related_statements.add(statement)
            entry.save_revision().publish()
        _in_languages(entry, texts, languages)
