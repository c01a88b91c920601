"""Hostile inputs through the real commands: one line each, and the run goes on.

A folder of hand-made bad inputs (tests/reliability/hostile_corpus.py:
binary, empty, truncated and 100,000-deep HTML, broken encodings, other
languages, terminal escapes, malformed JSONL lines, a cut gzip stream, a
broken WARC) goes through `eventsift extract` and `eventsift run` as
subprocesses. Each bad input must get exactly one line on stderr naming
it with its reason, each readable one its events, and the exit code must
be the documented one (0: something was read; 1: nothing could be).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile_corpus import ATTACK, READABLE, HostileCase, hostile_cases, jsonl_lines, write_cases
from reliability_helpers import Finished, eventsift, integrity, query

CASES = hostile_cases()
ODD_NAME = "odd\nname\x1b[2J.txt"  # a file name that would break a line and clear a terminal


def expected_errors() -> dict[str, str]:
    """Input name (as printed) -> words of its reason, for every input that must fail."""
    errors = {case.name: case.expect for case in CASES if not case.readable and case.name != "lines.jsonl"}
    for number, (_line, expect) in enumerate(jsonl_lines(), start=1):
        if expect != READABLE:
            errors[f"lines.jsonl:{number}"] = expect
    errors["odd\\nname\\x1b[2J.txt"] = "binary data"
    return errors


def readable_names() -> set[str]:
    names = {case.name for case in CASES if case.readable}
    return names | {"good-1", "good-2", "\\x1b[2Jwipe\\nnext"}  # JSONL documents go by their id


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "inputs"
    write_cases(folder, CASES)
    (folder / ODD_NAME).write_bytes(b"\x00\x01\x02" * 300)
    return folder


@pytest.fixture(scope="module")
def extracted(hostile_folder: Path) -> Finished:
    return eventsift("extract", "--format", "jsonl", str(hostile_folder))


@pytest.fixture(scope="module")
def stored(hostile_folder: Path) -> tuple[Finished, Path]:
    db = hostile_folder.parent / "hostile.db"
    return eventsift("run", "--no-progress", "--db", str(db), str(hostile_folder)), db


def line_for(lines: list[str], name: str) -> list[str]:
    return [line for line in lines if f"/{name}: " in line or line.endswith(f"/{name}")]


def assert_one_line_per_bad_input(result: Finished) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.error_lines
    for name, reason in expected_errors().items():
        found = line_for(lines, name)
        assert len(found) == 1, (name, lines)
        assert reason in found[0], (name, found[0])
        kind = "skipped" if reason == "not English" else "error"
        assert found[0].startswith(f"eventsift: {kind}: "), found[0]
    for name in readable_names():
        assert not line_for(lines, name), (name, lines)
    assert len(lines) == len(expected_errors()), lines
    assert all("\x1b" not in line and "\u202e" not in line for line in result.stderr.splitlines())


def test_extract_names_each_bad_input_once_and_goes_on(extracted: Finished) -> None:
    assert extracted.code == 2, extracted.stderr  # some inputs named, the rest processed
    assert_one_line_per_bad_input(extracted)


def test_extract_codes_every_readable_input(extracted: Finished) -> None:
    records = [json.loads(line) for line in extracted.stdout.splitlines()]
    by_doc: dict[str, list[dict]] = {}
    for record in records:
        by_doc.setdefault(record["doc"], []).append(record)
    assert set(by_doc) == readable_names()
    for doc, events in by_doc.items():
        assert any("Mosul" in " ".join(e["evidence"]) for e in events), (doc, events)
        for event in events:
            assert all("\x1b" not in e and "\u202e" not in e for e in event["evidence"]), event


def test_run_names_each_bad_input_once_and_stores_the_rest(stored: tuple[Finished, Path]) -> None:
    result, db = stored
    assert result.code == 2, result.stderr
    assert_one_line_per_bad_input(result)
    assert f"documents read: {len(readable_names())}; new: {len(readable_names())}" in result.stderr
    assert f"inputs skipped: {len(expected_errors())}" in result.stderr
    assert {row[0] for row in query(db, "SELECT doc_id FROM documents")} == readable_names()
    assert integrity(db) == "ok"


def test_stored_text_carries_no_control_characters(stored: tuple[Finished, Path]) -> None:
    _, db = stored
    rows = query(db, "SELECT doc_id, coalesce(title, ''), text FROM documents")
    for doc_id, title, text in rows:
        for value in (doc_id, title, text):
            assert not any(ch in str(value) for ch in ("\x1b", "\x07", "\u202e", "\u202c", "\x00")), doc_id
    texts = {str(doc_id): str(text) for doc_id, _, text in rows}
    assert "The statement evil was read aloud." in texts["rtl-override.txt"]
    assert "Слава Україні" in texts["english-with-quotes.txt"]


@pytest.mark.parametrize("command", ["extract", "run"])
def test_nothing_readable_exits_1(tmp_path: Path, command: str) -> None:
    bad = [case for case in CASES if not case.readable and case.name != "lines.jsonl"]
    write_cases(tmp_path / "bad", bad)
    extra = ["--no-progress", "--db", str(tmp_path / "bad.db")] if command == "run" else []
    result = eventsift(command, *extra, str(tmp_path / "bad"), str(tmp_path / "missing.txt"))
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.error_lines) == len(bad) + 1
    assert any("missing.txt: no such file or folder" in line for line in result.error_lines)


def test_a_50_mb_page_is_refused_by_its_size(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    paragraph = f"<p>{ATTACK}</p>\n".encode()
    with page.open("wb") as handle:
        handle.write(b"<html><body>" + paragraph * (50 * 1024 * 1024 // len(paragraph)) + b"</body></html>")
    (tmp_path / "small.txt").write_text(ATTACK + "\n")
    result = eventsift("extract", str(tmp_path))
    assert result.code == 2
    [line] = result.error_lines
    assert "huge.html: too large (52," in line and "raise --max-bytes" in line
    assert [json.loads(r)["doc"] for r in result.stdout.splitlines()] == ["small.txt"]


def test_hostile_corpus_covers_every_kind() -> None:
    """The corpus keeps its breadth: bad bytes, encodings, markup, scripts, containers."""
    kinds = {case.expect for case in CASES}
    assert {"empty input", "binary data", "invalid UTF-16", "no article text", "not English",
            "cannot read", "not a readable WARC", READABLE} <= kinds
    assert len([c for c in CASES if isinstance(c, HostileCase)]) >= 30
