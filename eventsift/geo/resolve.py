"""Resolving toponym mentions to places: the API the extractor calls.

    resolver = PlaceResolver.open_default()
    context = resolver.document_context(document_text)       # country prior
    for sentence in sentences:
        for mention in resolver.find_mentions(sentence, ents):
            place = resolver.resolve(mention, context)        # eventsift.records.Place
            context = context.with_place(place)

A mention that cannot be placed with confidence comes back as a Place with
its name and lat/lon None; never as a confidently wrong point. Precision is
ACLED's: 1 the place itself, 2 near it / part of it (anchor or container
fallback), 3 only a province or country.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from eventsift.geo import mentions as M
from eventsift.geo.gazetteer import Gazetteer, PlaceRow
from eventsift.geo.mentions import PlaceMention
from eventsift.geo.normalize import name_key
from eventsift.records import Place
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

FACILITY_HINTS = frozenset({
    "base", "air_base", "airport", "oil_field", "gas_field", "field", "dam", "refinery",
    "border_crossing", "camp", "port", "power_plant", "hospital",
})
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
    "village": frozenset({"village", "town", "neighbourhood"}),
    "town": frozenset({"town", "city", "village", "neighbourhood"}),
    "admin1": frozenset({"admin1"}),
}
STRONG_KINDS = frozenset({"country", "admin1"})
WELL_KNOWN_POPULATION = 100_000
AMBIGUOUS_MARGIN = 0.5  # a tenfold population difference settles a tie
AMBIGUOUS_KM = 100.0


@dataclass(frozen=True)
class ResolveContext:
    """What the rest of the document says: its countries and places so far."""

    countries: tuple[str, ...] = ()  # ISO alpha-2, most mentioned first
    places: tuple[Place, ...] = ()

    def with_place(self, place: Place | None) -> ResolveContext:
        if place is None or place.lat is None or place.feature == "country":
            return self
        countries = self.countries
        if place.country and place.country not in countries:
            countries = (*countries, place.country)
        return ResolveContext(countries=countries, places=(*self.places, place))

    def with_countries(self, *countries: str) -> ResolveContext:
        merged = tuple(dict.fromkeys((*self.countries, *(c.upper() for c in countries))))
        return replace(self, countries=merged)


@dataclass(frozen=True)
class Scored:
    row: PlaceRow
    score: float
    supported: bool  # context (hint, country, container, nearby place) backs it


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _row_km(row: PlaceRow, place: Place | PlaceRow) -> float | None:
    if row.lat is None or row.lon is None or place.lat is None or place.lon is None:
        return None
    return distance_km(row.lat, row.lon, place.lat, place.lon)


def precision_of(row: PlaceRow) -> int:
    return 3 if row.kind in STRONG_KINDS else 1


def to_place(row: PlaceRow, precision: int | None = None) -> Place:
    return Place(
        name=row.name, lat=row.lat, lon=row.lon, country=row.country, admin1=row.admin1,
        geonameid=row.geonameid, precision=precision or precision_of(row), feature=row.feature,
        source=row.source,
    )


class PlaceResolver:
    """Finds and resolves toponyms against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._stop = M.not_places()

    @classmethod
    def open_default(cls, path: Path | None = None) -> PlaceResolver:
        """The resolver over the default gazetteer (built on first use), shared per path."""
        return _shared_resolver(str(path) if path else "")

    # -- look-ups ------------------------------------------------------------------

    def lookup(self, name: str) -> tuple[PlaceRow, ...]:
        """Gazetteer rows called `name`, most populous first."""
        return self.gazetteer.lookup(name)

    def is_name(self, text: str) -> bool:
        key = name_key(text)
        return bool(key) and key not in self._stop and self.gazetteer.has_key(key)

    # -- mentions ------------------------------------------------------------------

    def find_mentions(
        self, text: str, ents: Sequence[tuple[int, int, str]] | None = None
    ) -> list[PlaceMention]:
        """Toponym mentions in one sentence (char offsets into `text`)."""
        pattern = [m for m in M.pattern_mentions(text) if self._pattern_ok(m)]
        entities = M.entity_mentions(text, ents or ())
        names = M.gazetteer_mentions(text, self.is_name)
        entities = [e for e in entities if self.is_name(e.name) or not any(M._overlaps(e, n) for n in names)]
        merged = M.merge(pattern, entities, names)
        kept = [m for m in merged if self._keep(m) and (m.hint or not M.names_an_outlet(text, m))]
        return M.link_relations(text, kept)

    def _pattern_ok(self, mention: PlaceMention) -> bool:
        key = name_key(mention.name)
        bare = name_key(M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name))
        if bare in self._stop or key in self._stop:
            return False
        # "US base", "Syrian base": a country's base, not a place called so
        rows = self.gazetteer.by_key(bare)
        return not (mention.hint in FACILITY_HINTS and rows and rows[0].kind == "country")

    def _keep(self, mention: PlaceMention) -> bool:
        key = name_key(mention.name)
        if not key:
            return False
        if mention.name.lower() in ENGLISH_STOP_WORDS and not mention.hint:
            return False  # "An", "The", "It" opening a sentence
        if mention.hint:
            return mention.hint != "field" or self.gazetteer.has_key(key) or self.is_name(
                M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name))
        if key in self._stop:
            return False  # a listed common word ("May", "Strip") without a feature word
        if mention.label in M.PLACE_LABELS:
            return True
        if mention.label is not None and not (mention.cue and self.is_name(mention.name)):
            return False  # PERSON/ORG/... without a cue word
        rows = self.gazetteer.by_key(key)
        if not rows:
            return False
        top = rows[0]
        known = top.kind in STRONG_KINDS or top.source.startswith("facilities") or top.population >= WELL_KNOWN_POPULATION
        return known or mention.cue

    # -- resolution ----------------------------------------------------------------

    def resolve(self, mention: PlaceMention | str, context: ResolveContext | None = None) -> Place | None:
        """The place a mention names, given what the document says around it."""
        mention = self._as_mention(mention)
        if not name_key(mention.name):
            return None
        context = context or ResolveContext()
        container = self._resolve_reference(mention.container, context)
        anchor = self._resolve_reference(mention.anchor, context)
        ranked = self._rank(mention, context, container)
        if ranked:
            chosen = self._confident(ranked, context, anchor)
            if chosen is not None:
                return to_place(chosen.row)
            if anchor is None:
                return Place(name=mention.name, precision=3, feature=mention.hint)
        return self._fallback(mention, anchor, container)

    def _as_mention(self, mention: PlaceMention | str) -> PlaceMention:
        if isinstance(mention, PlaceMention):
            return mention
        text = mention.strip()
        whole = [m for m in M.pattern_mentions(text) if m.start == 0 and m.end >= len(text) - 1]
        return whole[0] if whole else PlaceMention(0, len(text), text)

    def _resolve_reference(self, name: str | None, context: ResolveContext) -> Place | None:
        if not name:
            return None
        place = self.resolve(self._as_mention(name), context)
        return place if place is not None and place.lat is not None else None

    def candidates(self, mention: PlaceMention) -> list[PlaceRow]:
        """Rows the mention may name, filtered by its feature hint."""
        rows = list(self.gazetteer.lookup(mention.name))
        if not rows and mention.hint in FACILITY_HINTS:
            bare = M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name)
            rows = list(self.gazetteer.lookup(bare)) if bare != mention.name else []
        if not mention.hint:
            return rows
        allowed = HINT_FEATURES.get(mention.hint, frozenset({mention.hint}))
        matching = [r for r in rows if r.feature in allowed]
        if mention.hint in FACILITY_HINTS:
            return matching
        return matching or rows

    def _rank(self, mention: PlaceMention, context: ResolveContext, container: Place | None) -> list[Scored]:
        rows = self.candidates(mention)
        scored = [self._score(row, mention, context, container) for row in rows]
        if mention.hint != "admin1":
            scored = [_prefer_capital(s, rows) for s in scored]
        return sorted(scored, key=lambda s: s.score, reverse=True)

    def _score(self, row: PlaceRow, mention: PlaceMention, context: ResolveContext, container: Place | None) -> Scored:
        score = 0.5 * math.log10(row.population + 1)
        supported = False
        score += {"country": 2.5, "admin1": 1.0}.get(row.kind, 0.0)
        if row.source.startswith("facilities"):
            score += 1.5
        if mention.hint and row.feature in HINT_FEATURES.get(mention.hint, frozenset({mention.hint})):
            score, supported = score + 3.0, True
        elif mention.hint in ("town", "village", "neighbourhood") and row.kind == "admin1":
            score -= 2.0
        if context.countries:
            if row.country in context.countries:
                score += 2.5 - 0.2 * min(context.countries.index(row.country), 5)
                supported = True
            elif row.country and self.gazetteer.borders(row.country, context.countries):
                score, supported = score + 1.0, True
            elif row.kind != "country":
                score -= 2.0
        if container is not None:
            score, supported = self._container_score(row, container, score, supported)
        nearest = min((d for p in context.places if (d := _row_km(row, p)) is not None), default=None)
        if nearest is not None and nearest < 150:
            score, supported = score + (2.0 if nearest < 50 else 1.0), True
        return Scored(row, score, supported)

    @staticmethod
    def _container_score(row: PlaceRow, container: Place, score: float, supported: bool) -> tuple[float, bool]:
        if container.country and row.country == container.country:
            score, supported = score + 1.5, True
        elif container.country:
            score -= 2.0
        if container.feature == "admin1" and row.admin1 and name_key(row.admin1) == name_key(container.admin1 or ""):
            score += 1.5
        km = _row_km(row, container)
        if container.feature not in ("country", "admin1") and km is not None:
            score += 2.0 if km < 60 else (-1.0 if km > 300 else 0.0)
        return score, supported

    def _confident(self, ranked: list[Scored], context: ResolveContext, anchor: Place | None) -> Scored | None:
        if not ranked:
            return None
        best = ranked[0]
        if best.supported:
            return self._unambiguous(ranked)
        row = best.row
        if context.countries and row.country not in context.countries and row.kind != "country":
            return None  # a point in another country, with nothing backing it
        if anchor is not None and row.kind not in STRONG_KINDS:
            km = _row_km(row, anchor)
            if km is None or km > AMBIGUOUS_KM:
                return None
        return self._unambiguous(ranked)

    @staticmethod
    def _unambiguous(ranked: list[Scored]) -> Scored | None:
        best = ranked[0]
        for other in ranked[1:]:
            if best.score - other.score >= AMBIGUOUS_MARGIN:
                break
            km = _row_km(best.row, other.row)
            if km is not None and km > AMBIGUOUS_KM and not (best.supported and not other.supported):
                return None
        return best

    @staticmethod
    def _fallback(mention: PlaceMention, anchor: Place | None, container: Place | None) -> Place:
        name = mention.name
        if anchor is not None:
            return replace(anchor, name=name, precision=2, feature=mention.hint,
                           geonameid=None, source=f"near {anchor.name}")
        if container is not None:
            precision = 3 if container.feature in ("country", "admin1") else 2
            return replace(container, name=name, precision=precision, feature=mention.hint or container.feature,
                           geonameid=None, source=f"in {container.name}")
        return Place(name=name, precision=3, feature=mention.hint)

    # -- documents -----------------------------------------------------------------

    def document_context(self, text: str, ents: Sequence[tuple[int, int, str]] | None = None) -> ResolveContext:
        """The countries a document is about: countries, provinces and big cities it names."""
        votes: Counter[str] = Counter()
        for mention in self.find_mentions(text, ents):
            rows = self.gazetteer.lookup(mention.name)
            if not rows:
                continue
            top = rows[0]
            clear = len(rows) == 1 or top.population >= 10 * max(rows[1].population, 1)
            if top.country and (top.kind == "country" or (clear and (top.kind == "admin1" or top.population >= WELL_KNOWN_POPULATION or top.source.startswith("facilities")))):
                votes[top.country] += 1
        return ResolveContext(countries=tuple(c for c, _ in votes.most_common()))

    def resolve_sentence(
        self, text: str, context: ResolveContext | None = None, ents: Sequence[tuple[int, int, str]] | None = None
    ) -> list[tuple[PlaceMention, Place]]:
        """find_mentions + resolve, facility mentions first so they help the rest."""
        context = context or ResolveContext()
        found = self.find_mentions(text, ents)
        order = sorted(range(len(found)), key=lambda i: (found[i].hint is None, i))
        places: dict[int, Place] = {}
        for i in order:
            place = self.resolve(found[i], context)
            if place is not None:
                places[i] = place
                context = context.with_place(place)
        return [(found[i], places[i]) for i in range(len(found)) if i in places]


def _prefer_capital(scored: Scored, rows: Sequence[PlaceRow]) -> Scored:
    """An admin1 area yields to a same-named town inside it ('Baghdad' is the city)."""
    row = scored.row
    if row.kind != "admin1":
        return scored
    if any(r.kind == "populated" and r.country == row.country and r.admin1_code == row.admin1_code for r in rows):
        return replace(scored, score=scored.score - 1.5)
    return scored


@lru_cache(maxsize=4)
def _shared_resolver(path: str) -> PlaceResolver:
    return PlaceResolver(Gazetteer.open(Path(path) if path else None))
