"""Opening the served database for writing: created and migrated at start."""
from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from eventsift.errors import StoreError
from eventsift.store.schema import migrate


def prepare_database(path: Path) -> None:
    """Create `path` if missing and bring its schema up to date (before serving)."""
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}") from exc
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn, datetime.now(UTC).isoformat(timespec="seconds"))
    finally:
        conn.close()
