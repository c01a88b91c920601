"""The shapes of the JSON API's requests and responses (they make /api/openapi.json)."""
from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

MAX_DOCUMENT_CHARS = 1_000_000
MAX_DOCUMENTS_PER_REQUEST = 50


class IncidentSummary(BaseModel):
    id: int
    date: str | None
    date_precision: int | None
    event_type: str | None
    sub_event_type: str | None
    weapons: list[str]
    location_name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int | None
    actor: str | None
    target: str | None
    fatalities: int | None
    injuries: int | None
    certainty: str | None
    n_events: int
    n_sources: int
    confidence: float


class IncidentPage(BaseModel):
    total: int = Field(description="incidents matching the filter")
    page: int
    per_page: int
    items: list[IncidentSummary]


class EventSummary(BaseModel):
    id: int
    doc_key: str
    event_id: str
    incident: int | None = Field(description="the incident it was merged into")
    event_type: str
    sub_event_type: str | None
    date: str | None
    date_precision: int
    weapons: list[str]
    location_name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geonameid: int | None
    geo_precision: int | None
    actor: str | None
    target: str | None
    fatalities: int | None
    injuries: int | None
    certainty: str
    attribution: list[str]


class EventPage(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[EventSummary]


class LaunchSite(BaseModel):
    name: str
    lat: float | None
    lon: float | None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    place_feature: str | None = None


class DocumentInfo(BaseModel):
    doc_id: str | None
    title: str | None
    published: str | None
    outlet: str | None
    source_domain: str | None
    url: str | None = Field(description="only http(s) URLs; never fetched by the app")


class Source(BaseModel):
    event: EventSummary
    document: DocumentInfo
    evidence: list[str]
    launch_locations: list[LaunchSite]


class FieldComparison(BaseModel):
    name: str
    value: Any = Field(description="the incident's headline value")
    values: list[Any] = Field(description="each source's value, in the order of `sources`")
    agreed: bool
    corrected: bool


class IncidentDetail(BaseModel):
    incident: IncidentSummary
    fields: list[FieldComparison]
    sources: list[Source]


class EventDetail(BaseModel):
    event: EventSummary
    document: DocumentInfo
    evidence: list[str]
    launch_locations: list[LaunchSite]


class MapLaunch(BaseModel):
    name: str
    lat: float
    lon: float


class MapIncident(BaseModel):
    id: int
    date: str | None
    event_type: str | None
    place: str | None
    title: str
    lat: float
    lon: float
    fatalities: int | None
    sources: int
    launches: list[MapLaunch]


class MapData(BaseModel):
    total: int = Field(description="located incidents matching the filter")
    shown: int
    incidents: list[MapIncident]


class TimelineBucket(BaseModel):
    start: str
    end: str
    counts: dict[str, int]
    total: int


class Timeline(BaseModel):
    bucket: str = Field(description="day, week or month")
    types: list[str]
    total: int
    buckets: list[TimelineBucket]


class FilterChoices(BaseModel):
    countries: list[str]
    admin1: list[str]
    event_types: list[str]
    weapons: list[str]
    certainties: list[str]


class DocumentIn(BaseModel):
    doc_id: str = Field(min_length=1, max_length=2_000, description="file name, URL or id")
    text: str = Field(min_length=1, max_length=MAX_DOCUMENT_CHARS, description="the report's text")
    title: str | None = Field(default=None, max_length=2_000)
    published: date | None = None
    url: str | None = Field(default=None, max_length=2_000)
    outlet: str | None = Field(default=None, max_length=500)


class IngestRequest(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_DOCUMENTS_PER_REQUEST)


class IngestedDocument(BaseModel):
    doc_id: str
    events: int
    status: str = Field(description="stored, unchanged, updated or skipped")
    reason: str | None = None


class IngestResult(BaseModel):
    documents: list[IngestedDocument]
    events: int
