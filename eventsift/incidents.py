"""Cross-source merging: the rules that decide which events are one incident.

Pure functions over `MergeProfile`s (what merging needs to know of a
stored event); the store finds the neighbours (blocking by place and day)
and writes the outcome. The rules, in order:

1. Two events of one document are never one incident (the extractor said
   they are distinct), nor two an analyst kept apart.
2. Event types must be equal; countries must not differ.
3. Place: both points within the distance of the coarser geo-precision
   (and the same admin1 when one is only province-level), or the same
   place name. A whole country, or a missing point with another name,
   makes the place unknown: a candidate link at most.
4. Date: both dates known and their precision windows overlap. One date
   unknown, or two day-precise dates one day apart, only ever gives a
   candidate link, never a merge.
5. Evidence: an agreement score over weapons, target, actor and the
   evidence's content words must reach `join_min`.

`summarize()` turns an incident's members into its headline fields,
agreed fields, conflicting values side by side, independent source count
and confidence (see docs/schema.md for the rules).
"""
from __future__ import annotations

import math
import re
import statistics
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

from eventsift.records import Event, Place

Relation = Literal["match", "unknown", "adjacent", "conflict"]
VerdictKind = Literal["join", "candidate", "apart"]

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_NAME_JUNK = re.compile(r"[^\w]+", re.UNICODE)


@dataclass(frozen=True)
class MergeSettings:
    max_km: dict[int, float]
    country_km: float
    half_window_days: dict[int, int]
    undated_lookback_days: int
    join_min: float
    candidate_min: float
    neutral: float
    certainty_weight: dict[str, float]
    certainty_order: tuple[str, ...]
    stop_words: frozenset[str]


@cache
def settings() -> MergeSettings:
    """The merge settings of `eventsift/store/data/incidents.toml` and its stop words."""
    data = resources.files("eventsift.store").joinpath("data")
    raw = tomllib.loads(data.joinpath("incidents.toml").read_text("utf-8"))
    stop_lines = data.joinpath("stop_words.txt").read_text("utf-8").splitlines()
    stop_words = {w for line in stop_lines if not line.startswith("#") for w in line.split()}
    return MergeSettings(
        max_km={int(k): float(v) for k, v in raw["place"]["max_km"].items()},
        country_km=float(raw["place"]["country_km"]),
        half_window_days={int(k): int(v) for k, v in raw["date"]["half_window_days"].items()},
        undated_lookback_days=int(raw["date"]["undated_lookback_days"]),
        join_min=float(raw["evidence"]["join_min"]),
        candidate_min=float(raw["evidence"]["candidate_min"]),
        neutral=float(raw["evidence"]["neutral"]),
        certainty_weight=dict(raw["confidence"]["certainty_weight"]),
        certainty_order=tuple(raw["confidence"]["order"]),
        stop_words=frozenset(stop_words) | frozenset(raw["terms"]["extra_stop_words"]),
    )


# --- what merging knows of an event -------------------------------------------------


@dataclass(frozen=True)
class MergeProfile:
    """The fields of a stored event that merging compares."""

    event_key: str
    doc_key: str
    event_type: str
    day_lo: int | None
    day_hi: int | None
    date_precision: int
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int
    place_key: str | None
    weapons: frozenset[str]
    target_terms: frozenset[str]
    actor_terms: frozenset[str]
    evidence_terms: frozenset[str]
    row_id: int = 0
    incident: int | None = None
    country_wide: bool = False  # the place is a whole country (its point is only a centre)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def terms(text: str | None) -> frozenset[str]:
    """Content words of a text: lower-cased, stop words out, plural -s cut."""
    if not text:
        return frozenset()
    stop = settings().stop_words
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in stop:
            continue
        out.add(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(out)


def place_key(place: Place | None) -> str | None:
    """A place's normalised name and country, e.g. 'al omar oil field|SY'."""
    if place is None or not place.name.strip():
        return None
    name = _NAME_JUNK.sub(" ", place.name.lower()).strip()
    name = re.sub(r"^(the|al) ", "", name)
    return f"{name}|{place.country or ''}"


def day_window(day: str | None, precision: int, alternatives: Sequence[str] = ()) -> tuple[int, int] | None:
    """The ordinal days a date of this precision may stand for (None: unknown).

    Alternative days the text leaves open (an `extras["date_alternatives"]`
    list, e.g. "late Monday into Tuesday") widen the window to cover them.
    """
    centers = [_ordinal(d) for d in (day, *alternatives) if d]
    if not day or centers[0] is None:
        return None
    half = settings().half_window_days.get(precision, settings().half_window_days[3])
    known = [c for c in centers if c is not None]
    return min(known) - half, max(known) + half


def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except (TypeError, ValueError):
        return None


def date_alternatives(event: Event) -> tuple[str, ...]:
    """Other days the text allows for the event (extras key `date_alternatives`)."""
    found = event.extras.get("date_alternatives") or ()
    return tuple(d for d in found if isinstance(d, str))


def undated_window(published: str | None) -> tuple[int, int]:
    """Days an undated event may fall on: before its report, or any day at all."""
    if published:
        try:
            end = date.fromisoformat(published).toordinal()
            return end - settings().undated_lookback_days, end
        except ValueError:
            pass
    return 1, date.max.toordinal()


def profile_of(event: Event, doc_key: str, row_id: int = 0, incident: int | None = None) -> MergeProfile:
    """The merge profile of an extracted event."""
    place = event.location
    window = day_window(event.date, event.date_precision, date_alternatives(event))
    return MergeProfile(
        event_key=event_key(doc_key, event.event_id),
        doc_key=doc_key,
        event_type=event.event_type,
        day_lo=window[0] if window else None,
        day_hi=window[1] if window else None,
        date_precision=event.date_precision,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        geo_precision=place.precision if place else 3,
        place_key=place_key(place),
        weapons=frozenset(w for w in event.weapons if w != "unknown"),
        target_terms=terms(event.target),
        actor_terms=terms(event.actor),
        evidence_terms=terms(" ".join(event.evidence)),
        row_id=row_id,
        incident=incident,
        country_wide=bool(place and place.feature == "country"),
    )


def event_key(doc_key: str, event_id: str) -> str:
    """What corrections use to find an event again after re-ingestion."""
    return f"{doc_key} {event_id}"


# --- comparing two events ------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def reach_km(geo_precision: int, country_wide: bool = False) -> float:
    """How far a point of this geo-precision may lie from the same place."""
    if country_wide:
        return settings().country_km
    table = settings().max_km
    return table.get(geo_precision, table[max(table)])


def place_relation(a: MergeProfile, b: MergeProfile) -> Relation:
    if a.country and b.country and a.country != b.country:
        return "conflict"
    if a.country_wide or b.country_wide:
        return "unknown"  # a whole country says nothing about which place
    if a.place_key and a.place_key == b.place_key:
        return "match"
    if not (a.has_point and b.has_point):
        return "unknown"
    coarser = max(a.geo_precision, b.geo_precision)
    km = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    if km > reach_km(coarser):
        return "conflict"
    if coarser >= 3 and a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return "conflict"
    return "match"


def date_relation(a: MergeProfile, b: MergeProfile) -> Relation:
    if a.day_lo is None or b.day_lo is None or a.day_hi is None or b.day_hi is None:
        return "unknown"
    if a.day_lo <= b.day_hi and b.day_lo <= a.day_hi:
        return "match"
    gap = max(a.day_lo - b.day_hi, b.day_lo - a.day_hi)
    return "adjacent" if gap == 1 else "conflict"


def _overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


def _dice(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return 2 * len(a & b) / (len(a) + len(b))


def agreement(a: MergeProfile, b: MergeProfile) -> float:
    """How much two events' own words agree (0..1): the mean of the comparable parts."""
    parts = [
        _dice(a.weapons, b.weapons),
        _overlap(a.target_terms, b.target_terms),
        _overlap(a.actor_terms, b.actor_terms),
        _dice(a.evidence_terms, b.evidence_terms),
    ]
    known = [p for p in parts if p is not None]
    return statistics.fmean(known) if known else settings().neutral


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    reason: str
    score: float = 0.0


def judge(a: MergeProfile, b: MergeProfile) -> Verdict:
    """Whether b may join a's incident, only be linked to it, or stays apart."""
    if a.doc_key == b.doc_key:
        return Verdict("apart", "same_document")
    if a.event_type != b.event_type:
        return Verdict("apart", "type_differs")
    place = place_relation(a, b)
    if place == "conflict":
        return Verdict("apart", "place_differs")
    when = date_relation(a, b)
    if when == "conflict":
        return Verdict("apart", "date_differs")
    score = agreement(a, b)
    limits = settings()
    if place == "match" and when == "match" and score >= limits.join_min:
        return Verdict("join", "compatible", score)
    if score < limits.candidate_min:
        return Verdict("apart", "evidence_disagrees", score)
    if when == "unknown":
        return Verdict("candidate", "date_unknown", score)
    if when == "adjacent":
        return Verdict("candidate", "adjacent_day", score)
    if place == "unknown":
        return Verdict("candidate", "place_unknown", score)
    return Verdict("candidate", "weak_evidence", score)


@dataclass(frozen=True)
class Placement:
    """Where a new event goes: an incident (None: a new one) and the links to record."""

    incident: int | None
    score: float | None
    links: tuple[tuple[int, str, float], ...]  # (other event row id, reason, score)


def place_event(
    new: MergeProfile,
    incidents: dict[int, Sequence[MergeProfile]],
    kept_apart: frozenset[str] = frozenset(),
) -> Placement:
    """Choose the incident a new event joins among its neighbours' incidents.

    An incident qualifies when the new event may join at least one member and
    no member forbids it (another event of the same document, a differing
    place, type or day, or a pair an analyst kept apart). The best score
    wins (ties: the older incident); the other pairs that would have
    joined, and the candidate pairs, become candidate links.
    """
    judged = {inc: [(m, judge(m, new)) for m in members] for inc, members in incidents.items()}
    scores: dict[int, float] = {}
    for inc, verdicts in judged.items():
        joins = [v.score for _, v in verdicts if v.kind == "join"]
        if joins and not _blocked(verdicts, kept_apart):
            scores[inc] = max(joins)
    chosen = max(scores, key=lambda i: (scores[i], -i)) if scores else None
    links = []
    for inc, verdicts in judged.items():
        if inc == chosen:
            continue
        for member, verdict in verdicts:
            if verdict.kind == "candidate":
                links.append((member.row_id, verdict.reason, round(verdict.score, 4)))
            elif verdict.kind == "join":
                reason = "other_incident" if inc in scores else "blocked_merge"
                links.append((member.row_id, reason, round(verdict.score, 4)))
    return Placement(chosen, scores.get(chosen) if chosen is not None else None, tuple(sorted(links)))


def _blocked(verdicts: Sequence[tuple[MergeProfile, Verdict]], kept_apart: frozenset[str]) -> bool:
    for member, verdict in verdicts:
        if member.event_key in kept_apart or verdict.reason == "adjacent_day":
            return True
        if verdict.kind == "apart" and verdict.reason != "evidence_disagrees":
            return True
    return False


# --- what an incident shows ----------------------------------------------------------


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
