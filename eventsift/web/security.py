"""The web app's defences: security headers, a request body limit, the write token.

Everything the app shows comes from scraped pages and is treated as hostile.
These layers make a mistake elsewhere harder to exploit: a strict
Content-Security-Policy (no inline script, nothing from other origins), a
cap on request bodies, and a token, compared in constant time, before any
write. With no token configured, writes are disabled.
"""
from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024


def content_security_policy(tile_url: str | None = None) -> str:
    """The CSP for every response; `tile_url`'s origin is allowed for images only."""
    images = "'self' data:"
    origin = tile_origin(tile_url)
    if origin:
        images += f" {origin}"
    return "; ".join((
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {images}",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


def tile_origin(tile_url: str | None) -> str | None:
    """scheme://host[:port] of an https tile URL template; None for anything else."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if parts.scheme != "https" or not parts.hostname:
        return None
    host = parts.hostname.replace("a.", "*.", 1) if "{s}" in tile_url else parts.hostname
    return f"https://{host}" + (f":{parts.port}" if parts.port else "")


def security_headers(csp: str) -> list[tuple[bytes, bytes]]:
    """The headers added to every response."""
    headers = {
        "content-security-policy": csp,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    return [(name.encode(), value.encode()) for name, value in headers.items()]


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response (pure ASGI, no buffering)."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = security_headers(csp)
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuses request bodies over `max_bytes` with 413, by header and by count."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope["headers"])
        if declared is not None and declared > self.max_bytes:
            await _send_too_large(send, self.max_bytes)
            return
        if declared is None and scope["method"] in {"POST", "PUT", "PATCH"}:
            await _send_error(send, 411, "send a Content-Length header with the body")
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await _send_too_large(send, self.max_bytes)


class BodyTooLarge(Exception):
    """A streamed request body passed the limit."""


def _content_length(headers: Iterable[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_too_large(send: Send, max_bytes: int) -> None:
    await _send_error(send, 413, f"request body over {max_bytes} bytes")


async def _send_error(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


def token_matches(configured: str | None, presented: str | None) -> bool:
    """True only when a token is configured and `presented` equals it (constant time)."""
    if not configured or presented is None:
        return False
    return hmac.compare_digest(configured.encode("utf-8"), presented.encode("utf-8"))


bearer_scheme = HTTPBearer(auto_error=False, description="the token given to `eventsift serve --token`")


def require_write_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
) -> None:
    """FastAPI dependency guarding write endpoints (declared in the OpenAPI spec)."""
    configured: str | None = request.app.state.settings.token
    if not configured:
        raise HTTPException(403, "writes are disabled: start the server with --token "
                                 "or EVENTSIFT_TOKEN to enable them")
    presented = credentials.credentials if credentials else None
    if not token_matches(configured, presented):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})
