"""kill -9 during `eventsift run`, then run again: nothing lost, nothing duplicated.

Generates 10,000 small reports (one in forty tells of a drone attack, the
rest are council meetings and football), starts the real command in a
subprocess, kills it with SIGKILL once part of the documents are stored,
reruns it to the end and checks the database: every document exactly once,
every event of every attack report present once and in one incident, and
`PRAGMA integrity_check` ok.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_DOCS = 10_000
ATTACK_EVERY = 40
CALM = [
    "The city council met to discuss the budget for the new library and the repair of two bridges.",
    "Local farmers expect a good harvest this year after steady rains in the spring months.",
    "The football club announced the signing of a young midfielder from a rival team.",
    "A new exhibition of modern paintings opened at the national museum on Friday.",
    "Shares in the telecom company rose after it reported higher quarterly profits.",
]
CITIES = ["Mosul", "Kharkiv", "Aleppo", "Odesa", "Erbil", "Kherson", "Hama"]


def write_reports(folder: Path) -> list[Path]:
    rng = random.Random(11)
    folder.mkdir()
    attacks = []
    for i in range(N_DOCS):
        if i % ATTACK_EVERY == 0:
            body = (f"A drone attack struck a military base near {rng.choice(CITIES)} on Monday, killing "
                    f"{rng.randint(2, 9)} soldiers, officials said. The attack caused a fire at the base.")
        else:
            body = " ".join(rng.sample(CALM, 2))
        path = folder / f"report{i:05d}.txt"
        path.write_text(f"date 2024-10-0{1 + i % 7}\n\nBulletin {i}. {body}\n", encoding="utf-8")
        if i % ATTACK_EVERY == 0:
            attacks.append(path)
    return attacks


def run_command(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    code = "from eventsift.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "run", str(folder), "--db", str(db), "--no-progress"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def kill_midway(process: subprocess.Popen[bytes], db: Path, at: int, limit_s: float = 150) -> int:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline and process.poll() is None:
        if stored_documents(db) >= at:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return stored_documents(db)
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"the run ended or stalled before {at} documents were stored")


@pytest.mark.slow
def test_kill_9_midway_then_rerun(tmp_path: Path) -> None:
    from eventsift.ingest import read_inputs
    from eventsift.pipeline import Pipeline

    folder, db = tmp_path / "reports", tmp_path / "crash.db"
    attacks = write_reports(folder)
    stored_at_kill = kill_midway(run_command(folder, db), db, at=N_DOCS // 3)
    assert 0 < stored_at_kill < N_DOCS

    rerun = run_command(folder, db)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    summary = err.decode()
    assert f"documents read: {N_DOCS}" in summary
    assert f"unchanged: {stored_at_kill}" in summary

    expected = {doc.doc_id: len(events) for doc, events in Pipeline().extract_many(
        d for d in read_inputs(attacks) if not isinstance(d, Exception))}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (N_DOCS, N_DOCS)
    per_doc = dict(conn.execute("SELECT d.doc_id, count(e.id) FROM documents d "
                                "LEFT JOIN events e ON e.doc_key = d.doc_key GROUP BY d.doc_key"))
    assert {k: per_doc[k] for k in expected} == expected
    assert sum(expected.values()) > len(attacks) // 2
    assert sum(per_doc.values()) == sum(expected.values())
    events, members = conn.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM incident_members)").fetchone()
    assert events == members
    assert conn.execute("SELECT count(*) FROM incidents WHERE n_events = 0").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM evidence_fts").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
