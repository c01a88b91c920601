"""`eventsift gazetteer ...` driven through the real CLI on a real file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventsift.cli import main
from eventsift.geo import gazetteer as gz

from .conftest import DATA, fixture_records


@pytest.fixture()
def db(gazetteer_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cli.sqlite"
    copy.write_bytes(gazetteer_path.read_bytes())
    return copy


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lookup_prints_a_contract_place(db: Path) -> None:
    code, out, _ = run("gazetteer", "lookup", "Dayr az Zawr", "--path", str(db))
    assert code == 0
    place = json.loads(out)
    assert place["country"] == "SY" and place["precision"] == 1 and place["feature"] == "city"


def test_lookup_with_country_prior_and_all(db: Path) -> None:
    code, out, _ = run("gazetteer", "lookup", "Tripoli", "--country", "LB", "--path", str(db))
    assert code == 0 and json.loads(out)["country"] == "LB"
    code, out, _ = run("gazetteer", "lookup", "Tripoli", "--all", "--path", str(db))
    assert {json.loads(line)["country"] for line in out.splitlines()} >= {"LB", "LY"}


def test_import_and_add_facilities(db: Path, tmp_path: Path) -> None:
    code, out, _ = run("gazetteer", "import", str(DATA / "IQ_sample.txt"), "--path", str(db))
    assert code == 0 and "2 places added" in out
    csv_file = tmp_path / "outposts.csv"
    csv_file.write_text("name,alternate_names,feature,lat,lon,country,admin1,source\n"
                        "Outpost Fixture,,base,35.1,40.2,SY,Deir ez-Zor,test\n")
    code, out, _ = run("gazetteer", "add-facilities", str(csv_file), "--path", str(db))
    assert code == 0 and "1 places added" in out
    code, out, _ = run("gazetteer", "lookup", "Outpost Fixture", "--path", str(db))
    assert json.loads(out)["feature"] == "base"


def test_errors_are_one_line_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name\nX\n")
    code, _, err = run("gazetteer", "add-facilities", str(bad), "--path", str(tmp_path / "none.sqlite"))
    assert code == 1
    assert err.count("\n") == 1 and "missing column" in err


def test_build_writes_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(gz, "default_records", lambda progress=None: iter(fixture_records()))
    target = tmp_path / "built.sqlite"
    code, out, _ = run("gazetteer", "build", "--path", str(target))
    assert code == 0 and target.exists() and f"{len(fixture_records())} places" in out
