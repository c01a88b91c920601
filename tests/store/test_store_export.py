"""Exports: ACLED CSV, GeoJSON, JSONL, Parquet; safe file names."""
from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventsift.errors import StoreError
from eventsift.export import acled_columns, export, output_path, safe_filename, suggested_filename
from eventsift.store import Query, Store

ACLED_HEAD = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
              "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2"]


@pytest.fixture
def filled(tmp_path: Path, populate: Callable[[Path], None]) -> Store:
    path = tmp_path / "x.db"
    populate(path)
    return Store(path, readonly=True)


def test_acled_csv_of_incidents(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.csv"
    assert export(filled, "incidents", "acled-csv", out, Query(country="SY")) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[: len(ACLED_HEAD)] == ACLED_HEAD
    assert list(rows[0]) == acled_columns()
    big = next(r for r in rows if r["source"].count(";") == 2)
    assert (big["country"], big["iso"], big["event_date"], big["year"]) == ("Syrian Arab Republic", "760", "2024-10-01", "2024")
    assert (big["disorder_type"], big["fatalities"], big["geo_precision"]) == ("Political violence", "3", "1")
    assert big["source"] == "Alpha; Beta; Gamma"
    assert "sources=3" in big["tags"]
    assert big["timestamp"] == str(1728129600)


def test_acled_csv_of_events_leaves_unknowns_empty(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(filled, "events", "acled-csv", out) == 5
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["d.txt#1"]["fatalities"] == ""
    assert rows["e.txt#1"]["actor2"] == "Iraqi army"
    assert rows["e.txt#1"]["inter1"] == ""


def test_geojson(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "i.geojson"
    export(filled, "incidents", "geojson", out)
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) == (feature["properties"]["location"]["lat"], feature["properties"]["location"]["lon"])


def test_jsonl_keeps_every_report(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "i.jsonl"
    export(filled, "incidents", "jsonl", out, Query(min_sources=2))
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(record["reports"]) == 3 and all(r["evidence"] for r in record["reports"])
    assert record["sources"] == ["alpha.com", "beta.org", "gamma.net"]


def test_parquet(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    assert export(filled, "events", "parquet", out) == 5
    table = pq.read_table(out)
    assert table.num_rows == 5
    assert set(table.column("country").to_pylist()) == {"SY", "IQ"}
    assert sorted(table.column("weapons").to_pylist(), key=len)[-1] == ["drone", "missile"]
    out2 = tmp_path / "i.parquet"
    export(filled, "incidents", "parquet", out2)
    assert sorted(pq.read_table(out2).column("n_sources").to_pylist()) == [1, 1, 3]


@pytest.mark.parametrize(("name", "safe"), [
    ("../../etc/passwd", "passwd"), ("..", "export"), (".hidden.csv", "hidden.csv"),
    ("a b/c?d.csv", "c_d.csv"), ("C:\\x\\y.csv", "y.csv"), ("ok-name_1.csv", "ok-name_1.csv"),
])
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_output_inside_a_folder_never_escapes(tmp_path: Path) -> None:
    assert output_path("../../evil.csv", tmp_path) == tmp_path.resolve() / "evil.csv"
    with pytest.raises(StoreError, match="control characters"):
        output_path("bad\nname.csv")
    with pytest.raises(StoreError, match="not a file"):
        output_path(tmp_path)
    with pytest.raises(StoreError, match="no such folder"):
        output_path(tmp_path / "missing" / "x.csv")


def test_failed_export_leaves_no_file(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        export(filled, "events", "acled-csv", tmp_path / "x.csv", Query(sort="n_sources"))
    assert list(tmp_path.glob("x.csv*")) == [] and list(tmp_path.glob(".eventsift-*")) == []


def test_suggested_filename() -> None:
    name = suggested_filename("incidents", "geojson", Query(country="SY", date_from="2024-10-01"))
    assert name == "eventsift-incidents-SY-2024-10-01.geojson"
