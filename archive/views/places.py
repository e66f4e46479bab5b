"""Places: the index with its map, and a page per place with the people, events and timeline
entries there and in the places within it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext

from archive.caching import remembered
from archive.fastpaths.related_rows import place_directory, with_places
from archive.models import Event, Person, Place, TimelineEntry
from archive.models.places import MOST_NESTED
from archive.site import structured_data
from archive.site.map import OUTLINE_SOURCE, region_map
from archive.site.places import ids_within, public_place_ids, public_places_in_tree

from .people import PEOPLE_PER_PAGE, public_in_order


def place_list(request):
    """Every public place, as a tree, and a map of those with coordinates."""
    language = get_language()
    rows = public_places_in_tree(request, language)
    mapped = [place for _pk, place, _depth in rows if place.has_coordinates]
    title = gettext("Places")
    context = {
        "title": title,
        "description": gettext("The places the archive's records name, and a map of them."),
        "rows": rows,
        "map": region_map(mapped),
        "map_source": OUTLINE_SOURCE,
        "structured_data": structured_data.collection(
            request, title, [(place.name, place.get_absolute_url()) for _pk, place, _d in rows]
        ),
    }
    return render(request, "archive/places/place_list.html", context)


def place_detail(request, pk: int):
    """A place, the places it lies within and those within it, and the public people, events and
    timeline entries there or within it. Hidden places are answered like missing ones; restricted
    and draft people are never counted or listed (``Person.objects.public()``)."""
    public = public_place_ids(request)
    if pk not in public:
        raise Http404
    language = get_language()
    localized = place_directory(request, language)
    place = localized[pk]
    ids = ids_within(request, pk)
    rows = public_places_in_tree(request, language)
    within = [
        row
        for row in rows
        if row[1].parent_id is not None
        and localized[row[1].parent_id].translation_key == place.translation_key
    ]
    people = Person.objects.public().localized().at_places(ids)
    # Ids first, in name order, then the page's rows, as the people index does.
    paginator = Paginator(people.in_alphabet().values_list("pk", flat=True), PEOPLE_PER_PAGE)
    paginator.count = remembered("place-people-count", people.count, language, pk, request=request)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = public_in_order(list(page.object_list))
    with_places(request, *page.object_list, language=language)
    here = set(ids)
    for person in page.object_list:
        person.ties_here = _ties(person, here)
    mapped = [p for original, p, _depth in rows if original in here and p.has_coordinates]
    context = {
        "place": place,
        "ancestors": _ancestors(place),
        "within": within,
        "page_obj": page,
        # Read and drawn only when the fragment that shows them is rendered ({% memo %}).
        "events": Event.objects.public().filter(place__in=ids).localized(),
        "entries": TimelineEntry.objects.public().filter(place__in=ids).localized(),
        "map": SimpleLazyObject(lambda: region_map(mapped) if mapped else None),
        "map_source": OUTLINE_SOURCE,
        "title": place.name,
        "description": gettext("People, events and timeline entries at %(place)s.")
        % {"place": place.name},
        "structured_data": structured_data.collection(
            request, place.name, structured_data.people(page), paginator.count
        ),
    }
    return render(request, "archive/places/place_detail.html", context)


def _ties(person: Person, here: set[int]) -> list[tuple[str, Place]]:
    """What ties ``person`` to the places ``here``: born, lived, met their fate, each with the
    place (it may be one within the page's)."""
    ties = [
        (gettext("Born here"), person.birth_place_id, "birth_place"),
        (gettext("Lived here"), person.residence_id, "residence"),
        (gettext("Met their fate here"), person.fate_place_id, "fate_place"),
    ]
    return [(label, getattr(person, field)) for label, pk, field in ties if pk in here]


def _ancestors(place: Place) -> list[Place]:
    """The places ``place`` lies within, outermost first."""
    chain = []
    parent = place.parent
    while parent is not None and len(chain) < MOST_NESTED:
        chain.append(parent)
        parent = parent.parent
    return chain[::-1]
