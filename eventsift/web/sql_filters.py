"""A `ViewFilter` as a SQL WHERE clause over incidents or events (docs/schema.md).

The meaning of each filter is the store's (`eventsift.store.Query`, which
exports use): tests/web/test_queries.py checks that both count the same.
The SQL differs where it is faster on a large file: IN-subqueries instead
of correlated EXISTS, and an order the date index can serve.

Values always travel as parameters, never inside the SQL text. Free text
searches the FTS5 index of evidence sentences (the sentences that state an
event, so they name its place, actor and target) through the store's
`fts_query`, which quotes each word.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventsift.store.queries import fts_query
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
            f"{alias}.id IN (SELECT m.incident FROM events e "
            "JOIN incident_members m ON m.event = e.id WHERE e.actor LIKE ? ESCAPE '\\')")
        params.append(like_pattern(view.actor))
    if view.q:
        conditions.append(
            f"{alias}.id IN (SELECT m.incident FROM evidence_fts "
            "JOIN evidence ev ON ev.id = evidence_fts.rowid "
            "JOIN incident_members m ON m.event = ev.event WHERE evidence_fts MATCH ?)")
        params.append(fts_query(view.q))
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
        conditions.append(
            f"{alias}.id IN (SELECT ev.event FROM evidence_fts "
            "JOIN evidence ev ON ev.id = evidence_fts.rowid WHERE evidence_fts MATCH ?)")
        params.append(fts_query(view.q))
    return _clause(conditions, params)


def _add_common(conditions: list[str], params: Params, view: ViewFilter, alias: str) -> None:
    """Conditions on columns that incidents and events share."""
    if view.date_from:
        conditions.append(f"{alias}.date >= ?")
        params.append(view.date_from.isoformat())
    if view.date_to:
        conditions.append(f"{alias}.date <= ?")
        params.append(view.date_to.isoformat())
    if view.admin1:
        conditions.append(f"{alias}.admin1 = ? COLLATE NOCASE")
        params.append(view.admin1)
    for column in ("country", "event_type", "certainty"):
        value = getattr(view, column)
        if value:
            conditions.append(f"{alias}.{column} = ?")
            params.append(value)


def _clause(conditions: list[str], params: Params) -> Clause:
    return Clause("WHERE " + " AND ".join(conditions) if conditions else "", params)
