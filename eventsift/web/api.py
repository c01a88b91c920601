"""The JSON API under /api/: incidents, events, map, timeline, exports, ingest.

Reads use a read-only connection per request. The one write endpoint,
POST /api/documents, needs the token configured at start.
"""
from __future__ import annotations

import functools
import sqlite3
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any, Literal, ParamSpec, TypeVar

import anyio.to_thread
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from eventsift.web import exports, ingest, queries
from eventsift.web.filters import Paging, ViewFilter, paging, view_filter
from eventsift.web.incident_view import incident_payload, load_event, load_incident, source_payload
from eventsift.web.schemas import (
    EventPage, FilterChoices, IncidentDetail, IncidentPage, IngestRequest,
    IngestResult, MapData, SourceReport, Timeline,
)
from eventsift.web.security import require_write_token

router = APIRouter(prefix="/api")
MAX_MAP_POINTS = 5_000
NOT_FOUND = {404: {"description": "no such record"}}


async def read_connection(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """FastAPI dependency: a read-only connection for one request.

    Async, so taking and returning a pooled connection costs no trip to a
    worker thread (each trip also waits for a free thread under load).
    """
    pool = request.app.state.read_pool
    conn = pool.acquire()
    try:
        yield conn
    finally:
        pool.release(conn)


Conn = Annotated[sqlite3.Connection, Depends(read_connection)]
Filter = Annotated[ViewFilter, Depends(view_filter)]
Page = Annotated[Paging, Depends(paging)]
RecordId = Annotated[int, Path(ge=1, le=2**63 - 1)]
P = ParamSpec("P")
R = TypeVar("R")


def one_trip(route: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """A sync route run in one worker-thread trip.

    FastAPI runs a sync route in a worker thread and then validates its
    answer against the response model in a second trip; under load each
    trip waits its turn behind every queued request (the threads are capped,
    see eventsift.web.app.default_threads). Declared async, the route is
    validated on the event loop, and its database work takes one trip.
    """
    @functools.wraps(route)
    async def in_worker_thread(*args: P.args, **kwargs: P.kwargs) -> R:
        return await run_in_threadpool(route, *args, **kwargs)

    return in_worker_thread


@router.get("/incidents", response_model=IncidentPage, summary="List incidents")
@one_trip
def list_incidents(conn: Conn, view: Filter, page: Page) -> dict[str, Any]:
    """Incidents (events merged across sources) matching the filter, newest first."""
    return {
        "total": queries.count_incidents(conn, view),
        "page": page.page,
        "per_page": page.per_page,
        "items": queries.list_incidents(conn, view, page),
    }


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, responses=NOT_FOUND,
            summary="One incident with its sources")
@one_trip
def get_incident(conn: Conn, incident_id: RecordId) -> dict[str, Any]:
    """Agreed and conflicting fields, and every source with its evidence."""
    view = load_incident(conn, incident_id)
    if view is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return incident_payload(view)


@router.get("/events", response_model=EventPage, summary="List events")
@one_trip
def list_events(conn: Conn, view: Filter, page: Page) -> dict[str, Any]:
    """Events (one per source and attack) matching the filter, newest first."""
    return {
        "total": queries.count_events(conn, view),
        "page": page.page,
        "per_page": page.per_page,
        "items": queries.list_events(conn, view, page),
    }


@router.get("/events/{event_id}", response_model=SourceReport, responses=NOT_FOUND,
            summary="One event: its record and document")
@one_trip
def get_event(conn: Conn, event_id: RecordId) -> dict[str, Any]:
    source = load_event(conn, event_id)
    if source is None:
        raise HTTPException(404, f"no event {event_id}")
    return source_payload(source)


@router.get("/map", response_model=MapData, summary="Located incidents for the map")
def map_data(conn: Conn, view: Filter,
             limit: Annotated[int, Query(ge=1, le=MAX_MAP_POINTS)] = 1_000) -> JSONResponse:
    """The latest `limit` located incidents matching the filter, with launch sites."""
    rows, more = queries.map_incidents(conn, view, limit)
    # Built by hand (no response validation): this is the app's largest response.
    return JSONResponse({"shown": len(rows), "more": more, "incidents": [map_point(r) for r in rows]})


def map_point(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "date": row["date"], "event_type": row["event_type"],
        "place": row["location_name"], "lat": round(row["lat"], 5), "lon": round(row["lon"], 5),
        "fatalities": row["fatalities"], "sources": row["n_sources"],
        "launches": [{"name": site["name"], "lat": round(site["lat"], 5), "lon": round(site["lon"], 5)}
                     for site in row["launches"]],
    }


@router.get("/timeline", response_model=Timeline, summary="Incidents per day, week or month")
@one_trip
def timeline(conn: Conn, view: Filter) -> dict[str, Any]:
    """Dated incidents matching the filter, counted per bucket and event type."""
    return queries.timeline(conn, view)


@router.get("/filters", response_model=FilterChoices, summary="Values to filter by")
@one_trip
def filter_choices(conn: Conn, country: Annotated[str | None, Query(max_length=2)] = None
                   ) -> dict[str, list[str]]:
    return queries.filter_choices(conn, country.upper() if country else None)


@router.get("/export/{fmt}", summary="Export the filtered incidents or events",
            responses={200: {"content": {"text/csv": {}, "application/geo+json": {},
                                         "application/x-ndjson": {}}}})
def export(request: Request, view: Filter, fmt: exports.ExportFormat,
           what: Literal["incidents", "events"] = "incidents") -> StreamingResponse:
    """Everything matching the filter: CSV in ACLED's columns, GeoJSON, or JSON lines."""
    return exports.export_response(request.app.state.settings.db_path, view, fmt, what)


@router.post("/documents", response_model=IngestResult, dependencies=[Depends(require_write_token)],
             responses={401: {"description": "missing or wrong token"},
                        403: {"description": "writes disabled (no token configured)"},
                        413: {"description": "body too large"}},
             summary="Ingest documents (needs the token)")
async def post_documents(request: Request, body: IngestRequest) -> dict[str, Any]:
    """Extract events from each document, store them and merge them into incidents."""
    # Ingests run one at a time anyway (one writer); queued ones wait on their own limiter,
    # never holding the worker threads that reads need.
    return await anyio.to_thread.run_sync(ingest.ingest_documents, request.app.state, body.documents,
                                          limiter=request.app.state.ingest_limiter)
