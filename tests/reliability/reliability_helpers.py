"""Running the real `eventsift` command in a subprocess, and looking into its database.

Every subprocess has a time limit (a hang fails the test instead of the CI
job) and no network is involved: servers bind to 127.0.0.1 on a port the
kernel picks.
"""
from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CLI = [sys.executable, "-c", "from eventsift.cli import main; main()"]
COMMAND_LIMIT_S = 240


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        """stderr lines that report an input (progress bars are turned off in tests)."""
        return [line for line in self.stderr.splitlines() if line.startswith("eventsift: ")]


def eventsift(*args: str, limit_s: float = COMMAND_LIMIT_S, cwd: Path | None = None) -> Finished:
    """Run `eventsift ARGS...` to the end (or fail the test after `limit_s`)."""
    done = subprocess.run([*CLI, *args], capture_output=True, timeout=limit_s, cwd=cwd,
                          env=quiet_environment())
    return Finished(done.returncode, done.stdout.decode("utf-8", "replace"),
                    done.stderr.decode("utf-8", "replace"))


def start_eventsift(*args: str, stderr: int | None = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=stderr,
                            env=quiet_environment())


def quiet_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("EVENTSIFT_TOKEN", None)
    env.pop("EVENTSIFT_DB", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def kill_9(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port} within {limit_s} s")


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def stderr(self) -> str:
        return self.log.read_text("utf-8", "replace")


@contextmanager
def served(db: Path, *options: str) -> Iterator[Server]:
    """`eventsift serve --db DB OPTIONS` on a free loopback port; its stderr goes to a file."""
    port = free_port()
    log = db.with_name(f"{db.name}.serve-{port}.log")
    with log.open("wb") as stderr:
        process = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port), *options],
                                   stdout=subprocess.DEVNULL, stderr=stderr, env=quiet_environment())
    try:
        wait_for_port(port, process)
        yield Server(f"http://127.0.0.1:{port}", port, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            kill_9(process)


def query(db: Path, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return [tuple(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def integrity(db: Path) -> str:
    return str(query(db, "PRAGMA integrity_check")[0][0])


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return int(query(db, "SELECT count(*) FROM documents")[0][0])  # type: ignore[call-overload]
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> dict[str, object]:
    """What must not depend on crashes: documents, events, incidents (by their members)."""
    documents = query(db, "SELECT doc_key, content_hash FROM documents ORDER BY doc_key")
    events = query(db, "SELECT event_key, event_type, date, fatalities, injuries, location_name "
                       "FROM events ORDER BY event_key")
    members = query(db, "SELECT m.incident, e.event_key FROM incident_members m JOIN events e ON e.id = m.event")
    incidents: dict[object, list[str]] = {}
    for incident, key in members:
        incidents.setdefault(incident, []).append(str(key))
    return {"documents": documents, "events": events,
            "incidents": sorted(tuple(sorted(keys)) for keys in incidents.values())}


CONSISTENCY_CHECKS = {
    "integrity_check is not ok": "SELECT (SELECT integrity_check FROM pragma_integrity_check) != 'ok'",
    "foreign keys point nowhere": "SELECT count(*) FROM pragma_foreign_key_check",
    "a content is stored twice": "SELECT count(*) - count(DISTINCT content_hash) FROM documents",
    "an event is in no incident": "SELECT (SELECT count(*) FROM events) - (SELECT count(*) FROM incident_members)",
    "an incident has no event": "SELECT count(*) FROM incidents WHERE n_events = 0",
    "an incident's count is off": "SELECT count(*) FROM incidents i WHERE n_events != "
                                  "(SELECT count(*) FROM incident_members m WHERE m.incident = i.id)",
    "the evidence index is off": "SELECT (SELECT count(*) FROM evidence_fts) != (SELECT count(*) FROM evidence)",
}


def consistency_problems(db: Path) -> list[str]:
    """What is wrong with the file (empty when nothing is): integrity, keys, counts, indexes."""
    return [problem for problem, sql in CONSISTENCY_CHECKS.items() if query(db, sql)[0][0]]


def kill_at(process: subprocess.Popen[bytes], db: Path, documents: int | None, after_s: float | None,
            limit_s: float = 180) -> bool:
    """SIGKILL once `documents` are stored or `after_s` seconds have passed; False if it ended first."""
    start = time.monotonic()
    while process.poll() is None and time.monotonic() - start < limit_s:
        due = after_s is not None and time.monotonic() - start >= after_s
        if due or (documents is not None and stored_documents(db) >= documents):
            break
        time.sleep(0.02)
    alive = process.poll() is None
    kill_9(process)
    return alive
