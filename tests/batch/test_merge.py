"""Merging a run's events into incidents: eventsift.incidents' rules, blocked by place and day."""
from __future__ import annotations

from eventsift.batch.merge import StoredEvent, merge_events, merge_order
from eventsift.records import Event, Place

MOSUL = Place("Mosul", 36.34, 43.12, "IQ", "Nineveh", 99072, 1, "city")
NEAR_MOSUL = Place("Bartella", 36.35, 43.38, "IQ", "Nineveh", None, 1, "town")  # ~23 km east
BASRA = Place("Basra", 30.51, 47.78, "IQ", "Basra", 99532, 1, "city")


def stored(doc: str, place: Place | None, day: str | None, n: int = 1, domain: str | None = None,
           event_type: str = "Explosions/Remote violence") -> StoredEvent:
    event = Event(
        doc=doc, event_id=f"{doc}-{n}", event_type=event_type, sub_event_type="Shelling/artillery/missile attack",
        date=day, weapons=("rocket",), location=place, target="market", fatalities=2,
        evidence=(f"A rocket attack hit a market in {place.name if place else 'the city'}, killing two.",),
        published=day,
    )
    return StoredEvent(event, doc, domain or f"{doc}.example.org")


def incident_of(result, doc: str, n: int = 1) -> int:  # type: ignore[no-untyped-def]
    return next(m["incident"] for m in result.members if m["event_id"] == f"{doc}-{n}")


def test_two_reports_of_one_attack_become_one_incident() -> None:
    result = merge_events([stored("a", MOSUL, "2024-03-04"), stored("b", MOSUL, "2024-03-04")])
    assert incident_of(result, "a") == incident_of(result, "b")
    assert len(result.incidents) == 1
    assert result.incidents[0]["n_events"] == 2 and result.incidents[0]["n_sources"] == 2
    assert result.incidents[0]["location_name"] == "Mosul"


def test_events_far_apart_in_place_or_time_stay_apart() -> None:
    result = merge_events([
        stored("a", MOSUL, "2024-03-04"), stored("b", BASRA, "2024-03-04"), stored("c", MOSUL, "2024-05-20"),
    ])
    assert len({incident_of(result, d) for d in "abc"}) == 3


def test_exact_places_23_km_apart_stay_apart() -> None:
    result = merge_events([stored("a", MOSUL, "2024-03-04"), stored("b", NEAR_MOSUL, "2024-03-04")])
    assert incident_of(result, "a") != incident_of(result, "b")  # 23 km > 15 km for two exact places


def test_two_events_of_one_document_never_merge() -> None:
    result = merge_events([stored("a", MOSUL, "2024-03-04", 1), stored("a", MOSUL, "2024-03-04", 2)])
    assert incident_of(result, "a", 1) != incident_of(result, "a", 2)


def test_adjacent_days_give_a_candidate_link_not_a_merge() -> None:
    result = merge_events([stored("a", MOSUL, "2024-03-04"), stored("b", MOSUL, "2024-03-05")])
    assert incident_of(result, "a") != incident_of(result, "b")
    assert [link["reason"] for link in result.links] == ["adjacent_day"]


def test_outcome_does_not_depend_on_input_order() -> None:
    events = [stored(d, MOSUL if i % 2 else BASRA, f"2024-03-0{1 + i % 3}") for i, d in enumerate("abcdefgh")]
    forward = merge_events(events)
    backward = merge_events(list(reversed(events)))
    assert forward.members == backward.members
    assert [s.doc_key for s in merge_order(events)] == [s.doc_key for s in merge_order(events[::-1])]


def test_events_without_a_place_are_their_own_incidents() -> None:
    result = merge_events([stored("a", None, "2024-03-04"), stored("b", None, "2024-03-04")])
    assert len(result.incidents) == 2
