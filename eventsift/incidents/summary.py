"""What an incident shows: headline fields, agreement, conflicts, sources, confidence."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventsift.incidents.settings import settings
from eventsift.records import Event, Place


@dataclass(frozen=True)
class Member:
    """One event of an incident with the document that reports it."""

    row_id: int
    event: Event
    doc_key: str
    source_domain: str


@dataclass(frozen=True)
class FieldValue:
    """One value a field takes among an incident's reports, and who reports it."""

    value: Any
    sources: tuple[str, ...]
    events: tuple[int, ...]


@dataclass(frozen=True)
class Summary:
    """An incident's headline fields as merged from its members."""

    headline: dict[str, Any]
    agreed: dict[str, Any]
    conflicts: dict[str, tuple[FieldValue, ...]]
    n_events: int
    n_sources: int
    confidence: float
    sources: tuple[str, ...] = field(default=())


COMPARED_FIELDS = (
    "date", "date_precision", "event_type", "sub_event_type", "weapons", "location",
    "actor", "target", "fatalities", "injuries", "certainty",
)


def _field(event: Event, name: str) -> Any:
    if name == "weapons":
        return tuple(sorted(w for w in event.weapons if w != "unknown")) or None
    if name == "location":
        place = event.location
        return place.name if place and place.name else None
    return getattr(event, name)


def field_values(members: Sequence[Member], name: str) -> tuple[FieldValue, ...]:
    """Distinct non-null values of a field, best supported (most sources) first."""
    sources: dict[Any, set[str]] = defaultdict(set)
    rows: dict[Any, list[int]] = defaultdict(list)
    for member in members:
        value = _field(member.event, name)
        if value is None:
            continue
        sources[value].add(member.source_domain)
        rows[value].append(member.row_id)
    values = [FieldValue(v, tuple(sorted(s)), tuple(rows[v])) for v, s in sources.items()]
    return tuple(sorted(values, key=lambda fv: (-len(fv.sources), _order_key(fv.value))))


def _order_key(value: Any) -> tuple[int, Any]:
    """Ties in support go to the lower figure (ACLED's conservative rule) or first name."""
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, str(value))


def confidence(members: Sequence[Member]) -> float:
    """1 - prod(1 - w) over independent sources, w the source's best certainty weight."""
    weights = settings().certainty_weight
    best: dict[str, float] = {}
    for member in members:
        w = weights.get(member.event.certainty, 0.0)
        best[member.source_domain] = max(best.get(member.source_domain, 0.0), w)
    miss = 1.0
    for w in best.values():
        miss *= 1.0 - w
    return round(1.0 - miss, 4)


def _strongest_certainty(members: Sequence[Member]) -> str | None:
    order = settings().certainty_order
    found = {m.event.certainty for m in members}
    return next((c for c in order if c in found), None)


def _headline_place(members: Sequence[Member]) -> Place | None:
    """The finest place, ties to the best supported."""
    places = [m.event.location for m in members if m.event.location is not None]
    if not places:
        return None
    support = field_values(members, "location")
    rank = {fv.value: i for i, fv in enumerate(support)}
    return min(places, key=lambda p: (p.lat is None, p.precision, rank.get(p.name, 99)))


def _headline_date(members: Sequence[Member]) -> tuple[str | None, int | None]:
    dated = [m.event for m in members if m.event.date]
    if not dated:
        return None, None
    finest = min(e.date_precision for e in dated)
    fine = [m for m in members if m.event.date and m.event.date_precision == finest]
    return field_values(fine, "date")[0].value, finest


def summarize(members: Sequence[Member]) -> Summary:
    """Headline, agreed and conflicting fields of an incident (rules in docs/schema.md)."""
    compared = {name: field_values(members, name) for name in COMPARED_FIELDS}
    agreed = {name: vals[0].value for name, vals in compared.items() if len(vals) == 1}
    conflicts = {name: vals for name, vals in compared.items() if len(vals) > 1}
    day, precision = _headline_date(members)
    weapons = sorted({w for m in members for w in m.event.weapons if w != "unknown"})
    if not weapons and any(m.event.weapons for m in members):
        weapons = ["unknown"]

    def top(name: str) -> Any:
        vals = compared[name]
        return vals[0].value if vals else None

    headline = {
        "date": day,
        "date_precision": precision,
        "event_type": top("event_type"),
        "sub_event_type": top("sub_event_type"),
        "weapons": weapons,
        "location": _headline_place(members),
        "actor": top("actor"),
        "target": top("target"),
        "fatalities": top("fatalities"),
        "injuries": top("injuries"),
        "certainty": _strongest_certainty(members),
    }
    domains = tuple(sorted({m.source_domain for m in members}))
    return Summary(
        headline=headline,
        agreed=agreed,
        conflicts=conflicts,
        n_events=len(members),
        n_sources=len(domains),
        confidence=confidence(members),
        sources=domains,
    )
