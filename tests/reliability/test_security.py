"""The running server's defences, probed from outside over raw sockets.

tests/web/test_web_security.py checks the app in-process (headers, token,
body limit, hosts, paths) and tests/web/test_web_xss.py proves in headless
Chromium that scraped script payloads never run. These tests start the
real `eventsift serve` and talk to it the way an attacker on the machine
would: raw request lines no client library normalises, lying or missing
Content-Length headers, oversized headers, foreign Host names; and they
check where it listens.
"""
from __future__ import annotations

import ast
import re
import socket
from pathlib import Path

import httpx
import pytest

from reliability_helpers import Server, eventsift, served

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "reliability-token-0123456789"
LEAKS = ("root:x:0", "[project]", "def create_app", "import ", "PRAGMA")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:  # type: ignore[misc]
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from web_synthetic import fill

    db = tmp_path_factory.mktemp("secure") / "secure.db"
    fill(db, 300)
    with served(db, "--token", TOKEN, "--max-body", "2000") as running:
        yield running


def raw_request(port: int, data: bytes, read_limit: int = 1 << 20) -> bytes:
    """Send bytes as they are; read until the server closes or stops answering."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while sum(map(len, chunks)) < read_limit and (chunk := sock.recv(65536)):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def _complete(response: bytes) -> bool:
    head, _, body = response.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def get(port: int, target: str, host: str = "127.0.0.1") -> bytes:
    return raw_request(port, f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a LISTEN socket on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_serve_listens_on_loopback_only_by_default(server: Server) -> None:
    assert listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, and nothing on 0.0.0.0 or ::
    assert "127.0.0.1" in eventsift("serve", "--help").stdout


def test_writes_need_the_token_on_the_live_server(server: Server, tmp_path: Path) -> None:
    body = {"documents": [{"doc_id": "x.txt", "text": "A drone hit a depot near Kharkiv on Monday."}]}
    url = f"{server.url}/api/documents"
    assert httpx.post(url, json=body).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN[:-1]}"}).status_code == 401
    assert httpx.post(url, json=body, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    with served(tmp_path / "open.db") as tokenless:
        answer = httpx.post(f"{tokenless.url}/api/documents", json=body, headers={"Authorization": "Bearer x"})
        assert answer.status_code == 403  # no token configured: writes are off
    short = eventsift("serve", "--db", str(tmp_path / "s.db"), "--token", "short")
    assert short.code == 2 and "at least 16 characters" in short.stderr


def test_token_comparisons_are_constant_time() -> None:
    """No `==` / `!=` on anything named like a token in the web app or CLI; compare_digest is used."""
    used = False
    for path in [*ROOT.joinpath("eventsift/web").rglob("*.py"), ROOT / "eventsift/cli/serve_cmd.py"]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
                    n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
                assert not any("token" in n.lower() or n in {"presented", "credentials"} for n in names), \
                    f"{path.name}:{node.lineno} compares a secret with =="
            if isinstance(node, ast.Attribute) and node.attr == "compare_digest":
                used = True
    assert used


@pytest.mark.parametrize("target", [
    "/static/../../../../etc/passwd", "/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2f..%2f..%2fpyproject.toml", "/static/%2e%2e%2fapp.py", "/static//etc/passwd",
    "/static/..\\..\\web\\app.py", "/static/app.js%00.txt", "/static/%252e%252e/app.py",
    "/api/export/..%2f..%2f..%2fetc%2fpasswd", "/api/export/csv/../../../etc/passwd",
    "/api/export/..", "/incidents/..%2f..%2fetc%2fpasswd", "/basemap.geojson/../../pyproject.toml",
    "http://127.0.0.1/static/../../pyproject.toml", "/static/" + "../" * 40 + "etc/passwd",
])
def test_no_request_line_reaches_a_file_outside_the_app(server: Server, target: str) -> None:
    response = get(server.port, target)
    assert status_of(response) in {400, 404, 405, 422}, response[:200]
    assert not any(leak.encode() in response for leak in LEAKS)


@pytest.mark.parametrize("country", ["..", "./", "\\.", "%2e%2e", "SY"])
def test_export_file_names_are_tame_whatever_the_filter(server: Server, country: str) -> None:
    """The download's name carries the filter's country and days, reduced to [A-Za-z0-9._-]."""
    hostile = {"country": country, "admin1": "../../etc/passwd", "q": '"; filename=evil.sh\r\nX-Injected: 1',
               "actor": "\\..\\..\\boot.ini", "date_from": "../../../x"}
    for fmt in ("csv", "geojson", "jsonl"):
        answer = httpx.get(f"{server.url}/api/export/{fmt}", params=hostile)
        assert answer.status_code in {200, 422}
        assert "x-injected" not in answer.headers
        if answer.status_code == 200:
            disposition = answer.headers["content-disposition"]
            name = disposition.removeprefix('attachment; filename="').removesuffix('"')
            assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}", name), disposition


def test_request_bodies_are_bounded_on_the_live_server(server: Server) -> None:
    auth = f"Authorization: Bearer {TOKEN}\r\n"
    declared = raw_request(server.port, (
        "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"{auth}Content-Length: 500000000\r\n\r\n").encode())  # no body follows: refused on the header
    assert status_of(declared) == 413
    chunked = raw_request(server.port, (
        "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"{auth}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode() + b"5\r\n{}{}{\r\n0\r\n\r\n")
    assert status_of(chunked) == 411
    big = b'{"documents": [{"doc_id": "b", "text": "' + b"x" * 5_000 + b'"}]}'
    over = raw_request(server.port, (
        "POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"{auth}Content-Length: {len(big)}\r\nConnection: close\r\n\r\n").encode() + big)
    assert status_of(over) == 413


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(5_000)) + b"\r\n",
    b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(200)),  # a TLS hello
    b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n" + b"{" * 5_000,
    b"GET / HTTP/9.9\r\n\r\n",
    b"\r\n" * 10_000,
])
def test_malformed_requests_get_an_error_and_the_server_goes_on(server: Server, request_bytes: bytes) -> None:
    response = raw_request(server.port, request_bytes)
    assert not response or status_of(response) < 500, response[:200]  # refused or answered, never a crash
    assert httpx.get(f"{server.url}/api/incidents").status_code == 200
    assert "Traceback" not in server.stderr()


def test_foreign_host_names_are_refused(server: Server) -> None:
    """DNS rebinding: a page on evil.example cannot read the API through a renamed host."""
    assert status_of(get(server.port, "/api/incidents", host="evil.example")) == 400
    assert status_of(get(server.port, "/api/incidents", host="localhost")) == 200


@pytest.mark.parametrize("target", ["/", "/api/incidents", "/static/app.js", "/nowhere", "/api/incidents/999999"])
def test_every_live_response_carries_the_security_headers(server: Server, target: str) -> None:
    response = get(server.port, target)
    head = response.partition(b"\r\n\r\n")[0].decode("latin-1").lower()
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:])
    csp = headers["content-security-policy"]
    for rule in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                 "base-uri 'none'"):
        assert rule in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "deny"
    assert headers["referrer-policy"] == "no-referrer"
    assert "server" not in headers  # no version banner


def test_the_browser_xss_test_stays_in_the_suite() -> None:
    """The hostile-page test of the web issue: payloads in every field, run in Chromium."""
    xss = (ROOT / "tests/web/test_web_xss.py").read_text()
    for needle in ("<script>", "onerror=", "javascript:", "window.__xss", "Content-Security-Policy"):
        assert needle in xss
