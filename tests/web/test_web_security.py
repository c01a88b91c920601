"""The app's defences: headers, the write token, body limits, hosts, paths, escaping."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventsift.web.security import content_security_policy, tile_origin, token_matches
from conftest import TOKEN, make_client
from web_factories import IMG, SCRIPT, SVG

DOCUMENT = {"documents": [{"doc_id": "d.txt", "text": "A drone hit a depot near Kharkiv on Monday."}]}


@pytest.mark.parametrize("path", ["/", "/api/incidents", "/static/app.js", "/nowhere", "/api/openapi.json"])
def test_every_response_carries_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_csp_allows_an_online_tile_host_for_images_only() -> None:
    csp = content_security_policy("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tile.openstreetmap.org" in csp
    assert "script-src 'self';" in csp
    assert tile_origin("http://tiles.example.com/{z}/{x}/{y}.png") is None
    assert tile_origin("javascript:alert(1)") is None


def test_writes_are_disabled_without_a_configured_token(fresh_db: Path) -> None:
    with make_client(fresh_db, token=None) as client:
        response = client.post("/api/documents", json=DOCUMENT, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403
    assert "--token" in response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x",
                                    "Bearer", f"bearer {TOKEN[:-1]}"])
def test_writes_need_the_right_token(fresh_db: Path, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    with make_client(fresh_db) as client:
        response = client.post("/api/documents", json=DOCUMENT, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert client.get("/api/events").json()["total"] == 5  # nothing was written


def test_the_right_token_is_accepted(fresh_db: Path) -> None:
    with make_client(fresh_db) as client:
        response = client.post("/api/documents", json=DOCUMENT, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200


def test_token_comparison() -> None:
    assert token_matches("secret-secret-secret", "secret-secret-secret")
    assert not token_matches("secret-secret-secret", "secret-secret-secreT")
    assert not token_matches(None, "anything") and not token_matches("", "")
    assert not token_matches("secret", None)
    assert not token_matches("sécret", "secret")


def test_security_module_compares_in_constant_time() -> None:
    source = Path(__file__).resolve().parents[2].joinpath("eventsift/web/security.py").read_text()
    assert "hmac.compare_digest" in source
    assert not re.search(r"presented\s*==|==\s*presented", source)


def test_request_bodies_over_the_limit_are_refused(fresh_db: Path) -> None:
    big = {"documents": [{"doc_id": "big.txt", "text": "x" * 5_000}]}
    with make_client(fresh_db, max_body_bytes=2_000) as client:
        response = client.post("/api/documents", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 413
        chunked = client.post("/api/documents", content=iter([b'{"documents": []}']),
                              headers={"Authorization": f"Bearer {TOKEN}",
                                       "Content-Type": "application/json"})
        assert chunked.status_code == 411


def test_unknown_host_headers_are_refused(client: TestClient) -> None:
    """Against DNS rebinding: a page elsewhere cannot read the API through a renamed host."""
    assert client.get("/api/incidents", headers={"Host": "evil.example.com"}).status_code == 400


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fpyproject.toml", "/static/%2e%2e%2fapp.py", "/static//etc/passwd",
    "/static/vendor/leaflet/../../../app.py", "/static/..\\app.py", "/incidents/..%2f..%2fetc%2fpasswd",
    "/api/export/..%2fpasswd", "/basemap.geojson/../app.py",
])
def test_no_path_leaves_the_static_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in {404, 422}
    assert "root:" not in response.text and "def create_app" not in response.text
    assert "[project]" not in response.text


def test_static_files_and_basemap_are_served(client: TestClient) -> None:
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    basemap = client.get("/basemap.geojson")
    assert basemap.headers["content-encoding"] == "gzip"
    assert basemap.json()["type"] == "FeatureCollection" and len(basemap.json()["features"]) > 200


def test_interactive_docs_pages_are_off(client: TestClient) -> None:
    """Swagger UI and ReDoc load scripts from a CDN; only the JSON spec is served."""
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def _hostile_pages(client: TestClient, ids: dict[str, int]) -> list[str]:
    event = client.get("/api/events", params={"certainty": "claimed"}).json()["items"][0]["id"]
    return [client.get(path, headers={"accept": "text/html"}).text for path in (
        "/", "/?country=IQ", f"/incidents/{ids['hostile']}", f"/events/{event}", "/events",
    )]


class TagCollector(HTMLParser):
    """Every start tag of a page with its attributes, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_scraped_markup_is_escaped_in_every_page(client: TestClient, incident_ids: dict[str, int]) -> None:
    for html in _hostile_pages(client, incident_ids):
        for payload in (SCRIPT, IMG, SVG):
            assert payload not in html
        parser = TagCollector()
        parser.feed(html)
        for tag, attrs in parser.tags:
            names = {name for name, _ in attrs}
            assert tag not in {"svg", "img", "iframe", "object", "embed"}, tag
            assert not any(name.startswith("on") for name in names), (tag, attrs)
            if tag == "script":
                assert attrs[0][0] == "src" and (attrs[0][1] or "").startswith("/static/"), attrs
            for name, value in attrs:
                if name in {"href", "src", "action"}:
                    assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
    incident_page = _hostile_pages(client, incident_ids)[2]
    assert "&lt;script&gt;window.__xss" in incident_page  # shown as text
    assert "{{ 7*7 }}" in incident_page and ">49<" not in incident_page


def test_online_tiles_are_only_an_option(web_db: tuple[Path, dict[str, int]], client: TestClient) -> None:
    assert "data-tile-url" not in client.get("/").text  # offline by default
    template = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    with make_client(web_db[0], tile_url=template, tile_attribution="© OpenStreetMap") as online:
        page = online.get("/")
    assert f'data-tile-url="{template}"' in page.text
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in page.headers["content-security-policy"]
