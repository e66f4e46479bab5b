"""The map of places: Azerbaijan's outline and a point for each place with coordinates, drawn
as SVG on the server. No tile server, no script: the page works as it is printed.

The outline is Natural Earth's "Admin 0 – Countries" at 1:110m (public domain,
naturalearthdata.com): Azerbaijan's two rings (the mainland and Nakhchivan), read from the copy
geopandas 0.14.4 shipped as ``naturalearth_lowres``, rounded to 0.01° (about a kilometre, far
below what 1:110m draws).
Coordinates are projected equirectangularly, east-west distances shrunk by the cosine of the
region's middle latitude, which at 40° N is within 1 % of true proportions across the map."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext, pgettext

OUTLINE_SOURCE = "Natural Earth, Admin 0 – Countries, 1:110m (public domain)"

# (longitude, latitude), each ring closed as the source closes it.
AZERBAIJAN = (
    (
        (46.41, 41.86), (46.69, 41.83), (47.37, 41.22), (47.82, 41.15), (47.99, 41.41),
        (48.58, 41.81), (49.11, 41.28), (49.62, 40.57), (50.09, 40.53), (50.39, 40.26),
        (49.57, 40.18), (49.40, 39.40), (49.22, 39.05), (48.86, 38.82), (48.88, 38.32),
        (48.63, 38.27), (48.01, 38.79), (48.36, 39.29), (48.06, 39.58), (47.69, 39.51),
        (46.51, 38.77), (46.48, 39.46), (46.04, 39.63), (45.61, 39.90), (45.89, 40.22),
        (45.36, 40.56), (45.56, 40.81), (45.18, 40.99), (44.97, 41.25), (45.22, 41.41),
        (45.96, 41.12), (46.50, 41.06), (46.64, 41.18), (46.15, 41.72), (46.41, 41.86),
    ),
    (
        (46.14, 38.74), (45.46, 38.87), (44.95, 39.34), (44.79, 39.71), (45.00, 39.74),
        (45.30, 39.47), (45.74, 39.47), (45.74, 39.32), (46.14, 38.74),
    ),
)  # fmt: skip

WIDTH = 640  # SVG user units; the image scales to its container
MARGIN = 0.15  # degrees of sea and neighbours around the outline


@dataclass(frozen=True)
class Point:
    """A place on the map: ``x``, ``y`` in the SVG's units (None when outside the picture), its
    name written from ``label_x`` (to the left of points near the east edge, ``anchor`` "end",
    so that it stays inside the picture), and its coordinates in words."""

    place: object
    coordinates: str
    x: float | None = None
    y: float | None = None
    label_x: float | None = None
    anchor: str = "start"

    @property
    def label_y(self) -> float | None:
        return None if self.y is None else self.y + 5


@dataclass(frozen=True)
class RegionMap:
    width: int
    height: int
    outline: list[str]  # one SVG path per ring
    points: list[Point]  # the places within the picture
    outside: list[Point]  # places whose coordinates fall outside it (listed, not drawn)


class _Projection:
    def __init__(self, rings):
        longitudes = [lon for ring in rings for lon, _lat in ring]
        latitudes = [lat for ring in rings for _lon, lat in ring]
        self.west, self.east = min(longitudes) - MARGIN, max(longitudes) + MARGIN
        self.south, self.north = min(latitudes) - MARGIN, max(latitudes) + MARGIN
        self.shrink = math.cos(math.radians((self.south + self.north) / 2))
        self.scale = WIDTH / ((self.east - self.west) * self.shrink)
        self.height = round((self.north - self.south) * self.scale)

    def __call__(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = (longitude - self.west) * self.shrink * self.scale
        y = (self.north - latitude) * self.scale
        return round(x, 1), round(y, 1)

    def covers(self, longitude: float, latitude: float) -> bool:
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north


def region_map(places) -> RegionMap:
    """The outline, with a point for each of ``places`` that has coordinates within it."""
    project = _Projection(AZERBAIJAN)
    outline = []
    for ring in AZERBAIJAN:
        x, y = project(*ring[0])
        steps = " ".join(f"L{x},{y}" for x, y in (project(*corner) for corner in ring[1:]))
        outline.append(f"M{x},{y} {steps} Z")
    points, outside = [], []
    hemispheres = _hemispheres()
    for place in places:
        longitude, latitude = float(place.longitude), float(place.latitude)
        words = coordinates(latitude, longitude, hemispheres)
        if project.covers(longitude, latitude):
            x, y = project(longitude, latitude)
            east = x > WIDTH * 0.7
            label_x = x - 10 if east else x + 10
            points.append(Point(place, words, x, y, label_x, "end" if east else "start"))
        else:
            outside.append(Point(place, words))
    return RegionMap(WIDTH, project.height, outline, points, outside)


def coordinates(latitude: float, longitude: float, words: dict | None = None) -> str:
    """ "39.91° N, 46.79° E", to two decimals (about a kilometre), in the active language
    (``words``: what :func:`_hemispheres` gives, when several are written)."""
    words = words or _hemispheres()
    return words["format"] % {
        "latitude": f"{abs(latitude):.2f}",
        "north": words["N"] if latitude >= 0 else words["S"],
        "longitude": f"{abs(longitude):.2f}",
        "east": words["E"] if longitude >= 0 else words["W"],
    }


def _hemispheres() -> dict[str, str]:
    return {
        "format": gettext("%(latitude)s° %(north)s, %(longitude)s° %(east)s"),
        "N": pgettext("latitude", "N"),
        "S": pgettext("latitude", "S"),
        "E": pgettext("longitude", "E"),
        "W": pgettext("longitude", "W"),
    }
