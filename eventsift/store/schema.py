"""The database schema as numbered migrations, applied in order.

Each migration is a file `migrations/NNNN_name.sql` beside this module.
`migrate()` applies those newer than the version recorded in the
`schema_version` table, each in its own transaction, and records it.
A database written by a newer eventsift is refused, never downgraded.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from eventsift.errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with the package, oldest first."""
    found = []
    for entry in resources.files("eventsift.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..n without gaps: {versions}")
    return found


def current_version(conn: sqlite3.Connection) -> int:
    """The newest migration recorded in the database (0 for a new file)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, now: str) -> int:
    """Bring the schema up to date; returns the version reached."""
    known = migrations()
    version = current_version(conn)
    if version > len(known):
        raise StoreError(
            f"the database has schema version {version} but this eventsift knows only "
            f"{len(known)}: upgrade eventsift to open it"
        )
    for migration in known[version:]:
        _apply(conn, migration, now)
    return len(known)


def _apply(conn: sqlite3.Connection, migration: Migration, now: str) -> None:
    record = (
        "INSERT INTO schema_version(version, name, applied_at) VALUES "
        f"({migration.version}, '{migration.name}', '{now}');"
    )
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{migration.sql}\n{record}\nCOMMIT;")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.rollback()
        raise StoreError(f"migration {migration.version} ({migration.name}) failed: {exc}") from exc
