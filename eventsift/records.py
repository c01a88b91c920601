"""The typed records that flow between the stages.

read -> Document -> (nlp) -> Event (with Place) -> store -> Incident.

Records are frozen: a stage returns new records instead of changing the
ones it was given. `Event.to_contract()` gives the public JSON shape of
`../shared/eval/FORMAT.md` (the `extract --format jsonl` contract).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

WEAPONS = (
    "missile", "rocket", "drone", "mortar", "artillery", "airstrike",
    "ied", "suicide_bomb", "grenade", "gunfire", "unknown",
)

CERTAINTIES = ("confirmed", "reported", "claimed", "unverified")


def content_hash(text: str) -> str:
    """sha256 of a text, the identity of a document's content."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One input report after reading and cleaning.

    `doc_id` is what the user knows the input by: the file name, the URL,
    or the `id` of a JSONL line. `text` is the cleaned body (page furniture
    removed); `raw_chars` is the size of what was read.
    """

    doc_id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None  # the file (and line) it came from
    language: str | None = None
    raw_chars: int = 0

    @property
    def content_hash(self) -> str:
        return content_hash((self.title or "") + "\n" + self.text)


@dataclass(frozen=True)
class Place:
    """A resolved (or only named) place.

    precision follows ACLED's geo-precision: 1 the exact place, 2 near it or
    part of a region, 3 only a province/country-level area. A place that
    could not be resolved keeps its name with lat/lon None.
    """

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    geonameid: int | None = None
    precision: int = 3
    feature: str | None = None  # country, admin1, city, facility, airport, ...
    source: str | None = None  # which gazetteer table the point came from

    def to_contract(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": None if self.lat is None else round(self.lat, 5),
            "lon": None if self.lon is None else round(self.lon, 5),
            "country": self.country,
            "admin1": self.admin1,
            "geonameid": self.geonameid,
            "precision": self.precision,
            "feature": self.feature,
        }

    @classmethod
    def from_contract(cls, data: dict[str, Any] | None) -> Place | None:
        if not data:
            return None
        return cls(
            name=data.get("name") or "",
            lat=data.get("lat"),
            lon=data.get("lon"),
            country=data.get("country"),
            admin1=data.get("admin1"),
            geonameid=data.get("geonameid"),
            precision=int(data.get("precision") or 3),
            feature=data.get("feature"),
        )


@dataclass(frozen=True)
class Event:
    """One attack (or other ACLED event) stated by one document."""

    doc: str
    event_id: str
    event_type: str
    sub_event_type: str | None = None
    date: str | None = None  # YYYY-MM-DD
    date_precision: int = 1
    weapons: tuple[str, ...] = ()
    location: Place | None = None
    launch_locations: tuple[Place, ...] = ()
    actor: str | None = None
    target: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    certainty: str = "reported"
    attribution: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    published: str | None = None  # the document's publication day, when known
    url: str | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_contract(self) -> dict[str, Any]:
        """The FORMAT.md record (plus a few extra keys)."""
        out = {
            "doc": self.doc,
            "event_id": self.event_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "weapons": list(self.weapons),
            "location": self.location.to_contract() if self.location else None,
            "launch_locations": [p.to_contract() for p in self.launch_locations],
            "actor": self.actor,
            "target": self.target,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "certainty": self.certainty,
            "attribution": list(self.attribution),
            "evidence": list(self.evidence),
            "published": self.published,
            "url": self.url,
        }
        out.update(self.extras)
        return out

    @classmethod
    def from_contract(cls, data: dict[str, Any]) -> Event:
        known = {
            "doc", "event_id", "date", "date_precision", "event_type", "sub_event_type",
            "weapons", "location", "launch_locations", "actor", "target", "fatalities",
            "injuries", "certainty", "attribution", "evidence", "published", "url",
        }
        return cls(
            doc=data["doc"],
            event_id=data["event_id"],
            event_type=data["event_type"],
            sub_event_type=data.get("sub_event_type"),
            date=data.get("date"),
            date_precision=int(data.get("date_precision") or 1),
            weapons=tuple(data.get("weapons") or ()),
            location=Place.from_contract(data.get("location")),
            launch_locations=tuple(
                p for p in (Place.from_contract(x) for x in data.get("launch_locations") or ()) if p
            ),
            actor=data.get("actor"),
            target=data.get("target"),
            fatalities=data.get("fatalities"),
            injuries=data.get("injuries"),
            certainty=data.get("certainty") or "reported",
            attribution=tuple(data.get("attribution") or ()),
            evidence=tuple(data.get("evidence") or ()),
            published=data.get("published"),
            url=data.get("url"),
            extras={k: v for k, v in data.items() if k not in known},
        )


def as_plain(record: Any) -> dict[str, Any]:
    """A record as plain JSON-able data (dates as ISO strings)."""
    data = asdict(record)
    for key, value in list(data.items()):
        if isinstance(value, date):
            data[key] = value.isoformat()
    return data
