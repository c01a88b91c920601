"""What the rest of a document says about where things are, and the geometry
the resolver needs (distances, areas' boxes, a point N km in a direction).

`ResolveContext` carries the document's countries (most mentioned first),
the admin1 areas it names, and the places resolved so far.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from eventsift.geometry import EARTH_KM, distance_km
from eventsift.records import Place

BEARINGS: dict[str, float] = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}
Box = tuple[float, float, float, float]  # min_lat, max_lat, min_lon, max_lon


@dataclass(frozen=True)
class ResolveContext:
    """What the rest of the document says: its countries, areas and places so far."""

    countries: tuple[str, ...] = ()  # ISO alpha-2, most mentioned first
    places: tuple[Place, ...] = ()
    areas: tuple[tuple[str, str], ...] = ()  # (country, admin1 code) of provinces the document names
    towns: tuple[Place, ...] = ()  # towns the document names that no other town shares a name with

    def with_place(self, place: Place | None) -> ResolveContext:
        if place is None or place.lat is None or place.feature == "country":
            return self
        countries = self.countries
        if place.country and place.country not in countries:
            countries = (*countries, place.country)
        return replace(self, countries=countries, places=(*self.places, place))

    def with_countries(self, *countries: str) -> ResolveContext:
        merged = tuple(dict.fromkeys((*self.countries, *(c.upper() for c in countries))))
        return replace(self, countries=merged)


def box_km(lat: float, lon: float, box: Box) -> float:
    """Distance from a point to a box (0 inside it); an equirectangular
    approximation, good to a few per cent at the hundreds of km it is used for."""
    min_lat, max_lat, min_lon, max_lon = box
    dlat = lat - min(max(lat, min_lat), max_lat)
    dlon = abs(lon - min(max(lon, min_lon), max_lon))
    dlon = min(dlon, 360.0 - dlon)
    return 111.195 * math.hypot(dlat, dlon * math.cos(math.radians(lat)))


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) heading `bearing` degrees (0 north, 90 east)."""
    d = km / EARTH_KM
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


def part_of_box(box: Box, bearing: float) -> tuple[float, float]:
    """The middle of the part of a box that lies towards `bearing` (the south: the middle of
    its southern half; the north-west: of its north-western quarter)."""
    min_lat, max_lat, min_lon, max_lon = box
    north, east = math.cos(math.radians(bearing)), math.sin(math.radians(bearing))
    lat_share = 0.75 if north > 0.3 else 0.25 if north < -0.3 else 0.5
    lon_share = 0.75 if east > 0.3 else 0.25 if east < -0.3 else 0.5
    return min_lat + lat_share * (max_lat - min_lat), min_lon + lon_share * (max_lon - min_lon)


def bearing_of(word: str) -> float | None:
    """'north-western' -> 315; None for a word that is no compass direction."""
    key = word.lower().replace("-", "").replace(" ", "")
    key = key[:-3] if key.endswith("ern") else key
    return BEARINGS.get(key)


def offset_place(anchor: Place, km: float, bearing: float | None) -> Place:
    """The anchor moved `km` towards `bearing` (or left where it is, with no direction)."""
    if anchor.lat is None or anchor.lon is None or bearing is None:
        return anchor
    lat, lon = destination(anchor.lat, anchor.lon, km, bearing)
    return replace(anchor, lat=lat, lon=lon)
