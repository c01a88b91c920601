"""Analyst actions: merge two incidents, split an event out, correct a field.

Every action is stored in `corrections` (who, when, old, new) with the
event_keys it concerns, and applied again when re-ingestion replaces the
events: field corrections by event_key, merges by finding the incidents
that now hold either side, incident corrections by following their anchor
events. Splits persist as `kept_apart` pairs that automatic merging obeys.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventsift.errors import StoreError
from eventsift.incidents import day_window, place_key
from eventsift.records import Place
from eventsift.store.fields import FIELDS, check_field, parse_value
from eventsift.store.membership import index_event

__all__ = ["FIELDS", "Correction", "parse_value"]


@dataclass(frozen=True)
class Correction:
    id: int
    action: str
    target: str
    event_key: str | None
    incident: int | None
    field: str | None
    old_value: Any
    new_value: Any
    made_by: str
    made_at: str


def correction_of(row: sqlite3.Row) -> Correction:
    return Correction(
        id=row["id"], action=row["action"], target=row["target"], event_key=row["event_key"],
        incident=row["incident"], field=row["field"],
        old_value=json.loads(row["old_value"]) if row["old_value"] is not None else None,
        new_value=json.loads(row["new_value"]) if row["new_value"] is not None else None,
        made_by=row["made_by"], made_at=row["made_at"],
    )


def _record(conn: sqlite3.Connection, values: dict[str, Any], roles: dict[str, Iterable[str]]) -> int:
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    correction = int(
        conn.execute(f"INSERT INTO corrections ({names}) VALUES ({marks}) RETURNING id", list(values.values()))
        .fetchone()[0]
    )
    for role, keys in roles.items():
        conn.executemany(
            "INSERT OR IGNORE INTO correction_events(correction, event_key, role) VALUES (?, ?, ?)",
            [(correction, key, role) for key in keys],
        )
    return correction


def _event_key(conn: sqlite3.Connection, row_id: int) -> str:
    row = conn.execute("SELECT event_key FROM events WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise StoreError(f"no event with id {row_id}")
    return str(row[0])


def incident_of(conn: sqlite3.Connection, row_id: int) -> int:
    row = conn.execute("SELECT incident FROM incident_members WHERE event = ?", (row_id,)).fetchone()
    if row is None:
        raise StoreError(f"no event with id {row_id}")
    return int(row[0])


def member_keys(conn: sqlite3.Connection, incident: int) -> list[str]:
    rows = conn.execute(
        "SELECT e.event_key FROM incident_members m JOIN events e ON e.id = m.event "
        "WHERE m.incident = ? ORDER BY e.id",
        (incident,),
    )
    return [r[0] for r in rows]


# --- field corrections -------------------------------------------------------------


def _stored(value: Any, field: str) -> Any:
    return json.dumps(value) if field == "weapons" else value


def set_event_field(conn: sqlite3.Connection, row_id: int, field: str, value: Any) -> None:
    """Write one field of a stored event and keep what derives from it in step."""
    conn.execute(f"UPDATE events SET {field} = ? WHERE id = ?", (_stored(value, field), row_id))
    row = conn.execute("SELECT * FROM events WHERE id = ?", (row_id,)).fetchone()
    if field in ("date", "date_precision"):
        window = day_window(row["date"], row["date_precision"])
        conn.execute(
            "UPDATE events SET day_lo = ?, day_hi = ? WHERE id = ?",
            (window[0] if window else None, window[1] if window else None, row_id),
        )
    if field == "weapons":
        conn.execute("DELETE FROM event_weapons WHERE event = ?", (row_id,))
        conn.executemany(
            "INSERT OR IGNORE INTO event_weapons(event, weapon) VALUES (?, ?)", [(row_id, w) for w in value]
        )
    if field in ("location_name", "country"):
        place = Place(name=row["location_name"] or "", country=row["country"])
        conn.execute("UPDATE events SET place_key = ? WHERE id = ?", (place_key(place), row_id))
    if field in ("date", "date_precision", "lat", "lon", "geo_precision"):
        index_event(conn, row_id)


def correct_event(conn: sqlite3.Connection, row_id: int, field: str, value: Any, by: str, now: str) -> int:
    """Correct one field of an event; returns the incident to refresh."""
    check_field(field)
    key = _event_key(conn, row_id)
    old = conn.execute(f"SELECT {field} FROM events WHERE id = ?", (row_id,)).fetchone()[0]
    old = json.loads(old) if field == "weapons" else old
    set_event_field(conn, row_id, field, value)
    _record(
        conn,
        {"action": "correct", "target": "event", "event_key": key, "field": field,
         "old_value": json.dumps(old), "new_value": json.dumps(value), "made_by": by, "made_at": now},
        {"anchor": [key]},
    )
    return incident_of(conn, row_id)


def apply_event_corrections(conn: sqlite3.Connection, row_id: int) -> None:
    """Re-apply the stored field corrections of a (re-)ingested event, oldest first."""
    key = _event_key(conn, row_id)
    rows = conn.execute(
        "SELECT field, new_value FROM corrections WHERE action = 'correct' AND target = 'event' "
        "AND event_key = ? ORDER BY id",
        (key,),
    ).fetchall()
    for field, new_value in rows:
        set_event_field(conn, row_id, field, json.loads(new_value))


def correct_incident(conn: sqlite3.Connection, incident: int, field: str, value: Any, by: str, now: str) -> None:
    check_field(field)
    row = conn.execute(f"SELECT {field} FROM incidents WHERE id = ?", (incident,)).fetchone()
    if row is None:
        raise StoreError(f"no incident with id {incident}")
    old = json.loads(row[0]) if field == "weapons" else row[0]
    _record(
        conn,
        {"action": "correct", "target": "incident", "incident": incident, "field": field,
         "old_value": json.dumps(old), "new_value": json.dumps(value), "made_by": by, "made_at": now},
        {"anchor": member_keys(conn, incident)},
    )


def apply_incident_corrections(conn: sqlite3.Connection, incident: int) -> None:
    """Overwrite an incident's computed fields with the analyst's, oldest first."""
    rows = conn.execute(
        "SELECT field, new_value FROM corrections WHERE action = 'correct' AND target = 'incident' "
        "AND incident = ? ORDER BY id",
        (incident,),
    ).fetchall()
    fields: list[str] = []
    for field, new_value in rows:
        conn.execute(
            f"UPDATE incidents SET {field} = ? WHERE id = ?",
            (_stored(json.loads(new_value), field), incident),
        )
        if field not in fields:
            fields.append(field)
    if fields:
        conn.execute("UPDATE incidents SET corrected = ? WHERE id = ?", (json.dumps(fields), incident))


# --- merge and split ---------------------------------------------------------------


def move_members(conn: sqlite3.Connection, source: int, target: int) -> None:
    conn.execute(
        "UPDATE incident_members SET incident = ?, assigned_by = 'analyst' WHERE incident = ?",
        (target, source),
    )
    conn.execute("UPDATE corrections SET incident = ? WHERE incident = ?", (target, source))
    conn.execute(
        "DELETE FROM candidate_links WHERE event_a IN (SELECT event FROM incident_members WHERE incident = ?) "
        "AND event_b IN (SELECT event FROM incident_members WHERE incident = ?)",
        (target, target),
    )


def merge_incidents(conn: sqlite3.Connection, first: int, second: int, by: str, now: str) -> int:
    """Merge two incidents into the older one; returns the surviving id."""
    if first == second:
        raise StoreError("an incident cannot be merged with itself")
    keep, gone = min(first, second), max(first, second)
    keys_keep, keys_gone = member_keys(conn, keep), member_keys(conn, gone)
    for incident, keys in ((keep, keys_keep), (gone, keys_gone)):
        if not keys:
            raise StoreError(f"no incident with id {incident}")
    _forget_kept_apart(conn, keys_keep, keys_gone)
    move_members(conn, gone, keep)
    _record(
        conn,
        {"action": "merge", "target": "incident", "incident": keep, "made_by": by, "made_at": now,
         "old_value": json.dumps([keep, gone]), "new_value": json.dumps(keep)},
        {"anchor": keys_keep, "other": keys_gone},
    )
    return keep


def _forget_kept_apart(conn: sqlite3.Connection, side_a: list[str], side_b: list[str]) -> None:
    pairs = [(min(a, b), max(a, b)) for a in side_a for b in side_b]
    conn.executemany("DELETE FROM kept_apart WHERE event_key_a = ? AND event_key_b = ?", pairs)


def split_event(conn: sqlite3.Connection, row_id: int, by: str, now: str) -> tuple[int, int]:
    """Take an event out of its incident into a new one; returns (old, new) incident ids."""
    key = _event_key(conn, row_id)
    old = incident_of(conn, row_id)
    companions = [k for k in member_keys(conn, old) if k != key]
    if not companions:
        raise StoreError(f"event {row_id} is already alone in incident {old}")
    new = int(conn.execute("INSERT INTO incidents DEFAULT VALUES RETURNING id").fetchone()[0])
    conn.execute(
        "UPDATE incident_members SET incident = ?, assigned_by = 'analyst', score = NULL WHERE event = ?",
        (new, row_id),
    )
    conn.execute(
        "DELETE FROM candidate_links WHERE (event_a = ? AND event_b IN (SELECT event FROM incident_members "
        "WHERE incident = ?)) OR (event_b = ? AND event_a IN (SELECT event FROM incident_members "
        "WHERE incident = ?))",
        (row_id, old, row_id, old),
    )
    correction = _record(
        conn,
        {"action": "split", "target": "event", "event_key": key, "incident": new, "made_by": by,
         "made_at": now, "old_value": json.dumps(old), "new_value": json.dumps(new)},
        {"anchor": [key], "other": companions},
    )
    conn.executemany(
        "INSERT OR REPLACE INTO kept_apart(event_key_a, event_key_b, correction) VALUES (?, ?, ?)",
        [(min(key, k), max(key, k), correction) for k in companions],
    )
    return old, new


# --- after re-ingestion --------------------------------------------------------------


def _incidents_holding(conn: sqlite3.Connection, keys: Iterable[str]) -> Counter[int]:
    found: Counter[int] = Counter()
    for key in keys:
        row = conn.execute(
            "SELECT m.incident FROM events e JOIN incident_members m ON m.event = e.id WHERE e.event_key = ?",
            (key,),
        ).fetchone()
        if row:
            found[int(row[0])] += 1
    return found


def reapply_structure(conn: sqlite3.Connection, keys: Iterable[str]) -> set[int]:
    """Re-apply merges and re-anchor incident corrections for re-ingested events.

    Returns the incidents that changed (to refresh).
    """
    touched: set[int] = set()
    corrections = sorted(
        {
            r[0]
            for key in keys
            for r in conn.execute("SELECT correction FROM correction_events WHERE event_key = ?", (key,))
        }
    )
    for correction in corrections:
        row = conn.execute("SELECT action, target, incident FROM corrections WHERE id = ?", (correction,)).fetchone()
        roles = conn.execute(
            "SELECT event_key, role FROM correction_events WHERE correction = ?", (correction,)
        ).fetchall()
        if row["action"] == "merge":
            touched |= _redo_merge(conn, [k for k, r in roles if r == "anchor"], [k for k, r in roles if r == "other"])
        elif row["action"] == "correct" and row["target"] == "incident":
            touched |= _reanchor(conn, correction, row["incident"], [k for k, _ in roles])
    return touched


def _redo_merge(conn: sqlite3.Connection, side_a: list[str], side_b: list[str]) -> set[int]:
    incidents = sorted(set(_incidents_holding(conn, side_a + side_b)))
    if len(incidents) < 2 or _any_kept_apart(conn, side_a, side_b):
        return set(incidents)
    keep = incidents[0]
    for gone in incidents[1:]:
        move_members(conn, gone, keep)
    return set(incidents)


def _any_kept_apart(conn: sqlite3.Connection, side_a: list[str], side_b: list[str]) -> bool:
    """Whether a later split keeps some pair of the two sides apart."""
    return any(
        conn.execute(
            "SELECT 1 FROM kept_apart WHERE event_key_a = ? AND event_key_b = ?", (min(a, b), max(a, b))
        ).fetchone()
        for a in side_a
        for b in side_b
    )


def _reanchor(conn: sqlite3.Connection, correction: int, incident: int | None, anchors: list[str]) -> set[int]:
    holding = _incidents_holding(conn, anchors)
    if not holding or (incident is not None and incident in holding):
        return set()
    best = min(holding, key=lambda i: (-holding[i], i))
    conn.execute("UPDATE corrections SET incident = ? WHERE id = ?", (best, correction))
    return {best}
