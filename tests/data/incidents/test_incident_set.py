"""The multi-source incident set passes its checker, and the checker catches damage."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import pytest

HERE = Path(__file__).resolve().parent


def load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("incident_check_gold", HERE / "check_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECKER = load_checker()


@pytest.fixture()
def copy_of_set(tmp_path: Path) -> Path:
    for name in ("gold.jsonl", "sources.jsonl"):
        shutil.copy(HERE / name, tmp_path / name)
    shutil.copytree(HERE / "docs", tmp_path / "docs")
    return tmp_path


def rewrite_gold(folder: Path, change: Callable[[list[dict[str, Any]]], object]) -> None:
    rows = [json.loads(line) for line in (folder / "gold.jsonl").read_text("utf-8").splitlines()]
    change(rows)
    (folder / "gold.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_the_set_passes_its_checker() -> None:
    problems, figures = CHECKER.check(HERE)
    assert problems == []
    assert len(figures["multi_outlet"]) >= CHECKER.MIN_MULTI_OUTLET_INCIDENTS


def test_evidence_not_in_the_text_is_caught(copy_of_set: Path) -> None:
    def damage(rows: list[dict[str, Any]]) -> None:
        rows[0]["events"][0]["evidence"][0] += " (edited)"
    rewrite_gold(copy_of_set, damage)
    problems, _ = CHECKER.check(copy_of_set)
    assert any("not found verbatim" in p for p in problems)


def test_an_event_without_incident_label_is_caught(copy_of_set: Path) -> None:
    rewrite_gold(copy_of_set, lambda rows: rows[3]["events"][0].pop("incident"))
    problems, _ = CHECKER.check(copy_of_set)
    assert any("incident must be a label" in p for p in problems)


def test_an_incident_split_across_places_is_caught(copy_of_set: Path) -> None:
    def move(rows: list[dict[str, Any]]) -> None:
        rows[0]["events"][0]["location"].update(lat=30.0, lon=47.8)  # I01 sent to Basra
    rewrite_gold(copy_of_set, move)
    problems, _ = CHECKER.check(copy_of_set)
    assert any(p.startswith("I01:") for p in problems)


def test_a_document_missing_from_sources_is_caught(copy_of_set: Path) -> None:
    lines = (copy_of_set / "sources.jsonl").read_text("utf-8").splitlines()
    (copy_of_set / "sources.jsonl").write_text("\n".join(lines[1:]) + "\n", "utf-8")
    problems, _ = CHECKER.check(copy_of_set)
    assert any("in only one of gold.jsonl and sources.jsonl" in p for p in problems)


def test_counts_must_be_non_negative_integers(copy_of_set: Path) -> None:
    rewrite_gold(copy_of_set, lambda rows: rows[8]["events"][0].update(injuries="3"))
    problems, _ = CHECKER.check(copy_of_set)
    assert any(".injuries: must be null" in p for p in problems)
