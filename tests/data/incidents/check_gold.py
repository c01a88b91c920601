#!/usr/bin/env python3
"""Check the multi-source incident test set (gold.jsonl, sources.jsonl, docs/).

    python tests/data/incidents/check_gold.py            # check; exit 1 on any problem
    python tests/data/incidents/check_gold.py --summary  # also print the set's figures

Per document: valid JSON, the gold keys with the right types (the format of
../shared/eval/FORMAT.md plus an `incident` label on every event), the text
file present, every evidence / optional / absent string found verbatim in it,
and one sources.jsonl line with the same publication day. Across documents:
each incident label keeps one place (its events' points lie within their
radii of one another, country-level mentions aside).

The set-level figures (`--summary`) are what the README promises: incidents
told by two or more outlets, pairs of different incidents at the same place
on different days, and different incidents on the same day in nearby towns.
`set_minimums()` turns them into problems when they fall below the stated
floors. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INCIDENT = re.compile(r"^I\d{2}$")
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"}
SUB_EVENT_TYPES = {"Shelling/artillery/missile attack", "Air/drone strike",
                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                   "Armed clash", "Attack", "Disrupted weapons use"}
# FORMAT.md's weapons less "unknown": the scorer drops "unknown" from predictions,
# so a gold event whose weapon the text does not name has an empty list.
WEAPONS = {"missile", "rocket", "drone", "mortar", "artillery", "airstrike", "ied",
           "suicide_bomb", "grenade", "gunfire"}
CERTAINTIES = {"confirmed", "reported", "claimed", "unverified"}
DOC_KEYS: dict[str, Any] = {"doc": str, "published": (str, type(None)), "note": str,
                            "events": list, "optional": list, "absent": list}
SOURCE_KEYS: dict[str, Any] = {"doc": str, "url": str, "outlet": str,
                               "published": (str, type(None)),
                               "published_from": (str, type(None))}
PUBLISHED_FROM = {"header", "byline", "url", None}
COUNTRY_LEVEL_KM = 250  # a point with a wider radius only names a country
SAME_PLACE_KM = 8  # one base, one city district: "the same place"
NEARBY_KM = 150  # "nearby towns" for same-day distinct incidents

# Floors the set is built to meet (README); never lowered without saying so.
MIN_DOCS = 30
MIN_MULTI_OUTLET_INCIDENTS = 12
MIN_SAME_PLACE_PAIRS = 4
MIN_SAME_DAY_NEARBY_PAIRS = 2


def type_problem(where: str, value: Any, expected: Any) -> list[str]:
    """One problem when `value` is not of the expected type(s); bools are not ints."""
    if isinstance(value, bool) or not isinstance(value, expected):
        return [f"{where}: {value!r} has the wrong type"]
    return []


def date_problem(where: str, value: Any, *, nullable: bool = True) -> list[str]:
    """A YYYY-MM-DD string that is a real calendar day (or null when allowed)."""
    if value is None and nullable:
        return []
    if not isinstance(value, str) or not DATE.match(value):
        return [f"{where}: {value!r} is not YYYY-MM-DD"]
    try:
        date.fromisoformat(value)
    except ValueError:
        return [f"{where}: {value!r} is not a calendar day"]
    return []


def location_problems(where: str, loc: Any) -> list[str]:
    """name, lat/lon in range, ISO 3166-1 alpha-2 country, admin1, positive radius."""
    if not isinstance(loc, dict):
        return [f"{where}: not an object"]
    keys = {"name": str, "lat": (int, float), "lon": (int, float), "country": str,
            "admin1": (str, type(None)), "radius_km": (int, float)}
    problems = [f"{where}: missing {k}" for k in keys if k not in loc]
    problems += [p for k, t in keys.items() if k in loc
                 for p in type_problem(f"{where}.{k}", loc[k], t)]
    if problems:
        return problems
    if not (-90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180):
        problems.append(f"{where}: coordinates out of range")
    if not re.fullmatch(r"[A-Z]{2}", loc["country"]):
        problems.append(f"{where}: country {loc['country']!r} is not ISO 3166-1 alpha-2")
    if loc["radius_km"] <= 0:
        problems.append(f"{where}: radius_km must be positive")
    return problems


def names_problems(where: str, value: Any) -> list[str]:
    """Actor/target: null or a non-empty list of non-empty strings."""
    if value is None:
        return []
    if not isinstance(value, list) or not value or \
            not all(isinstance(v, str) and v for v in value):
        return [f"{where}: must be null or a non-empty list of names"]
    return []


def count_problems(where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return [f"{where}: must be null or a non-negative integer"]
    return []


def verbatim_problems(where: str, strings: Any, text: str, *, evidence: bool) -> list[str]:
    """A list of strings each found verbatim in the text (evidence: 1-3 of them)."""
    if not isinstance(strings, list) or (evidence and not 1 <= len(strings) <= 3):
        return [f"{where}: must be a list" + (" of 1-3 strings" if evidence else "")]
    return [f"{where}: not found verbatim: {s!r}" for s in strings
            if not isinstance(s, str) or not s or s not in text]


def date_fields_problems(where: str, event: dict[str, Any]) -> list[str]:
    problems = date_problem(f"{where}.date", event.get("date"))
    for alt in event.get("date_alternatives", []):
        problems += date_problem(f"{where}.date_alternatives", alt, nullable=False)
    if event.get("date") is None and event.get("date_alternatives"):
        problems.append(f"{where}: date_alternatives without a date")
    if "date_before" in event:
        problems += date_problem(f"{where}.date_before", event["date_before"], nullable=False)
    if event.get("date_precision") not in (None, 1, 2, 3):
        problems.append(f"{where}: date_precision must be 1, 2, 3 or null")
    if event.get("date") is not None and event.get("date_precision") != 1:
        problems.append(f"{where}: a resolved day needs date_precision 1")
    return problems


def class_problems(where: str, event: dict[str, Any]) -> list[str]:
    problems = []
    if event.get("event_type") not in EVENT_TYPES:
        problems.append(f"{where}: unknown event_type {event.get('event_type')!r}")
    sub = event.get("sub_event_type")
    if sub is not None and sub not in SUB_EVENT_TYPES:
        problems.append(f"{where}: unknown sub_event_type {sub!r}")
    weapons = event.get("weapons")
    if not isinstance(weapons, list) or any(w not in WEAPONS for w in weapons) or \
            len(set(weapons)) != len(weapons):
        problems.append(f"{where}: weapons {weapons!r} outside the vocabulary or repeated")
    if event.get("certainty") not in CERTAINTIES:
        problems.append(f"{where}: unknown certainty {event.get('certainty')!r}")
    return problems


def event_problems(where: str, event: Any, text: str) -> list[str]:
    """Every key of one gold event, and its evidence against the text."""
    if not isinstance(event, dict):
        return [f"{where}: not an object"]
    problems = type_problem(f"{where}.id", event.get("id"), str)
    if not isinstance(event.get("incident"), str) or not INCIDENT.match(event["incident"]):
        problems.append(f"{where}: incident must be a label like 'I07'")
    problems += verbatim_problems(f"{where}.evidence", event.get("evidence"), text, evidence=True)
    problems += date_fields_problems(where, event)
    problems += class_problems(where, event)
    problems += location_problems(f"{where}.location", event.get("location"))
    launches = event.get("launch_locations")
    if not isinstance(launches, list):
        problems.append(f"{where}.launch_locations: must be a list")
    else:
        for i, loc in enumerate(launches):
            problems += location_problems(f"{where}.launch_locations[{i}]", loc)
    for key in ("actor", "target"):
        problems += names_problems(f"{where}.{key}", event.get(key))
    for key in ("fatalities", "injuries"):
        problems += count_problems(f"{where}.{key}", event.get(key))
    attribution = event.get("attribution")
    if not isinstance(attribution, list) or not all(isinstance(a, str) and a for a in attribution):
        problems.append(f"{where}.attribution: must be a list of strings")
    return problems


def document_problems(gold: Any, docs: Path, seen_ids: set[str]) -> list[str]:
    """One gold line: its keys, its text file, its events and passages."""
    if not isinstance(gold, dict):
        return ["line is not a JSON object"]
    name = str(gold.get("doc"))
    problems = [f"{name}: missing {k}" for k in DOC_KEYS if k not in gold]
    problems += [p for k, t in DOC_KEYS.items() if k in gold
                 for p in type_problem(f"{name}.{k}", gold[k], t)]
    if problems:
        return problems
    problems += date_problem(f"{name}.published", gold["published"])
    path = docs / name
    if not path.is_file():
        return problems + [f"{name}: no such file in {docs}"]
    text = path.read_text(encoding="utf-8")
    for i, event in enumerate(gold["events"]):
        where = f"{name}.events[{i}]"
        problems += event_problems(where, event, text)
        event_id = event.get("id") if isinstance(event, dict) else None
        if event_id in seen_ids:
            problems.append(f"{where}: event id {event_id!r} used twice")
        seen_ids.add(str(event_id))
    for key in ("optional", "absent"):
        problems += verbatim_problems(f"{name}.{key}", gold[key], text, evidence=False)
    return problems


def read_jsonl(path: Path) -> tuple[list[Any], list[str]]:
    """The parsed lines of a JSONL file, and one problem per unparsable line."""
    rows, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            problems.append(f"{path.name}:{number}: invalid JSON ({err})")
    return rows, problems


def source_problems(sources: list[Any], golds: list[Any], docs: Path) -> list[str]:
    """sources.jsonl: one line per document, same docs and publication days as the gold."""
    problems = []
    for row in sources:
        if not isinstance(row, dict):
            problems.append("sources.jsonl: a line is not an object")
            continue
        problems += [p for k, t in SOURCE_KEYS.items()
                     for p in type_problem(f"sources[{row.get('doc')}].{k}", row.get(k), t)]
        if row.get("published_from") not in PUBLISHED_FROM:
            problems.append(f"sources[{row.get('doc')}]: unknown published_from")
        if not str(row.get("url", "")).startswith(("http://", "https://")):
            problems.append(f"sources[{row.get('doc')}]: url is not http(s)")
    by_doc = {r.get("doc"): r for r in sources if isinstance(r, dict)}
    gold_docs = {g.get("doc"): g for g in golds if isinstance(g, dict)}
    if len(by_doc) != len(sources):
        problems.append("sources.jsonl: a document is listed twice")
    for name in sorted(set(by_doc) ^ set(gold_docs), key=str):
        problems.append(f"{name}: in only one of gold.jsonl and sources.jsonl")
    for name in sorted(set(by_doc) & set(gold_docs)):
        if by_doc[name].get("published") != gold_docs[name].get("published"):
            problems.append(f"{name}: published differs between gold and sources")
    on_disk = {p.name for p in docs.glob("*.txt")}
    problems += [f"{n}: text file without gold" for n in sorted(on_disk - set(gold_docs))]
    return problems


def distance_km(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Great-circle distance between two location objects."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def gold_events(golds: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for gold in golds:
        for event in gold["events"]:
            yield gold, event


def incident_place_problems(golds: list[dict[str, Any]]) -> list[str]:
    """All events of one incident lie at one place (country-level mentions aside)."""
    places: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for gold, event in gold_events(golds):
        if event["location"]["radius_km"] < COUNTRY_LEVEL_KM:
            places[event["incident"]].append((event["id"], event["location"]))
    problems = []
    for incident, located in places.items():
        for i, (id_a, a) in enumerate(located):
            for id_b, b in located[i + 1:]:
                if distance_km(a, b) > a["radius_km"] + b["radius_km"]:
                    problems.append(f"{incident}: {id_a} and {id_b} are too far apart")
    return problems


def incident_table(golds: list[dict[str, Any]],
                   sources: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per incident: outlets (domains) that tell it, its place and its day."""
    domain = {s["doc"]: s["url"].split("/")[2].removeprefix("www.") for s in sources}
    table: dict[str, dict[str, Any]] = {}
    for gold, event in gold_events(golds):
        row = table.setdefault(event["incident"], {"domains": set(), "docs": set(),
                                                   "place": None, "dates": set()})
        row["domains"].add(domain[gold["doc"]])
        row["docs"].add(gold["doc"])
        if event["location"]["radius_km"] < COUNTRY_LEVEL_KM and (
                row["place"] is None or event["location"]["radius_km"] < row["place"]["radius_km"]):
            row["place"] = event["location"]
        if event["date"] and event["date_precision"] == 1:
            row["dates"].add(event["date"])
    return table


def set_figures(table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Counts the README states: multi-outlet incidents, same-place and same-day pairs."""
    day = {i: min(r["dates"]) for i, r in table.items() if r["dates"]}
    same_place, same_day_nearby = [], []
    labels = sorted(i for i in table if table[i]["place"] and i in day)
    for n, a in enumerate(labels):
        for b in labels[n + 1:]:
            km = distance_km(table[a]["place"], table[b]["place"])
            same_day = bool(table[a]["dates"] & table[b]["dates"])
            if km <= SAME_PLACE_KM and not same_day:
                same_place.append((a, b))
            elif same_day and SAME_PLACE_KM < km <= NEARBY_KM:
                same_day_nearby.append((a, b, round(km)))
    return {"incidents": len(table),
            "multi_outlet": sorted(i for i, r in table.items() if len(r["domains"]) >= 2),
            "same_place_pairs": same_place, "same_day_nearby_pairs": same_day_nearby}


def set_minimums(figures: dict[str, Any], n_docs: int) -> list[str]:
    checks = [(n_docs, MIN_DOCS, "documents"),
              (len(figures["multi_outlet"]), MIN_MULTI_OUTLET_INCIDENTS, "multi-outlet incidents"),
              (len(figures["same_place_pairs"]), MIN_SAME_PLACE_PAIRS, "same-place pairs"),
              (len(figures["same_day_nearby_pairs"]), MIN_SAME_DAY_NEARBY_PAIRS,
               "same-day nearby pairs")]
    return [f"set: {have} {what}, fewer than {floor}" for have, floor, what in checks if have < floor]


def check(folder: Path = HERE) -> tuple[list[str], dict[str, Any]]:
    """All problems of the set in `folder`, and its figures (empty when unreadable)."""
    golds, problems = read_jsonl(folder / "gold.jsonl")
    sources, source_parse = read_jsonl(folder / "sources.jsonl")
    problems += source_parse
    seen: set[str] = set()
    for gold in golds:
        problems += document_problems(gold, folder / "docs", seen)
    problems += source_problems(sources, golds, folder / "docs")
    if problems:
        return problems, {}
    problems += incident_place_problems(golds)
    figures = set_figures(incident_table(golds, sources))
    problems += set_minimums(figures, len(golds))
    return problems, figures


def print_summary(figures: dict[str, Any]) -> None:
    print(f"incidents: {figures['incidents']}")
    print(f"told by 2+ outlets: {len(figures['multi_outlet'])} {figures['multi_outlet']}")
    print(f"same place, different days: {len(figures['same_place_pairs'])} "
          f"{figures['same_place_pairs']}")
    print(f"same day, nearby places: {len(figures['same_day_nearby_pairs'])} "
          f"{figures['same_day_nearby_pairs']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=HERE, help="the set's folder")
    parser.add_argument("--summary", action="store_true", help="print the set's figures")
    args = parser.parse_args(argv)
    problems, figures = check(args.folder)
    for problem in problems:
        print(problem)
    if args.summary and figures:
        print_summary(figures)
    if not problems:
        print("ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
