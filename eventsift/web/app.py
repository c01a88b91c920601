"""The FastAPI application: settings, middleware, routes and static files.

`create_app(WebSettings(db_path=...))` gives an ASGI app; `eventsift serve`
runs it with uvicorn on 127.0.0.1. The OpenAPI spec is at /api/openapi.json;
the interactive docs pages are off because they load scripts from a CDN.
"""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventsift import __version__
from eventsift.web import api, pages
from eventsift.web.basemap import basemap_bytes
from eventsift.web.database import ReadPool
from eventsift.web.ingest import Extractor, Ingestor
from eventsift.web.security import (
    DEFAULT_MAX_BODY_BYTES, BodySizeLimitMiddleware, SecurityHeadersMiddleware,
    content_security_policy,
)

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def default_threads() -> int:
    """Worker threads for sync routes: 2 per core and 4 more (8 on 2 cores).

    anyio's default is 40 whatever the machine; on 2 cores, 40 requests
    sharing the GIL made each slow and the slowest wait seconds (read p99
    3.9 s with 50 clients; docs/reliability.md). Requests beyond the cap
    wait their turn in order instead.
    """
    return 2 * (os.cpu_count() or 1) + 4


@dataclass(frozen=True)
class WebSettings:
    """What the app is started with; nothing else is read from the environment."""

    db_path: Path
    token: str | None = None  # None: write endpoints are disabled
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    tile_url: str | None = None  # an https tile template, e.g. OpenStreetMap's; None: offline
    tile_attribution: str = ""
    allowed_hosts: tuple[str, ...] = field(default=LOOPBACK_HOSTS)
    threads: int = field(default_factory=default_threads)  # requests handled at once in worker threads


def static_folder() -> Path:
    return Path(str(resources.files("eventsift.web").joinpath("static")))


def create_app(settings: WebSettings, extractor: Extractor | None = None) -> FastAPI:
    """The app serving `settings.db_path`; `extractor` replaces the pipeline (tests)."""
    read_pool = ReadPool(settings.db_path)
    ingestor = Ingestor(settings.db_path, extractor)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        read_pool.close()
        ingestor.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventsift",
        version=__version__,
        description="Incidents of armed attacks, coded and evidenced from news reports.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.read_pool = read_pool
    app.state.ingestor = ingestor
    app.state.ingest_limiter = anyio.CapacityLimiter(1)  # posts wait here, not in the read threads
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/basemap.geojson", basemap_route, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=static_folder()), name="static")
    _add_error_pages(app)
    app.add_middleware(GZipMiddleware, minimum_size=1_000, compresslevel=5)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeadersMiddleware, csp=content_security_policy(settings.tile_url))
    return app


def basemap_route(request: Request) -> Response:
    """The offline country outlines, sent gzipped when the client accepts it."""
    gzipped = "gzip" in request.headers.get("accept-encoding", "")
    headers = {"cache-control": "public, max-age=86400", "vary": "Accept-Encoding"}
    if gzipped:
        headers["content-encoding"] = "gzip"
    return Response(basemap_bytes(gzipped), media_type="application/geo+json", headers=headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _add_error_pages(app: FastAPI) -> None:
    """Errors as a small HTML page for browsers, JSON for everyone else."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request):
            return pages.templates.TemplateResponse(
                request, "error.html", {"status": exc.status_code, "detail": str(exc.detail)},
                status_code=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()]
        if _wants_html(request):
            return pages.templates.TemplateResponse(
                request, "error.html", {"status": 422, "detail": "; ".join(problems)}, status_code=422)
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
