"""Events for the merging tests, built the way the store builds merge profiles."""
from __future__ import annotations

from typing import Any

from eventsift.incidents import Member, MergeProfile, profile_of
from eventsift.records import Event, Place

OMAR = Place(name="Al-Omar oil field", lat=35.08, lon=40.55, country="SY", admin1="Deir ez-Zor", precision=1)
DEIR_CITY = Place(name="Deir ez-Zor", lat=35.336, lon=40.14, country="SY", admin1="Deir ez-Zor", precision=2)
DEIR_PROVINCE = Place(name="Deir ez-Zor Governorate", lat=35.0, lon=40.5, country="SY", admin1="Deir ez-Zor",
                      precision=3)
ASAD = Place(name="Ain al-Asad air base", lat=33.80, lon=42.44, country="IQ", admin1="Al Anbar", precision=1)


def event(doc: str, n: int = 1, **fields: Any) -> Event:
    base: dict[str, Any] = dict(
        doc=doc, event_id=f"{doc}#{n}", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", date="2024-10-01", weapons=("drone",), location=OMAR,
        target="US forces", evidence=("Drones targeted US forces at the Al-Omar oil field in eastern Syria.",),
    )
    base.update(fields)
    return Event(**base)


def profile(doc: str, n: int = 1, row: int = 0, incident: int | None = None, **fields: Any) -> MergeProfile:
    return profile_of(event(doc, n, **fields), doc, row_id=row or hash((doc, n)) % 10_000, incident=incident)


def member(doc: str, domain: str, row: int, **fields: Any) -> Member:
    return Member(row, event(doc, **fields), doc, domain)
