"""The people index's cards, each rendered once per version of its person.

A page of the index after an edit to someone else reads again which 50 people it shows (the
lists' token, :data:`archive.caching.LISTS`, may have changed), but each card shows one
person's own row and the place of its fate, so it is kept under that person's token, the
language and the address prefix: 50 cached cards come in one read of the cache. Rendering them
was two thirds of a warm page (gettext, dates, addresses). A card is built from its person's
public row, read again by id: a person no longer public has no card and is left out."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from archive.caching import person_key, remembered_items
from archive.fastpaths.related_rows import with_places
from archive.models import Person
from archive.site.structured_data import person_name

CARD = "includes/person_card.html"


@dataclass(frozen=True)
class Card:
    """A person as a list shows them: the card, and the name and address item lists give."""

    html: SafeString  # rendered by the template, which escaped what it shows
    name: str
    url: str


def person_cards(request, ids: list[int], people=None) -> list[Card]:
    """The cards of the people ``ids`` among ``people`` (by default all public people), in
    that order, leaving out those no longer among them."""
    found = remembered_items(
        "person-card",
        ids,
        lambda missing: _cards(request, missing, people),
        get_language(),
        get_script_prefix(),
        request=request,
        depends_on=lambda pk: (person_key(pk),),
    )
    return [found[pk] for pk in ids if pk in found]


def _cards(request, ids: list[int], people) -> dict[int, Card]:
    rows = (Person.objects.public() if people is None else people).in_bulk(ids)
    found = [rows[pk] for pk in ids if pk in rows]
    with_places(request, *found, language=get_language())
    context = {"request": request}
    return {
        person.pk: Card(
            render_to_string(CARD, {**context, "person": person}),
            person_name(person),
            person.get_absolute_url(),
        )
        for person in found
    }
