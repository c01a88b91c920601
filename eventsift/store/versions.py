"""Carrying the analyst's corrections over to a new version of a page.

A changed page gets new event rows, and (the pipeline's ids include the
content's hash) new event_ids. Before its events are replaced, the old
events that corrections point at are remembered; afterwards each is paired
with the new event that states the same thing — the same event_key, else
the same event type and the most similar evidence (Dice over content
words ≥ `MIN_SIMILARITY`) — and the corrections, their event lists and
the kept-apart pairs are re-keyed to it. An old event with no counterpart
keeps its corrections unapplied (they stay in the history).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Version:
    """What identifies an event across versions of its page."""

    event_key: str
    event_type: str
    terms: frozenset[str]


def corrected_events(conn: sqlite3.Connection, doc_key: str) -> list[Version]:
    """The document's current events that some correction points at."""
    rows = conn.execute(
        "SELECT e.event_key, e.event_type, e.merge_terms FROM events e WHERE e.doc_key = ? AND ("
        "EXISTS (SELECT 1 FROM correction_events c WHERE c.event_key = e.event_key) OR "
        "EXISTS (SELECT 1 FROM corrections c WHERE c.event_key = e.event_key) OR "
        "EXISTS (SELECT 1 FROM kept_apart k WHERE k.event_key_a = e.event_key OR k.event_key_b = e.event_key))",
        (doc_key,),
    ).fetchall()
    return [Version(r[0], r[1], frozenset(r[2].split())) for r in rows]


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def pair_versions(old: list[Version], new: list[Version]) -> dict[str, str]:
    """old event_key -> new event_key, one to one, best similarity first."""
    new_keys = {v.event_key for v in new}
    mapping = {v.event_key: v.event_key for v in old if v.event_key in new_keys}
    taken = set(mapping.values())
    candidates = sorted(
        ((_dice(o.terms, n.terms), o.event_key, n.event_key) for o in old for n in new
         if o.event_key not in mapping and n.event_key not in taken and o.event_type == n.event_type),
        reverse=True,
    )
    for similarity, old_key, new_key in candidates:
        if similarity < MIN_SIMILARITY:
            break
        if old_key in mapping or new_key in taken:
            continue
        mapping[old_key] = new_key
        taken.add(new_key)
    return mapping


def new_versions(conn: sqlite3.Connection, doc_key: str) -> list[Version]:
    rows = conn.execute("SELECT event_key, event_type, merge_terms FROM events WHERE doc_key = ?", (doc_key,))
    return [Version(r[0], r[1], frozenset(r[2].split())) for r in rows]


def rekey(conn: sqlite3.Connection, mapping: dict[str, str]) -> None:
    """Point corrections at the new keys (in two steps, so that keys may swap)."""
    moves = [(old, new) for old, new in mapping.items() if old != new]
    parked = [(old, f"\x00moving {i}", new) for i, (old, new) in enumerate(moves)]
    for old, temporary, _ in parked:
        _rename(conn, old, temporary)
    for _, temporary, new in parked:
        _rename(conn, temporary, new)


def _rename(conn: sqlite3.Connection, old: str, new: str) -> None:
    conn.execute("UPDATE corrections SET event_key = ? WHERE event_key = ?", (new, old))
    conn.execute("UPDATE OR REPLACE correction_events SET event_key = ? WHERE event_key = ?", (new, old))
    pairs = conn.execute(
        "SELECT event_key_a, event_key_b, correction FROM kept_apart WHERE event_key_a = ? OR event_key_b = ?",
        (old, old),
    ).fetchall()
    conn.execute("DELETE FROM kept_apart WHERE event_key_a = ? OR event_key_b = ?", (old, old))
    for a, b, correction in pairs:
        other = b if a == old else a
        conn.execute(
            "INSERT OR REPLACE INTO kept_apart(event_key_a, event_key_b, correction) VALUES (?, ?, ?)",
            (min(new, other), max(new, other), correction),
        )
