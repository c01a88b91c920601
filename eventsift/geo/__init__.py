"""Places: the gazetteer and toponym resolution (stage "resolve places").

The extractor's API (pinned by tests/geo/test_api.py):

    from eventsift.geo import PlaceResolver, ResolveContext, PlaceMention

    resolver = PlaceResolver.open_default()          # builds the gazetteer on first use (~40 s)
    context = resolver.document_context(doc.text)    # countries the document is about
    for mention in resolver.find_mentions(sentence, ents):   # ents: [(start, end, spaCy label)]
        place = resolver.resolve(mention, context)   # eventsift.records.Place (lat/lon None if unsure)
        context = context.with_place(place)
    resolver.resolve_sentence(sentence, context, ents)   # both steps, facility mentions first
    resolver.resolve("Conoco gas field", ResolveContext(countries=("SY",)))   # a bare name works too
    resolver.mention_at(sentence, start, end, ents)   # a given span, with its container and anchor read

ResolveContext carries the document's countries (the first dominates), the
provinces it names (`areas`, from document_context) and the places resolved
so far; pass all three for the best resolution.

PlaceMention carries char offsets, the surface text, a feature `hint`
("base", "oil_field", "airport", "neighbourhood", "district", "admin1", "town", "capital"...),
the spaCy label it came with, the `container` ("Syria" in "Syria's Deir Ezzor
governorate") and its `outer` containers, and the `anchor` ("Baghdad Airport" in
"Victoria base near Baghdad Airport") with an optional `offset_km`/`bearing`
("175 km northwest of Islamabad"), read from the sentence. Place.precision is ACLED's: 1 the
place itself, 2 near it or part of it (anchor/container fallback), 3 a
province or country. docs/gazetteer.md documents the file and the commands.
"""
from __future__ import annotations

from eventsift.geo.gazetteer import Gazetteer, PlaceRow, build, default_path
from eventsift.geo.mentions import PlaceMention
from eventsift.geo.normalize import loose_key, name_key
from eventsift.geo.context import ResolveContext, distance_km
from eventsift.geo.resolve import PlaceResolver

__all__ = [
    "Gazetteer",
    "PlaceMention",
    "PlaceResolver",
    "PlaceRow",
    "ResolveContext",
    "build",
    "default_path",
    "distance_km",
    "loose_key",
    "name_key",
]
