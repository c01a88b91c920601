"""Cross-source merging: the rules that decide which events are one incident.

settings.py (thresholds), profile.py (what merging knows of an event),
rules.py (pairs and placement), summary.py (what an incident shows).

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

from eventsift.incidents.profile import (
    MergeProfile, date_alternatives, day_window, event_key, party_terms, place_key, profile_of, terms,
    undated_window,
)
from eventsift.incidents.rules import (
    Placement, Relation, Verdict, agreement, date_relation, distance_km, judge, place_event, place_relation,
    reach_km,
)
from eventsift.incidents.settings import MergeSettings, settings
from eventsift.incidents.summary import (
    COMPARED_FIELDS, FieldValue, Member, Summary, confidence, field_values, summarize,
)

__all__ = [
    "COMPARED_FIELDS", "FieldValue", "Member", "MergeProfile", "MergeSettings", "Placement", "Relation",
    "Summary", "Verdict", "agreement", "confidence", "date_alternatives", "date_relation", "day_window",
    "distance_km", "event_key", "field_values", "judge", "party_terms", "place_event", "place_key", "place_relation",
    "profile_of", "reach_km", "settings", "summarize", "terms", "undated_window",
]
