"""`Store`: the SQLite file eventsift keeps its documents, events and incidents in.

One transaction per document: a crash (even kill -9) leaves each document
either fully stored with its events and incidents, or not at all. The file
is in WAL mode (readers, such as the web app, never block the writer) with
foreign keys on. A Store object may be shared between threads; its calls
are serialised.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from eventsift.errors import StoreError
from eventsift.records import Document, Event
from eventsift.store import analyst, membership, queries, schema, versions
from eventsift.store.rows import doc_key, document_row, event_row, insert_sql

AddResult = Literal["new", "unchanged", "updated"]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Store:
    """Open (creating and migrating as needed) the database at `path`.

    `clock` gives the time stamped on documents and corrections (tests
    pass a fixed one). `readonly=True` opens an existing file for queries only.
    """

    def __init__(self, path: str | Path, clock: Clock = utc_now, readonly: bool = False) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._conn = self._connect(readonly)
        if not readonly:
            with self._lock:
                schema.migrate(self._conn, self._now())

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        try:
            if readonly:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such database; create it with `eventsift run`")
                conn = sqlite3.connect(
                    self.path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
                )
            else:
                conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode = WAL")
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA synchronous = NORMAL")
            return conn
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).isoformat(timespec="seconds")

    # --- life cycle ------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._lock:
            try:
                return work(self._conn)
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {exc}") from exc

    # --- documents -------------------------------------------------------------------

    def has_document(self, doc: Document) -> bool:
        """Whether this content is stored already (so its NLP can be skipped)."""
        return bool(self._read(lambda c: c.execute(
            "SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", (doc.content_hash,)
        ).fetchone()))

    def add_document(self, doc: Document, events: Sequence[Event]) -> AddResult:
        """Store a document and its events and merge them into incidents.

        'unchanged': this content is stored already (same URL/doc id, or an
        identical copy): nothing changes. 'updated': the same URL/doc id
        with new content: the old events are replaced, their incidents
        recomputed, and the analyst's corrections applied again. 'new'
        otherwise.
        """
        try:
            with self._transaction() as conn:
                return self._add(conn, doc, events)
        except sqlite3.Error as exc:
            raise StoreError(f"{doc.doc_id}: cannot store ({exc})") from exc

    def _add(self, conn: sqlite3.Connection, doc: Document, events: Sequence[Event]) -> AddResult:
        key = doc_key(doc)
        now = self._now()
        old = conn.execute("SELECT content_hash FROM documents WHERE doc_key = ?", (key,)).fetchone()
        if old is not None and old[0] == doc.content_hash:
            return "unchanged"
        if old is None and conn.execute(
            "SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", (doc.content_hash,)
        ).fetchone():
            return "unchanged"
        touched: set[int] = set()
        corrected: list[versions.Version] = []
        if old is not None:
            touched = membership.incidents_of_document(conn, key)
            corrected = versions.corrected_events(conn, key)
            conn.execute("DELETE FROM events WHERE doc_key = ?", (key,))
            row = document_row(doc, now)
            del row["ingested_at"]
            sets = ", ".join(f"{k} = :{k}" for k in row if k != "doc_key")
            conn.execute(f"UPDATE documents SET {sets}, version = version + 1 WHERE doc_key = :doc_key", row)
        else:
            conn.execute(insert_sql("documents", document_row(doc, now)), document_row(doc, now))
        published = doc.published.isoformat() if doc.published else None
        _check_unique_ids(doc, events)
        rows = [self._insert_event(conn, key, event) for event in events]
        if corrected:
            versions.rekey(conn, versions.pair_versions(corrected, versions.new_versions(conn, key)))
        for row_id in rows:
            analyst.apply_event_corrections(conn, row_id)
            membership.index_event(conn, row_id)
            touched.add(membership.assign_event(conn, row_id, published))
        keys = [r[0] for r in conn.execute("SELECT event_key FROM events WHERE doc_key = ?", (key,))]
        touched |= analyst.reapply_structure(conn, keys)
        touched |= {analyst.incident_of(conn, row_id) for row_id in rows}
        membership.refresh_incidents(conn, touched)
        return "updated" if old is not None else "new"

    def _insert_event(self, conn: sqlite3.Connection, key: str, event: Event) -> int:
        row = event_row(event, key)
        row_id = int(conn.execute(insert_sql("events", row) + " RETURNING id", row).fetchone()[0])
        conn.executemany(
            "INSERT INTO evidence(event, ord, sentence) VALUES (?, ?, ?)",
            [(row_id, i, s) for i, s in enumerate(event.evidence)],
        )
        conn.executemany(
            "INSERT INTO launch_sites(event, ord, name, lat, lon, country, admin1, geonameid, "
            "geo_precision, place_feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(row_id, i, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.precision, p.feature)
             for i, p in enumerate(event.launch_locations)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_weapons(event, weapon) VALUES (?, ?)",
            [(row_id, w) for w in event.weapons],
        )
        return row_id

    # --- queries ---------------------------------------------------------------------

    def events(self, query: queries.Query = queries.Query()) -> queries.Page[queries.StoredEvent]:
        """Events matching the query's filters, sorted and paged."""
        return self._read(lambda c: queries.query_events(c, query))

    def incidents(self, query: queries.Query = queries.Query()) -> queries.Page[queries.Incident]:
        """Incidents matching the query's filters, sorted and paged."""
        return self._read(lambda c: queries.query_incidents(c, query))

    def event(self, ref: int | str) -> queries.StoredEvent | None:
        """One event by its event_id (when unique) or row id; None when there is none."""

        def load(conn: sqlite3.Connection) -> list[queries.StoredEvent]:
            row_id = self._find_event(conn, ref)
            return [] if row_id is None else queries.load_events(conn, [row_id])

        found = self._read(load)
        return found[0] if found else None

    def incident_events(self, incidents: Sequence[int]) -> dict[int, list[queries.StoredEvent]]:
        """The events of each incident (bulk, for exports and lists)."""
        return self._read(lambda c: queries.events_of_incidents(c, list(incidents)))

    def incident(self, incident: int) -> queries.Incident | None:
        return self._read(lambda c: queries.get_incident(c, incident))

    def incident_detail(self, incident: int) -> queries.IncidentDetail | None:
        """Everything an incident shows: sources, evidence, agreement, conflicts, links."""
        return self._read(lambda c: queries.incident_detail(c, incident))

    def counts(self) -> dict[str, int]:
        """How many documents, events, incidents, candidate links and corrections are stored."""
        tables = ("documents", "events", "incidents", "candidate_links", "corrections")
        return self._read(lambda c: {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables})

    def distinct_values(self, field: str) -> list[str]:
        """The values a filter can take (for filter menus): country, admin1, event_type, ..."""
        columns = {"country": "country", "admin1": "admin1", "event_type": "event_type",
                   "sub_event_type": "sub_event_type", "certainty": "certainty"}
        if field == "weapon":
            sql = "SELECT DISTINCT weapon FROM event_weapons ORDER BY 1"
        elif field in columns:
            sql = f"SELECT DISTINCT {columns[field]} FROM events WHERE {columns[field]} IS NOT NULL ORDER BY 1"
        else:
            raise StoreError(f"no filter values for {field!r}; choose one of: weapon, {', '.join(columns)}")
        return self._read(lambda c: [r[0] for r in c.execute(sql)])

    def integrity_check(self) -> str:
        return str(self._read(lambda c: c.execute("PRAGMA integrity_check").fetchone()[0]))

    # --- analyst actions -------------------------------------------------------------

    def _find_event(self, conn: sqlite3.Connection, ref: int | str) -> int | None:
        text = str(ref).strip()
        rows = conn.execute("SELECT id FROM events WHERE event_id = ? LIMIT 2", (text,)).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
        if len(rows) > 1:
            raise StoreError(f"event id {text!r} is used by several documents; use the row id instead")
        if text.isdigit() and conn.execute("SELECT 1 FROM events WHERE id = ?", (int(text),)).fetchone():
            return int(text)
        return None

    def _resolve_event(self, conn: sqlite3.Connection, ref: int | str) -> int:
        found = self._find_event(conn, ref)
        if found is None:
            raise StoreError(f"no event {str(ref).strip()!r}")
        return found

    def merge_incidents(self, first: int, second: int, by: str = "analyst") -> int:
        """Merge two incidents (into the older); returns the surviving id."""
        with self._transaction() as conn:
            keep = analyst.merge_incidents(conn, first, second, by, self._now())
            membership.refresh_incidents(conn, [first, second])
            return keep

    def split_event(self, ref: int | str, by: str = "analyst") -> int:
        """Take an event out of its incident into a new one; returns the new incident's id."""
        with self._transaction() as conn:
            old, new = analyst.split_event(conn, self._resolve_event(conn, ref), by, self._now())
            membership.refresh_incidents(conn, [old, new])
            return new

    def correct_event(self, ref: int | str, field: str, value: Any, by: str = "analyst") -> None:
        """Set one field of an event (value already typed; see `parse_value`)."""
        with self._transaction() as conn:
            incident = analyst.correct_event(conn, self._resolve_event(conn, ref), field, value, by, self._now())
            membership.refresh_incidents(conn, [incident])

    def correct_incident(self, incident: int, field: str, value: Any, by: str = "analyst") -> None:
        """Set one headline field of an incident (kept over recomputation)."""
        with self._transaction() as conn:
            analyst.correct_incident(conn, incident, field, value, by, self._now())
            membership.refresh_incidents(conn, [incident])

    def corrections(self) -> list[analyst.Correction]:
        return self._read(lambda c: [analyst.correction_of(r) for r in c.execute(
            "SELECT * FROM corrections ORDER BY id")])


def _check_unique_ids(doc: Document, events: Sequence[Event]) -> None:
    seen: set[str] = set()
    for event in events:
        if event.event_id in seen:
            raise StoreError(f"{doc.doc_id}: two events share the id {event.event_id!r}")
        seen.add(event.event_id)
