"""Cross-source merging quality on the multi-source incident test set.

    python benchmarks/merge_eval.py            # both variants
    python benchmarks/merge_eval.py --json

Two runs, each into a fresh database through `Store.add_document`:

- **gold**: the gold events themselves are stored (their incident labels
  hidden), so every error is a merging error;
- **pipeline**: the real pipeline reads the documents (with the URL, outlet
  and publication day of `sources.jsonl`) and its events are stored; each
  predicted event takes the incident label of the gold event the scorer
  pairs it with (`shared/eval/score.py`), and merging is judged on the
  paired events only — extraction misses and false events are counted
  separately.

Printed: pairwise precision / recall / F1 over event pairs (same predicted
incident vs same gold incident), B-cubed precision / recall / F1, and the
same after accepting every candidate link (what an analyst reviewing the
links could reach at most).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from eventsift.records import Document, Event, Place
from eventsift.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "incidents"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("eventsift_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(sources: dict[str, dict[str, Any]]) -> list[Document]:
    """The test set's documents as `eventsift run` would read them, plus their sources' metadata."""
    from eventsift.errors import InputError
    from eventsift.ingest import read_inputs

    out = []
    for item in read_inputs(sorted((DATA / "docs").iterdir())):
        if isinstance(item, InputError):
            print(f"unreadable: {item}", file=sys.stderr)
            continue
        meta = sources.get(item.doc_id, {})
        published = item.published or (date.fromisoformat(meta["published"]) if meta.get("published") else None)
        out.append(replace(item, url=meta.get("url"), outlet=meta.get("outlet"), published=published))
    return out


# --- gold events as stored events ----------------------------------------------------


def _precision_of(radius_km: float) -> int:
    return 1 if radius_km <= 25 else 2 if radius_km <= 60 else 3


def _place(data: dict[str, Any] | None) -> Place | None:
    """A gold location as the geocoder would give it: precision from the radius;
    a place with a country-wide radius (no admin1, radius ≥ 200 km) is the country."""
    if not data:
        return None
    radius = float(data.get("radius_km", 25))
    country_wide = radius >= 200 and not data.get("admin1")
    return Place(name=data.get("name") or "", lat=data.get("lat"), lon=data.get("lon"),
                 country=data.get("country"), admin1=data.get("admin1"),
                 precision=_precision_of(radius), feature="country" if country_wide else None)


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def gold_event(doc: str, gold: dict[str, Any]) -> Event:
    return Event(
        doc=doc, event_id=gold["id"], event_type=gold["event_type"], sub_event_type=gold.get("sub_event_type"),
        date=gold.get("date"), date_precision=int(gold.get("date_precision") or 1),
        weapons=tuple(gold.get("weapons") or ()), location=_place(gold.get("location")),
        launch_locations=tuple(p for p in (_place(x) for x in gold.get("launch_locations") or []) if p),
        actor=_first(gold.get("actor")), target=_first(gold.get("target")),
        fatalities=gold.get("fatalities"), injuries=gold.get("injuries"),
        certainty=gold.get("certainty") or "reported", attribution=tuple(gold.get("attribution") or ()),
        evidence=tuple(gold.get("evidence") or ()),
        extras={"date_alternatives": gold["date_alternatives"]} if gold.get("date_alternatives") else {},
    )


# --- metrics -------------------------------------------------------------------------


def pairwise(pred: dict[str, Any], gold: dict[str, str]) -> tuple[float, float, float]:
    items = sorted(gold)
    tp = fp = fn = 0
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            same_pred, same_gold = pred[a] == pred[b], gold[a] == gold[b]
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    return _prf(tp / max(1, tp + fp) if tp + fp else 1.0, tp / max(1, tp + fn) if tp + fn else 1.0)


def bcubed(pred: dict[str, Any], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return _prf(p, r)


def _prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def with_links(store: Store, incident_of: dict[str, int]) -> dict[str, int]:
    """Incidents after accepting every candidate link (union-find over incidents)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b in store._conn.execute(
        "SELECT ma.incident, mb.incident FROM candidate_links l JOIN incident_members ma ON ma.event = l.event_a "
        "JOIN incident_members mb ON mb.event = l.event_b"
    ):
        parent[find(a)] = find(b)
    return {k: find(v) for k, v in incident_of.items()}


def dated_pairs(pred: dict[str, Any], gold: dict[str, str], dated: set[str]) -> tuple[float, float, float]:
    """Pairwise figures over the pairs the rules let merge at all: both events dated."""
    keep = {k: v for k, v in gold.items() if k in dated}
    return pairwise({k: pred[k] for k in keep}, keep)


def report(name: str, store: Store, pred: dict[str, int], gold: dict[str, str]) -> dict[str, Any]:
    linked = with_links(store, pred)
    dated = {f"{s.event.doc}/{s.event.event_id}" for s in store.events(_all()).items if s.event.date}
    return {
        "variant": name, "events": len(gold), "gold_incidents": len(set(gold.values())),
        "predicted_incidents": len(set(pred.values())),
        "pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold),
        "pairwise_dated_only": dated_pairs(pred, gold, dated),
        "pairwise_with_links": pairwise(linked, gold), "bcubed_with_links": bcubed(linked, gold),
        "candidate_links": store.counts()["candidate_links"],
    }


# --- the two variants ----------------------------------------------------------------


def run_gold(folder: Path, golds: list[dict[str, Any]], docs: dict[str, Document]) -> dict[str, Any]:
    gold_label: dict[str, str] = {}
    with Store(folder / "gold.db") as store:
        for record in golds:
            events = [gold_event(record["doc"], g) for g in record["events"]]
            store.add_document(docs[record["doc"]], events)
            gold_label.update({f"{record['doc']}/{g['id']}": g["incident"] for g in record["events"]})
        pred = {f"{s.event.doc}/{s.event.event_id}": s.incident for s in store.events(_all()).items}
        return report("gold events", store, pred, gold_label)


def run_pipeline(folder: Path, golds: list[dict[str, Any]], docs: dict[str, Document]) -> dict[str, Any]:
    from eventsift.pipeline import Pipeline

    score = scorer()
    by_doc = {g["doc"]: g for g in golds}
    with Store(folder / "pipeline.db") as store:
        for doc, events in Pipeline().extract_many(docs.values()):
            store.add_document(doc, events)
        stored = store.events(_all()).items
        pred_label: dict[str, int] = {}
        gold_label: dict[str, str] = {}
        predicted = defaultdict(list)
        for s in stored:
            predicted[s.event.doc].append(s)
        n_gold = sum(len(g["events"]) for g in golds)
        for name, gold in by_doc.items():
            mine = predicted.get(name, [])
            for i, j in score.match([s.event.to_contract() for s in mine], gold["events"]):
                key = f"{name}/{mine[i].event.event_id}"
                pred_label[key] = mine[i].incident
                gold_label[key] = gold["events"][j]["incident"]
        result = report("pipeline events", store, pred_label, gold_label)
        result["extraction"] = {"gold_events": n_gold, "predicted_events": len(stored),
                                "paired": len(gold_label), "unpaired_predictions": len(stored) - len(gold_label)}
        return result


def _all() -> Any:
    from eventsift.store import Query

    return Query(limit=100_000, sort="id", descending=False)


def show(result: dict[str, Any]) -> None:
    print(f"== {result['variant']}: {result['events']} events, {result['gold_incidents']} gold incidents, "
          f"{result['predicted_incidents']} predicted, {result['candidate_links']} candidate links")
    if "extraction" in result:
        x = result["extraction"]
        print(f"   extraction: {x['paired']} of {x['gold_events']} gold events paired; "
              f"{x['unpaired_predictions']} of {x['predicted_events']} predictions unpaired (left out below)")
    for key in ("pairwise", "bcubed", "pairwise_dated_only", "pairwise_with_links", "bcubed_with_links"):
        p, r, f = result[key]
        print(f"   {key:<20} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", choices=["gold", "pipeline"], help="run one variant")
    args = parser.parse_args()
    golds = load_jsonl(DATA / "gold.jsonl")
    sources = {s["doc"]: s for s in load_jsonl(DATA / "sources.jsonl")}
    docs = {d.doc_id: d for d in documents(sources)}
    results = []
    with tempfile.TemporaryDirectory() as folder:
        if args.only != "pipeline":
            results.append(run_gold(Path(folder), golds, docs))
        if args.only != "gold":
            results.append(run_pipeline(Path(folder), golds, docs))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for result in results:
            show(result)


if __name__ == "__main__":
    main()
