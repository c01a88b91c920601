"""Incident membership in the database: blocking, placing, refreshing.

Blocking: every event with coordinates has a box in the `event_boxes`
R*Tree, its point widened by its own distance reach and its possible
days; a new event looks up the boxes that overlap its own (days widened
by one, to see adjacent-day candidates), plus the events with the same
place name. Only those neighbours' incidents are compared, never all.
"""
from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from eventsift.incidents import (
    Member,
    MergeProfile,
    place_event,
    reach_km,
    summarize,
    undated_window,
)
from eventsift.store.rows import PROFILE_COLUMNS, event_of, profile_of_row

_KM_PER_DEGREE_LAT = 110.57
_NEIGHBOUR_LIMIT = 2000


def _days(row: sqlite3.Row, published: str | None) -> tuple[int, int]:
    if row["day_lo"] is not None:
        return row["day_lo"], row["day_hi"]
    return undated_window(published)


def _box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    dlat = km / _KM_PER_DEGREE_LAT
    cos = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, km / (111.32 * cos))
    return lon - dlon, lon + dlon, lat - dlat, lat + dlat


def index_event(conn: sqlite3.Connection, row_id: int) -> None:
    """(Re)write the event's blocking box; events without a point get none."""
    conn.execute("DELETE FROM event_boxes WHERE id = ?", (row_id,))
    row = conn.execute(
        "SELECT e.lat, e.lon, e.geo_precision, e.place_feature, e.day_lo, e.day_hi, d.published "
        "FROM events e JOIN documents d ON d.doc_key = e.doc_key WHERE e.id = ?",
        (row_id,),
    ).fetchone()
    if row["lat"] is None or row["lon"] is None:
        return
    reach = reach_km(row["geo_precision"] or 3, row["place_feature"] == "country")
    min_lon, max_lon, min_lat, max_lat = _box(row["lat"], row["lon"], reach)
    lo, hi = _days(row, row["published"])
    conn.execute(
        "INSERT INTO event_boxes VALUES (?, ?, ?, ?, ?, ?, ?)",
        (row_id, min_lon, max_lon, min_lat, max_lat, lo, hi),
    )


def load_profile(conn: sqlite3.Connection, row_id: int) -> MergeProfile:
    row = conn.execute(
        f"SELECT {PROFILE_COLUMNS} FROM events e LEFT JOIN incident_members m ON m.event = e.id "
        "WHERE e.id = ?",
        (row_id,),
    ).fetchone()
    return profile_of_row(row)


def _neighbour_ids(conn: sqlite3.Connection, me: MergeProfile, published: str | None) -> set[int]:
    lo, hi = (me.day_lo, me.day_hi) if me.day_lo is not None else undated_window(published)
    found: set[int] = set()
    if me.has_point:
        reach = reach_km(me.geo_precision, me.country_wide)
        min_lon, max_lon, min_lat, max_lat = _box(me.lat, me.lon, reach)  # type: ignore[arg-type]
        found.update(
            r[0]
            for r in conn.execute(
                "SELECT id FROM event_boxes WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? "
                "AND min_lat <= ? AND max_day >= ? AND min_day <= ? LIMIT ?",
                (min_lon, max_lon, min_lat, max_lat, lo - 1, hi + 1, _NEIGHBOUR_LIMIT),
            )
        )
    if me.place_key:
        found.update(
            r[0]
            for r in conn.execute(
                "SELECT id FROM events WHERE place_key = ? AND (day_lo IS NULL OR "
                "(day_lo <= ? AND day_hi >= ?)) LIMIT ?",
                (me.place_key, hi + 1, lo - 1, _NEIGHBOUR_LIMIT),
            )
        )
    found.discard(me.row_id)
    return found


def _members_of(conn: sqlite3.Connection, incidents: Iterable[int]) -> dict[int, list[MergeProfile]]:
    ids = sorted(set(incidents))
    out: dict[int, list[MergeProfile]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT {PROFILE_COLUMNS} FROM incident_members m JOIN events e ON e.id = m.event "
            f"WHERE m.incident IN ({marks})",
            chunk,
        ):
            out[row["incident"]].append(profile_of_row(row))
    return out


def kept_apart_from(conn: sqlite3.Connection, key: str) -> frozenset[str]:
    rows = conn.execute(
        "SELECT event_key_b FROM kept_apart WHERE event_key_a = ? "
        "UNION SELECT event_key_a FROM kept_apart WHERE event_key_b = ?",
        (key, key),
    )
    return frozenset(r[0] for r in rows)


def assign_event(conn: sqlite3.Connection, row_id: int, published: str | None) -> int:
    """Put a stored event into an incident (an existing one or a new one); returns its id."""
    me = load_profile(conn, row_id)
    neighbours = _neighbour_ids(conn, me, published)
    incidents: set[int] = set()
    if neighbours:
        marks = ",".join("?" * len(neighbours))
        incidents = {
            r[0]
            for r in conn.execute(
                f"SELECT incident FROM incident_members WHERE event IN ({marks})", sorted(neighbours)
            )
        }
    placement = place_event(me, _members_of(conn, incidents), kept_apart_from(conn, me.event_key))
    if placement.incident is None:
        incident = int(conn.execute("INSERT INTO incidents DEFAULT VALUES RETURNING id").fetchone()[0])
        conn.execute(
            "INSERT INTO incident_members(event, incident, assigned_by) VALUES (?, ?, 'new')",
            (row_id, incident),
        )
    else:
        incident = placement.incident
        conn.execute(
            "INSERT INTO incident_members(event, incident, assigned_by, score) VALUES (?, ?, 'auto', ?)",
            (row_id, incident, round(placement.score or 0.0, 4)),
        )
    for other, reason, score in placement.links:
        link_events(conn, row_id, other, reason, score)
    return incident


def link_events(conn: sqlite3.Connection, a: int, b: int, reason: str, score: float) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO candidate_links(event_a, event_b, reason, score) VALUES (?, ?, ?, ?)",
        (min(a, b), max(a, b), reason, score),
    )


def incidents_of_document(conn: sqlite3.Connection, doc_key: str) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT m.incident FROM events e JOIN incident_members m ON m.event = e.id "
        "WHERE e.doc_key = ?",
        (doc_key,),
    )
    return {r[0] for r in rows}


def members(conn: sqlite3.Connection, incident: int) -> list[Member]:
    """The incident's events (without evidence) and their sources, oldest first."""
    rows = conn.execute(
        "SELECT e.*, d.doc_id, d.published, d.url, d.source_domain FROM incident_members m "
        "JOIN events e ON e.id = m.event JOIN documents d ON d.doc_key = e.doc_key "
        "WHERE m.incident = ? ORDER BY e.id",
        (incident,),
    ).fetchall()
    return [
        Member(r["id"], event_of(r, (), (), r["published"], r["url"]), r["doc_key"], r["source_domain"])
        for r in rows
    ]


def refresh_incidents(conn: sqlite3.Connection, incidents: Iterable[int]) -> None:
    """Recompute the headline of each incident (dropping empty ones), then re-apply its corrections."""
    from eventsift.store.analyst import apply_incident_corrections

    for incident in sorted(set(incidents)):
        found = members(conn, incident)
        if not found:
            conn.execute("DELETE FROM incidents WHERE id = ?", (incident,))
            continue
        _write_summary(conn, incident, found)
        apply_incident_corrections(conn, incident)


def _write_summary(conn: sqlite3.Connection, incident: int, found: list[Member]) -> None:
    summary = summarize(found)
    head = summary.headline
    place = head["location"]
    conn.execute(
        "UPDATE incidents SET date = ?, date_precision = ?, event_type = ?, sub_event_type = ?, "
        "weapons = ?, location_name = ?, lat = ?, lon = ?, country = ?, admin1 = ?, geo_precision = ?, "
        "actor = ?, target = ?, fatalities = ?, injuries = ?, certainty = ?, n_events = ?, "
        "n_sources = ?, confidence = ?, corrected = '[]' WHERE id = ?",
        (
            head["date"], head["date_precision"], head["event_type"], head["sub_event_type"],
            json.dumps(head["weapons"]),
            place.name if place else None, place.lat if place else None, place.lon if place else None,
            place.country if place else None, place.admin1 if place else None,
            place.precision if place else None,
            head["actor"], head["target"], head["fatalities"], head["injuries"], head["certainty"],
            summary.n_events, summary.n_sources, summary.confidence, incident,
        ),
    )
