"""Places as the public site lists them: which are public, and in what order (a tree)."""

from __future__ import annotations

from django.utils.translation import get_language

from archive.alphabets import sort_key
from archive.caching import remembered
from archive.fastpaths.related_rows import place_directory
from archive.models import Place
from archive.models.places import MOST_NESTED

INDENT = "\u2003"  # an em space per level of a place in a list of choices


def public_place_ids(request=None) -> frozenset[int]:
    """The ids of public places, every language's version, once per content generation."""
    return remembered(
        "public-place-ids",
        lambda: frozenset(Place.objects.public().values_list("pk", flat=True)),
        request=request,
    )


def in_tree_order(ids, places: dict[int, Place]) -> list[tuple[int, Place, int]]:
    """``ids``, each as ``(id, place, depth)``, in the order of a tree: each place after the
    place it lies within, places of one parent in the active language's alphabetical order of
    their names as read in ``places`` (a directory, perhaps localized, with parents set). A
    place whose parent is not among ``ids`` (in any of its versions: a translation's parent may
    be the original's or its translation) is a root."""
    wanted = {places[pk].translation_key: pk for pk in ids}
    chains = {}
    for pk in wanted.values():
        chain, place = [], places[pk]
        while place is not None and len(chain) < MOST_NESTED:
            chain.append(place)
            parent = places.get(place.parent_id)
            place = parent if _among(parent, wanted) else None
        chains[pk] = chain
    key = sort_key(get_language())
    order = sorted(chains, key=lambda pk: [(key(p.name), p.pk) for p in reversed(chains[pk])])
    return [(pk, places[pk], len(chains[pk]) - 1) for pk in order]


def _among(place: Place | None, wanted: dict) -> bool:
    return place is not None and place.translation_key in wanted


def indented(rows: list[tuple[int, Place, int]]) -> list[tuple[int, str]]:
    """Choices for a select, each name indented by its depth: Azerbaijan, then Karabakh below
    it, then Khojaly."""
    return [(pk, INDENT * depth + place.name) for pk, place, depth in rows]


def public_places_in_tree(request, language: str) -> list[tuple[int, Place, int]]:
    """One row per public place, in tree order: the id of its original (the first version
    saved, which people and places within it link), and its version in ``language``. Once per
    content generation and language."""
    return remembered(
        "public-places-in-tree", lambda: _in_tree(request, language), language, request=request
    )


def _in_tree(request, language: str) -> list[tuple[int, Place, int]]:
    public = public_place_ids(request)
    originals = place_directory(request)
    firsts: dict = {}
    for pk in sorted(public):
        firsts.setdefault(originals[pk].translation_key, pk)
    return in_tree_order(firsts.values(), place_directory(request, language))


def ids_within(request, place_id: int) -> list[int]:
    """``Place.objects.group_ids_within(place_id)``, once per content generation."""
    return remembered(
        "place-ids-within",
        lambda: Place.objects.group_ids_within(place_id),
        place_id,
        request=request,
    )
