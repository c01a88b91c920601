"""Storing documents: new, unchanged, updated; one transaction each."""
from __future__ import annotations

from datetime import date

import pytest

from eventsift.errors import StoreError
from eventsift.store import Query, Store

from store_factories import make_doc, make_event


def test_new_then_unchanged(store: Store) -> None:
    doc = make_doc("a.txt", url="https://a.com/1")
    assert not store.has_document(doc)
    assert store.add_document(doc, [make_event("a.txt")]) == "new"
    assert store.has_document(doc)
    assert store.add_document(doc, [make_event("a.txt")]) == "unchanged"
    assert store.counts()["events"] == 1
    assert store.counts()["incidents"] == 1


def test_same_url_under_another_name_with_same_content_is_unchanged(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="Same words."), [make_event("a.txt")])
    copy = make_doc("copy-of-a.txt", text="Same words.")
    assert store.has_document(copy)
    assert store.add_document(copy, [make_event("copy-of-a.txt")]) == "unchanged"
    assert store.counts()["documents"] == 1


def test_updated_page_replaces_its_events(store: Store) -> None:
    url = "https://a.com/story"
    store.add_document(make_doc("a.txt", text="first version", url=url), [make_event("a.txt", fatalities=2)])
    changed = make_doc("a.txt", text="second version", url=url)
    assert not store.has_document(changed)
    result = store.add_document(changed, [make_event("a.txt", fatalities=4), make_event("a.txt", 2, date="2024-09-20")])
    assert result == "updated"
    events = store.events(Query(sort="id", descending=False)).items
    assert [e.event.fatalities for e in events] == [4, None]
    assert store.counts()["documents"] == 1
    row = store._conn.execute("SELECT version, ingested_at FROM documents").fetchone()
    assert row[0] == 2


def test_update_recomputes_the_incidents_it_left(store: Store) -> None:
    store.add_document(make_doc("a.txt", text="v1", url="https://a.com/1"), [make_event("a.txt", fatalities=2)])
    store.add_document(make_doc("b.txt", url="https://b.com/1"), [make_event("b.txt", fatalities=2)])
    assert store.counts()["incidents"] == 1
    # the new version of a.txt tells of another day: it leaves the incident
    store.add_document(make_doc("a.txt", text="v2", url="https://a.com/1"),
                       [make_event("a.txt", date="2024-09-01", fatalities=9)])
    incidents = store.incidents(Query(sort="id", descending=False)).items
    assert [(i.n_events, i.n_sources, i.fatalities) for i in incidents] == [(1, 1, 2), (1, 1, 9)]


def test_duplicate_event_ids_store_nothing(store: Store) -> None:
    doc = make_doc("a.txt")
    with pytest.raises(StoreError, match="share the id"):
        store.add_document(doc, [make_event("a.txt"), make_event("a.txt")])
    assert store.counts() == {"documents": 0, "events": 0, "incidents": 0, "candidate_links": 0, "corrections": 0}
    assert not store.has_document(doc)


def test_failure_midway_rolls_back_the_whole_document(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventsift.store import membership

    def broken(*_args: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(membership, "assign_event", broken)
    with pytest.raises(RuntimeError):
        store.add_document(make_doc("a.txt"), [make_event("a.txt")])
    assert store.counts()["documents"] == 0
    assert store.integrity_check() == "ok"


def test_document_without_events_is_stored(store: Store) -> None:
    assert store.add_document(make_doc("calm.txt", published=None), []) == "new"
    assert store.counts()["documents"] == 1
    assert store.counts()["incidents"] == 0


def test_stored_event_round_trips(store: Store) -> None:
    from store_factories import ASAD, OMAR

    original = make_event("a.txt", launch_locations=(ASAD,), attribution=("a Syrian field source",),
                          actor="Islamic Resistance in Iraq", injuries=2, extras={"casualties_reported": True})
    store.add_document(make_doc("a.txt", published=date(2024, 10, 2)), [original])
    stored = store.event("a.txt#1")
    assert stored is not None
    assert stored.event == original.__class__(**{**original.__dict__, "published": "2024-10-02"})
    assert stored.event.extras == {"casualties_reported": True}
    assert stored.event.location == OMAR


def test_event_lookup_by_event_id_or_row_id(store: Store) -> None:
    store.add_document(make_doc("a.txt"), [make_event("a.txt")])
    store.add_document(make_doc("b.txt", text="other"), [make_event("b.txt", event_id="shared")])
    store.add_document(make_doc("c.txt", text="third"), [make_event("c.txt", event_id="shared")])
    found = store.event("a.txt#1")
    assert found is not None and store.event(found.id) == found and store.event(str(found.id)) == found
    assert store.event("nothing") is None
    with pytest.raises(StoreError, match="several documents"):
        store.event("shared")
