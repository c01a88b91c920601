"""Analyst actions and their survival across re-ingestion."""
from __future__ import annotations

import pytest

from eventsift.errors import StoreError
from eventsift.records import Event
from eventsift.store import Query, Store, parse_value

from store_factories import ASAD, make_doc, make_event

URL_A, URL_B, URL_C = "https://a.com/1", "https://b.com/1", "https://c.com/1"


def incident_of(store: Store, event_ref: str) -> int:
    stored = store.event(event_ref)
    assert stored is not None
    return stored.incident


def two_apart(store: Store) -> tuple[int, int]:
    """Two reports a day apart: automatic merging keeps them in two incidents."""
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [make_event("a.txt")])
    store.add_document(make_doc("b.txt", url=URL_B), [make_event("b.txt", date="2024-10-02")])
    first, second = incident_of(store, "a.txt#1"), incident_of(store, "b.txt#1")
    assert first != second
    return first, second


def test_merge_keeps_the_older_incident_and_records_who(store: Store) -> None:
    first, second = two_apart(store)
    assert store.merge_incidents(second, first, by="ana") == first
    assert incident_of(store, "b.txt#1") == first
    assert store.incident(second) is None
    head = store.incident(first)
    assert head is not None and head.n_sources == 2
    [correction] = store.corrections()
    assert (correction.action, correction.made_by, correction.made_at) == ("merge", "ana", "2024-10-05T12:00:00+00:00")
    detail = store.incident_detail(first)
    assert detail is not None
    assert [v.value for v in detail.conflicts["date"]] == ["2024-10-01", "2024-10-02"]
    assert detail.candidates == ()


def test_merge_survives_reingestion_of_a_changed_page(store: Store) -> None:
    first, second = two_apart(store)
    store.merge_incidents(first, second, by="ana")
    assert store.add_document(make_doc("a.txt", text="v2", url=URL_A), [make_event("a.txt", fatalities=7)]) == "updated"
    assert incident_of(store, "a.txt#1") == incident_of(store, "b.txt#1")
    assert store.counts()["incidents"] == 1


def test_split_survives_reingestion(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [make_event("a.txt")])
    store.add_document(make_doc("b.txt", url=URL_B), [make_event("b.txt")])
    assert incident_of(store, "a.txt#1") == incident_of(store, "b.txt#1")
    new = store.split_event("b.txt#1", by="ana")
    assert incident_of(store, "b.txt#1") == new
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [make_event("a.txt")])
    assert incident_of(store, "a.txt#1") != incident_of(store, "b.txt#1")
    with pytest.raises(StoreError, match="already alone"):
        store.split_event("b.txt#1")
    # a third outlet still merges with one of them, never with both
    store.add_document(make_doc("c.txt", url=URL_C), [make_event("c.txt")])
    assert incident_of(store, "c.txt#1") in {incident_of(store, "a.txt#1"), incident_of(store, "b.txt#1")}
    assert incident_of(store, "a.txt#1") != incident_of(store, "b.txt#1")


def test_merge_after_split_wins(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [make_event("a.txt")])
    store.add_document(make_doc("b.txt", url=URL_B), [make_event("b.txt")])
    new = store.split_event("b.txt#1")
    store.merge_incidents(incident_of(store, "a.txt#1"), new)
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [make_event("a.txt")])
    assert incident_of(store, "a.txt#1") == incident_of(store, "b.txt#1")


def test_event_correction_survives_reingestion(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [make_event("a.txt", fatalities=3)])
    store.correct_event("a.txt#1", "fatalities", 4, by="ana")
    store.correct_event("a.txt#1", "weapons", ["missile"], by="ana")
    [fatal, weapons] = store.corrections()
    assert (fatal.field, fatal.old_value, fatal.new_value) == ("fatalities", 3, 4)
    assert (weapons.old_value, weapons.new_value) == (["drone"], ["missile"])
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [make_event("a.txt", fatalities=30)])
    stored = store.event("a.txt#1")
    assert stored is not None
    assert (stored.event.fatalities, stored.event.weapons) == (4, ("missile",))
    assert store.events(Query(weapon="missile")).total == 1
    assert store.events(Query(weapon="drone")).total == 0
    head = store.incident(stored.incident)
    assert head is not None and head.fatalities == 4


def test_incident_correction_survives_recomputation_and_reingestion(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [make_event("a.txt", fatalities=3)])
    incident = incident_of(store, "a.txt#1")
    store.correct_incident(incident, "fatalities", 11, by="ana")
    store.add_document(make_doc("b.txt", url=URL_B), [make_event("b.txt", fatalities=3)])
    head = store.incident(incident)
    assert head is not None and (head.fatalities, head.n_sources, head.corrected) == (11, 2, ("fatalities",))
    # the only other source's page changes; a.txt's too: the correction follows its events
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [make_event("a.txt", fatalities=2)])
    head = store.incident(incident_of(store, "a.txt#1"))
    assert head is not None and head.fatalities == 11


def test_correcting_a_place_moves_its_blocking_box(store: Store) -> None:
    store.add_document(make_doc("a.txt"), [make_event("a.txt")])
    store.correct_event("a.txt#1", "lat", ASAD.lat)
    store.correct_event("a.txt#1", "lon", ASAD.lon)
    store.correct_event("a.txt#1", "country", "IQ")
    store.add_document(make_doc("b.txt"), [make_event("b.txt", location=ASAD)])
    assert incident_of(store, "a.txt#1") == incident_of(store, "b.txt#1")


@pytest.mark.parametrize(("field", "text", "value"), [
    ("fatalities", "12", 12), ("fatalities", "null", None), ("weapons", "drone, missile", ["drone", "missile"]),
    ("date", "2024-10-01", "2024-10-01"), ("country", "sy", "SY"), ("certainty", "confirmed", "confirmed"),
    ("lat", "35.5", 35.5), ("actor", "Hezbollah", "Hezbollah"),
])
def test_parse_value(field: str, text: str, value: object) -> None:
    assert parse_value(field, text) == value


@pytest.mark.parametrize(("field", "text"), [
    ("fatalities", "-1"), ("fatalities", "many"), ("weapons", "laser"), ("date", "yesterday"),
    ("country", "Syria"), ("certainty", "sure"), ("lat", "95"), ("event_id", "x"), ("date_precision", "4"),
])
def test_parse_value_refuses(field: str, text: str) -> None:
    with pytest.raises(StoreError):
        parse_value(field, text)


def test_unknown_field_never_reaches_sql(store: Store) -> None:
    store.add_document(make_doc("a.txt"), [make_event("a.txt")])
    with pytest.raises(StoreError, match="cannot correct"):
        store.correct_event("a.txt#1", "id = 0; --", 1)
    with pytest.raises(StoreError, match="no event"):
        store.correct_event("nope", "fatalities", 1)


def versioned(doc: str, version: str, n: int = 1, **fields: object) -> Event:
    """An event whose id changes with the page's content, as the pipeline's ids do."""
    return make_event(doc, n, event_id=f"{version}-{n}", **fields)


def test_corrections_follow_events_whose_ids_change_with_the_content(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [versioned("a.txt", "v1", fatalities=3)])
    store.add_document(make_doc("b.txt", url=URL_B), [make_event("b.txt")])
    store.correct_event("v1-1", "fatalities", 4, by="ana")
    store.split_event("b.txt#1", by="ana")
    # the page changes: a new first event, and the corrected one is now second, with new ids
    quay = ASAD
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [
        versioned("a.txt", "v2", 1, location=quay, evidence=("Rockets hit Ain al-Asad air base.",)),
        versioned("a.txt", "v2", 2, fatalities=30),
    ])
    moved = store.event("v2-2")
    assert moved is not None and moved.event.fatalities == 4
    assert moved.incident != incident_of(store, "b.txt#1")
    unrelated = store.event("v2-1")
    assert unrelated is not None and unrelated.event.fatalities is None
    keys = {c.event_key for c in store.corrections()}
    assert f"{URL_A} v2-2" in keys and not any(k.endswith("v1-1") for k in keys if k)


def test_an_event_gone_from_the_page_keeps_its_correction_in_the_history(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [versioned("a.txt", "v1")])
    store.correct_event("v1-1", "actor", "Someone", by="ana")
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [])
    assert store.counts()["events"] == 0
    [kept] = store.corrections()
    assert (kept.field, kept.new_value) == ("actor", "Someone")


def test_merge_and_incident_correction_follow_changing_ids(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url=URL_A), [versioned("a.txt", "v1")])
    store.add_document(make_doc("b.txt", url=URL_B), [make_event("b.txt", date="2024-10-02")])
    kept = store.merge_incidents(incident_of(store, "v1-1"), incident_of(store, "b.txt#1"))
    store.correct_incident(kept, "fatalities", 9)
    store.add_document(make_doc("a.txt", text="v2", url=URL_A), [versioned("a.txt", "v2")])
    assert incident_of(store, "v2-1") == incident_of(store, "b.txt#1")
    head = store.incident(incident_of(store, "v2-1"))
    assert head is not None and head.fatalities == 9 and head.n_sources == 2
