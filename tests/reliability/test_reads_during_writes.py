"""`eventsift serve` answers every read while `eventsift run` and API posts write.

The short version of benchmarks/load.py: the real server on a free
loopback port, a database of synthetic incidents, the CLI ingesting
generated reports into the same file and a client posting documents
through the API, while a few clients read lists, map, timeline, pages
and exports. No request may fail; the readers must see the writes land;
the file must pass `PRAGMA integrity_check` afterwards. No timing is
asserted (latencies are printed by the benchmark).
"""
from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from reliability_helpers import eventsift, integrity, query, served, start_eventsift

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from load import run_load, write_reports  # noqa: E402
from web_synthetic import fill  # noqa: E402

TOKEN = "reliability-token-0123456789"


def event_total(base_url: str) -> int:
    return int(httpx.get(f"{base_url}/api/events", params={"per_page": 1}, timeout=30).json()["total"])


@pytest.mark.slow
def test_reads_never_fail_while_the_cli_and_the_api_write(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    fill(db, 3_000)
    write_reports(tmp_path / "reports", 1_200)
    with served(db, "--token", TOKEN) as server:
        at_start = event_total(server.url)
        writer = start_eventsift("run", "--no-progress", "--db", str(db), str(tmp_path / "reports"))
        try:  # read until the CLI writer is done (at most 4 minutes)
            report = run_load(server.url, clients=8, seconds=240, post_every=0.5, token=TOKEN, seed=3,
                              until=lambda: writer.poll() is not None)
        finally:
            if writer.poll() is None:
                writer.kill()
        assert writer.wait() == 0
        at_end = event_total(server.url)
        assert "Traceback" not in server.stderr(), server.stderr()
    assert report.error_count == 0, report.lines()
    assert report.requests > 50 and report.posts >= 1
    posted = query(db, "SELECT count(*) FROM documents WHERE doc_id LIKE 'load-post-%'")[0][0]
    assert posted == report.posts  # every API write landed
    totals = report.event_totals
    assert totals == sorted(totals) and len(set(totals)) >= 3  # reads saw commits as they came
    assert at_start < at_end
    assert integrity(db) == "ok"


def test_the_load_script_only_loads_loopback() -> None:
    with pytest.raises(SystemExit, match="only loads servers on loopback"):
        run_load("http://192.0.2.1:8000", clients=1, seconds=1)
    with pytest.raises(SystemExit):
        run_load("http://example.com", clients=1, seconds=1)


def test_the_load_script_prints_its_figures(tmp_path: Path) -> None:
    db = tmp_path / "small.db"
    fill(db, 200)
    with served(db) as server:
        report = run_load(server.url, clients=3, seconds=600, max_requests=60)  # the count bound stops it
    assert 60 <= report.requests < 60 + 3 and report.error_count == 0
    lines = report.lines()
    assert lines[0].startswith("requests: ") and lines[1] == "errors: 0"
    assert "p50" in lines[2] and "p99" in lines[2]
    assert eventsift("events", "--db", str(db), "--limit", "1").code == 0
