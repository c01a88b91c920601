"""The store commands, driven through the real CLI on a real database file."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventsift.cli import main
from eventsift.cli.store_cmds import COMMANDS


@pytest.fixture
def db(tmp_path: Path, populate: Callable[[Path], None]) -> str:
    path = tmp_path / "cli.db"
    populate(path)
    return str(path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_as_table_json_and_csv(db: str) -> None:
    code, out, err = invoke("events", "--db", db, "--country", "SY", "--sort", "fatalities")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["id", "incident", "date"]
    assert "showing 1-4 of 4" in err
    code, out, _ = invoke("events", "--db", db, "--format", "json", "--weapon", "missile")
    [record] = json.loads(out)
    assert (record["doc"], record["fatalities"], record["weapons"]) == ("b.txt", 5, ["drone", "missile"])
    code, out, _ = invoke("events", "--db", db, "--format", "csv", "--text", "rockets")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["place"] for r in rows] == ["Ain al-Asad air base"]


def test_incidents_and_show(db: str) -> None:
    code, out, _ = invoke("incidents", "--db", db, "--min-sources", "2", "--format", "json")
    [record] = json.loads(out)
    assert record["n_sources"] == 3 and record["fatalities"] == 3
    code, out, _ = invoke("incident", "show", str(record["id"]), "--db", db)
    assert code == 0
    assert "3 independent source(s)" in out
    assert "conflict fatalities: 3 (alpha.com, gamma.net)  vs  5 (beta.org)" in out
    assert "candidate:" in out and "adjacent_day" in out
    assert out.count("\u201c") == 3
    code, _, err = invoke("incident", "show", "999", "--db", db)
    assert code == 1 and "no incident 999" in err


def test_merge_split_correct_round(db: str) -> None:
    code, out, _ = invoke("merge", "1", "2", "--db", db, "--by", "ana")
    assert code == 0 and "into incident 1" in out
    code, out, _ = invoke("split", "d.txt#1", "--db", db, "--by", "ana")
    assert code == 0 and "is now incident" in out
    code, out, _ = invoke("correct", "--incident", "1", "fatalities", "4", "--db", db, "--by", "ana")
    assert code == 0
    code, out, _ = invoke("correct", "--event", "a.txt#1", "weapons", "drone,rocket", "--db", db, "--by", "bo")
    assert code == 0
    code, out, _ = invoke("incident", "show", "1", "--db", db, "--format", "json")
    detail = json.loads(out)
    assert detail["fatalities"] == 4 and detail["corrected"] == ["fatalities"]
    assert [(c["action"], c["made_by"]) for c in detail["corrections"]] == [
        ("merge", "ana"), ("correct", "ana"), ("correct", "bo")]


@pytest.mark.parametrize("args", [
    ["correct", "--event", "a.txt#1", "fatalities", "many"],
    ["correct", "a.txt#1", "fatalities", "2"],
    ["correct", "--incident", "x", "fatalities", "2"],
    ["correct", "--event", "nope", "fatalities", "2"],
    ["merge", "1", "1"],
    ["split", "e.txt#1"],
])
def test_bad_actions_fail_with_one_line(db: str, args: list[str]) -> None:
    code, out, err = invoke(*args, "--db", db)
    assert code != 0
    assert err.strip().splitlines()[-1].startswith("Error: ") and "Traceback" not in err


@pytest.mark.parametrize(("fmt", "suffix"), [("acled-csv", "csv"), ("geojson", "geojson"),
                                             ("jsonl", "jsonl"), ("parquet", "parquet")])
def test_export(db: str, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"x.{suffix}"
    code, _, err = invoke("export", "--what", "events", "--format", fmt, "--out", str(out), "--db", db,
                          "--country", "SY")
    assert code == 0 and "wrote 4 events" in err
    assert out.stat().st_size > 100


def test_reading_a_missing_database_fails_cleanly(tmp_path: Path) -> None:
    code, _, err = invoke("events", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in err
    assert not (tmp_path / "none.db").exists()


def test_every_command_and_option_is_documented() -> None:
    for command in COMMANDS:
        assert command.help and len(command.help) > 20, command.name
        for param in command.params:
            if param.param_type_name == "option" and param.name not in {"asc", "limit", "offset", "certainty",
                                                                           "sort", "what", "fmt"}:
                assert param.help, f"{command.name} --{param.name}"


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_run_stores_then_finds_unchanged(tmp_path: Path) -> None:
    db = str(tmp_path / "run.db")
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    code, _, err = invoke("run", *seeds, str(bad), "--db", db, "--no-progress")
    assert code == 2, err  # the empty file is named and skipped, the seeds stored
    assert f"documents read: {len(seeds)}; new: {len(seeds)}" in err
    assert "empty.txt" in err and "inputs skipped: 1" in err
    code, _, err = invoke("run", *seeds, "--db", db, "--no-progress")
    assert code == 0 and f"unchanged: {len(seeds)}" in err
    code, out, _ = invoke("events", "--db", db, "--format", "json", "--limit", "100")
    assert all(record["evidence"] for record in json.loads(out))


def test_run_with_nothing_readable_exits_1(tmp_path: Path) -> None:
    code, _, err = invoke("run", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db"), "--no-progress")
    assert code == 1
    assert "missing.txt: no such file or folder" in err
