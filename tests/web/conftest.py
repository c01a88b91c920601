"""Fixtures for the web tests: a database of hand-made reports, the app, a live
server on loopback, and headless Chromium driven by Playwright."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventsift.records import Document, Event
from eventsift.web.app import WebSettings, create_app
from eventsift.web.ingest import Extractor
from web_factories import fill_database

TOKEN = "test-token-0123456789abcdef"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def sentence_extractor(doc: Document) -> list[Event]:
    """Stands in for the pipeline: one event per document, its first line as evidence."""
    first = next(line for line in doc.text.splitlines() if line.strip())
    return [Event(doc=doc.doc_id, event_id=f"{doc.doc_id}-1", event_type="Explosions/Remote violence",
                  date="2024-10-01", certainty="reported", evidence=(first,), url=doc.url)]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The hand-made database (read-only tests share it) and its incident ids."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    return path, fill_database(path)


@pytest.fixture(scope="session")
def incident_ids(web_db: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return web_db[1]


def make_client(db: Path, token: str | None = TOKEN, **settings: Any) -> TestClient:
    app = create_app(WebSettings(db_path=db, token=token, allowed_hosts=("testserver",), **settings),
                     extractor=sentence_extractor)
    return TestClient(app)


@pytest.fixture(scope="session")
def client(web_db: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    """A client of the app on the shared database (do not write through it)."""
    with make_client(web_db[0]) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from the seed reports by the real `eventsift run`."""
    from click.testing import CliRunner

    from eventsift.cli import main

    seeds = sorted(str(path) for path in SEEDS.glob("*.txt"))
    assert seeds, f"no seed reports in {SEEDS}"
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(main, ["run", "--db", str(path), "--no-progress", *seeds])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    path = tmp_path / "fresh.db"
    fill_database(path)
    return path


# --- a live server and a browser ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The app under uvicorn on 127.0.0.1 in a background thread."""

    def __init__(self, db: Path, token: str | None = TOKEN,
                 extractor: Extractor | None = sentence_extractor) -> None:
        """`extractor=None` ingests with the real pipeline."""
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(WebSettings(db_path=db, token=token), extractor=extractor)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium; fails (never skips) when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium "
                    "(apt-get install -y chromium chromium-driver)", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class PageWatch:
    """What a page did that it should not: dialogs, script errors, CSP refusals, outside requests."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("request", lambda request: None if request.url.startswith((base_url, "data:"))
                else self.outside.append(request.url))

    def csp_refusals(self) -> list[str]:
        return [line for line in self.console if "Content Security Policy" in line]


@pytest.fixture
def page_factory(browser: Any) -> Iterator[Any]:
    """Opens pages in a fresh browser context; closes them after the test."""
    contexts: list[Any] = []

    def open_page(base_url: str) -> tuple[Any, PageWatch]:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page, PageWatch(page, base_url)

    yield open_page
    for context in contexts:
        context.close()
