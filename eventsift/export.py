"""Exports of stored events and incidents: ACLED-compatible CSV, GeoJSON, JSONL, Parquet.

    from eventsift.export import export
    export(store, "incidents", "acled-csv", "out.csv", Query(country="SY"))

Files are written to a temporary file beside the target and renamed into
place, so a failed export never leaves half a file. `safe_filename()` and
`output_path()` keep names tame and writes inside a given folder (the web
app offers downloads by name).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry

from eventsift.errors import StoreError
from eventsift.store import Incident, Query, Store, StoredEvent

What = Literal["events", "incidents"]
FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
SUFFIXES = {"acled-csv": ".csv", "geojson": ".geojson", "jsonl": ".jsonl", "parquet": ".parquet"}
_CHUNK = 1000


@cache
def _acled() -> dict[str, Any]:
    text = resources.files("eventsift.store").joinpath("data/acled.toml").read_text("utf-8")
    return tomllib.loads(text)


def acled_columns() -> list[str]:
    return list(_acled()["columns"])


# --- reading what to export, a chunk at a time ---------------------------------------


def iter_events(store: Store, query: Query) -> Iterator[StoredEvent]:
    yield from _pages(lambda q: store.events(q).items, query)


def iter_incidents(store: Store, query: Query) -> Iterator[tuple[Incident, list[StoredEvent]]]:
    for chunk in _chunks(_pages(lambda q: store.incidents(q).items, query)):
        members = store.incident_events([i.id for i in chunk])
        for incident in chunk:
            yield incident, members.get(incident.id, [])


def _pages(fetch: Callable[[Query], tuple[Any, ...]], query: Query) -> Iterator[Any]:
    offset = 0
    while True:
        items = fetch(replace(query, limit=_CHUNK, offset=offset))
        yield from items
        if len(items) < _CHUNK:
            return
        offset += _CHUNK


def _chunks(items: Iterator[Any]) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- ACLED rows ----------------------------------------------------------------------


def _country(code: str | None) -> tuple[str, str]:
    """(ACLED's numeric iso, country name) for an alpha-2 code."""
    if not code:
        return "", ""
    found = pycountry.countries.get(alpha_2=code.upper())
    return (str(int(found.numeric)), found.name) if found else ("", code)


def _disorder(event_type: str | None, sub_event_type: str | None) -> str:
    table = _acled()
    return table["disorder_type_by_sub_event"].get(sub_event_type or "", "") or table["disorder_type"].get(
        event_type or "", ""
    )


def _timestamp(iso: str | None) -> str:
    return str(int(datetime.fromisoformat(iso).timestamp())) if iso else ""


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _tags(weapons: tuple[str, ...] | list[str], certainty: str | None, extra: str = "") -> str:
    parts = []
    if weapons:
        parts.append("weapons=" + ", ".join(weapons))
    if certainty:
        parts.append(f"certainty={certainty}")
    if extra:
        parts.append(extra)
    return "; ".join(parts)


def _place_columns(place: Any) -> dict[str, Any]:
    iso, name = _country(place.country if place else None)
    return {
        "iso": iso,
        "country": name,
        "admin1": _blank(place.admin1 if place else None),
        "location": place.name if place else "",
        "latitude": _blank(place.lat if place else None),
        "longitude": _blank(place.lon if place else None),
        "geo_precision": _blank(place.precision if place else None),
    }


def acled_event_row(stored: StoredEvent) -> dict[str, Any]:
    e = stored.event
    row = dict.fromkeys(acled_columns(), "")
    row.update({
        "event_id_cnty": e.event_id,
        "event_date": _blank(e.date),
        "year": e.date[:4] if e.date else "",
        "time_precision": e.date_precision if e.date else "",
        "disorder_type": _disorder(e.event_type, e.sub_event_type),
        "event_type": e.event_type,
        "sub_event_type": _blank(e.sub_event_type),
        "actor1": _blank(e.actor),
        "actor2": _blank(e.target),
        "civilian_targeting": "Civilian targeting" if e.event_type == "Violence against civilians" else "",
        **_place_columns(e.location),
        "source": stored.outlet or stored.source_domain,
        "notes": " ".join(e.evidence),
        "fatalities": _blank(e.fatalities),
        "tags": _tags(e.weapons, e.certainty, f"incident={stored.incident}"),
        "timestamp": _timestamp(stored.stored_at),
    })
    return row


def acled_incident_row(incident: Incident, members: list[StoredEvent]) -> dict[str, Any]:
    row = dict.fromkeys(acled_columns(), "")
    sources = sorted({m.outlet or m.source_domain for m in members})
    notes = _first_evidence_per_source(members)
    row.update({
        "event_id_cnty": f"I{incident.id}",
        "event_date": _blank(incident.date),
        "year": incident.date[:4] if incident.date else "",
        "time_precision": _blank(incident.date_precision),
        "disorder_type": _disorder(incident.event_type, incident.sub_event_type),
        "event_type": _blank(incident.event_type),
        "sub_event_type": _blank(incident.sub_event_type),
        "actor1": _blank(incident.actor),
        "actor2": _blank(incident.target),
        "civilian_targeting": "Civilian targeting" if incident.event_type == "Violence against civilians" else "",
        **_place_columns(incident.location),
        "source": "; ".join(sources),
        "notes": " | ".join(notes),
        "fatalities": _blank(incident.fatalities),
        "tags": _tags(incident.weapons, incident.certainty,
                      f"sources={incident.n_sources}; confidence={incident.confidence}"),
        "timestamp": _timestamp(max((m.stored_at for m in members if m.stored_at), default=None)),
    })
    return row


def _first_evidence_per_source(members: list[StoredEvent]) -> list[str]:
    seen: dict[str, str] = {}
    for m in members:
        if m.source_domain not in seen and m.event.evidence:
            seen[m.source_domain] = f"{m.outlet or m.source_domain}: {m.event.evidence[0]}"
    return list(seen.values())


# --- plain records -------------------------------------------------------------------


def event_record(stored: StoredEvent) -> dict[str, Any]:
    """The FORMAT.md contract of an event, plus where it is stored."""
    return {**stored.event.to_contract(), "id": stored.id, "incident": stored.incident,
            "doc_key": stored.doc_key, "source_domain": stored.source_domain, "outlet": stored.outlet}


def incident_record(incident: Incident, members: list[StoredEvent]) -> dict[str, Any]:
    """An incident's headline fields, its sources and every source's evidence."""
    return {
        "id": incident.id, "date": incident.date, "date_precision": incident.date_precision,
        "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
        "weapons": list(incident.weapons),
        "location": incident.location.to_contract() if incident.location else None,
        "actor": incident.actor, "target": incident.target, "fatalities": incident.fatalities,
        "injuries": incident.injuries, "certainty": incident.certainty,
        "n_events": incident.n_events, "n_sources": incident.n_sources,
        "confidence": incident.confidence, "corrected": list(incident.corrected),
        "sources": sorted({m.source_domain for m in members}),
        "reports": [
            {"event": m.id, "event_id": m.event.event_id, "doc": m.event.doc, "url": m.event.url,
             "outlet": m.outlet, "source_domain": m.source_domain, "date": m.event.date,
             "fatalities": m.event.fatalities, "certainty": m.event.certainty,
             "evidence": list(m.event.evidence)}
            for m in members
        ],
    }


def _records(store: Store, what: What, query: Query) -> Iterator[dict[str, Any]]:
    if what == "events":
        return (event_record(e) for e in iter_events(store, query))
    return (incident_record(i, m) for i, m in iter_incidents(store, query))


def _point(record: dict[str, Any]) -> dict[str, Any] | None:
    place = record.get("location") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    return {"type": "Point", "coordinates": [place["lon"], place["lat"]]}


# --- writers -------------------------------------------------------------------------


def write_acled_csv(store: Store, what: What, query: Query, out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, acled_columns())
    writer.writeheader()
    count = 0
    rows = (
        (acled_event_row(e) for e in iter_events(store, query)) if what == "events"
        else (acled_incident_row(i, m) for i, m in iter_incidents(store, query))
    )
    for row in rows:
        writer.writerow(row)
        count += 1
    text.flush()
    text.detach()
    return count


def write_jsonl(store: Store, what: What, query: Query, out: IO[bytes]) -> int:
    count = 0
    for record in _records(store, what, query):
        out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        count += 1
    return count


def write_geojson(store: Store, what: What, query: Query, out: IO[bytes]) -> int:
    """A FeatureCollection; features without coordinates have a null geometry."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    count = 0
    for record in _records(store, what, query):
        feature = {"type": "Feature", "id": record["id"], "geometry": _point(record), "properties": record}
        out.write((",\n" if count else "").encode() + json.dumps(feature, ensure_ascii=False).encode("utf-8"))
        count += 1
    out.write(b"\n]}\n")
    return count


_EVENT_SCHEMA = pa.schema([
    ("id", pa.int64()), ("incident", pa.int64()), ("event_id", pa.string()), ("doc", pa.string()),
    ("url", pa.string()), ("source_domain", pa.string()), ("published", pa.string()),
    ("date", pa.string()), ("date_precision", pa.int8()), ("event_type", pa.string()),
    ("sub_event_type", pa.string()), ("weapons", pa.list_(pa.string())),
    ("location", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("country", pa.string()), ("admin1", pa.string()), ("geo_precision", pa.int8()),
    ("launch_locations", pa.list_(pa.string())), ("actor", pa.string()), ("target", pa.string()),
    ("fatalities", pa.int64()), ("injuries", pa.int64()), ("certainty", pa.string()),
    ("attribution", pa.list_(pa.string())), ("evidence", pa.list_(pa.string())),
])
_INCIDENT_SCHEMA = pa.schema([
    ("id", pa.int64()), ("date", pa.string()), ("date_precision", pa.int8()),
    ("event_type", pa.string()), ("sub_event_type", pa.string()), ("weapons", pa.list_(pa.string())),
    ("location", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("country", pa.string()), ("admin1", pa.string()), ("geo_precision", pa.int8()),
    ("actor", pa.string()), ("target", pa.string()), ("fatalities", pa.int64()),
    ("injuries", pa.int64()), ("certainty", pa.string()), ("n_events", pa.int64()),
    ("n_sources", pa.int64()), ("confidence", pa.float64()), ("sources", pa.list_(pa.string())),
    ("events", pa.list_(pa.int64())), ("evidence", pa.list_(pa.string())),
])


def _flat(record: dict[str, Any], what: What) -> dict[str, Any]:
    place = record.get("location") or {}
    flat = {**record, "location": place.get("name"), "latitude": place.get("lat"),
            "longitude": place.get("lon"), "country": place.get("country"),
            "admin1": place.get("admin1"), "geo_precision": place.get("precision")}
    if what == "events":
        flat["launch_locations"] = [p["name"] for p in record["launch_locations"]]
    else:
        flat["events"] = [r["event"] for r in record["reports"]]
        flat["evidence"] = [s for r in record["reports"] for s in r["evidence"]]
    return flat


def write_parquet(store: Store, what: What, query: Query, out: IO[bytes]) -> int:
    schema = _EVENT_SCHEMA if what == "events" else _INCIDENT_SCHEMA
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in _chunks(_records(store, what, query)):
            rows = [{k: _flat(r, what).get(k) for k in schema.names} for r in chunk]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count


WRITERS: dict[str, Callable[[Store, What, Query, IO[bytes]], int]] = {
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
}


# --- file names ----------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, default: str = "export") -> str:
    """A tame file name: letters, digits, '.', '_' and '-', no leading dot, ≤ 100 chars."""
    cleaned = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._-")[:100]
    return cleaned or default


def suggested_filename(what: What, fmt: str, query: Query) -> str:
    """e.g. 'eventsift-incidents-SY-2024-10-01_2024-10-31.csv'."""
    parts = ["eventsift", what, query.country or "", query.date_from or "", query.date_to or ""]
    stem = "-".join(p for p in parts if p)
    return safe_filename(stem + SUFFIXES[fmt])


def output_path(out: str | Path, folder: str | Path | None = None) -> Path:
    """Where to write: inside `folder` (by tame name only) when given, else `out` as named.

    Refuses control characters, an existing non-file target, a missing
    parent folder, and (with `folder`) anything that would land outside it.
    """
    text = str(out)
    if any(ord(c) < 32 for c in text):
        raise StoreError(f"{text!r}: control characters are not allowed in a file name")
    if folder is not None:
        base = Path(folder).resolve()
        path = (base / safe_filename(text)).resolve()
        if path.parent != base:
            raise StoreError(f"{text!r}: would be written outside {base}")
    else:
        path = Path(text).expanduser()
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: exists and is not a file")
    if not path.parent.is_dir():
        raise StoreError(f"{path.parent}: no such folder")
    return path


def export(store: Store, what: What, fmt: str, out: str | Path, query: Query = Query(),
           folder: str | Path | None = None) -> int:
    """Write the events or incidents matching `query` to a file; returns how many."""
    if fmt not in WRITERS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if what not in ("events", "incidents"):
        raise StoreError(f"can export 'events' or 'incidents', not {what!r}")
    path = output_path(out, folder)
    handle, temp = tempfile.mkstemp(prefix=".eventsift-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            count = WRITERS[fmt](store, what, query, stream)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count
