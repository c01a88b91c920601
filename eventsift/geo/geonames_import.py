"""Importing an official GeoNames dump into a built gazetteer.

Reads allCountries.zip, a country file (IQ.zip, SY.txt...) or cities*.zip in
GeoNames' 19-column tab-separated format, streaming it row by row. Places
already in the gazetteer (same geonameid) only gain the dump's names; new
places are added with their feature mapped to eventsift's feature names.
Importing the same file twice changes nothing the second time.
"""
from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from eventsift.errors import GazetteerError
from eventsift.geo.gazetteer import insert_records
from eventsift.geo.sources import Admin1Name, PlaceRecord, latin_names, read_admin1_names

COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
    "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone", "modification_date",
)
DEFAULT_CLASSES = "APSL"  # admin areas, populated places, spots (bases, airports), areas (fields)

FEATURE_BY_CODE: dict[str, str] = {
    "ADM1": "admin1", "ADM2": "district", "ADM3": "district", "ADM4": "district", "ADMD": "district",
    "PPLX": "neighbourhood", "AIRB": "air_base", "AIRP": "airport", "AIRF": "airport", "AIRH": "airport",
    "MILB": "base", "INSM": "base", "OILF": "oil_field", "GASF": "gas_field", "DAM": "dam",
    "OILR": "refinery", "PS": "power_plant", "PSN": "power_plant", "CMP": "camp", "CMPRF": "camp",
    "HSP": "hospital", "PSTB": "border_crossing", "PRT": "port", "BDG": "bridge", "STRT": "strait",
}
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCL", "PCLS", "PCLIX"})


def feature_of(feature_class: str, code: str, population: int) -> tuple[str, str]:
    """(kind, feature) for a GeoNames feature class and code."""
    if feature_class == "A" and code in COUNTRY_CODES:
        return "country", "country"
    if feature_class == "A":
        return ("admin1" if code == "ADM1" else "area"), FEATURE_BY_CODE.get(code, "district")
    if feature_class == "P":
        if code == "PPLX":
            return "populated", "neighbourhood"
        return "populated", "city" if population >= 100_000 else "town"
    return "facility", FEATURE_BY_CODE.get(code, code.lower() or "facility")


@contextmanager
def open_dump(path: Path) -> Iterator[IO[str]]:
    """The text stream of a .txt dump or of the .txt inside a .zip."""
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GazetteerError(f"{path}: not a zip file") from exc
        members = [n for n in archive.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if not members:
            archive.close()
            raise GazetteerError(f"{path}: no GeoNames .txt file inside")
        with archive, archive.open(members[0]) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield handle


def parse_row(fields: list[str], admin1: dict[tuple[str, str], Admin1Name]) -> PlaceRecord:
    """One dump row as a PlaceRecord (raises ValueError on a malformed row)."""
    if len(fields) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} columns, got {len(fields)}")
    row = dict(zip(COLUMNS, fields))
    population = int(row["population"] or 0)
    kind, feature = feature_of(row["feature_class"], row["feature_code"], population)
    country = row["country_code"] or None
    area = admin1.get((row["country_code"], row["admin1_code"]))
    names = [row["name"], row["asciiname"], *row["alternatenames"].split(",")]
    return PlaceRecord(
        name=row["name"], kind=kind, feature=feature, country=country,
        lat=float(row["latitude"]), lon=float(row["longitude"]), source="geonames-import",
        population=population, admin1_code=row["admin1_code"] or None,
        admin1=area.display if area else None, geonameid=int(row["geonameid"]),
        feature_code=row["feature_code"] or None, names=latin_names(names),
    )


def _add_names(conn: sqlite3.Connection, place_id: int, record: PlaceRecord) -> None:
    from eventsift.geo.normalize import loose_key, name_key

    names = record.names | {record.name}
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, 0)",
                     [(k, place_id) for k in {name_key(n) for n in names} - {""}])
    conn.executemany("INSERT OR IGNORE INTO loose_names VALUES (?, ?, 0)",
                     [(k, place_id) for k in {loose_key(n) for n in names} - {""}])


def import_dump(
    conn: sqlite3.Connection, path: Path, *, classes: str = DEFAULT_CLASSES,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Stream a GeoNames dump into an open gazetteer; returns counts."""
    admin1 = read_admin1_names()
    known = dict(conn.execute("SELECT geonameid, id FROM places WHERE geonameid IS NOT NULL"))
    counts = {"rows": 0, "added": 0, "updated": 0, "skipped": 0, "bad": 0}
    with open_dump(path) as handle, conn:
        for line_no, fields in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            counts["rows"] += 1
            if progress and line_no % 10_000 == 0:
                progress(10_000)
            if len(fields) > 6 and fields[6] not in classes:
                counts["skipped"] += 1
                continue
            try:
                record = parse_row(fields, admin1)
            except ValueError:
                counts["bad"] += 1
                continue
            if record.geonameid in known:
                _add_names(conn, known[record.geonameid], record)
                counts["updated"] += 1
            else:
                insert_records(conn, [record])
                known[record.geonameid] = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
                counts["added"] += 1
    if counts["rows"] and counts["bad"] == counts["rows"]:
        raise GazetteerError(f"{path}: no row in GeoNames' 19-column format")
    return counts
