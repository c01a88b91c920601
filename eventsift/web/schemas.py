"""The shapes of the JSON API's requests and responses (they make /api/openapi.json)."""
from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field, model_validator

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


class DocumentInfo(BaseModel):
    doc_id: str | None
    title: str | None
    published: str | None
    outlet: str | None
    source_domain: str | None
    url: str | None = Field(description="only http(s) URLs; never fetched by the app")


class SourceReport(BaseModel):
    """One event as one document reports it."""

    id: int = Field(description="the event's row id")
    incident: int
    record: dict[str, Any] = Field(description="the event record of FORMAT.md (extract's JSON lines)")
    document: DocumentInfo


class ValueSupport(BaseModel):
    value: Any
    sources: list[str] = Field(description="source domains reporting this value")
    events: list[int]


class CandidateInfo(BaseModel):
    event: int
    other_event: int
    other_incident: int
    reason: str
    score: float


class CorrectionInfo(BaseModel):
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    made_by: str
    made_at: str


class IncidentDetail(BaseModel):
    incident: IncidentSummary
    agreed: dict[str, Any] = Field(description="fields every reporting source agrees on")
    conflicts: dict[str, list[ValueSupport]] = Field(description="fields with differing values")
    sources: list[SourceReport]
    candidates: list[CandidateInfo] = Field(description="events elsewhere that may be this attack")
    corrections: list[CorrectionInfo]


class MapLaunch(BaseModel):
    name: str
    lat: float
    lon: float


class MapIncident(BaseModel):
    id: int
    date: str | None
    event_type: str | None
    place: str | None
    lat: float
    lon: float
    fatalities: int | None
    sources: int
    launches: list[MapLaunch]


class MapData(BaseModel):
    shown: int
    more: bool = Field(description="more located incidents match than were sent (raise `limit`)")
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
    """One report: its text or its HTML page (exactly one), and what is known about it."""

    doc_id: str = Field(min_length=1, max_length=2_000, description="file name, URL or id")
    text: str | None = Field(default=None, max_length=MAX_DOCUMENT_CHARS,
                             description="the report as plain text")
    html: str | None = Field(default=None, max_length=MAX_DOCUMENT_CHARS,
                             description="the report as an HTML page (its article is extracted)")
    title: str | None = Field(default=None, max_length=2_000)
    published: date | None = Field(default=None, description="publication day; dates are read against it")
    url: str | None = Field(default=None, max_length=2_000)

    @model_validator(mode="after")
    def one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


class IngestRequest(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_DOCUMENTS_PER_REQUEST)


class IngestedDocument(BaseModel):
    doc_id: str
    events: int
    status: str = Field(description="new, updated, unchanged (already stored), skipped (not "
                                    "readable as a report, see reason) or failed (not stored)")
    reason: str | None = None


class IngestResult(BaseModel):
    documents: list[IngestedDocument]
    events: int
