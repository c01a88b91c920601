"""Exit codes of run, extract and batch, through the real CLI (eventsift.cli.exit_codes).

0 every input processed; 2 some inputs named on stderr (one line each) and
the rest processed; 1 a usage error, nothing processed, or a fatal failure.
The pipeline is replaced by one that finds no events: these tests are about
inputs and exit codes, not extraction.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from eventsift.cli import main
from eventsift.cli.exit_codes import ALL_PROCESSED, NOTHING_DONE, PARTLY_DONE
from eventsift.ingest import DEFAULT_MAX_CHARS
from eventsift.records import Document, Event

REPORT = "A drone attack struck a military base near Mosul on Monday, killing 4 soldiers, officials said.\n"


class NoEvents:
    """Stands in for eventsift.pipeline.Pipeline."""

    def extract_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            yield doc, []


@pytest.fixture(autouse=True)
def no_language_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventsift.pipeline.Pipeline", NoEvents)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("eventsift: ")]


def run_args(tmp_path: Path) -> list[str]:
    return ["run", "--no-progress", "--db", str(tmp_path / "x.db")]


@pytest.mark.parametrize("command", ["extract", "run"])
def test_every_input_processed_exits_0(command: str, good: Path, tmp_path: Path) -> None:
    args = run_args(tmp_path) if command == "run" else [command]
    result = invoke(*args, good)
    assert result.exit_code == ALL_PROCESSED, result.output
    assert error_lines(result) == []


@pytest.mark.parametrize("command", ["extract", "run"])
def test_some_inputs_named_exits_2(command: str, good: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    args = run_args(tmp_path) if command == "run" else [command]
    result = invoke(*args, good, tmp_path / "empty.txt", tmp_path / "missing.txt")
    assert result.exit_code == PARTLY_DONE, result.output
    lines = error_lines(result)
    assert len(lines) == 2, lines
    assert any("empty.txt" in line for line in lines) and any("missing.txt: no such" in line for line in lines)


@pytest.mark.parametrize("command", ["extract", "run"])
def test_nothing_processed_exits_1(command: str, tmp_path: Path) -> None:
    args = run_args(tmp_path) if command == "run" else [command]
    result = invoke(*args, tmp_path / "missing.txt")
    assert result.exit_code == NOTHING_DONE, result.output
    assert len(error_lines(result)) == 1


def test_unchanged_documents_count_as_processed(good: Path, tmp_path: Path) -> None:
    assert invoke(*run_args(tmp_path), good).exit_code == ALL_PROCESSED
    again = invoke(*run_args(tmp_path), good)
    assert again.exit_code == ALL_PROCESSED and "unchanged: 1" in again.stderr


def test_run_with_an_unusable_database_exits_1(good: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    result = invoke("run", "--no-progress", "--db", broken, good)
    assert result.exit_code == NOTHING_DONE, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["extract", "run", "batch"])
@pytest.mark.parametrize("bad", [[], ["--max-bytes", "0"], ["--published", "2024-02-30"], ["--no-such-option"]],
                         ids=["no-paths", "zero-bytes", "bad-day", "unknown-option"])
def test_usage_errors_exit_1(command: str, bad: list[str], good: Path, tmp_path: Path) -> None:
    paths = [] if bad == [] else [str(good)]
    extra = ["--out", str(tmp_path / "out"), "--engine", "local"] if command == "batch" else []
    result = invoke(command, *extra, *bad, *paths)
    assert result.exit_code == NOTHING_DONE, result.output
    assert "Usage:" in result.output or "Error:" in result.output


@pytest.mark.parametrize("command", ["extract", "run"])
@pytest.mark.parametrize("option, limit, name, said", [
    ("--max-chars", "500", "long.txt", "long.txt"),  # documents whose cleaned text is too long
    ("--max-bytes", "1000", "large.txt", "large.txt: too large"),  # inputs too large to read
])
def test_limits_refuse_inputs_by_name(command: str, option: str, limit: str, name: str, said: str,
                                      good: Path, tmp_path: Path) -> None:
    over = tmp_path / name
    over.write_text(REPORT * 20, encoding="utf-8")
    args = run_args(tmp_path) if command == "run" else [command]
    result = invoke(*args, option, limit, good, over)
    assert result.exit_code == PARTLY_DONE, result.output
    [line] = error_lines(result)
    assert line.startswith("eventsift: error: ") and said in line


def test_limits_and_exit_codes_are_in_the_help() -> None:
    for name in ("run", "extract", "batch"):
        command = main.commands[name]
        text = command.get_help(click.Context(command, info_name=name, terminal_width=200))
        assert "Exit codes: 0 every input processed; 2 some inputs skipped or failed" in text, name
        assert "--max-bytes" in text, name
        assert "--max-chars" in text and f"{DEFAULT_MAX_CHARS}" in text, name


def test_a_usage_error_raised_by_the_command_exits_1(good: Path, tmp_path: Path) -> None:
    result = invoke("batch", good, "--out", tmp_path / "out", "--engine", "local", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == NOTHING_DONE and "--scheduler needs --engine dask" in result.output
