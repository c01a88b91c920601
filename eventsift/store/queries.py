"""Reading the store: filtered, sorted, paged events and incidents.

One `Query` serves both lists (fields that do not apply to a list are
ignored there). Every filter maps to an indexed column or an indexed
side table; free text goes through FTS5 over the evidence sentences.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from eventsift.errors import StoreError
from eventsift.incidents import FieldValue, summarize
from eventsift.records import Event, Place
from eventsift.store.analyst import Correction, correction_of
from eventsift.store.membership import members
from eventsift.store.rows import event_of, place_of

T = TypeVar("T")

EVENT_SORTS = {"date": "e.date", "fatalities": "e.fatalities", "country": "e.country",
               "event_type": "e.event_type", "id": "e.id"}
INCIDENT_SORTS = {"date": "i.date", "fatalities": "i.fatalities", "n_sources": "i.n_sources",
                  "n_events": "i.n_events", "confidence": "i.confidence", "country": "i.country",
                  "id": "i.id"}
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class Query:
    """Filters, order and page for `Store.events()` / `Store.incidents()`.

    Dates are inclusive ISO days; `country` an ISO alpha-2 code; `actor`
    and `target` match case-insensitively anywhere in the name; `text` is
    a few words all of which must occur in an evidence sentence (word
    stems; `word*` for a prefix). `incident` and `doc` apply to events only,
    `min_sources` and `min_confidence` to incidents only.
    """

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    weapon: str | None = None
    actor: str | None = None
    target: str | None = None
    certainty: str | None = None
    text: str | None = None
    incident: int | None = None
    doc: str | None = None
    min_sources: int | None = None
    min_confidence: float | None = None
    sort: str = "date"
    descending: bool = True
    limit: int = 50
    offset: int = 0

    def everything(self) -> Query:
        """The same filters without paging (for exports)."""
        return replace(self, limit=MAX_LIMIT * 1000, offset=0)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored: its row id, its incident and its document's source."""

    id: int
    incident: int
    doc_key: str
    source_domain: str
    outlet: str | None
    title: str | None
    event: Event
    stored_at: str | None = None  # when its document was last stored (UTC ISO 8601)


@dataclass(frozen=True)
class Incident:
    """An incident's headline fields (merged from its events, then corrected)."""

    id: int
    date: str | None
    date_precision: int | None
    event_type: str | None
    sub_event_type: str | None
    weapons: tuple[str, ...]
    location: Place | None
    actor: str | None
    target: str | None
    fatalities: int | None
    injuries: int | None
    certainty: str | None
    n_events: int
    n_sources: int
    confidence: float
    corrected: tuple[str, ...] = ()


@dataclass(frozen=True)
class CandidateLink:
    """A pair an analyst should look at: maybe the same attack, not merged."""

    event: int
    other_event: int
    other_incident: int
    reason: str
    score: float


@dataclass(frozen=True)
class IncidentDetail:
    incident: Incident
    events: tuple[StoredEvent, ...]
    sources: tuple[str, ...]
    agreed: dict[str, Any]
    conflicts: dict[str, tuple[FieldValue, ...]]
    candidates: tuple[CandidateLink, ...]
    corrections: tuple[Correction, ...] = field(default=())


# --- building the WHERE clause -----------------------------------------------------

_FTS_WORD = re.compile(r"\w+\*?", re.UNICODE)


def fts_query(text: str) -> str:
    """User words as a safe FTS5 query: each word quoted, all required."""
    words = _FTS_WORD.findall(text)
    if not words:
        raise StoreError(f"no words to search for in {text!r}")
    return " ".join(f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _event_where(q: Query) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        where.append(clause)
        args.extend(values)

    if q.date_from: add("e.date >= ?", q.date_from)
    if q.date_to: add("e.date <= ?", q.date_to)
    if q.country: add("e.country = ?", q.country.upper())
    if q.admin1: add("e.admin1 = ? COLLATE NOCASE", q.admin1)
    if q.event_type: add("e.event_type = ?", q.event_type)
    if q.sub_event_type: add("e.sub_event_type = ?", q.sub_event_type)
    if q.certainty: add("e.certainty = ?", q.certainty)
    if q.weapon: add("EXISTS (SELECT 1 FROM event_weapons w WHERE w.event = e.id AND w.weapon = ?)", q.weapon)
    if q.actor: add("e.actor LIKE ? ESCAPE '\\'", _like(q.actor))
    if q.target: add("e.target LIKE ? ESCAPE '\\'", _like(q.target))
    if q.text:
        add("e.id IN (SELECT v.event FROM evidence_fts f JOIN evidence v ON v.id = f.rowid "
            "WHERE evidence_fts MATCH ?)", fts_query(q.text))
    if q.incident is not None: add("m.incident = ?", q.incident)
    if q.doc: add("(e.doc_key = ? OR d.doc_id = ?)", q.doc, q.doc)
    return where, args


def _incident_where(q: Query) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        where.append(clause)
        args.extend(values)

    def member(condition: str, *values: Any) -> None:
        add("EXISTS (SELECT 1 FROM incident_members mm JOIN events e ON e.id = mm.event "
            f"WHERE mm.incident = i.id AND {condition})", *values)

    if q.date_from: add("i.date >= ?", q.date_from)
    if q.date_to: add("i.date <= ?", q.date_to)
    if q.country: add("i.country = ?", q.country.upper())
    if q.admin1: add("i.admin1 = ? COLLATE NOCASE", q.admin1)
    if q.event_type: add("i.event_type = ?", q.event_type)
    if q.sub_event_type: add("i.sub_event_type = ?", q.sub_event_type)
    if q.certainty: add("i.certainty = ?", q.certainty)
    if q.min_sources is not None: add("i.n_sources >= ?", q.min_sources)
    if q.min_confidence is not None: add("i.confidence >= ?", q.min_confidence)
    if q.weapon: member("EXISTS (SELECT 1 FROM event_weapons w WHERE w.event = e.id AND w.weapon = ?)", q.weapon)
    if q.actor: member("e.actor LIKE ? ESCAPE '\\'", _like(q.actor))
    if q.target: member("e.target LIKE ? ESCAPE '\\'", _like(q.target))
    if q.text:
        add("i.id IN (SELECT mm.incident FROM evidence_fts f JOIN evidence v ON v.id = f.rowid "
            "JOIN incident_members mm ON mm.event = v.event WHERE evidence_fts MATCH ?)", fts_query(q.text))
    return where, args


def _order(q: Query, sorts: dict[str, str], id_column: str) -> str:
    if q.sort not in sorts:
        raise StoreError(f"cannot sort by {q.sort!r}; choose one of: {', '.join(sorts)}")
    direction = "DESC" if q.descending else "ASC"
    column = sorts[q.sort]
    return f"ORDER BY ({column} IS NULL), {column} {direction}, {id_column} {direction}"


def _page_bounds(q: Query) -> tuple[int, int]:
    if q.limit < 1 or q.offset < 0:
        raise StoreError("limit must be at least 1 and offset at least 0")
    return min(q.limit, MAX_LIMIT * 1000), q.offset


# --- events ------------------------------------------------------------------------

_EVENT_FROM = (
    "FROM events e JOIN documents d ON d.doc_key = e.doc_key "
    "JOIN incident_members m ON m.event = e.id"
)


def query_events(conn: sqlite3.Connection, q: Query) -> Page[StoredEvent]:
    where, args = _event_where(q)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    limit, offset = _page_bounds(q)
    total = conn.execute(f"SELECT count(*) {_EVENT_FROM} {clause}", args).fetchone()[0]
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT e.id {_EVENT_FROM} {clause} {_order(q, EVENT_SORTS, 'e.id')} LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
    ]
    return Page(tuple(load_events(conn, ids)), int(total), limit, offset)


def load_events(conn: sqlite3.Connection, ids: Sequence[int]) -> list[StoredEvent]:
    """Stored events by row id, in the order given (unknown ids are left out)."""
    found: dict[int, StoredEvent] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        evidence = _evidence(conn, chunk, marks)
        launch = _launch_sites(conn, chunk, marks)
        for r in conn.execute(
            f"SELECT e.*, m.incident, d.doc_id, d.published, d.url, d.source_domain, d.outlet, d.title, "
            f"d.updated_at "
            f"{_EVENT_FROM} WHERE e.id IN ({marks})",
            chunk,
        ):
            event = event_of(r, tuple(evidence[r["id"]]), tuple(launch[r["id"]]), r["published"], r["url"])
            found[r["id"]] = StoredEvent(
                r["id"], r["incident"], r["doc_key"], r["source_domain"], r["outlet"], r["title"], event,
                r["updated_at"],
            )
    return [found[i] for i in ids if i in found]


def events_of_incidents(conn: sqlite3.Connection, incidents: Sequence[int]) -> dict[int, list[StoredEvent]]:
    """The stored events of each incident, oldest first."""
    out: dict[int, list[StoredEvent]] = {i: [] for i in incidents}
    for start in range(0, len(incidents), 500):
        chunk = list(incidents[start : start + 500])
        marks = ",".join("?" * len(chunk))
        ids = [r[0] for r in conn.execute(
            f"SELECT event FROM incident_members WHERE incident IN ({marks}) ORDER BY event", chunk
        )]
        for stored in load_events(conn, ids):
            out[stored.incident].append(stored)
    return out


def _evidence(conn: sqlite3.Connection, ids: list[int], marks: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for event, sentence in conn.execute(
        f"SELECT event, sentence FROM evidence WHERE event IN ({marks}) ORDER BY event, ord", ids
    ):
        out[event].append(sentence)
    return out


def _launch_sites(conn: sqlite3.Connection, ids: list[int], marks: str) -> dict[int, list[Place]]:
    out: dict[int, list[Place]] = defaultdict(list)
    for row in conn.execute(
        f"SELECT * FROM launch_sites WHERE event IN ({marks}) ORDER BY event, ord", ids
    ):
        place = Place(
            name=row["name"], lat=row["lat"], lon=row["lon"], country=row["country"],
            admin1=row["admin1"], geonameid=row["geonameid"], precision=row["geo_precision"] or 3,
            feature=row["place_feature"],
        )
        out[row["event"]].append(place)
    return out


# --- incidents ---------------------------------------------------------------------


def incident_of_row(row: sqlite3.Row) -> Incident:
    return Incident(
        id=row["id"], date=row["date"], date_precision=row["date_precision"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        weapons=tuple(json.loads(row["weapons"])), location=place_of(row),
        actor=row["actor"], target=row["target"], fatalities=row["fatalities"],
        injuries=row["injuries"], certainty=row["certainty"], n_events=row["n_events"],
        n_sources=row["n_sources"], confidence=row["confidence"],
        corrected=tuple(json.loads(row["corrected"])),
    )


def query_incidents(conn: sqlite3.Connection, q: Query) -> Page[Incident]:
    where, args = _incident_where(q)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    limit, offset = _page_bounds(q)
    total = conn.execute(f"SELECT count(*) FROM incidents i {clause}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT i.*, NULL AS geonameid, NULL AS place_feature FROM incidents i {clause} "
        f"{_order(q, INCIDENT_SORTS, 'i.id')} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    return Page(tuple(incident_of_row(r) for r in rows), int(total), limit, offset)


def get_incident(conn: sqlite3.Connection, incident: int) -> Incident | None:
    row = conn.execute(
        "SELECT i.*, NULL AS geonameid, NULL AS place_feature FROM incidents i WHERE i.id = ?", (incident,)
    ).fetchone()
    return incident_of_row(row) if row else None


def candidate_links(conn: sqlite3.Connection, incident: int) -> tuple[CandidateLink, ...]:
    """Links from the incident's events to events of other incidents."""
    rows = conn.execute(
        "SELECT l.event_a, l.event_b, l.reason, l.score, ma.incident AS ia, mb.incident AS ib "
        "FROM candidate_links l JOIN incident_members ma ON ma.event = l.event_a "
        "JOIN incident_members mb ON mb.event = l.event_b "
        "WHERE (ma.incident = ? OR mb.incident = ?) AND ma.incident != mb.incident "
        "ORDER BY l.score DESC, l.event_a, l.event_b",
        (incident, incident),
    )
    out = []
    for r in rows:
        mine_a = r["ia"] == incident
        out.append(CandidateLink(
            event=r["event_a"] if mine_a else r["event_b"],
            other_event=r["event_b"] if mine_a else r["event_a"],
            other_incident=r["ib"] if mine_a else r["ia"],
            reason=r["reason"], score=r["score"],
        ))
    return tuple(out)


def incident_detail(conn: sqlite3.Connection, incident: int) -> IncidentDetail | None:
    head = get_incident(conn, incident)
    if head is None:
        return None
    ids = [r[0] for r in conn.execute(
        "SELECT event FROM incident_members WHERE incident = ? ORDER BY event", (incident,)
    )]
    summary = summarize(members(conn, incident))
    corrections = tuple(
        correction_of(r) for r in conn.execute(
            "SELECT * FROM corrections WHERE incident = ? OR event_key IN (SELECT e.event_key FROM events e "
            "JOIN incident_members m ON m.event = e.id WHERE m.incident = ?) ORDER BY id",
            (incident, incident),
        )
    )
    return IncidentDetail(
        incident=head,
        events=tuple(load_events(conn, ids)),
        sources=summary.sources,
        agreed=summary.agreed,
        conflicts=summary.conflicts,
        candidates=candidate_links(conn, incident),
        corrections=corrections,
    )
