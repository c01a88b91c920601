"""Load on `eventsift serve` while ingests write: concurrent clients on loopback.

    python benchmarks/load.py [--clients 50] [--seconds 60] [--incidents 20000]
                              [--writer-docs 3000] [--post-every 1.0] [--db PATH]

Fills a database with synthetic incidents (benchmarks/web_synthetic.py),
starts the real `eventsift serve` on 127.0.0.1 (a free port, a write
token), starts `eventsift run` on generated reports into the same file,
and lets CLIENTS clients read for SECONDS seconds: incident and event
lists with filters, map, timeline, filter choices, incident and event
pages, the app page and exports. One more client POSTs a document to
/api/documents every POST_EVERY seconds (the API's own write path).
Prints requests, errors (any status >= 500, any refused or timed-out
request, any unexpected status), latencies p50/p95/p99/max, and what the
writers stored meanwhile. Loopback only, bounded in clients, time and
requests. `run_load()` is used by tests/reliability with a few clients
for a few seconds.
"""
from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

MAX_CLIENTS = 200
MAX_SECONDS = 600
MAX_REQUESTS = 2_000_000
REQUEST_TIMEOUT_S = 30
# Idle connections are dropped after 2 s, before uvicorn's keep-alive timeout (5 s) closes them:
# with both at 5 s (httpx's default) a client could send on a connection the server was closing
# at that moment, and the request failed with ReadError (2-8 in a 60-s run).
CLIENT_KEEPALIVE_S = 2.0
READS = (
    "/api/incidents", "/api/incidents?country=SY", "/api/incidents?weapon=drone&per_page=50",
    "/api/incidents?date_from=2024-01-01&event_type=Battles", "/api/incidents?q=drone",
    "/api/events", "/api/events?certainty=confirmed", "/api/map", "/api/map?country=UA",
    "/api/timeline", "/api/timeline?country=IQ", "/api/filters", "/", "/?country=IQ", "/events",
    "/api/export/csv?country=SO&date_from=2024-06-01",
)


@dataclass
class LoadReport:
    """What the clients saw."""

    requests: int = 0
    latencies_ms: list[float] = field(default_factory=list)  # reads
    post_latencies_ms: list[float] = field(default_factory=list)  # API writes (extraction included)
    errors: Counter[str] = field(default_factory=Counter)
    posts: int = 0
    elapsed_s: float = 0.0
    event_totals: list[int] = field(default_factory=list)  # /api/events totals seen, twice a second
    by_endpoint: dict[str, list[float]] = field(default_factory=dict)  # read latencies per route

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0

    def lines(self) -> list[str]:
        rate = self.requests / self.elapsed_s if self.elapsed_s else 0.0
        return [
            f"requests: {self.requests} in {self.elapsed_s:.1f} s ({rate:.0f}/s); posts: {self.posts}",
            f"errors: {self.error_count}" + (f" ({dict(self.errors.most_common(5))})" if self.errors else ""),
            f"read latency ms: p50 {self.percentile(0.5):.1f}, p95 {self.percentile(0.95):.1f}, "
            f"p99 {self.percentile(0.99):.1f}, max {max(self.latencies_ms, default=0):.1f}, "
            f"mean {statistics.fmean(self.latencies_ms) if self.latencies_ms else 0:.1f}",
            f"post latency ms: median {statistics.median(self.post_latencies_ms or [0]):.1f}, "
            f"max {max(self.post_latencies_ms, default=0):.1f} (the first loads the pipeline)",
            "slowest routes (p50/p95 ms): " + ", ".join(
                f"{route} {statistics.median(times):.0f}/{sorted(times)[int(0.95 * (len(times) - 1))]:.0f}"
                for route, times in sorted(self.by_endpoint.items(), key=lambda kv: -statistics.median(kv[1]))[:4]),
            f"event totals seen by readers: {len(set(self.event_totals))} distinct values, "
            f"{(self.event_totals or ['-'])[0]} to {(self.event_totals or ['-'])[-1]}",
        ]


def route_of(path: str) -> str:
    """'/api/incidents/17?x=1' -> '/api/incidents/{id}'."""
    parts = path.split("?")[0].split("/")
    return "/".join("{id}" if part.isdigit() else part for part in parts) or "/"


def require_loopback(base_url: str) -> None:
    host = urlsplit(base_url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"load.py only loads servers on loopback, not {host!r}")


Stop = Callable[[], bool]


async def _reader(client: httpx.AsyncClient, report: LoadReport, done: Stop, rng: random.Random,
                  incident_ids: list[int]) -> None:
    while not done():
        path = rng.choice(READS)
        if incident_ids and rng.random() < 0.2:
            path = f"/api/incidents/{rng.choice(incident_ids)}" if rng.random() < 0.5 else \
                f"/incidents/{rng.choice(incident_ids)}"
        await _timed(client, "GET", path, report, expect=(200,))


async def _watcher(client: httpx.AsyncClient, report: LoadReport, done: Stop) -> None:
    """The event total as readers see it: it grows while the writers commit."""
    while not done():
        response = await client.get("/api/events", params={"per_page": 1})
        if response.status_code == 200:
            report.event_totals.append(int(response.json()["total"]))
        await asyncio.sleep(0.5)


async def _poster(client: httpx.AsyncClient, report: LoadReport, done: Stop, every_s: float,
                  token: str) -> None:
    number = 0
    while not done():
        number += 1
        document = {"doc_id": f"load-post-{time.monotonic_ns()}-{number}",
                    "text": f"Rockets hit a depot near Erbil on Monday, wounding {number % 9 + 2} guards, "
                            f"officials said. Bulletin {time.monotonic_ns()}."}
        await _timed(client, "POST", "/api/documents", report, expect=(200,),
                     json={"documents": [document]}, headers={"Authorization": f"Bearer {token}"})
        report.posts += 1
        await asyncio.sleep(every_s)


async def _timed(client: httpx.AsyncClient, method: str, path: str, report: LoadReport,
                 expect: tuple[int, ...], **kwargs: object) -> None:
    start = time.perf_counter()
    try:
        response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
        await response.aread()
    except httpx.HTTPError as exc:
        report.errors[f"{method} {path.split('?')[0]}: {type(exc).__name__}"] += 1
        return
    finally:
        report.requests += 1
    elapsed_ms = (time.perf_counter() - start) * 1000
    (report.post_latencies_ms if method == "POST" else report.latencies_ms).append(elapsed_ms)
    if method == "GET":
        report.by_endpoint.setdefault(route_of(path), []).append(elapsed_ms)
    if response.status_code not in expect:
        report.errors[f"{method} {path.split('?')[0]}: HTTP {response.status_code}"] += 1


async def _load(base_url: str, clients: int, seconds: float, max_requests: int, post_every: float | None,
                token: str | None, seed: int, until: Stop | None) -> LoadReport:
    report = LoadReport()
    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1,
                          keepalive_expiry=CLIENT_KEEPALIVE_S)
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        first = await client.get("/api/incidents", params={"per_page": 100})
        incident_ids = [item["id"] for item in first.json().get("items", [])] if first.status_code == 200 else []
        start = time.monotonic()
        deadline = start + seconds

        def done() -> bool:
            return time.monotonic() >= deadline or report.requests >= max_requests or bool(until and until())

        tasks = [_reader(client, report, done, random.Random(seed + n), incident_ids) for n in range(clients)]
        tasks.append(_watcher(client, report, done))
        if post_every and token:
            tasks.append(_poster(client, report, done, post_every, token))
        await asyncio.gather(*tasks)
        report.elapsed_s = time.monotonic() - start
    return report


def run_load(base_url: str, clients: int = 50, seconds: float = 60, max_requests: int = MAX_REQUESTS,
             post_every: float | None = None, token: str | None = None, seed: int = 1,
             until: Stop | None = None) -> LoadReport:
    """CLIENTS concurrent readers (and a poster) against BASE_URL for SECONDS, or MAX_REQUESTS,
    or until `until()` says so, whichever comes first; loopback only."""
    require_loopback(base_url)
    clients = max(1, min(clients, MAX_CLIENTS))
    seconds = max(0.1, min(seconds, MAX_SECONDS))
    load = _load(base_url, clients, seconds, min(max_requests, MAX_REQUESTS), post_every, token, seed, until)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(load)
    # a loop already runs in this thread (a caller's, e.g. Playwright's sync API): use a thread of our own
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, load).result()


def write_reports(folder: Path, count: int, seed: int = 5) -> None:
    """Generated reports for the CLI writer: one in six an attack."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    cities = ("Mosul", "Kharkiv", "Aleppo", "Odesa", "Erbil", "Hama")
    for number in range(count):
        if number % 6 == 0:
            body = (f"A drone attack struck a military base near {rng.choice(cities)} on Monday, killing "
                    f"{rng.randint(2, 20)} soldiers, officials said.")
        else:
            body = "The city council met to discuss the budget for the new library and two bridges."
        (folder / f"load{number:05d}.txt").write_text(
            f"date 2024-11-{1 + number % 28:02d}\n\nBulletin {seed}-{number}. {body}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    parser.add_argument("--incidents", type=int, default=20_000, help="synthetic incidents in a new database")
    parser.add_argument("--writer-docs", type=int, default=3_000, help="reports `eventsift run` ingests meanwhile")
    parser.add_argument("--post-every", type=float, default=1.0, help="seconds between API posts (0: none)")
    parser.add_argument("--db", type=Path, default=None, help="serve this existing database instead")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
    from reliability_helpers import served, start_eventsift

    from eventsift.store import Store

    token = "load-test-token-" + "%016x" % random.Random().getrandbits(64)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "load.db"
        if args.db is None:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from web_synthetic import fill

            fill(db, args.incidents)
        with Store(db, readonly=True) as store:
            before = store.counts()
        write_reports(Path(scratch) / "reports", args.writer_docs)
        with served(db, "--token", token) as server:
            writer = start_eventsift("run", "--no-progress", "--db", str(db), str(Path(scratch) / "reports")) \
                if args.writer_docs else None
            report = run_load(server.url, args.clients, args.seconds, args.max_requests,
                              args.post_every or None, token)
            writer_done = writer.poll() if writer else None
            if writer:
                writer.kill()
                writer.wait()
        with Store(db, readonly=True) as store:
            after = store.counts()
    print(f"clients: {args.clients}; seconds: {args.seconds}; database: {before['events']} events at start")
    for line in report.lines():
        print(line)
    writer_state = "none" if not args.writer_docs else "finished" if writer_done == 0 else "still running, stopped"
    print(f"written meanwhile: {after['events'] - before['events']} events "
          f"(CLI writer: {writer_state}; {report.posts} API posts)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
