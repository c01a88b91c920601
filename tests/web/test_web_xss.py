"""Hostile pages in a real browser: script payloads are shown as text and never run.

A page full of <script>, onerror= / onload= handlers and javascript: links
is ingested through POST /api/documents with the real pipeline, beside
hand-made reports whose every field (title, outlet, URL, place, admin1,
actor, target, attribution, launch site, evidence) carries a payload. Each
payload, if it ran, would set window.__xss or open a dialog; Chromium
visits every page, opens every map popup, and must see neither, nor any
Content-Security-Policy refusal (which would mean markup got through the
escaping and only the CSP stopped it), nor a request for an injected URL.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import ARTIFACTS, TOKEN, LiveServer, PageWatch

pytestmark = pytest.mark.browser

HOSTILE_PAGE = """<!doctype html><html><head>
<title>Drone strike &lt;script&gt;window.__xss='title'&lt;/script&gt;</title>
<script>window.__xss = 'page-script';</script></head><body><article>
<h1>Drone strike on Mosul &lt;img src=x onerror="window.__xss='h1'"&gt;</h1>
<p>A drone strike hit a market in Mosul on Monday, killing three people, Iraqi officials said
&lt;script&gt;window.__xss='evidence'&lt;/script&gt;.</p>
<p>The attack was claimed by the &lt;img src=x onerror="window.__xss='actor'"&gt; Brigade, according
to a statement. See <a href="javascript:window.__xss='link'">the statement</a>.</p>
<p>Rockets fired from Zummar struck Erbil airport on Tuesday "&gt;&lt;svg onload="window.__xss='svg'"&gt;,
the Kurdish security council said.</p>
<img src="x" onerror="window.__xss='img'"><iframe src="javascript:window.__xss='iframe'"></iframe>
</article></body></html>"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from web_factories import fill_database

    path = tmp_path_factory.mktemp("xss") / "xss.db"
    ids = fill_database(path)
    with LiveServer(path, extractor=None) as server:  # the real pipeline
        answer = httpx.post(
            server.url + "/api/documents", timeout=120,
            headers={"Authorization": f"Bearer {TOKEN}"},
            json={"documents": [{"doc_id": "hostile-page.html", "html": HOSTILE_PAGE,
                                 "url": "https://hostile.example/page", "published": "2024-10-02"}]})
        assert answer.status_code == 200, answer.text
        assert answer.json()["documents"][0]["status"] == "new"
        assert answer.json()["events"] >= 1, "the pipeline found no event in the hostile page"
        server.hand_made = ids  # type: ignore[attr-defined]
        yield server


def pages_to_visit(server: Any) -> list[str]:
    incidents = httpx.get(server.url + "/api/incidents", params={"per_page": 100}).json()["items"]
    events = httpx.get(server.url + "/api/events", params={"per_page": 100}).json()["items"]
    return (["/", "/?q=drone", "/?country=IQ", "/events", "/events?q=drone"]
            + [f"/incidents/{item['id']}" for item in incidents]
            + [f"/events/{item['id']}" for item in events])


def assert_nothing_ran(page: Any, watch: PageWatch, where: str) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined", f"a payload ran on {where}"
    assert watch.dialogs == [], f"a dialog opened on {where}"
    assert watch.errors == [], f"script errors on {where}: {watch.errors}"
    assert watch.csp_refusals() == [], f"the CSP had to refuse something on {where}"
    assert watch.outside == [], f"requests outside the app from {where}: {watch.outside}"
    injected = page.evaluate("""() => ({
        scripts: [...document.scripts].map(s => s.getAttribute('src')).filter(s => !s || !s.startsWith('/static/')),
        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
                  .filter(n => n.startsWith('on')),
        jsLinks: [...document.querySelectorAll('[href],[src]')].map(e => e.getAttribute('href') || e.getAttribute('src'))
                  .filter(v => /^\\s*javascript:/i.test(v)),
        frames: document.querySelectorAll('iframe, object, embed').length,
    })""")
    assert injected == {"scripts": [], "handlers": [], "jsLinks": [], "frames": 0}, (where, injected)


def test_no_payload_runs_on_any_page(hostile_server: Any, page_factory: Any) -> None:
    page, watch = page_factory(hostile_server.url)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    shown_as_text = False
    for path in pages_to_visit(hostile_server):
        page.goto(hostile_server.url + path)
        if path.startswith("/?") or path == "/":
            page.wait_for_selector("#map[data-ready=true]")
            page.wait_for_selector("#timeline[data-ready=true]")
            for marker in page.locator("path.incident-marker").all():
                marker.click(force=True)
                page.wait_for_selector(".leaflet-popup-content")
        shown_as_text |= "<script>window.__xss" in page.inner_text("body")
        assert_nothing_ran(page, watch, path)
    assert shown_as_text, "the payloads should be visible as plain text somewhere"
    assert not [url for url in requested if url.rstrip("/").endswith("/x")], "an injected <img> was loaded"


def test_hostile_incident_page_screenshot(hostile_server: Any, page_factory: Any) -> None:
    page, watch = page_factory(hostile_server.url)
    page.goto(f"{hostile_server.url}/incidents/{hostile_server.hand_made['hostile']}")
    assert page.locator("mark.evidence").count() >= 1
    assert "<svg onload=" in page.locator("mark.evidence").first.inner_text()
    assert page.locator(".source .url a").count() == 0, "a javascript: URL was made a link"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-xss-incident.png"), full_page=True)
    assert_nothing_ran(page, watch, "the hostile incident page")


def test_the_detector_sees_a_payload_that_runs(browser: Any, tmp_path: Path) -> None:
    """The checks above can fail: on a page that does run a payload, they notice."""
    context = browser.new_context()
    page = context.new_page()
    watch = PageWatch(page, "about:")
    page.set_content("<p>x</p><img src='data:,' onerror=\"window.__xss='img'\">")
    page.wait_for_function("typeof window.__xss !== 'undefined'")
    with pytest.raises(AssertionError):
        assert_nothing_ran(page, watch, "a page built to fail")
    context.close()
