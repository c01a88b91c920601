"""One incident, or one event, as its page and the JSON API show it.

The store decides what an incident is (`eventsift.store.queries.incident_detail`:
headline, agreed fields, conflicting values with the sources that report
each, candidate links, corrections). This module adds what a reader needs
to check it: each source's document with its evidence sentences located
in the text, and only http(s) URLs.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from eventsift.incidents import FieldValue
from eventsift.store import CandidateLink, StoredEvent
from eventsift.store.analyst import Correction
from eventsift.store.queries import incident_detail, load_events
from eventsift.web import queries
from eventsift.web.evidence import Context, evidence_in_context, safe_http_url

Row = dict[str, Any]

FIELD_LABELS = {
    "date": "Date", "date_precision": "Date precision", "event_type": "Event type",
    "sub_event_type": "Sub-event type", "weapons": "Weapons", "location": "Place",
    "actor": "Actor", "target": "Target", "fatalities": "Fatalities", "injuries": "Injuries",
    "certainty": "Certainty",
}


@dataclass(frozen=True)
class SourceView:
    """One event as reported by one document."""

    id: int
    incident: int
    record: Row  # the FORMAT.md record (Event.to_contract()), url only if http(s)
    document: Row  # doc_id, title, outlet, source_domain, published, url (http(s) only)
    context: Context  # the document text with the evidence located


@dataclass(frozen=True)
class Conflict:
    name: str
    label: str
    values: tuple[FieldValue, ...]  # best supported first


@dataclass(frozen=True)
class IncidentView:
    incident: Row  # the flat headline row (as in the incident list)
    agreed: tuple[tuple[str, str, Any], ...]  # (name, label, value)
    conflicts: tuple[Conflict, ...]
    sources: tuple[SourceView, ...]
    candidates: tuple[CandidateLink, ...]
    corrections: tuple[Correction, ...]


def load_incident(conn: sqlite3.Connection, incident_id: int) -> IncidentView | None:
    detail = incident_detail(conn, incident_id)
    row = queries.get_incident_row(conn, incident_id)
    if detail is None or row is None:
        return None
    return IncidentView(
        incident=row,
        agreed=tuple((name, FIELD_LABELS.get(name, name), value) for name, value in detail.agreed.items()),
        conflicts=tuple(Conflict(name, FIELD_LABELS.get(name, name), values)
                        for name, values in detail.conflicts.items()),
        sources=source_views(conn, list(detail.events)),
        candidates=detail.candidates,
        corrections=detail.corrections,
    )


def load_event(conn: sqlite3.Connection, event_id: int) -> SourceView | None:
    found = load_events(conn, [event_id])
    return source_views(conn, found)[0] if found else None


def source_views(conn: sqlite3.Connection, events: list[StoredEvent]) -> tuple[SourceView, ...]:
    texts = queries.document_texts(conn, sorted({stored.doc_key for stored in events}))
    return tuple(source_view(stored, texts.get(stored.doc_key, "")) for stored in events)


def source_view(stored: StoredEvent, text: str) -> SourceView:
    record = stored.event.to_contract()
    record["url"] = safe_http_url(record.get("url"))
    document = {
        "doc_id": stored.event.doc, "title": stored.title, "outlet": stored.outlet,
        "source_domain": stored.source_domain, "published": stored.event.published,
        "url": record["url"],
    }
    return SourceView(stored.id, stored.incident, record, document,
                      evidence_in_context(text, list(stored.event.evidence)))


def source_payload(source: SourceView) -> dict[str, Any]:
    return {"id": source.id, "incident": source.incident, "record": source.record,
            "document": source.document}


def incident_payload(view: IncidentView) -> dict[str, Any]:
    """The JSON body of GET /api/incidents/{id}."""
    return {
        "incident": view.incident,
        "agreed": {name: value for name, _, value in view.agreed},
        "conflicts": {
            conflict.name: [{"value": fv.value, "sources": list(fv.sources), "events": list(fv.events)}
                            for fv in conflict.values]
            for conflict in view.conflicts
        },
        "sources": [source_payload(source) for source in view.sources],
        "candidates": [
            {"event": c.event, "other_event": c.other_event, "other_incident": c.other_incident,
             "reason": c.reason, "score": c.score}
            for c in view.candidates
        ],
        "corrections": [
            {"action": c.action, "field": c.field, "old_value": c.old_value,
             "new_value": c.new_value, "made_by": c.made_by, "made_at": c.made_at}
            for c in view.corrections
        ],
    }
