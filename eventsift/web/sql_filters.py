"""A `ViewFilter` as a SQL WHERE clause over incidents or events (docs/schema.md).

Values always travel as parameters, never inside the SQL text. Free text
goes to the FTS5 index of evidence sentences as quoted phrases, so a
user's quotes, stars or operators cannot break the query.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventsift.web.filters import ViewFilter

Params = list[object]


@dataclass(frozen=True)
class Clause:
    sql: str  # "" when nothing is filtered, else "WHERE ..."
    params: Params


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere (with ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_query(text: str) -> str | None:
    """Each word as a quoted FTS5 phrase (all must match); None when no word is left."""
    words = [word.replace('"', '""') for word in text.split()]
    words = [word for word in words if word.strip('"')]
    return " ".join(f'"{word}"' for word in words) or None


def incident_clause(view: ViewFilter, alias: str = "i") -> Clause:
    """WHERE clause over `incidents AS {alias}`."""
    conditions: list[str] = []
    params: Params = []
    _add_common(conditions, params, view, alias)
    if view.weapon:
        conditions.append(
            f"{alias}.id IN (SELECT m.incident FROM event_weapons w "
            "JOIN incident_members m ON m.event = w.event WHERE w.weapon = ?)")
        params.append(view.weapon)
    if view.actor:
        conditions.append(
            f"({alias}.actor LIKE ? ESCAPE '\\' OR {alias}.id IN (SELECT m.incident FROM events e "
            "JOIN incident_members m ON m.event = e.id WHERE e.actor LIKE ? ESCAPE '\\'))")
        params.extend([like_pattern(view.actor)] * 2)
    if view.q:
        text_match = _text_condition(view.q, alias, params)
        match = fts_query(view.q)
        if match:
            conditions.append(
                f"({text_match} OR {alias}.id IN (SELECT m.incident FROM evidence_fts "
                "JOIN evidence ev ON ev.id = evidence_fts.rowid "
                "JOIN incident_members m ON m.event = ev.event WHERE evidence_fts MATCH ?))")
            params.append(match)
        else:
            conditions.append(text_match)
    return _clause(conditions, params)


def event_clause(view: ViewFilter, alias: str = "e") -> Clause:
    """WHERE clause over `events AS {alias}`."""
    conditions: list[str] = []
    params: Params = []
    _add_common(conditions, params, view, alias)
    if view.weapon:
        conditions.append(f"{alias}.id IN (SELECT w.event FROM event_weapons w WHERE w.weapon = ?)")
        params.append(view.weapon)
    if view.actor:
        conditions.append(f"{alias}.actor LIKE ? ESCAPE '\\'")
        params.append(like_pattern(view.actor))
    if view.q:
        text_match = _text_condition(view.q, alias, params)
        match = fts_query(view.q)
        if match:
            conditions.append(
                f"({text_match} OR {alias}.id IN (SELECT ev.event FROM evidence_fts "
                "JOIN evidence ev ON ev.id = evidence_fts.rowid WHERE evidence_fts MATCH ?))")
            params.append(match)
        else:
            conditions.append(text_match)
    return _clause(conditions, params)


def _add_common(conditions: list[str], params: Params, view: ViewFilter, alias: str) -> None:
    """Conditions on columns that incidents and events share."""
    if view.date_from:
        conditions.append(f"{alias}.date >= ?")
        params.append(view.date_from.isoformat())
    if view.date_to:
        conditions.append(f"{alias}.date <= ?")
        params.append(view.date_to.isoformat())
    for column in ("country", "admin1", "event_type", "certainty"):
        value = getattr(view, column)
        if value:
            conditions.append(f"{alias}.{column} = ?")
            params.append(value)


def _text_condition(text: str, alias: str, params: Params) -> str:
    """Free text found in the place, actor or target (case-insensitive)."""
    pattern = like_pattern(text)
    params.extend([pattern] * 3)
    return (f"({alias}.location_name LIKE ? ESCAPE '\\' OR {alias}.actor LIKE ? ESCAPE '\\' "
            f"OR {alias}.target LIKE ? ESCAPE '\\')")


def _clause(conditions: list[str], params: Params) -> Clause:
    return Clause("WHERE " + " AND ".join(conditions) if conditions else "", params)
