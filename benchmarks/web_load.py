"""Web app load figures on a database of synthetic incidents.

    python benchmarks/web_load.py [--incidents 50000] [--rounds 20] [--db PATH]

Fills a database (benchmarks/web_synthetic.py), serves it with uvicorn on
loopback, then measures over HTTP:
- the first page (GET /, then GET / with a filter): server time, cold and warm;
- the page as a browser sees it (headless Chromium, when /usr/bin/chromium
  exists): navigation to load event, and to the map and timeline drawn;
- filtered API queries (/api/incidents, /api/map, /api/timeline with a mix
  of filters): p50 and p95.
Goals (issue 5): page under 1 s, API p95 under 100 ms. Prints figures only.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_synthetic import fill  # noqa: E402

from eventsift.web.app import WebSettings, create_app  # noqa: E402

FILTERS = (
    "",
    "country=SY",
    "country=IQ&admin1=Erbil",
    "event_type=Battles&date_from=2024-01-01",
    "weapon=drone",
    "weapon=missile&country=UA",
    "actor=shabaab",
    "certainty=confirmed&date_from=2023-06-01&date_to=2023-09-30",
    "q=struck%20Mosul",
    "q=drone&country=IQ",
)
ENDPOINTS = ("/api/incidents", "/api/map", "/api/timeline")
CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> uvicorn.Server:
    app = create_app(WebSettings(db_path=db))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server


def timed_get(client: httpx.Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    response.raise_for_status()
    return elapsed * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_pages(client: httpx.Client) -> None:
    cold = timed_get(client, "/")
    warm = [timed_get(client, "/") for _ in range(10)]
    filtered = [timed_get(client, "/?country=IQ&weapon=drone") for _ in range(10)]
    print(f"page /                  cold {cold:7.1f} ms   warm median {statistics.median(warm):6.1f} ms")
    print(f"page /?country&weapon   median {statistics.median(filtered):6.1f} ms")


def measure_api(client: httpx.Client, rounds: int) -> None:
    everything: list[float] = []
    for endpoint in ENDPOINTS:
        times = [timed_get(client, f"{endpoint}?{query}") for _ in range(rounds) for query in FILTERS]
        everything.extend(times)
        print(f"{endpoint:<22} n={len(times):4d}  p50 {percentile(times, .5):6.1f} ms  "
              f"p95 {percentile(times, .95):6.1f} ms  max {max(times):6.1f} ms")
    print(f"{'all filtered queries':<22} n={len(everything):4d}  p50 {percentile(everything, .5):6.1f} ms  "
          f"p95 {percentile(everything, .95):6.1f} ms")


def measure_browser(base: str) -> None:
    if not CHROMIUM.exists():
        print("browser: skipped, /usr/bin/chromium not installed")
        return
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        for label, url in (("first visit", base + "/"), ("filtered", base + "/?country=SY&weapon=drone")):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="load")
            loaded = (time.perf_counter() - start) * 1000
            page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
            page.wait_for_selector("#timeline[data-ready=true]", timeout=30_000)
            drawn = (time.perf_counter() - start) * 1000
            print(f"browser {label:<12} load event {loaded:7.1f} ms   map+timeline drawn {drawn:7.1f} ms")
            page.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this file")
    options = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    db = options.db or Path(folder.name) / "load.db"
    if not db.exists():
        start = time.perf_counter()
        fill(db, options.incidents)
        print(f"filled {db} with {options.incidents} incidents in {time.perf_counter() - start:.1f} s")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=30) as client:
        measure_pages(client)
        measure_api(client, options.rounds)
    measure_browser(base)
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other work on the machine skews figures)")
    server.should_exit = True
    folder.cleanup()


if __name__ == "__main__":
    main()
