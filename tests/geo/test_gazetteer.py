from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from eventsift.errors import GazetteerError
from eventsift.geo import gazetteer as gz
from eventsift.geo.sources import read_facilities

from .conftest import DATA, fixture_records

FACILITY_HEADER = "name,alternate_names,feature,lat,lon,country,admin1,source\n"


def test_bundled_facilities_are_many_and_well_formed() -> None:
    rows = read_facilities()
    assert len(rows) >= 150
    assert len({r.country for r in rows}) >= 15
    for row in rows:
        assert row.source.startswith("facilities:")
        # seas and disputed regions belong to no country; everything else names one
        assert (row.country and len(row.country) == 2) or (row.country is None and row.feature in ("sea", "region"))


def test_lookup_tolerates_transliteration(gazetteer: gz.Gazetteer) -> None:
    for spelling in ("Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Dair al-Zour"):
        rows = gazetteer.lookup(spelling)
        assert {r.country for r in rows} == {"SY"}, spelling
        assert {"city", "admin1"} <= {r.feature for r in rows}


def test_kiev_finds_kyiv(gazetteer: gz.Gazetteer) -> None:
    assert gazetteer.lookup("Kiev")[0].name == "Kyiv"


def test_facility_bare_names(gazetteer: gz.Gazetteer) -> None:
    assert gazetteer.lookup("Conoco")[0].feature == "gas_field"
    # "Mosul Dam" must not answer for "Mosul": the city of that name is in the same country
    assert all(r.feature != "dam" for r in gazetteer.lookup("Mosul"))


def test_full_text_search(gazetteer: gz.Gazetteer) -> None:
    assert any(r.name == "Al-Omar oil field" for r in gazetteer.search("omar oil"))


def test_meta_counts(gazetteer: gz.Gazetteer) -> None:
    meta = gazetteer.meta()
    assert meta["data_version"] == "test"
    assert int(meta["places"]) == len(fixture_records())


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "g.sqlite"

    def broken():
        yield from fixture_records()[:3]
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        gz.write_database(target, broken(), "v")
    assert list(tmp_path.iterdir()) == []
    gz.write_database(target, fixture_records()[:5], "v")
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]


def test_default_path_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(gz.ENV_PATH, str(tmp_path / "x.sqlite"))
    assert gz.default_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv(gz.ENV_PATH)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.default_path().parent == tmp_path / "eventsift"
    assert gz.default_path().name.startswith(f"gazetteer-{gz.SCHEMA_VERSION}-")


def test_open_errors_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="eventsift gazetteer build"):
        gz.Gazetteer.open(tmp_path / "missing.sqlite", build_missing=False)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="rebuild"):
        gz.Gazetteer(junk)


@pytest.fixture()
def scratch(gazetteer_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "scratch.sqlite"
    copy.write_bytes(gazetteer_path.read_bytes())
    return copy


def test_add_facilities_is_idempotent(scratch: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(FACILITY_HEADER + "Camp Fixture,Fixture Outpost,base,34.5,41.5,IQ,Anbar,test\n")
    assert gz.add_facilities(csv_file, scratch) == 1
    assert gz.add_facilities(csv_file, scratch) == 1
    rows = gz.Gazetteer(scratch).lookup("Fixture Outpost")
    assert [(r.name, r.feature, r.country) for r in rows] == [("Camp Fixture", "base", "IQ")]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name,lat\nX,1\n", "missing column"),
        (FACILITY_HEADER + "X,,base,north,40,SY,,t\n", "must be numbers"),
        (FACILITY_HEADER + "X,,base,95,40,SY,,t\n", "out of range"),
    ],
)
def test_bad_facility_files_are_refused(scratch: Path, tmp_path: Path, body: str, message: str) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(body)
    with pytest.raises(GazetteerError, match=message):
        gz.add_facilities(csv_file, scratch)


def test_import_geonames_sample(scratch: Path) -> None:
    counts = gz.import_geonames(DATA / "IQ_sample.txt", scratch)
    assert counts == {"rows": 11, "added": 2, "updated": 8, "skipped": 1, "bad": 0}
    again = gz.import_geonames(DATA / "IQ_sample.txt", scratch)
    assert again["added"] == 0 and again["updated"] == 10
    g = gz.Gazetteer(scratch)
    assert [(r.feature, r.admin1) for r in g.lookup("Fixture Camp")] == [("base", "Nineveh")]
    assert g.lookup("Haql Fixture")[0].feature == "oil_field"
    assert g.lookup("Wadi Fixture") == ()


def test_import_reads_zip_and_rejects_other_formats(scratch: Path, tmp_path: Path) -> None:
    archive = tmp_path / "IQ.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DATA / "IQ_sample.txt", "IQ.txt")
        zf.writestr("readme.txt", "GeoNames readme")
    assert gz.import_geonames(archive, scratch)["added"] == 2
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("a\tb\tc\n")
    with pytest.raises(GazetteerError, match="19-column"):
        gz.import_geonames(wrong, scratch)


def test_gazetteer_is_read_only_by_default(gazetteer_path: Path) -> None:
    g = gz.Gazetteer(gazetteer_path)
    with pytest.raises(sqlite3.OperationalError):
        g.conn.execute("DELETE FROM places")
    assert os.access(gazetteer_path, os.R_OK)
