"""The served database: created and migrated at start, read through a pool."""
from __future__ import annotations

import queue
import sqlite3
import threading
from pathlib import Path

from eventsift.store import Store

MMAP_BYTES = 256 * 1024 * 1024  # reads through the OS page cache, without copies


def prepare_database(path: Path) -> None:
    """Create `path` if missing and bring its schema up to date (before serving)."""
    Store(path).close()


class ReadPool:
    """Read-only connections kept between requests, so each keeps its page cache.

    A connection is used by one request at a time. Reads never hold a
    transaction open between statements, so each sees the latest commit
    (the database is in WAL mode: readers and the writer do not block).
    A request takes its connection when it arrives and may hold it while it
    waits for a worker thread, so `keep` covers as many requests in flight
    as clients usually send at once (a connection costs little memory; the
    pages themselves are shared through mmap).
    """

    def __init__(self, path: Path, keep: int = 64) -> None:
        self.path = path
        self.keep = keep
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle_count = 0

    def acquire(self) -> sqlite3.Connection:
        with self._lock:
            if self._idle_count:
                self._idle_count -= 1
                return self._idle.get_nowait()
        return open_readonly(self.path)

    def release(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if self._idle_count < self.keep:
                self._idle_count += 1
                self._idle.put(conn)
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            while self._idle_count:
                self._idle_count -= 1
                self._idle.get_nowait().close()


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to the database file (which must exist)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    return conn
