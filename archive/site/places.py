"""Places as the public site lists them: which are public, and in what order (a tree)."""

from __future__ import annotations

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
    place it lies within, places of one parent in alphabetical order of their name as read in
    ``places`` (a directory, perhaps localized, with parents set). A place whose parent is not
    among ``ids`` is a root."""
    wanted = set(ids)
    chains = {}
    for pk in wanted:
        chain, place = [], places[pk]
        while place is not None and len(chain) < MOST_NESTED:
            chain.append(place)
            place = place.parent if place.parent_id in wanted else None
        chains[pk] = chain
    order = sorted(wanted, key=lambda pk: [(p.name.casefold(), p.pk) for p in reversed(chains[pk])])
    return [(pk, places[pk], len(chains[pk]) - 1) for pk in order]


def indented(rows: list[tuple[int, Place, int]]) -> list[tuple[int, str]]:
    """Choices for a select, each name indented by its depth: Azerbaijan, then Karabakh below
    it, then Khojaly."""
    return [(pk, INDENT * depth + place.name) for pk, place, depth in rows]


def public_places_in_tree(request, language: str) -> list[tuple[int, Place, int]]:
    """One row per public place, in tree order: the id of its original (the first version
    saved, which people and places within it link), and its version in ``language``."""
    public = public_place_ids(request)
    originals = place_directory(request)
    firsts: dict = {}
    for pk in sorted(public):
        firsts.setdefault(originals[pk].translation_key, pk)
    return in_tree_order(firsts.values(), place_directory(request, language))
