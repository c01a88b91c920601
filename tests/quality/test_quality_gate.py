"""Quality gate: scores on the in-repo gold sets may not slip below pinned minimums.

The minimums sit a little under the figures measured when they were last
raised (docs/quality.md). A minimum is never lowered without saying so in
the commit message. The gold files are pinned by hash: changing a gold file
is a deliberate act that updates GOLD_SHA256 in the same commit.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from eventsift.ingest import read_inputs
from eventsift.pipeline import Pipeline
from tests.conftest import ROOT, SEEDS, scorer

DEV = ROOT / "tests" / "data" / "dev"
INCIDENTS = ROOT / "tests" / "data" / "incidents"

SETS = {
    # name: (gold file, folder of the documents)
    "seeds": (SEEDS / "gold.jsonl", SEEDS),
    "dev": (DEV / "gold.jsonl", DEV),
    "incidents": (INCIDENTS / "gold.jsonl", INCIDENTS / "docs"),
}
MINIMUMS = {
    "seeds": {"f1": 0.95, "location": 0.95, "date": 0.95, "event_type": 0.95, "sub_event_type": 0.95,
              "weapons": 0.95, "launch_locations": 0.95, "actor": 0.95, "target": 0.95, "fatalities": 0.95,
              "injuries": 0.95, "certainty": 0.95},
    "dev": {"f1": 0.91, "date": 0.93, "event_type": 0.95, "sub_event_type": 0.92, "weapons": 0.91,
            "location": 0.79, "actor": 0.84, "target": 0.77, "fatalities": 0.89, "injuries": 0.92,
            "certainty": 0.9},
    "incidents": {"f1": 0.87, "date": 0.9, "event_type": 0.95, "sub_event_type": 0.92, "weapons": 0.9,
                  "location": 0.94, "actor": 0.83, "target": 0.85, "fatalities": 0.92, "injuries": 0.94,
                  "certainty": 0.88},
}
GOLD_SHA256 = {
    "dev": "32f3b8f52dbda900d6e48a7d7b4447f7bbeb4021c2a1c86df7001e60a19ddde5",
    "incidents": "6064569fdff49d8a65743d08d57b64a24758583fe656f700a0479b20f691ff13",
}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def predictions(pipeline: Pipeline, gold_path: Path, folder: Path) -> list[dict]:
    names = [json.loads(line)["doc"] for line in gold_path.read_text().splitlines() if line.strip()]
    docs = [d for d in read_inputs([folder / n for n in names]) if not isinstance(d, Exception)]
    assert len(docs) == len(names), "every gold document must be readable"
    return [e.to_contract() for _doc, events in pipeline.extract_many(docs) for e in events]


@pytest.mark.parametrize("name", sorted(SETS))
def test_scores_stay_above_their_minimums(pipeline, name):
    gold_path, folder = SETS[name]
    score = scorer()
    result = score.score(score.load_jsonl(gold_path), predictions(pipeline, gold_path, folder))
    measured = {"f1": result["f1"], **result["fields"]}
    below = {k: (measured.get(k), v) for k, v in MINIMUMS[name].items() if measured.get(k, 0.0) < v}
    assert not below, f"{name}: below minimum (measured, minimum): {below}"


@pytest.mark.parametrize("name", sorted(GOLD_SHA256))
def test_gold_files_are_the_pinned_ones(name):
    digest = hashlib.sha256(SETS[name][0].read_bytes()).hexdigest()
    assert digest == GOLD_SHA256[name], f"{name} gold changed: update GOLD_SHA256 deliberately"
