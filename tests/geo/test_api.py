"""The public API the extractor relies on: changing it must be deliberate."""
from __future__ import annotations

import inspect

import eventsift.geo as geo


def test_public_names_are_pinned() -> None:
    assert sorted(geo.__all__) == [
        "Gazetteer", "PlaceMention", "PlaceResolver", "PlaceRow", "ResolveContext",
        "build", "default_path", "distance_km", "loose_key", "name_key",
    ]


def test_resolver_signatures_are_pinned() -> None:
    sig = {name: str(inspect.signature(getattr(geo.PlaceResolver, name)))
           for name in ("open_default", "find_mentions", "resolve", "document_context", "resolve_sentence")}
    assert sig["find_mentions"] == "(self, text: 'str', ents: 'Sequence[tuple[int, int, str]] | None' = None) -> 'list[PlaceMention]'"
    assert sig["resolve"] == "(self, mention: 'PlaceMention | str', context: 'ResolveContext | None' = None) -> 'Place | None'"
    assert sig["open_default"] == "(path: 'Path | None' = None) -> 'PlaceResolver'"
