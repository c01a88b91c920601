"""One incident as the incident page and `GET /api/incidents/{id}` show it.

An incident merges events reported by several sources. For each coded
field the view says whether the sources agree; where they do not, the
values stand side by side. Each source keeps its document, its evidence
sentences (located in the text for highlighting), certainty and attribution.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from eventsift.web import queries
from eventsift.web.evidence import Context, evidence_in_context, safe_http_url

Row = dict[str, Any]

COMPARED_FIELDS = (
    ("date", "Date"),
    ("event_type", "Event type"),
    ("sub_event_type", "Sub-event type"),
    ("weapons", "Weapons"),
    ("location_name", "Place"),
    ("admin1", "Admin 1"),
    ("country", "Country"),
    ("actor", "Actor"),
    ("target", "Target"),
    ("fatalities", "Fatalities"),
    ("injuries", "Injuries"),
    ("certainty", "Certainty"),
)
DOCUMENT_FIELDS = ("doc_id", "title", "published", "outlet", "source_domain")


@dataclass(frozen=True)
class FieldView:
    name: str
    label: str
    value: Any  # the incident's headline value
    values: tuple[Any, ...]  # one per source, in source order
    agreed: bool  # every source that states the field states the same value
    corrected: bool  # an analyst set the headline value


@dataclass(frozen=True)
class SourceView:
    event: Row
    document: Row  # without its text; `url` only when http(s)
    evidence: tuple[str, ...]
    context: Context
    launch_locations: tuple[Row, ...]


@dataclass(frozen=True)
class IncidentView:
    incident: Row
    fields: tuple[FieldView, ...]
    sources: tuple[SourceView, ...]

    @property
    def conflicts(self) -> tuple[FieldView, ...]:
        return tuple(field for field in self.fields if not field.agreed)


def load_incident(conn: sqlite3.Connection, incident_id: int) -> IncidentView | None:
    incident = queries.get_incident_row(conn, incident_id)
    if incident is None:
        return None
    events = queries.events_of_incident(conn, incident_id)
    sources = load_sources(conn, events)
    return IncidentView(incident, compare_fields(incident, events), sources)


def load_sources(conn: sqlite3.Connection, events: list[Row]) -> tuple[SourceView, ...]:
    ids = [event["id"] for event in events]
    evidence = queries.evidence_of(conn, ids)
    launches = queries.launch_sites_of(conn, ids)
    documents = queries.documents_of(conn, sorted({event["doc_key"] for event in events}))
    views = []
    for event in events:
        document = documents.get(event["doc_key"], {})
        sentences = evidence.get(event["id"], [])
        views.append(SourceView(
            event=event,
            document=public_document(document),
            evidence=tuple(sentences),
            context=evidence_in_context(document.get("text") or "", sentences),
            launch_locations=tuple(launches.get(event["id"], [])),
        ))
    return tuple(views)


def public_document(document: Row) -> Row:
    """What is shown about a document: its text stays out, its URL only if http(s)."""
    shown = {name: document.get(name) for name in DOCUMENT_FIELDS}
    shown["url"] = safe_http_url(document.get("url"))
    return shown


def comparable(value: Any) -> Any:
    """A value in a form that compares across sources (weapons as a sorted tuple)."""
    if isinstance(value, list):
        return tuple(sorted(value))
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def compare_fields(incident: Row, events: list[Row]) -> tuple[FieldView, ...]:
    corrected = set(incident.get("corrected") or [])
    views = []
    for name, label in COMPARED_FIELDS:
        values = tuple(event.get(name) for event in events)
        stated = {comparable(value) for value in values if value not in (None, [], "")}
        views.append(FieldView(
            name=name, label=label, value=incident.get(name), values=values,
            agreed=len(stated) <= 1, corrected=name in corrected,
        ))
    return tuple(views)


def incident_payload(view: IncidentView) -> dict[str, Any]:
    """The JSON body of GET /api/incidents/{id}."""
    return {
        "incident": view.incident,
        "fields": [
            {"name": f.name, "value": f.value, "values": list(f.values),
             "agreed": f.agreed, "corrected": f.corrected}
            for f in view.fields
        ],
        "sources": [
            {"event": source.event, "document": source.document,
             "evidence": list(source.evidence), "launch_locations": list(source.launch_locations)}
            for source in view.sources
        ],
    }
