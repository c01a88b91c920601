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
fallback), 3 only a province or country. Scoring lives in geo/scoring.py.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from eventsift.geo import mentions as M
from eventsift.geo.context import ResolveContext, distance_km, offset_place, part_of_box
from eventsift.geo.finder import MentionFinder
from eventsift.geo.gazetteer import Gazetteer, PlaceRow
from eventsift.geo.mentions import PlaceMention, demonyms
from eventsift.geo.normalize import loose_key, name_key
from eventsift.geo.scoring import (
    FACILITY_HINTS, HINT_FEATURES, NAMED_AFTER_TOWN, STRONG_KINDS, WELL_KNOWN_POPULATION, Scorer, Scored, choose,
)
from eventsift.records import Place

__all__ = ["PlaceResolver", "ResolveContext", "distance_km", "precision_of", "to_place"]

AREA_FEATURES = frozenset({"country", "admin1", "sea", "region"})
PART_BOX_DEGREES = 20.0  # an area wider than this has no useful "northern" half (Russia, the US, China)


UNDIRECTED_OFFSET_KM = 100.0  # a place this far from a town in no stated direction is not placed by it


def precision_of(row: PlaceRow) -> int:
    """ACLED's: 3 a province, country, sea or region; 2 a district; 1 a place."""
    if row.kind in STRONG_KINDS or row.feature in ("sea", "region"):
        return 3
    return 2 if row.feature == "district" else 1


def to_place(row: PlaceRow, precision: int | None = None) -> Place:
    return Place(
        name=row.name, lat=row.lat, lon=row.lon, country=row.country, admin1=row.admin1,
        geonameid=row.geonameid, precision=precision or precision_of(row), feature=row.feature,
        source=row.source,
    )


class PlaceResolver(MentionFinder):
    """Finds (see finder.py) and resolves toponyms against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        super().__init__(gazetteer)
        self.scorer = Scorer(gazetteer)

    @classmethod
    def open_default(cls, path: Path | None = None) -> PlaceResolver:
        """The resolver over the default gazetteer (built on first use), shared per path."""
        return _shared_resolver(str(path) if path else "")

    # -- resolution ----------------------------------------------------------------

    def resolve(self, mention: PlaceMention | str, context: ResolveContext | None = None) -> Place | None:
        """The place a mention names, given what the document says around it."""
        mention = self._as_mention(mention)
        if not name_key(mention.name):
            return None
        context = context or ResolveContext()
        if mention.hint == "capital":
            return self._capital(mention, context)
        container = self._container(mention, context)
        anchor = self._resolve_reference(mention.anchor, context)
        if anchor is not None and anchor.feature == "country" and not mention.offset_km:
            # "near Moreh town close to the India-Myanmar border": a country is no point to be near,
            # only the country the place is in
            container, anchor = container or anchor, None
        if anchor is not None and mention.offset_km:
            if mention.bearing is None and mention.offset_km > UNDIRECTED_OFFSET_KM:
                anchor = None  # "about 450 km from Raipur": anywhere on a ring that wide, not at Raipur
            else:
                anchor = offset_place(anchor, mention.offset_km, mention.bearing)
        ranked = self._rank(mention, context, container, anchor)
        chosen = choose(ranked, context)
        if chosen is not None and mention.hint is None and chosen.row.kind == "admin1":
            chosen = _seat_named_alike(chosen, ranked)
        if chosen is not None and container is None and anchor is None and _far_neighbourhood(chosen.row, mention, context):
            chosen = None  # "Al-Shareka and Rawdha neighborhoods" of a Marib story: not a town 100 km away
        if chosen is not None and not (anchor is not None and chosen.row.feature in AREA_FEATURES):
            place = to_place(chosen.row)
            return self._part_of(place, mention) or place  # "the northern countryside of Hama province"
        town = self._facility_town(mention, context) if not ranked else None
        if town is None and anchor is None and container is not None and (part := self._part_of(container, mention)):
            # "Iblin in Jabal al-Zawiyah in the southern countryside of Idlib": in that part of the province
            town = replace(part, name=mention.name, precision=2 if part.feature == "admin1" else 3,
                           feature=mention.hint, geonameid=None)
        if town is None and anchor is None and (container is None or container.feature == "admin1"):
            town = _local_fallback(mention, context, container)
        return town or self._fallback(mention, anchor, container)

    def _part_of(self, area: Place, mention: PlaceMention) -> Place | None:
        """The part of a province or country that the text names ("the south of Idlib
        province", "northern Iraq"): the middle of that half or quarter of the area's box."""
        if area.lat is None or not area.country or not mention.parts:
            return None
        named = {loose_key(M.AREA_SUFFIX.sub("", name)): b for name, b in mention.parts}
        bearing = named.get(loose_key(area.name)) if area.feature in ("admin1", "country") else None
        if bearing is None and area.admin1 and area.feature in ("city", "town") \
                and (loose_key(area.name) == loose_key(area.admin1) or (area.source or "").startswith(("in ", "near "))):
            # "the southern countryside of Idlib", "Hama province": the province the town is named after
            # ("eastern Baghdad" is a part of the city, but a village "in north-western Hama" lies in
            # the province's part: no city holds villages). A town of another name the gazetteer
            # knows is itself ("the town of Sarmin in the eastern countryside of Idlib").
            rural = mention.hint == "village"
            bearing = next((b for name, b in mention.parts if (rural or M.AREA_SUFFIX.search(name))
                            and loose_key(M.AREA_SUFFIX.sub("", name)) == loose_key(area.admin1)), None)
            code = self.gazetteer.admin1_code(area.country, area.admin1) if bearing is not None else None
            row = self.gazetteer.admin1_row(area.country, code) if code else None
            area = to_place(row) if row is not None and row.lat is not None else area
        if bearing is None or area.feature not in ("admin1", "country"):
            return None
        code = "" if area.feature == "country" else self.gazetteer.admin1_code(area.country, area.admin1 or "")
        box = self.gazetteer.box(area.country, code) if code is not None else None
        if box is None or max(box[1] - box[0], box[3] - box[2]) > PART_BOX_DEGREES:
            return None  # "southern Russia" is no half of a box from the Caucasus to Chukotka
        lat, lon = part_of_box(box, bearing)
        return replace(area, lat=lat, lon=lon, source=f"part of {area.name} at {bearing:g}°")

    def _capital(self, mention: PlaceMention, context: ResolveContext) -> Place:
        """'the Iraqi capital': the national capital of the people named (the country
        the document names first when the people's name is shared)."""
        countries = sorted(demonyms().get(mention.name.rsplit(" ", 1)[0].lower(), ()),
                           key=lambda c: context.countries.index(c) if c in context.countries else 99)
        for country in countries:
            rows = self.gazetteer.conn.execute(
                "SELECT id FROM places WHERE country = ? AND feature_code = 'PPLC' ORDER BY population DESC LIMIT 1",
                (country,)).fetchall()
            row = self.gazetteer.get(rows[0][0]) if rows else None
            if row is not None:
                return to_place(row)
        return Place(name=mention.name, precision=3, feature="capital")

    def _facility_town(self, mention: PlaceMention, context: ResolveContext) -> Place | None:
        """'the Niafounke camp', 'Volgograd refinery': a facility the gazetteer lacks,
        placed at the town it is named after (precision 2)."""
        if mention.hint not in NAMED_AFTER_TOWN:
            return None
        bare = M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name)
        if bare == mention.name or not name_key(bare):
            return None
        place = self.resolve(replace(mention, text=bare, end=mention.start + len(bare), hint=None), context)
        if place is None or place.lat is None or place.precision != 1 or place.feature not in ("city", "town", "village"):
            return None
        return replace(place, name=mention.name, precision=2, feature=mention.hint, geonameid=None,
                       source=f"at {place.name}")

    def _as_mention(self, mention: PlaceMention | str) -> PlaceMention:
        if isinstance(mention, PlaceMention):
            return mention
        text = mention.strip()
        if M.CAPITAL_OF.fullmatch("the " + re.sub(r"^(?:the|The)\s+", "", text)):
            return PlaceMention(0, len(text), text, "capital", cue=True)  # "the Iraqi capital"
        whole = [m for m in M.pattern_mentions(text)
                 if m.start == 0 and (m.end >= len(text) - 1 or text[m.end:].strip().lower() in M.AREA_WORDS)]
        return whole[0] if whole else PlaceMention(0, len(text), text)

    def _resolve_reference(self, name: str | None, context: ResolveContext) -> Place | None:
        if not name:
            return None
        place = self.resolve(self._as_mention(name), context)
        return place if place is not None and place.lat is not None else None

    def _container(self, mention: PlaceMention, context: ResolveContext) -> Place | None:
        """The first of the mention's containers ("X in Y in Z": Y, else Z) that resolves."""
        chain = [c for c in (mention.container, *mention.outer) if c]
        for i, name in enumerate(chain):
            # "X in Pale township in Sagaing region": Pale is resolved inside Sagaing
            outer = self._as_mention(name)
            if len(chain) > i + 1:
                outer = replace(outer, container=chain[i + 1], outer=tuple(chain[i + 2:]))
            place = self.resolve(outer, context)
            if place is not None and place.lat is not None:
                return place
        return None

    def candidates(self, mention: PlaceMention) -> tuple[list[PlaceRow], bool]:
        """Rows the mention may name, filtered by its feature hint; True when
        they came from the coarse skeleton key (context must back them)."""
        rows, coarse = list(self.gazetteer.lookup(mention.name)), False
        if not rows and mention.hint in FACILITY_HINTS:
            bare = M.FACILITY_AFTER.sub(lambda m: m.group("name"), mention.name)
            rows = list(self.gazetteer.lookup(bare)) if bare != mention.name else []
        if not rows:
            rows, coarse = list(self.gazetteer.lookup_skeleton(mention.name)), True
        if not mention.hint:
            return rows, coarse
        allowed = HINT_FEATURES.get(mention.hint, frozenset({mention.hint}))
        matching = [r for r in rows if r.feature in allowed]
        if not matching and not coarse:
            # "the province of Deir al-Zour": the city has that spelling, the province only
            # "Deir ez-Zor"; the kind the text names, spelled a little differently, wins
            spelled = [r for r in self.gazetteer.lookup_skeleton(mention.name) if r.feature in allowed]
            if spelled:
                return spelled, True
        if mention.hint in FACILITY_HINTS:
            return matching, coarse
        return matching or rows, coarse

    def _rank(self, mention: PlaceMention, context: ResolveContext, container: Place | None,
              anchor: Place | None) -> list[Scored]:
        rows, coarse = self.candidates(mention)
        scored = [self.scorer.score(row, mention, context, container, anchor, coarse=coarse, sole=len(rows) == 1)
                  for row in rows]
        if mention.hint != "admin1":
            scored = [_prefer_town(s, rows) for s in scored]
        return sorted(scored, key=lambda s: s.score, reverse=True)

    @staticmethod
    def _fallback(mention: PlaceMention, anchor: Place | None, container: Place | None) -> Place:
        name = mention.name
        if anchor is not None:  # a point near the anchor ("the Red Sea 65 nautical miles west of X"): no sea
            return replace(anchor, name=name, precision=2, feature=None if mention.hint == "sea" else mention.hint,
                           geonameid=None, source=f"near {anchor.name}")
        if container is not None:
            # "the Haidariya region in the desert of the city of al-Mayadeen": a region inside
            # a town is a part of it (precision 2), not a province
            inside_point = container.feature not in AREA_FEATURES
            hint = "area" if mention.hint == "admin1" and inside_point else mention.hint
            precision = 3 if container.feature == "country" or hint == "admin1" else 2
            return replace(container, name=name, precision=precision, feature=hint or container.feature,
                           geonameid=None, source=f"in {container.name}")
        return Place(name=name, precision=3, feature=mention.hint)

    # -- documents -----------------------------------------------------------------

    def document_context(self, text: str, ents: Sequence[tuple[int, int, str]] | None = None) -> ResolveContext:
        """The countries a document is about (countries, provinces, big cities and
        facilities it names, most often named first) and the provinces it names."""
        votes: Counter[str] = Counter()
        named: set[str] = set()  # countries named as such ("Syria", "Iraq's")
        areas: dict[tuple[str, str], None] = {}
        towns: dict[int, Place] = {}  # towns no other place shares a name with: the story's points
        unclear: list[Sequence[PlaceRow]] = []
        for mention in self.find_mentions(text, ents):
            if M.inside_longer_name(text, mention):
                continue  # "al-Zawiyah" of "Jabal al-Zawiyah": some other, unknown place
            rows = self.gazetteer.lookup(mention.name)
            district = _named_district(rows, mention)
            country = _clear_country(rows) or district
            if country is None:
                unclear.append(rows)
                continue
            if district is not None:  # "Negros Oriental province": its region holds the story's towns (when
                # every area of that name lies in one region: not so the eleven Crawford Counties)
                regions = {r.admin1_code for r in rows if r.kind == "area" and r.country == country and r.admin1_code}
                if len(regions) == 1:
                    areas[(country, regions.pop())] = None
            if rows[0].kind == "country":
                named.add(country)
            votes[country] += 2 if rows[0].kind == "country" else 1  # naming the country says most
            areas.update({(country, code): None for code in _named_areas(rows, country)})
            if (town := _sure_town(rows)) is not None:
                towns.setdefault(town.id, to_place(town))
        if unclear:  # "Gaza" (Palestine's city, Mozambique's province) in a story of Palestinians
            told = set(votes) | _peoples_named(text)
            for rows in unclear:
                options = {r.country for r in _serious(rows) if r.country} & told
                if len(options) == 1 and _notable(rows[0]):
                    votes[options.pop()] += 1
        countries = _main_countries(votes, named)
        return ResolveContext(countries=countries, areas=tuple(a for a in areas if a[0] in votes),
                              towns=tuple(p for p in towns.values() if p.country in countries[:1]))

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


def _sure_town(rows: Sequence[PlaceRow]) -> PlaceRow | None:
    """A name only one town bears (of any size), or a city that dwarfs its namesakes
    (the province named after a town is no rival: "Idlib")."""
    towns = [r for r in rows if r.kind == "populated"]
    if not towns or towns[0].lat is None:
        return None
    top = towns[0]
    rivals = [r for r in rows if r is not top
              and not (r.kind == "admin1" and r.country == top.country and r.admin1_code == top.admin1_code)]
    if not rivals or (top.population >= 100_000 and all(r.population * 10 < top.population for r in rivals)):
        return top
    return None


def _seat_named_alike(chosen: Scored, ranked: list[Scored]) -> Scored:
    """A bare name shared by a province and its town ("Kherson", "Idlib", "Kandahar")
    is the town; "Kherson region" carries the hint that keeps the province."""
    key = name_key(chosen.row.name)
    for other in ranked:
        row = other.row
        if not other.rejected and row.kind == "populated" and row.country == chosen.row.country \
                and row.admin1_code == chosen.row.admin1_code and name_key(row.name) == key:
            return other
    return chosen


def _main_countries(votes: Counter[str], named: set[str]) -> tuple[str, ...]:
    """Countries by votes; one reached only through a place name needs a third
    of the leader's votes (one stray 'Hue' for 'al-Fu'ah' does not make a Syria
    story Vietnamese)."""
    if not votes:
        return ()
    floor = votes.most_common(1)[0][1] / 3
    return tuple(c for c, n in votes.most_common() if c in named or n >= floor)


def _named_areas(rows: Sequence[PlaceRow], country: str) -> list[str]:
    """Admin1 codes a name stands for: its admin1 readings, when no serious reading
    lies outside them ('Idlib' the province or its city; not 'Washington')."""
    codes = [r.admin1_code for r in rows if r.kind == "admin1" and r.country == country and r.admin1_code]
    top = rows[0].population
    rivals = [r for r in rows if r.kind != "admin1" and r.population * 10 >= top and r.admin1_code not in codes]
    return [] if rivals else codes


LOCAL_HINTS = frozenset({"neighbourhood", "district", "area"})


def _local_fallback(mention: PlaceMention, context: ResolveContext, container: Place | None) -> Place | None:
    """A place the gazetteer lacks, placed by the town the document places most
    often (precision 2): 'the al-Mashtal neighborhood' with no town in the sentence,
    or 'Karan Nagar, Jammu and Kashmir' in a Srinagar story (a town inside the
    province the sentence names)."""
    if container is None and mention.hint not in LOCAL_HINTS:
        return None
    named = context.places if container is None else (*context.towns, *context.places)
    towns = [p for p in named if p.precision == 1 and p.feature in ("city", "town")
             and (container is None or _inside(p, container))]
    if not towns:
        return None
    keys = [(p.name, p.lat, p.lon) for p in towns]
    counts = Counter(keys)  # the most named, the latest of equals
    key = max(reversed(keys), key=lambda k: counts[k])
    town = next(p for p in reversed(towns) if (p.name, p.lat, p.lon) == key)
    return replace(town, name=mention.name, precision=2, feature=mention.hint, geonameid=None,
                   source=f"in {town.name}")


NEIGHBOURHOOD_KM = 30.0  # how far from the story's towns a place called a neighbourhood may lie


def _far_neighbourhood(row: PlaceRow, mention: PlaceMention, context: ResolveContext) -> bool:
    """A name the text calls a neighbourhood that the gazetteer only has as a town far
    from every town the story places: some other place of that name."""
    if mention.hint not in ("neighbourhood", "district") or row.kind != "populated" or row.lat is None or row.lon is None:
        return False
    towns = [p for p in context.places if p.precision == 1 and p.feature in ("city", "town") and p.lat is not None]
    return bool(towns) and min(distance_km(row.lat, row.lon, p.lat, p.lon) for p in towns) > NEIGHBOURHOOD_KM


def _inside(place: Place, area: Place) -> bool:
    if place.country != area.country:
        return False
    return name_key(place.admin1 or "") == name_key(area.admin1 or "-")


def _clear_country(rows: Sequence[PlaceRow]) -> str | None:
    """The country a name clearly points to: a country's own name, or a name whose
    serious candidates (a tenth of the top population or more) all lie in one
    country and that is a province, a big city or a facility."""
    if not rows:
        return None
    top = rows[0]
    if top.kind == "country":
        return top.country
    if len({r.country for r in _serious(rows)}) != 1:
        return None
    return top.country if _notable(top) else None


def _named_district(rows: Sequence[PlaceRow], mention: PlaceMention) -> str | None:
    """ "Negros Oriental province", "Mangu local government area": a second-level area the text
    calls one, when every area of that name lies in one country."""
    areas = {r.country for r in rows if r.feature == "district" and r.kind == "area"}
    return next(iter(areas)) if mention.hint in ("admin1", "district") and len(areas) == 1 else None


def _serious(rows: Sequence[PlaceRow]) -> list[PlaceRow]:
    """A name's readings with a tenth of the top one's population or more."""
    return [r for r in rows if r.population * 10 >= rows[0].population]


def _notable(row: PlaceRow) -> bool:
    return row.kind == "admin1" or row.population >= WELL_KNOWN_POPULATION or row.source.startswith("facilities")


_WORD = re.compile(r"[A-Z][a-z]+")


def _peoples_named(text: str) -> set[str]:
    """Countries whose people the text names ("Palestinian", "Israeli"): they settle which of a
    name's readings the story means, never which country it is about (an Israeli strike in Gaza)."""
    table = demonyms()
    return {c for word in set(_WORD.findall(text)) for c in table.get(word.lower(), ())}


def _prefer_town(scored: Scored, rows: Sequence[PlaceRow]) -> Scored:
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
