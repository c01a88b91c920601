"""The view filter shared by the API, the pages, the map, the timeline and exports.

One `ViewFilter` comes from the URL query string (so a view can be shared
as a link) and goes back into it (so export buttons and pager links keep
it). Empty form fields mean "no filter", because an HTML form sends them.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import HTTPException, Query

from eventsift.store import Query as StoreQuery

MAX_TEXT = 200
MAX_PAGE = 100_000
MAX_PER_PAGE = 500

WORD = re.compile(r"\w", re.UNICODE)  # free text needs one (the store searches words)
TextParam = Annotated[str | None, Query(max_length=MAX_TEXT)]


@dataclass(frozen=True)
class ViewFilter:
    """What the user asked to see; every field None means everything."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    event_type: str | None = None
    weapon: str | None = None
    actor: str | None = None  # a part of the actor's name, any case
    certainty: str | None = None
    q: str | None = None  # free text over evidence, places, actors and targets

    def is_empty(self) -> bool:
        return all(value is None for value in asdict(self).values())

    def query_pairs(self) -> list[tuple[str, str]]:
        """The set fields as URL query pairs, in a stable order."""
        pairs = []
        for spec in fields(self):
            value = getattr(self, spec.name)
            if value is not None:
                pairs.append((spec.name, value.isoformat() if isinstance(value, date) else value))
        return pairs

    def query_string(self, **extra: str | int) -> str:
        """The filter (plus e.g. page=2) as a URL query string without '?'."""
        pairs: list[tuple[str, str | int]] = list(self.query_pairs())
        pairs.extend((key, value) for key, value in extra.items())
        return urlencode(pairs)

    def without(self, name: str) -> ViewFilter:
        return replace(self, **{name: None})

    def store_query(self) -> StoreQuery:
        """The same filter as the store's Query (for exports)."""
        return StoreQuery(
            date_from=self.date_from.isoformat() if self.date_from else None,
            date_to=self.date_to.isoformat() if self.date_to else None,
            country=self.country, admin1=self.admin1, event_type=self.event_type,
            weapon=self.weapon, actor=self.actor, certainty=self.certainty, text=self.q,
        )


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def clean_text(value: str | None) -> str | None:
    """Trimmed text, or None for an empty field."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def parse_day(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD query value, None when empty; a clear 422 otherwise."""
    value = clean_text(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} must be a day as YYYY-MM-DD, got {value!r}") from None


async def view_filter(
    date_from: Annotated[str | None, Query(max_length=10, description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2")] = None,
    admin1: TextParam = None,
    event_type: Annotated[str | None, Query(max_length=40, description="ACLED event type")] = None,
    weapon: Annotated[str | None, Query(max_length=20, description="one of the FORMAT.md weapons")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="part of the actor's name")] = None,
    certainty: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="free text")] = None,
) -> ViewFilter:
    """FastAPI dependency: the filter from the query string."""
    country_code = clean_text(country)
    text = clean_text(q)
    if text is not None and not WORD.search(text):
        raise HTTPException(422, f"q must contain a word to search for, got {text!r}")
    return ViewFilter(
        date_from=parse_day("date_from", date_from),
        date_to=parse_day("date_to", date_to),
        country=country_code.upper() if country_code else None,
        admin1=clean_text(admin1),
        event_type=clean_text(event_type),
        weapon=clean_text(weapon),
        actor=clean_text(actor),
        certainty=clean_text(certainty),
        q=text,
    )


async def paging(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> Paging:
    """FastAPI dependency: which page of results."""
    return Paging(page=page, per_page=per_page)
