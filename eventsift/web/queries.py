"""Read queries the web app needs, as SQL against the schema of docs/schema.md.

Lists, map points, timeline buckets and filter choices over incidents and
events. The app passes read-only connections (eventsift.web.database):
nothing a reader sends can change the database. Writes go through
`eventsift.store`.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date, timedelta
from typing import Any

from eventsift.web.filters import Paging, ViewFilter
from eventsift.web.sql_filters import event_clause, incident_clause

Row = dict[str, Any]

INCIDENT_COLUMNS = (
    "i.id, i.date, i.date_precision, i.event_type, i.sub_event_type, i.weapons, "
    "i.location_name, i.lat, i.lon, i.country, i.admin1, i.geo_precision, i.actor, "
    "i.target, i.fatalities, i.injuries, i.certainty, i.n_events, i.n_sources, i.confidence"
)
EVENT_COLUMNS = (
    "e.id, e.doc_key, e.event_id, e.event_type, e.sub_event_type, e.date, e.date_precision, "
    "e.weapons, e.location_name, e.lat, e.lon, e.country, e.admin1, e.geonameid, "
    "e.geo_precision, e.actor, e.target, e.fatalities, e.injuries, e.certainty, "
    "e.attribution, m.incident"
)
JSON_COLUMNS = ("weapons", "attribution")
TIMELINE_DAY_LIMIT = 120  # longer spans are counted per week...
TIMELINE_WEEK_LIMIT = 420  # ... and spans over 420 weeks per month
TIMELINE_MAX_BUCKETS = 1000  # gaps are not filled beyond this


def _plain(row: sqlite3.Row) -> Row:
    data = dict(row)
    for column in JSON_COLUMNS:
        if isinstance(data.get(column), str):
            data[column] = json.loads(data[column])
    return data


def count_incidents(conn: sqlite3.Connection, view: ViewFilter) -> int:
    clause = incident_clause(view)
    return int(conn.execute(f"SELECT count(*) FROM incidents i {clause.sql}", clause.params).fetchone()[0])


def list_incidents(conn: sqlite3.Connection, view: ViewFilter, paging: Paging) -> list[Row]:
    """One page of incidents, newest first (undated last: NULL sorts lowest)."""
    clause = incident_clause(view)
    sql = (f"SELECT {INCIDENT_COLUMNS} FROM incidents i {clause.sql} "
           "ORDER BY i.date DESC, i.id DESC LIMIT ? OFFSET ?")
    rows = conn.execute(sql, [*clause.params, paging.per_page, paging.offset]).fetchall()
    return [_plain(row) for row in rows]


def get_incident_row(conn: sqlite3.Connection, incident_id: int) -> Row | None:
    row = conn.execute(f"SELECT {INCIDENT_COLUMNS}, i.corrected FROM incidents i WHERE i.id = ?",
                       (incident_id,)).fetchone()
    if row is None:
        return None
    data = _plain(row)
    data["corrected"] = json.loads(data["corrected"] or "[]")
    return data


def count_events(conn: sqlite3.Connection, view: ViewFilter) -> int:
    clause = event_clause(view)
    return int(conn.execute(f"SELECT count(*) FROM events e {clause.sql}", clause.params).fetchone()[0])


def list_events(conn: sqlite3.Connection, view: ViewFilter, paging: Paging) -> list[Row]:
    """One page of events (one per source and attack), newest first."""
    clause = event_clause(view)
    sql = (f"SELECT {EVENT_COLUMNS} FROM events e LEFT JOIN incident_members m ON m.event = e.id "
           f"{clause.sql} ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?")
    rows = conn.execute(sql, [*clause.params, paging.per_page, paging.offset]).fetchall()
    return [_plain(row) for row in rows]


def document_texts(conn: sqlite3.Connection, doc_keys: list[str]) -> dict[str, str]:
    """The stored (cleaned) text of each document."""
    if not doc_keys:
        return {}
    marks = ",".join("?" * len(doc_keys))
    sql = f"SELECT doc_key, text FROM documents WHERE doc_key IN ({marks})"
    return {key: text for key, text in conn.execute(sql, doc_keys)}


def map_incidents(conn: sqlite3.Connection, view: ViewFilter, limit: int) -> tuple[list[Row], bool]:
    """The latest `limit` located incidents for the map with their launch sites,
    and whether more match."""
    clause = incident_clause(view)
    located = ("AND" if clause.sql else "WHERE") + " i.lat IS NOT NULL AND i.lon IS NOT NULL"
    sql = (f"SELECT i.id, i.date, i.event_type, i.location_name, i.lat, i.lon, i.fatalities, "
           f"i.n_sources FROM incidents i {clause.sql} {located} "
           "ORDER BY i.date DESC, i.id DESC LIMIT ?")
    rows = [dict(row) for row in conn.execute(sql, [*clause.params, limit + 1])]
    more = len(rows) > limit
    rows = rows[:limit]
    launches = _incident_launch_sites(conn, [row["id"] for row in rows])
    for row in rows:
        row["launches"] = launches.get(row["id"], [])
    return rows, more


def _incident_launch_sites(conn: sqlite3.Connection, incident_ids: list[int]) -> dict[int, list[Row]]:
    """Distinct located launch sites per incident (from all its member events)."""
    found: dict[int, list[Row]] = {}
    for start in range(0, len(incident_ids), 500):
        chunk = incident_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        sql = ("SELECT DISTINCT m.incident, s.name, s.lat, s.lon FROM incident_members m "
               "JOIN launch_sites s ON s.event = m.event "
               f"WHERE m.incident IN ({marks}) AND s.lat IS NOT NULL AND s.lon IS NOT NULL")
        for incident, name, lat, lon in conn.execute(sql, chunk):
            found.setdefault(incident, []).append({"name": name, "lat": lat, "lon": lon})
    return found


def timeline(conn: sqlite3.Connection, view: ViewFilter) -> dict[str, Any]:
    """Dated incidents matching the filter per day, week or month, by event type."""
    clause = incident_clause(view)
    dated = ("AND" if clause.sql else "WHERE") + " +i.date IS NOT NULL"  # "+": not via the index
    # Counted here rather than by GROUP BY: a scan and a Counter take half the time
    # of SQLite's temporary b-tree on 50,000 rows.
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples hash faster than sqlite3.Row
    per_day = Counter(cursor.execute(f"SELECT i.date, i.event_type FROM incidents i {clause.sql} {dated}",
                                     clause.params))
    counts = []
    for (day, kind), n in per_day.items():
        parsed = _day(day)
        if parsed is not None:
            counts.append((parsed, kind or "unknown", n))
    counts.sort()
    return bucket_counts(counts)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def bucket_kind(first: date, last: date) -> str:
    """Day buckets for spans up to 120 days, weeks up to ~8 years, else months."""
    span = (last - first).days
    if span < TIMELINE_DAY_LIMIT:
        return "day"
    return "week" if span < TIMELINE_WEEK_LIMIT * 7 else "month"


def bucket_start(day: date, kind: str) -> date:
    if kind == "week":
        return day - timedelta(days=day.weekday())
    if kind == "month":
        return day.replace(day=1)
    return day


def bucket_end(start: date, kind: str) -> date:
    """The last day of the bucket that begins on `start`."""
    if kind == "week":
        return start + timedelta(days=6) if start <= date.max - timedelta(days=6) else date.max
    if kind == "month":
        following = date(start.year + 1, 1, 1) if start.month == 12 and start.year < 9999 else None
        if start.month < 12:
            following = date(start.year, start.month + 1, 1)
        return following - timedelta(days=1) if following else date.max
    return start


def bucket_counts(counts: list[tuple[date, str, int]]) -> dict[str, Any]:
    """Per-day counts (sorted by day) grouped into buckets; empty buckets between
    them are filled in unless that would make more than TIMELINE_MAX_BUCKETS."""
    if not counts:
        return {"bucket": "day", "types": [], "buckets": [], "total": 0}
    kind = bucket_kind(counts[0][0], counts[-1][0])
    buckets: dict[date, dict[str, int]] = {}
    for day, event_type, n in counts:
        bucket = buckets.setdefault(bucket_start(day, kind), {})
        bucket[event_type] = bucket.get(event_type, 0) + n
    if _span_in_buckets(counts[0][0], counts[-1][0], kind) <= TIMELINE_MAX_BUCKETS:
        cursor, last = bucket_start(counts[0][0], kind), counts[-1][0]
        while True:
            buckets.setdefault(cursor, {})
            end = bucket_end(cursor, kind)
            if end >= last:
                break
            cursor = end + timedelta(days=1)
    return {
        "bucket": kind,
        "types": sorted({event_type for _, event_type, _ in counts}),
        "total": sum(n for _, _, n in counts),
        "buckets": [
            {"start": start.isoformat(), "end": bucket_end(start, kind).isoformat(),
             "counts": buckets[start], "total": sum(buckets[start].values())}
            for start in sorted(buckets)
        ],
    }


def _span_in_buckets(first: date, last: date, kind: str) -> int:
    days = (last - first).days
    return days + 1 if kind == "day" else days // (7 if kind == "week" else 28) + 1


def filter_choices(conn: sqlite3.Connection, country: str | None) -> dict[str, list[str]]:
    """Values offered in the filter form's drop-downs."""
    def distinct(sql: str, params: tuple[object, ...] = ()) -> list[str]:
        return [row[0] for row in conn.execute(sql, params) if row[0]]

    admin1_sql = "SELECT DISTINCT admin1 FROM incidents WHERE admin1 IS NOT NULL"
    admin1_params: tuple[object, ...] = ()
    if country:
        admin1_sql += " AND country = ?"
        admin1_params = (country,)
    return {
        "countries": distinct("SELECT DISTINCT country FROM incidents ORDER BY country"),
        "admin1": sorted(distinct(admin1_sql, admin1_params)),
        "event_types": distinct("SELECT DISTINCT event_type FROM incidents ORDER BY event_type"),
        "weapons": distinct("SELECT DISTINCT weapon FROM event_weapons ORDER BY weapon"),
        "certainties": distinct("SELECT DISTINCT certainty FROM incidents ORDER BY certainty"),
    }
