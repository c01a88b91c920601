"""Hand-made documents and events for the store tests (no NLP involved)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from eventsift.records import Document, Event, Place

OMAR = Place(name="Al-Omar oil field", lat=35.08, lon=40.55, country="SY", admin1="Deir ez-Zor",
             precision=1, feature="facility")
ASAD = Place(name="Ain al-Asad air base", lat=33.80, lon=42.44, country="IQ", admin1="Al Anbar",
             precision=1, feature="facility")


def fixed_clock() -> datetime:
    return datetime(2024, 10, 5, 12, 0, tzinfo=timezone.utc)


def make_doc(name: str, text: str = "", url: str | None = None, published: date | None = date(2024, 10, 2),
             outlet: str | None = None) -> Document:
    return Document(doc_id=name, text=text or f"Report {name}.", url=url, published=published, outlet=outlet)


def make_event(doc: str, n: int = 1, **fields: Any) -> Event:
    base: dict[str, Any] = dict(
        doc=doc, event_id=f"{doc}#{n}", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", date="2024-10-01", date_precision=1, weapons=("drone",),
        location=OMAR, target="US forces", certainty="reported",
        evidence=(f"A drone attack targeted US forces at the Al-Omar oil field ({doc}).",),
    )
    base.update(fields)
    return Event(**base)
