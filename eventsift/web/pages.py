"""The server-rendered pages: the incidents view, one incident, one event.

Templates autoescape everything; scraped text is never marked safe. The
map and timeline are drawn by static/app.js from the JSON API, using the
same filter, which lives in the URL.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from eventsift.records import CERTAINTIES, EVENT_TYPES, WEAPONS
from eventsift.web import queries
from eventsift.web.api import Conn, Filter, Page, RecordId
from eventsift.web.filters import ViewFilter
from eventsift.web.incident_view import load_event, load_incident

router = APIRouter(include_in_schema=False)


def type_class(event_type: str | None) -> str:
    """A CSS class for an event type's colour: 'type-explosions-remote-violence'."""
    return "type-" + re.sub(r"[^a-z0-9]+", "-", (event_type or "other").lower()).strip("-")


def css_word(value: Any) -> str:
    """A value made safe as part of a CSS class name."""
    return re.sub(r"[^a-z0-9]+", "-", str(value or "unknown").lower()).strip("-") or "unknown"


def show_value(value: Any) -> str:
    """A field value as text for a table cell (the template escapes it)."""
    if value is None or value == [] or value == "":
        return "-"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)


def template_environment() -> Environment:
    """Jinja2 with autoescaping on for every template, whatever its name."""
    folder = Path(str(resources.files("eventsift.web").joinpath("templates")))
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["type_class"] = type_class
    env.filters["show"] = show_value
    env.filters["css_word"] = css_word
    return env


templates = Jinja2Templates(env=template_environment())


def choices(conn: Any, view: ViewFilter) -> dict[str, list[str]]:
    """Drop-down values: the stored ones, plus the vocabulary and the current selection."""
    stored = queries.filter_choices(conn, view.country)
    merged = {
        "countries": stored["countries"],
        "admin1": stored["admin1"],
        "event_types": sorted(set(stored["event_types"]) | set(EVENT_TYPES)),
        "weapons": sorted(set(stored["weapons"]) | set(WEAPONS)),
        "certainties": [c for c in CERTAINTIES] + [c for c in stored["certainties"] if c not in CERTAINTIES],
    }
    for key, value in (("countries", view.country), ("admin1", view.admin1),
                       ("event_types", view.event_type), ("weapons", view.weapon)):
        if value and value not in merged[key]:
            merged[key] = [value, *merged[key]]
    return merged


@router.get("/", response_class=HTMLResponse)
def incidents_page(request: Request, conn: Conn, view: Filter, page: Page,
                   size: Annotated[str, Query(pattern="^(sources|fatalities)$")] = "sources"
                   ) -> HTMLResponse:
    total = queries.count_incidents(conn, view)
    settings = request.app.state.settings
    return templates.TemplateResponse(request, "incidents.html", {
        "view": view,
        "page": page,
        "size": size,
        "total": total,
        "last_page": max(1, -(-total // page.per_page)),
        "incidents": queries.list_incidents(conn, view, page),
        "choices": choices(conn, view),
        "query": view.query_string(),
        "tile_url": settings.tile_url,
        "tile_attribution": settings.tile_attribution,
    })


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, conn: Conn, incident_id: RecordId) -> HTMLResponse:
    view = load_incident(conn, incident_id)
    if view is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return templates.TemplateResponse(request, "incident.html", {"view": view})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, conn: Conn, event_id: RecordId) -> HTMLResponse:
    source = load_event(conn, event_id)
    if source is None:
        raise HTTPException(404, f"no event {event_id}")
    return templates.TemplateResponse(request, "event.html", {"source": source})


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, conn: Conn, view: Filter, page: Page) -> HTMLResponse:
    total = queries.count_events(conn, view)
    return templates.TemplateResponse(request, "events.html", {
        "view": view,
        "page": page,
        "total": total,
        "last_page": max(1, -(-total // page.per_page)),
        "events": queries.list_events(conn, view, page),
        "choices": choices(conn, view),
        "query": view.query_string(),
    })
