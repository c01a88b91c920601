"""Scoring a mention's candidate places, and choosing one only when sure.

A candidate's score is a sum of terms, each of which may also *support* it
(context backs it), *contradict* it (the sentence places it elsewhere) or
mark it *far* (hundreds of km from every country the document is about):

- prior: population (log), country/admin1 kind, curated facility, national capital;
- hint: the feature word in the text ("base", "oil field", "village") agrees;
- country: the document's countries, the most mentioned well ahead of the
  others ("Sui" in a Pakistan story that names China); a place outside
  them loses points, more the farther it lies from their areas;
- area: the provinces the document names (a small place far from all of them loses a point);
- container: "X in Y", "Y's X", "X, Y": same country/province, or near a town Y; a town
  50+ km outside the province it is said to be in is contradicted;
- anchor: "X near Y", "X, 40 km north of Y": within 100 km of Y's point;
- nearby: within 150 km of a place the document already placed.

`choose` drops contradicted candidates, far ones with no local support
(except national capitals and cities of a million) and
coarse (skeleton-key) matches that nothing backs; then returns the best one
if it is supported, or a well-known place, and clearly ahead of any other
candidate more than 100 km away.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from eventsift.geo.context import ResolveContext, box_km, distance_km
from eventsift.geo.gazetteer import Gazetteer, PlaceRow
from eventsift.geo.mentions import PlaceMention
from eventsift.geo.normalize import name_key
from eventsift.records import Place

FACILITY_HINTS = frozenset({
    "base", "air_base", "airport", "oil_field", "gas_field", "field", "dam", "refinery",
    "border_crossing", "camp", "port", "power_plant", "hospital", "river",
})
NAMED_AFTER_TOWN = FACILITY_HINTS - {"river", "field"}  # "the Niafounke camp" is at Niafounke
HINT_FEATURES: dict[str, frozenset[str]] = {
    "base": frozenset({"base", "air_base", "camp"}),
    "air_base": frozenset({"air_base", "base", "airport"}),
    "airport": frozenset({"airport", "air_base"}),
    "oil_field": frozenset({"oil_field", "gas_field"}),
    "gas_field": frozenset({"gas_field", "oil_field"}),
    "field": frozenset({"oil_field", "gas_field", "air_base"}),
    "camp": frozenset({"camp", "base"}),
    "power_plant": frozenset({"power_plant", "nuclear_site"}),
    "neighbourhood": frozenset({"neighbourhood", "district", "town", "village", "city", "camp"}),
    # "X district", "X county", "X LGA": an admin district, or a city's district
    "district": frozenset({"district", "neighbourhood", "town", "village", "city", "camp"}),
    "village": frozenset({"village", "town", "neighbourhood"}),
    "town": frozenset({"town", "city", "village", "neighbourhood"}),
    "area": frozenset({"town", "village", "neighbourhood", "district", "city", "region"}),
    "admin1": frozenset({"admin1", "region"}),
}
SMALL_PLACE_HINTS = frozenset({"town", "village", "neighbourhood", "district", "area"})
STRONG_KINDS = frozenset({"country", "admin1"})
WELL_KNOWN_POPULATION = 100_000
AMBIGUOUS_MARGIN = 0.5  # a tenfold population difference settles a tie
AMBIGUOUS_KM = 100.0
NEAR_COUNTRY_KM = 150.0  # a foreign place this close to a document country's area is "near"
FAR_COUNTRY_KM = 600.0  # ... and this far away is rejected without local support
OUTSIDE_CONTAINER_KM = 50.0  # a town this far outside the box of the province it is said to be in is another
CAPITAL_BONUS = 2.0
TOP_COUNTRY_BONUS = 3.5  # the country the document is most about dominates for towns...
OTHER_COUNTRY_BONUS = 1.0  # ... over the other countries it names
SOLE_NAME_POPULATION = 20_000  # a real town that no other place in the world shares a name with ("Eilat")
FAMOUS_POPULATION = 1_000_000  # a city this big (or a capital) is never rejected for being far  # national capitals are named far more often than their size says


class Term(NamedTuple):
    score: float = 0.0
    support: bool = False
    contradicts: bool = False
    far: bool = False


@dataclass(frozen=True)
class Scored:
    row: PlaceRow
    score: float
    supported: bool  # context (hint, country, area, container, anchor, nearby place) backs it
    rejected: bool = False  # contradicted, or far/coarse with nothing backing it


class Scorer:
    """Scores candidate rows against a mention and its document context."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._country_km: dict[tuple[int, tuple[str, ...]], float | None] = {}

    def score(self, row: PlaceRow, mention: PlaceMention, context: ResolveContext,
              container: Place | None, anchor: Place | None, *, coarse: bool = False, sole: bool = False) -> Scored:
        """`sole`: the row is the only place bearing the name (an exact, not a coarse, match)."""
        country = self._country(row, context)
        local = [container_term(row, container, context), anchor_term(row, anchor), nearby_term(row, context)]
        terms = [prior_term(row), hint_term(row, mention), country, area_term(row, context), *local]
        supported = any(t.support for t in terms)
        local_support = any(t.support for t in local)
        if self._outside_areas(row, context):
            terms.append(Term(-1.0))  # a small place away from every province the document names
        if self._outside_container(row, container):
            terms.append(Term(-1.0, contradicts=True))
        famous = row.feature_code == "PPLC" or row.population >= FAMOUS_POPULATION  # Washington, Tehran
        sole_town = (sole and not coarse and row.kind == "populated" and row.population >= SOLE_NAME_POPULATION
                     and name_key(row.name) == name_key(mention.name))  # its own name, not an alias ("Sui")
        rejected = (any(t.contradicts for t in terms)
                    or (country.far and not local_support and not (famous or sole_town))
                    or (coarse and not (country.support or local_support)))
        return Scored(row, sum(t.score for t in terms), supported or sole_town, rejected)

    def _country(self, row: PlaceRow, context: ResolveContext) -> Term:
        countries = context.countries
        if not countries:
            return Term()
        if row.country == countries[0]:
            return Term(TOP_COUNTRY_BONUS, support=True)
        if row.country in countries:
            return Term(OTHER_COUNTRY_BONUS - 0.1 * min(countries.index(row.country), 5), support=True)
        if row.kind == "country" or row.country is None:
            return Term()  # a country is named for itself; seas belong to no country
        km = self._km_to(row, countries)
        if km is None or km > FAR_COUNTRY_KM:
            return Term(-3.0, far=km is not None)
        return Term(-0.5 if km <= NEAR_COUNTRY_KM else -2.0)

    def _outside_areas(self, row: PlaceRow, context: ResolveContext) -> bool:
        """A small place far (150+ km) from every province the document names in its country."""
        if row.kind != "populated" or row.population >= WELL_KNOWN_POPULATION or row.lat is None or row.lon is None:
            return False
        boxes = [b for c, a in context.areas if c == row.country and (b := self.gazetteer.box(c, a)) is not None]
        return bool(boxes) and min(box_km(row.lat, row.lon, b) for b in boxes) > NEAR_COUNTRY_KM

    def _outside_container(self, row: PlaceRow, container: Place | None) -> bool:
        """'X in Y province': a town of another province, well away from Y, is another X."""
        if container is None or container.feature != "admin1" or row.kind != "populated" \
                or row.country != container.country or row.lat is None or row.lon is None:
            return False
        if row.admin1 and name_key(row.admin1) == name_key(container.admin1 or container.name):
            return False
        code = self.gazetteer.admin1_code(container.country or "", container.admin1 or container.name)
        box = self.gazetteer.box(container.country or "", code) if code else None
        return box is not None and box_km(row.lat, row.lon, box) > OUTSIDE_CONTAINER_KM

    def _km_to(self, row: PlaceRow, countries: tuple[str, ...]) -> float | None:
        """Distance from the row to the nearest area of the document's countries."""
        key = (row.id, countries)
        if key not in self._country_km:
            boxes = [b for c in countries if (b := self.gazetteer.box(c)) is not None]
            if row.lat is None or row.lon is None or not boxes:
                self._country_km[key] = None
            else:
                self._country_km[key] = min(box_km(row.lat, row.lon, b) for b in boxes)
        return self._country_km[key]


def prior_term(row: PlaceRow) -> Term:
    score = 0.5 * math.log10(row.population + 1) + {"country": 2.5, "admin1": 0.5}.get(row.kind, 0.0)
    if row.source.startswith("facilities"):
        score += 1.5
    if row.feature in ("sea", "region"):
        score += 1.0  # a named sea or region is well known
    if row.feature_code == "PPLC":
        score += CAPITAL_BONUS
    return Term(score)


def hint_term(row: PlaceRow, mention: PlaceMention) -> Term:
    if mention.hint and mention.hint != "area" and row.feature in HINT_FEATURES.get(mention.hint, frozenset({mention.hint})):
        # "Bishnupur district" is the district, not its seat: the seat's population must not win it
        return Term(7.0 if mention.hint == "district" == row.feature else 3.0, support=True)
    if mention.hint in SMALL_PLACE_HINTS and row.kind in STRONG_KINDS:
        return Term(-2.0)
    return Term()


def area_term(row: PlaceRow, context: ResolveContext) -> Term:
    if row.kind != "country" and (row.country, row.admin1_code) in context.areas:
        return Term(1.0, support=True)
    return Term()


def _km(row: PlaceRow, place: Place | PlaceRow) -> float | None:
    if row.lat is None or row.lon is None or place.lat is None or place.lon is None:
        return None
    return distance_km(row.lat, row.lon, place.lat, place.lon)


def _rank(country: str | None, countries: tuple[str, ...]) -> int:
    return countries.index(country) if country in countries else len(countries)


def container_term(row: PlaceRow, container: Place | None, context: ResolveContext) -> Term:
    """'X in Y': X lies in Y's country and province, or near the town Y. A container
    placed in a country the document names less than X's own does not overrule X."""
    if container is None or row.country is None:
        return Term()
    if container.country and row.country != container.country:
        # a country named as the container ("Iraq's Kurdistan region") is never a misreading
        trusted = container.feature == "country" \
            or _rank(container.country, context.countries) <= _rank(row.country, context.countries)
        return Term(-2.0, contradicts=row.kind != "country" and trusted)
    score, support = 1.5, bool(container.country)
    if container.feature == "admin1" and row.admin1 and name_key(row.admin1) == name_key(container.admin1 or ""):
        score += 1.5
    km = _km(row, container)
    if container.feature not in ("country", "admin1", "sea", "region") and km is not None:
        if km > 300:
            return Term(score - 1.0, contradicts=True)
        score += 2.0 if km < 60 else 0.0
    return Term(score, support)


def anchor_term(row: PlaceRow, anchor: Place | None) -> Term:
    """'X near Y' / 'X, 40 km north of Y': X within 100 km of the point meant."""
    km = _km(row, anchor) if anchor is not None else None
    if km is None:
        return Term()
    if km <= AMBIGUOUS_KM:
        return Term(2.0, support=True)
    return Term(-1.0, contradicts=km > 300 and row.kind not in STRONG_KINDS)


def nearby_term(row: PlaceRow, context: ResolveContext) -> Term:
    nearest = min((d for p in (*context.places, *context.towns) if (d := _km(row, p)) is not None), default=None)
    if nearest is None or nearest >= 150:
        return Term()
    return Term(2.0 if nearest < 50 else 1.0, support=True)


def choose(ranked: list[Scored], context: ResolveContext) -> Scored | None:
    """The best candidate when context backs it and no rival far away is as good."""
    candidates = [s for s in ranked if not s.rejected]
    if not candidates:
        return None
    best = candidates[0]
    row = best.row
    if not best.supported and context.countries and row.country and row.country not in context.countries \
            and row.kind != "country" and row.population < WELL_KNOWN_POPULATION:
        return None  # a small place in another country, with nothing backing it
    return unambiguous(candidates)


def _contains(area: PlaceRow, row: PlaceRow) -> bool:
    if area.country != row.country or area.id == row.id:
        return False
    return area.kind == "country" or (area.kind == "admin1" and area.admin1_code == row.admin1_code)


def unambiguous(ranked: list[Scored]) -> Scored | None:
    """The first candidate unless a far-away rival scores about as well."""
    best = ranked[0]
    for other in ranked[1:]:
        if best.score - other.score >= AMBIGUOUS_MARGIN:
            break
        if _contains(best.row, other.row) or _contains(other.row, best.row):
            continue  # 'Kerman' the city and 'Kerman' the province around it
        km = _km(best.row, other.row)
        if km is not None and km > AMBIGUOUS_KM and not (best.supported and not other.supported):
            return None
    return best
