"""Which place names of one attack sentence are separate targets: names coordinated
("Mosul and Zummar"), objects hit each in its own place ("the carrier in the Red Sea and
the ship X in the Arabian Sea"), and the feature a list's last name lends the others
("the Conoco and al-Omar oil fields"). `extract.events` splits a mention by these.
"""
from __future__ import annotations

import re
from dataclasses import replace

from eventsift.extract.detect import Mention, PlaceSpan

COORDINATION = re.compile(r"^\s*(?:,|and|&|as well as|, and|or)\s*$", re.IGNORECASE)
# "on the carrier in the Red Sea and the ship Transworld Navigator in the Arabian Sea": each
# object hit has its place
OBJECT_COORDINATION = re.compile(r"^\s*,?\s*and\s+(?:the\s+|an?\s+)?(?:[\w.'’-]+\s+){1,6}?(?:in|at|near|off)\s+(?:the\s+)?$",
                                 re.IGNORECASE)
VERB_FORM = re.compile(r"\b\w+(?:ed|ing)\b|\b(?:was|were|is|are|has|have|had)\b", re.IGNORECASE)


def split_coordinated(mention: Mention) -> list[list[PlaceSpan]]:
    """Groups of target places: coordinated names are separate targets."""
    targets = sorted(mention.target_places, key=lambda p: p.start)
    if not targets:
        return [[]]
    groups: list[list[PlaceSpan]] = [[targets[0]]]
    for prev, cur in zip(targets, targets[1:]):
        between = mention.sentence[prev.end:cur.start]
        if COORDINATION.match(between) or COORDINATION.match(re.sub(r"^\s*(?:oil|gas)?\s*fields?", "", between)) \
                or (OBJECT_COORDINATION.match(between) and not VERB_FORM.search(between)):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    return groups


def coordinated_object(mention: Mention, span: PlaceSpan) -> str | None:
    """The object hit that a place split off by coordination belongs to: "the commercial
    ship Transworld Navigator" in "... and the commercial ship Transworld Navigator in the
    Arabian Sea"."""
    before = [p for p in mention.target_places if p.end <= span.start]
    if not before:
        return None
    gap = mention.sentence[max(p.end for p in before):span.start]
    if not OBJECT_COORDINATION.match(gap) or VERB_FORM.search(gap):
        return None
    words = re.sub(r"^\s*,?\s*and\s+(?:the\s+|an?\s+)?|\s+(?:in|at|near|off)\s+(?:the\s+)?$", "", gap,
                   flags=re.IGNORECASE).strip()
    return words or None


# a shared head noun says what kind of place, not which product it yields
GENERIC_HINTS = {"oil_field": "field", "gas_field": "field", "field": "field", "air_base": "base", "base": "base",
                 "airport": "airport", "village": "village", "town": "town", "neighbourhood": "neighbourhood", "district": "district",
                 "camp": "camp", "admin1": "admin1", "port": "port", "refinery": "refinery"}


def share_hints(groups: list[list[PlaceSpan]]) -> list[list[PlaceSpan]]:
    """In "the Conoco and al-Omar oil fields" both names are oil fields:
    a name before the last one, without a feature, takes the last one's (a
    head noun after the last name is shared; one after an earlier name, as in
    "Al Asad Airbase, Iraq", is that name's own)."""
    if len(groups) < 2:
        return groups
    hints = [next((p.hint for p in g if p.hint), None) for g in groups]
    shared = GENERIC_HINTS.get(hints[-1] or "", None)
    out = []
    for index, (group, hint) in enumerate(zip(groups, hints)):
        if hint is None and shared is not None and index < len(groups) - 1:
            group = [_with_hint(p, shared) for p in group]
        out.append(group)
    return out


def _with_hint(span: PlaceSpan, hint: str) -> PlaceSpan:
    handle = span.handle
    if handle is not None and hasattr(handle, "__dataclass_fields__") and "hint" in handle.__dataclass_fields__:
        handle = replace(handle, hint=hint)
    return replace(span, hint=hint, handle=handle)
