"""schema.org descriptions of public pages, rendered as JSON-LD by the ``jsonld`` filter."""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from archive.models import HomePage, StatementIndexPage, StatementPage

from .languages import page_url

SCHEMA = "https://schema.org"


def _page(request, kind: str, name: str, **fields) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": kind,
        "name": name,
        "url": request.build_absolute_uri(),
        "inLanguage": get_language(),
    }
    data.update({key: value for key, value in fields.items() if value not in (None, "", [])})
    return data


def webpage(request, name: str, description: str = "", kind: str = "WebPage") -> dict:
    return _page(request, kind, name, description=description)


def collection(request, name: str, items: list[tuple[str, str]], count: int | None = None):
    """A listing page: the items shown on it, and how many there are in all."""
    elements = [
        {"@type": "ListItem", "position": n, "name": label, "url": request.build_absolute_uri(url)}
        for n, (label, url) in enumerate(items, start=1)
    ]
    item_list = {
        "@type": "ItemList",
        "numberOfItems": len(elements) if count is None else count,
        "itemListElement": elements,
    }
    return _page(request, "CollectionPage", name, mainEntity=item_list)


def person_name(person) -> str:
    """A person's name as titles, link previews and item lists give it: a synthetic record
    says so wherever it is named, so no copy of it passes for a real person."""
    if person.is_synthetic:
        return gettext("%(name)s (synthetic record)") % {"name": person.display_name}
    return person.display_name


def people(people) -> list[tuple[str, str]]:
    """Items of a collection (see :func:`collection`) naming people."""
    return [(person_name(person), person.get_absolute_url()) for person in people]


def place(place) -> dict | None:
    if place is None:
        return None
    data = {"@type": "Place", "name": place.name}
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    return data


def person(request, person) -> dict:
    alternate = [person.name_original, *person.alternative_spellings.splitlines()]
    data = _page(
        request,
        "Person",
        person.display_name,
        givenName=person.given_name,
        familyName=person.family_name,
        additionalName=person.patronymic,
        alternateName=[name.strip() for name in alternate if name.strip()],
        gender={"female": "Female", "male": "Male"}.get(person.sex),
        birthDate=person.birth_date.iso() if person.birth_date else None,
        birthPlace=place(person.birth_place),
        deathDate=person.date_of_fate.iso() if person.is_dead and person.date_of_fate else None,
        deathPlace=place(person.fate_place) if person.is_dead else None,
        jobTitle=person.occupation,
    )
    if person.is_synthetic:
        data["disambiguatingDescription"] = gettext(
            "Synthetic record generated to demonstrate the archive; not a real person."
        )
    return data


def event(request, event) -> dict:
    return _page(
        request,
        "Event",
        event.name,
        startDate=event.start_date.iso(),
        endDate=event.end_date.iso() if event.end_date else None,
        location=place(event.place),
        description=event.summary,
    )


def statement(request, page, sources) -> dict:
    return _page(
        request,
        "Article",
        page.title,
        headline=page.title,
        datePublished=page.issued_date.iso(),
        author={"@type": "Organization", "name": page.issuer.name},
        abstract=page.summary,
        citation=[source.title for source in sources],
    )


def timeline(request, name: str, entries) -> dict:
    elements = [
        {
            "@type": "ListItem",
            "position": n,
            "item": {
                "@type": "Event",
                "name": entry.title,
                "startDate": entry.start_date.iso(),
                **({"endDate": entry.end_date.iso()} if entry.end_date else {}),
                "description": entry.summary,
            },
        }
        for n, entry in enumerate(entries, start=1)
    ]
    return _page(
        request,
        "CollectionPage",
        name,
        mainEntity={"@type": "ItemList", "itemListElement": elements},
    )


def editorial_page(request, page, context) -> dict:
    """An editorial page, from the context its ``get_context()`` gave."""
    if isinstance(page, HomePage):
        if context["event"]:
            return event(request, context["event"])
        return webpage(request, page.title, kind="WebSite")
    if isinstance(page, StatementIndexPage):
        listed = [(s.title, page_url(s, request)) for s in context["page_obj"]]
        return collection(request, page.title, listed)
    if isinstance(page, StatementPage):
        return statement(request, page, context["sources"])
    return webpage(request, page.title, page.search_description)
