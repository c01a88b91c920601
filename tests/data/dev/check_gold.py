#!/usr/bin/env python3
"""Check dev-set gold files against the gold format (../shared/eval/FORMAT.md).

    python tests/data/dev/check_gold.py tests/data/dev/gold_a.jsonl [...]
    python tests/data/dev/check_gold.py gold_a.jsonl --write-pred gold_as_pred.jsonl

For every gold line: valid JSON, the required keys with the right types, the
document present beside the gold file, and every evidence, optional and absent
string found verbatim in the document. Prints one line per problem and exits 1
when there is any. `--write-pred` also writes the gold events as predictions
(first acceptable actor/target name), which the scorer must rate 1.0.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

DOC_KEYS = {"doc": str, "published": (str, type(None)), "note": str,
            "events": list, "optional": list, "absent": list}
EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments"}
SUB_EVENT_TYPES = {"Shelling/artillery/missile attack", "Air/drone strike",
                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Armed clash",
                   "Attack", "Government regains territory",
                   "Non-state actor overtakes territory", "Abduction/forced disappearance",
                   "Sexual violence", "Disrupted weapons use"}
WEAPONS = {"missile", "rocket", "drone", "mortar", "artillery", "airstrike", "ied",
           "suicide_bomb", "grenade", "gunfire", "unknown"}
CERTAINTIES = {"confirmed", "reported", "claimed", "unverified"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LOCATION_KEYS = {"name": str, "lat": (int, float), "lon": (int, float),
                 "country": (str, type(None)), "radius_km": (int, float)}


def check_type(where: str, value: Any, expected: Any) -> list[str]:
    """One problem when `value` is not of the expected type(s)."""
    if isinstance(value, bool) or not isinstance(value, expected):
        return [f"{where}: {value!r} has the wrong type"]
    return []


def check_location(where: str, loc: Any) -> list[str]:
    """A location object: name, coordinates in range, ISO2 country, radius."""
    if not isinstance(loc, dict):
        return [f"{where}: not an object"]
    problems = []
    for key, expected in LOCATION_KEYS.items():
        if key not in loc:
            problems.append(f"{where}: missing {key}")
        else:
            problems += check_type(f"{where}.{key}", loc[key], expected)
    if problems:
        return problems
    if not (-90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180):
        problems.append(f"{where}: coordinates out of range")
    if loc["country"] is not None and not re.fullmatch(r"[A-Z]{2}", loc["country"]):
        problems.append(f"{where}: country {loc['country']!r} is not ISO 3166-1 alpha-2")
    if loc["radius_km"] <= 0:
        problems.append(f"{where}: radius_km must be positive")
    return problems


def check_names(where: str, value: Any) -> list[str]:
    """Actor/target: null or a non-empty list of non-empty strings."""
    if value is None:
        return []
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        return [f"{where}: must be null or a non-empty list of names"]
    return []


def check_count(where: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return [f"{where}: must be null or a non-negative integer"]
    return []


def check_dates(where: str, event: dict[str, Any]) -> list[str]:
    problems = []
    dates = [event.get("date")] + list(event.get("date_alternatives", []))
    for value in dates:
        if value is not None and not (isinstance(value, str) and DATE.match(value)):
            problems.append(f"{where}: date {value!r} is not YYYY-MM-DD")
    if event.get("date") is None and event.get("date_alternatives"):
        problems.append(f"{where}: date_alternatives without a date")
    if event.get("date_precision") not in (None, 1, 2, 3):
        problems.append(f"{where}: date_precision must be 1, 2, 3 or null")
    return problems


def check_classes(where: str, event: dict[str, Any]) -> list[str]:
    problems = []
    if event.get("event_type") not in EVENT_TYPES:
        problems.append(f"{where}: unknown event_type {event.get('event_type')!r}")
    sub = event.get("sub_event_type")
    if sub is not None and sub not in SUB_EVENT_TYPES:
        problems.append(f"{where}: unknown sub_event_type {sub!r}")
    weapons = event.get("weapons")
    if not isinstance(weapons, list) or any(w not in WEAPONS for w in weapons):
        problems.append(f"{where}: weapons {weapons!r} outside the vocabulary")
    if event.get("certainty") not in CERTAINTIES:
        problems.append(f"{where}: unknown certainty {event.get('certainty')!r}")
    return problems


def check_evidence(where: str, strings: Any, text: str, *, required: bool) -> list[str]:
    """Each string must occur verbatim in the document."""
    if not isinstance(strings, list) or (required and not 1 <= len(strings) <= 3):
        return [f"{where}: must be a list" + (" of 1-3 strings" if required else "")]
    return [f"{where}: not found verbatim: {s!r}" for s in strings
            if not isinstance(s, str) or not s or s not in text]


def check_event(where: str, event: Any, text: str) -> list[str]:
    if not isinstance(event, dict):
        return [f"{where}: not an object"]
    problems = check_type(f"{where}.id", event.get("id"), str)
    problems += check_evidence(f"{where}.evidence", event.get("evidence"), text, required=True)
    problems += check_dates(where, event)
    problems += check_classes(where, event)
    problems += check_location(f"{where}.location", event.get("location"))
    launches = event.get("launch_locations", [])
    if not isinstance(launches, list):
        problems.append(f"{where}.launch_locations: must be a list")
    else:
        for i, loc in enumerate(launches):
            problems += check_location(f"{where}.launch_locations[{i}]", loc)
    for key in ("actor", "target"):
        problems += check_names(f"{where}.{key}", event.get(key))
    for key in ("fatalities", "injuries"):
        problems += check_count(f"{where}.{key}", event.get(key))
    attribution = event.get("attribution", [])
    if not isinstance(attribution, list) or not all(isinstance(a, str) for a in attribution):
        problems.append(f"{where}.attribution: must be a list of strings")
    return problems


def check_document(gold: Any, folder: Path, seen_ids: set[str]) -> list[str]:
    if not isinstance(gold, dict):
        return ["line is not a JSON object"]
    name = str(gold.get("doc"))
    problems = [f"{name}: missing {k}" for k in DOC_KEYS if k not in gold]
    problems += [p for k, t in DOC_KEYS.items() if k in gold
                 for p in check_type(f"{name}.{k}", gold[k], t)]
    if gold.get("published") is not None and not DATE.match(str(gold["published"])):
        problems.append(f"{name}: published is not YYYY-MM-DD")
    path = folder / name
    if not path.is_file():
        return problems + [f"{name}: document not found in {folder}"]
    text = path.read_text(encoding="utf-8")
    for i, event in enumerate(gold.get("events") or []):
        problems += check_event(f"{name}[{i}]", event, text)
        event_id = event.get("id") if isinstance(event, dict) else None
        if event_id in seen_ids:
            problems.append(f"{name}[{i}]: duplicate id {event_id!r}")
        seen_ids.add(event_id)
    for key in [k for k in ("optional", "absent") if k in gold]:
        problems += check_evidence(f"{name}.{key}", gold.get(key), text, required=False)
    return problems


def as_prediction(doc: str, event: dict[str, Any]) -> dict[str, Any]:
    """A gold event in the prediction shape: first acceptable names, plain location."""
    pred = {k: v for k, v in event.items() if k not in ("id", "actor", "target")}
    pred["doc"] = doc
    pred["event_id"] = event["id"]
    pred["actor"] = event["actor"][0] if event.get("actor") else None
    pred["target"] = event["target"][0] if event.get("target") else None
    return pred


def check_file(path: Path, pred_out: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    seen_ids: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{path.name}:{number}: invalid JSON: {err}")
            continue
        found = check_document(gold, path.parent, seen_ids)
        problems += [f"{path.name}:{number}: {p}" for p in found]
        if isinstance(gold, dict):
            pred_out += [as_prediction(gold["doc"], e) for e in gold.get("events") or []
                         if isinstance(e, dict)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", type=Path, help="gold JSONL file(s)")
    parser.add_argument("--write-pred", type=Path, help="write the gold as predictions here")
    args = parser.parse_args(argv)
    predictions: list[dict[str, Any]] = []
    problems = [p for path in args.gold for p in check_file(path, predictions)]
    for problem in problems:
        print(problem)
    if args.write_pred:
        with args.write_pred.open("w", encoding="utf-8") as out:
            for pred in predictions:
                out.write(json.dumps(pred, ensure_ascii=False) + "\n")
    print(f"{len(problems)} problem(s) in {len(args.gold)} file(s), {len(predictions)} events")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
