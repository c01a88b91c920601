"""Merging the events of all partitions into incidents.

The rules are eventsift.incidents' (the ones the SQLite store applies:
`place_event` judges a new event against the incidents of its neighbours,
`summarize` gives an incident's headline). What this module adds is the
blocking for a whole run held in memory: events are indexed by a grid
cell of their point and by their place name, and a new event is compared
only with the indexed events whose cell is near enough and whose possible
days overlap its own (widened by one day, to see adjacent-day
candidates). Events are placed in a fixed order (date, document, id), so
the outcome does not depend on which partition finished first.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventsift.batch.tables import event_from_row, read_rows, write_table
from eventsift.incidents import (
    Member, MergeProfile, place_event, profile_of, reach_km, settings, summarize, undated_window,
)
from eventsift.records import Event

CELL_DEGREES = 1.5  # grid cell of the blocking index (about 165 km of latitude)
_KM_PER_DEGREE_LAT = 110.57

MEMBER_SCHEMA = pa.schema([
    ("event_key", pa.string()), ("doc_key", pa.string()), ("event_id", pa.string()),
    ("incident", pa.int64()), ("assigned_by", pa.string()), ("score", pa.float64()),
])
LINK_SCHEMA = pa.schema([
    ("event_a", pa.string()), ("event_b", pa.string()), ("reason", pa.string()), ("score", pa.float64()),
])
INCIDENT_SCHEMA = pa.schema([
    ("incident", pa.int64()), ("n_events", pa.int32()), ("n_sources", pa.int32()),
    ("confidence", pa.float64()), ("date", pa.string()), ("date_precision", pa.int8()),
    ("event_type", pa.string()), ("sub_event_type", pa.string()), ("weapons", pa.list_(pa.string())),
    ("location_name", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("country", pa.string()), ("admin1", pa.string()), ("actor", pa.string()), ("target", pa.string()),
    ("fatalities", pa.int32()), ("injuries", pa.int32()), ("certainty", pa.string()),
    ("sources", pa.list_(pa.string())), ("conflicting_fields", pa.list_(pa.string())),
])


@dataclass(frozen=True)
class StoredEvent:
    """An event of the run with what merging needs beside it."""

    event: Event
    doc_key: str
    source_domain: str


@dataclass
class MergeResult:
    members: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)


def _days(profile: MergeProfile, published: str | None) -> tuple[int, int]:
    if profile.day_lo is not None and profile.day_hi is not None:
        return profile.day_lo, profile.day_hi
    return undated_window(published)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)


class BlockIndex:
    """Placed events by grid cell and by place name, with their possible days."""

    def __init__(self) -> None:
        self.by_cell: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.by_place: dict[str, list[int]] = defaultdict(list)
        self.days: dict[int, tuple[int, int]] = {}
        self.max_reach = max(settings().max_km.values())

    def add(self, row: int, profile: MergeProfile, days: tuple[int, int]) -> None:
        self.days[row] = days
        if profile.has_point:
            self.by_cell[_cell(profile.lat, profile.lon)].append(row)  # type: ignore[arg-type]
        if profile.place_key:
            self.by_place[profile.place_key].append(row)

    def _cells_near(self, profile: MergeProfile) -> Iterable[tuple[int, int]]:
        km = reach_km(profile.geo_precision) + self.max_reach
        dlat = km / _KM_PER_DEGREE_LAT
        dlon = min(180.0, km / (111.32 * max(math.cos(math.radians(profile.lat)), 1e-6)))  # type: ignore[arg-type]
        lo_lat, lo_lon = _cell(profile.lat - dlat, profile.lon - dlon)  # type: ignore[operator]
        hi_lat, hi_lon = _cell(profile.lat + dlat, profile.lon + dlon)  # type: ignore[operator]
        return ((a, b) for a in range(lo_lat, hi_lat + 1) for b in range(lo_lon, hi_lon + 1))

    def neighbours(self, profile: MergeProfile, days: tuple[int, int]) -> set[int]:
        found: list[int] = []
        if profile.has_point:
            for cell in self._cells_near(profile):
                found.extend(self.by_cell.get(cell, ()))
        if profile.place_key:
            found.extend(self.by_place.get(profile.place_key, ()))
        lo, hi = days[0] - 1, days[1] + 1
        return {row for row in found if self.days[row][0] <= hi and self.days[row][1] >= lo}


def merge_order(events: Sequence[StoredEvent]) -> list[StoredEvent]:
    return sorted(events, key=lambda s: (s.event.date or s.event.published or "", s.doc_key, s.event.event_id))


def merge_events(events: Sequence[StoredEvent]) -> MergeResult:
    """Incidents of a run's events, their candidate links and headline summaries."""
    ordered = merge_order(events)
    index = BlockIndex()
    profiles: list[MergeProfile] = []
    incident_of: dict[int, int] = {}
    incidents: dict[int, list[int]] = {}
    result = MergeResult()
    for row, stored in enumerate(ordered):
        me = profile_of(stored.event, stored.doc_key, row_id=row)
        days = _days(me, stored.event.published)
        near = index.neighbours(me, days)
        candidates = {incident_of[r] for r in near}
        placement = place_event(me, {i: [profiles[r] for r in incidents[i]] for i in sorted(candidates)})
        incident = placement.incident if placement.incident is not None else len(incidents) + 1
        incidents.setdefault(incident, []).append(row)
        incident_of[row] = incident
        profiles.append(me)
        index.add(row, me, days)
        result.members.append({
            "event_key": me.event_key, "doc_key": stored.doc_key, "event_id": stored.event.event_id,
            "incident": incident, "assigned_by": "new" if placement.incident is None else "auto",
            "score": None if placement.score is None else round(placement.score, 4),
        })
        result.links.extend(
            {"event_a": profiles[other].event_key, "event_b": me.event_key, "reason": reason, "score": score}
            for other, reason, score in placement.links
        )
    result.incidents = [
        incident_row(number, [ordered[r] for r in rows], rows) for number, rows in sorted(incidents.items())
    ]
    return result


def incident_row(number: int, members: Sequence[StoredEvent], rows: Sequence[int]) -> dict[str, Any]:
    summary = summarize([Member(r, s.event, s.doc_key, s.source_domain) for r, s in zip(rows, members)])
    head = summary.headline
    place = head["location"]
    return {
        "incident": number, "n_events": summary.n_events, "n_sources": summary.n_sources,
        "confidence": summary.confidence, "date": head["date"], "date_precision": head["date_precision"],
        "event_type": head["event_type"], "sub_event_type": head["sub_event_type"], "weapons": head["weapons"],
        "location_name": place.name if place else None, "lat": place.lat if place else None,
        "lon": place.lon if place else None, "country": place.country if place else None,
        "admin1": place.admin1 if place else None, "actor": head["actor"], "target": head["target"],
        "fatalities": head["fatalities"], "injuries": head["injuries"], "certainty": head["certainty"],
        "sources": list(summary.sources), "conflicting_fields": sorted(summary.conflicts),
    }


def load_events(event_files: Sequence[Path]) -> list[StoredEvent]:
    return [
        StoredEvent(event_from_row(row), row["doc_key"], row["source_domain"] or row["doc_key"])
        for row in read_rows(event_files)
    ]


def merge_run(out_dir: Path, event_files: Sequence[Path]) -> dict[str, int]:
    """Merge the events of these partition files; write incidents/*.parquet; return counts."""
    result = merge_events(load_events(event_files))
    folder = out_dir / "incidents"
    write_table(result.incidents, INCIDENT_SCHEMA, folder / "incidents.parquet")
    write_table(result.members, MEMBER_SCHEMA, folder / "members.parquet")
    write_table(result.links, LINK_SCHEMA, folder / "links.parquet")
    return {
        "incidents": len(result.incidents),
        "multi_event_incidents": sum(1 for i in result.incidents if i["n_events"] > 1),
        "candidate_links": len(result.links),
    }
