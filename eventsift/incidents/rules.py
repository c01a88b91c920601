"""Comparing two events, and choosing the incident a new event joins."""
from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from eventsift.geometry import distance_km
from eventsift.incidents.profile import MergeProfile
from eventsift.incidents.settings import settings

Relation = Literal["match", "unknown", "adjacent", "conflict"]
VerdictKind = Literal["join", "candidate", "apart"]


def reach_km(geo_precision: int, country_wide: bool = False) -> float:
    """How far a point of this geo-precision may lie from the same place."""
    if country_wide:
        return settings().country_km
    return _for_precision(settings().max_km, geo_precision)


def join_km(geo_precision: int) -> float:
    """How near two points of this geo-precision must lie to be the same place; farther
    (up to `reach_km`) they are only a candidate link."""
    return _for_precision(settings().join_km, geo_precision)


def _for_precision(table: dict[int, float], geo_precision: int) -> float:
    """The table's distance for a geo-precision; past its last row, the last row's."""
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
    return "match" if km <= join_km(coarser) else "unknown"  # near enough only to link


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


DISRUPTED = ("Strategic developments", "Disrupted weapons use")
REMOTE = "Explosions/Remote violence"


def types_compatible(a: MergeProfile, b: MergeProfile) -> bool:
    """The same ACLED type, or a strike one source says was intercepted and another says
    landed (the incident shows both values side by side)."""
    if a.event_type == b.event_type:
        return True
    kinds = {(a.event_type, a.sub_event_type), (b.event_type, b.sub_event_type)}
    return DISRUPTED in kinds and any(kind[0] == REMOTE for kind in kinds)


def judge(a: MergeProfile, b: MergeProfile) -> Verdict:
    """Whether b may join a's incident, only be linked to it, or stays apart."""
    if a.doc_key == b.doc_key:
        return Verdict("apart", "same_document")
    if not types_compatible(a, b):
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
    joined, and the candidate pairs, become candidate links (the
    `max_links` best scored).
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
    best_links = sorted(links, key=lambda link: (-link[2], link[0]))[: settings().max_links]
    return Placement(chosen, scores.get(chosen) if chosen is not None else None, tuple(sorted(best_links)))


def _blocked(verdicts: Sequence[tuple[MergeProfile, Verdict]], kept_apart: frozenset[str]) -> bool:
    for member, verdict in verdicts:
        if member.event_key in kept_apart or verdict.reason == "adjacent_day":
            return True
        if verdict.kind == "apart" and verdict.reason != "evidence_disagrees":
            return True
    return False
