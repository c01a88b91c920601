"""The schema: migrations, connection settings, and docs/schema.md covering every column."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from eventsift.errors import StoreError
from eventsift.store import Store
from eventsift.store.schema import migrations

from store_factories import fixed_clock

SCHEMA_DOC = Path(__file__).parents[2] / "docs" / "schema.md"


def test_migrations_are_recorded_in_order(store: Store) -> None:
    rows = store._conn.execute("SELECT version, name, applied_at FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in migrations()]
    assert rows[0][1] == "initial"
    assert rows[0][2] == "2024-10-05T12:00:00+00:00"


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    Store(tmp_path / "x.db", clock=fixed_clock).close()
    with Store(tmp_path / "x.db", clock=fixed_clock) as again:
        count = again._conn.execute("SELECT count(*) FROM schema_version").fetchone()[0]
    assert count == len(migrations())


def test_wal_and_foreign_keys(store: Store) -> None:
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_database_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "x.db", clock=fixed_clock).close()
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("INSERT INTO schema_version VALUES (999, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="upgrade eventsift"):
        Store(tmp_path / "x.db", clock=fixed_clock)


def test_readonly_store_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)


def _tables_and_columns(store: Store) -> dict[str, list[str]]:
    conn = store._conn
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'evidence_fts_%' AND name NOT LIKE 'event_boxes_%'"
    )]
    return {n: [r[1] for r in conn.execute(f"PRAGMA table_info({n})")] for n in names}


def test_every_table_and_column_is_documented(store: Store) -> None:
    text = SCHEMA_DOC.read_text("utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", text))
    missing = [
        f"{table}.{column}"
        for table, columns in _tables_and_columns(store).items()
        for column in [table, *columns]
        if column not in documented and column != "rowid"
    ]
    assert not missing, f"not in docs/schema.md: {missing}"
