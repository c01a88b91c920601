"""The Parquet tables a batch run writes, and records to rows and back.

`events/part-NNNNN.parquet` holds one row per event: the columns of the
event contract (docs/format.md) with dates as Parquet dates, places as
structs, lists as lists, plus the keys that tie events to documents and
incidents. `documents/part-NNNNN.parquet` holds one row per document read.
docs/batch.md documents every column.
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventsift.incidents import event_key
from eventsift.records import Document, Event
from eventsift.store.rows import doc_key, source_domain

PLACE = pa.struct([
    ("name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
    ("admin1", pa.string()), ("geonameid", pa.int64()), ("precision", pa.int8()), ("feature", pa.string()),
])

EVENT_SCHEMA = pa.schema([
    ("partition", pa.string()),
    ("doc", pa.string()),
    ("doc_key", pa.string()),
    ("event_id", pa.string()),
    ("event_key", pa.string()),
    ("date", pa.date32()),
    ("date_precision", pa.int8()),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("weapons", pa.list_(pa.string())),
    ("location", PLACE),
    ("launch_locations", pa.list_(PLACE)),
    ("actor", pa.string()),
    ("target", pa.string()),
    ("fatalities", pa.int32()),
    ("injuries", pa.int32()),
    ("certainty", pa.string()),
    ("attribution", pa.list_(pa.string())),
    ("evidence", pa.list_(pa.string())),
    ("published", pa.date32()),
    ("url", pa.string()),
    ("source_domain", pa.string()),
    ("extras", pa.string()),  # JSON object of the extractor's extra keys
])

DOCUMENT_SCHEMA = pa.schema([
    ("partition", pa.string()),
    ("doc_id", pa.string()),
    ("doc_key", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("published", pa.date32()),
    ("outlet", pa.string()),
    ("source", pa.string()),
    ("source_domain", pa.string()),
    ("language", pa.string()),
    ("raw_chars", pa.int64()),
    ("words", pa.int32()),
    ("content_hash", pa.string()),
    ("relevant", pa.bool_()),  # passed the relevance filter (was parsed)
    ("events", pa.int32()),
])

CONTRACT_KEYS = (
    "doc", "event_id", "date", "date_precision", "event_type", "sub_event_type", "weapons", "location",
    "launch_locations", "actor", "target", "fatalities", "injuries", "certainty", "attribution",
    "evidence", "published", "url",
)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def event_row(event: Event, doc: Document, partition: str) -> dict[str, Any]:
    record = event.to_contract()
    key = doc_key(doc)
    extras = {k: v for k, v in record.items() if k not in CONTRACT_KEYS}
    return {
        **{k: record[k] for k in CONTRACT_KEYS},
        "partition": partition,
        "doc_key": key,
        "event_key": event_key(key, event.event_id),
        "date": _day(event.date),
        "published": _day(event.published),
        "source_domain": source_domain(doc),
        "extras": json.dumps(extras, ensure_ascii=False, default=str) if extras else None,
    }


def event_from_row(row: dict[str, Any]) -> Event:
    """An event row (as pyarrow's to_pylist gives it) back as an Event."""
    data = {k: row.get(k) for k in CONTRACT_KEYS}
    for key in ("date", "published"):
        if isinstance(data[key], date):
            data[key] = data[key].isoformat()
    data.update(json.loads(row["extras"]) if row.get("extras") else {})
    return Event.from_contract(data)


def document_row(doc: Document, partition: str, relevant: bool, events: int) -> dict[str, Any]:
    return {
        "partition": partition,
        "doc_id": doc.doc_id,
        "doc_key": doc_key(doc),
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "outlet": doc.outlet,
        "source": doc.source,
        "source_domain": source_domain(doc),
        "language": doc.language,
        "raw_chars": doc.raw_chars,
        "words": len(doc.text.split()),
        "content_hash": doc.content_hash,
        "relevant": relevant,
        "events": events,
    }


def write_table(rows: Sequence[dict[str, Any]], schema: pa.Schema, path: Path) -> None:
    """Write rows as one Parquet file, under a temporary name first, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(list(rows), schema=schema)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)


def read_rows(paths: Sequence[Path], columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        rows.extend(pq.read_table(path, columns=list(columns) if columns else None).to_pylist())
    return rows
