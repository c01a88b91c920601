"""Golden test: the seed reports, end to end through the real CLI, against
checked-in expected records (tests/golden/seeds.jsonl).

A change in output is reviewed, never rubber-stamped: regenerate with
    cd ../shared/seeds && eventsift extract --format jsonl 000_*.txt 002_*.txt > ../../main/tests/golden/seeds.jsonl
and read the diff before committing it.
"""
import json
from pathlib import Path

from click.testing import CliRunner

from eventsift.cli import main
from tests.conftest import SEEDS

EXPECTED = Path(__file__).with_name("seeds.jsonl")
COMPARED = ("doc", "event_id", "date", "date_precision", "event_type", "sub_event_type", "weapons",
            "actor", "target", "fatalities", "injuries", "certainty", "evidence")


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_seed_events_match_the_reviewed_golden_file(monkeypatch):
    monkeypatch.chdir(SEEDS)
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "000_5f01672286aa1091.txt",
                                       "002_d58a4365fbd47e0d.txt"])
    assert result.exit_code == 0, result.output
    got = _records(result.stdout)
    want = _records(EXPECTED.read_text())
    assert [{k: r[k] for k in COMPARED} for r in got] == [{k: r[k] for k in COMPARED} for r in want]
    for g, w in zip(got, want):
        assert (g["location"] or {}).get("name") == (w["location"] or {}).get("name")
        assert [p["name"] for p in g["launch_locations"]] == [p["name"] for p in w["launch_locations"]]


def test_every_evidence_sentence_is_verbatim_in_its_report():
    for record in _records(EXPECTED.read_text()):
        text = " ".join((SEEDS / record["doc"]).read_text().split())
        for sentence in record["evidence"]:
            assert " ".join(sentence.split()) in text
