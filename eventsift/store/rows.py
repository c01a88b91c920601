"""Records to rows and back: the one place that knows both shapes."""
from __future__ import annotations

import json
import sqlite3
from typing import Any
from urllib.parse import urlsplit

from eventsift.incidents import MergeProfile, date_alternatives, day_window, event_key, party_terms, place_key, terms
from eventsift.records import Document, Event, Place


def doc_key(doc: Document) -> str:
    """A page's identity: its URL when it has one, else its doc_id."""
    return (doc.url or "").strip() or doc.doc_id


def source_domain(doc: Document) -> str:
    """Who published it, for counting independent sources.

    The URL's host without `www.`; else the outlet's name, lower-cased;
    else the document itself (an unknown source counts as its own).
    """
    if doc.url:
        host = (urlsplit(doc.url).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    if doc.outlet and doc.outlet.strip():
        return doc.outlet.strip().lower()
    return doc_key(doc)


def document_row(doc: Document, now: str) -> dict[str, Any]:
    return {
        "doc_key": doc_key(doc),
        "doc_id": doc.doc_id,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "outlet": doc.outlet,
        "source_domain": source_domain(doc),
        "source": doc.source,
        "language": doc.language,
        "raw_chars": doc.raw_chars,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "ingested_at": now,
        "updated_at": now,
    }


def event_row(event: Event, key: str) -> dict[str, Any]:
    place = event.location or Place(name="")
    window = day_window(event.date, event.date_precision, date_alternatives(event))
    return {
        "doc_key": key,
        "event_id": event.event_id,
        "event_key": event_key(key, event.event_id),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": event.date,
        "date_precision": event.date_precision,
        "day_lo": window[0] if window else None,
        "day_hi": window[1] if window else None,
        "weapons": json.dumps(list(event.weapons)),
        "location_name": place.name or None,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "geonameid": place.geonameid,
        "geo_precision": place.precision if event.location else None,
        "place_feature": place.feature,
        "place_key": place_key(event.location),
        "merge_terms": " ".join(sorted(terms(" ".join(event.evidence)))),
        "actor": event.actor,
        "target": event.target,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "certainty": event.certainty,
        "attribution": json.dumps(list(event.attribution)),
        "extras": json.dumps(event.extras, default=str, sort_keys=True),
    }


def insert_sql(table: str, row: dict[str, Any]) -> str:
    names = ", ".join(row)
    marks = ", ".join(f":{k}" for k in row)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"


def place_of(row: sqlite3.Row) -> Place | None:
    """The target place of an event or incident row (None when it has none)."""
    if row["location_name"] is None and row["lat"] is None:
        return None
    return Place(
        name=row["location_name"] or "",
        lat=row["lat"],
        lon=row["lon"],
        country=row["country"],
        admin1=row["admin1"],
        geonameid=row["geonameid"],
        precision=row["geo_precision"] or 3,
        feature=row["place_feature"],
    )


def event_of(
    row: sqlite3.Row, evidence: tuple[str, ...], launch: tuple[Place, ...], published: str | None, url: str | None
) -> Event:
    return Event(
        doc=row["doc_id"],
        event_id=row["event_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        date=row["date"],
        date_precision=row["date_precision"],
        weapons=tuple(json.loads(row["weapons"])),
        location=place_of(row),
        launch_locations=launch,
        actor=row["actor"],
        target=row["target"],
        fatalities=row["fatalities"],
        injuries=row["injuries"],
        certainty=row["certainty"],
        attribution=tuple(json.loads(row["attribution"])),
        evidence=evidence,
        published=published,
        url=url,
        extras=json.loads(row["extras"]),
    )


PROFILE_COLUMNS = (
    "e.id, e.event_key, e.doc_key, e.event_type, e.sub_event_type, e.day_lo, e.day_hi, e.date_precision, e.lat, e.lon, "
    "e.country, e.admin1, e.geo_precision, e.place_key, e.place_feature, e.weapons, e.target, e.actor, "
    "e.merge_terms, "
    "m.incident"
)


def profile_of_row(row: sqlite3.Row) -> MergeProfile:
    """A merge profile from a row selected with PROFILE_COLUMNS."""
    return MergeProfile(
        event_key=row["event_key"],
        doc_key=row["doc_key"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        day_lo=row["day_lo"],
        day_hi=row["day_hi"],
        date_precision=row["date_precision"],
        lat=row["lat"],
        lon=row["lon"],
        country=row["country"],
        admin1=row["admin1"],
        geo_precision=row["geo_precision"] or 3,
        place_key=row["place_key"],
        weapons=frozenset(w for w in json.loads(row["weapons"]) if w != "unknown"),
        target_terms=party_terms(row["target"]),
        actor_terms=party_terms(row["actor"]),
        evidence_terms=frozenset(row["merge_terms"].split()),
        row_id=row["id"],
        incident=row["incident"],
        country_wide=row["place_feature"] == "country",
    )
