"""Filtered, sorted, paged reads of events and incidents."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsift.errors import StoreError
from eventsift.store import Query, Store
from eventsift.store.queries import fts_query

from store_factories import fixed_clock


@pytest.fixture
def filled(tmp_path: Path, populate: Callable[[Path], None]) -> Store:
    path = tmp_path / "q.db"
    populate(path)
    return Store(path, clock=fixed_clock, readonly=True)


def ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(e.event.doc for e in page.items)


def test_filters_on_events(filled: Store) -> None:
    assert ids(filled.events(Query(country="iq"))) == ["e.txt"]
    assert ids(filled.events(Query(admin1="deir ez-zor"))) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert ids(filled.events(Query(date_from="2024-10-02"))) == ["d.txt"]
    assert ids(filled.events(Query(date_to="2024-10-01", weapon="missile"))) == ["b.txt"]
    assert ids(filled.events(Query(sub_event_type="Shelling/artillery/missile attack"))) == ["e.txt"]
    assert ids(filled.events(Query(certainty="confirmed"))) == ["c.txt"]
    assert ids(filled.events(Query(target="iraqi"))) == ["e.txt"]
    assert ids(filled.events(Query(text="rockets"))) == ["e.txt"]
    assert ids(filled.events(Query(text="rocket ain"))) == ["e.txt"]
    assert ids(filled.events(Query(text="rock*"))) == ["e.txt"]
    assert ids(filled.events(Query(doc="https://beta.org/x"))) == ["b.txt"]
    assert ids(filled.events(Query(doc="b.txt"))) == ["b.txt"]


def test_filters_on_incidents(filled: Store) -> None:
    everything = filled.incidents(Query())
    assert everything.total == 3
    assert [i.n_sources for i in filled.incidents(Query(min_sources=2)).items] == [3]
    assert filled.incidents(Query(weapon="missile")).total == 1
    assert filled.incidents(Query(text="rockets")).items[0].location.country == "IQ"
    assert filled.incidents(Query(min_confidence=0.9)).total == 1


def test_sorting_and_paging(filled: Store) -> None:
    first = filled.events(Query(sort="fatalities", limit=2))
    assert [e.event.fatalities for e in first.items] == [5, 3]
    assert first.total == 5
    rest = filled.events(Query(sort="fatalities", limit=2, offset=2))
    assert [e.event.fatalities for e in rest.items] == [3, None]
    ascending = filled.events(Query(sort="date", descending=False))
    assert ascending.items[-1].event.date == "2024-10-02"
    with pytest.raises(StoreError, match="cannot sort"):
        filled.events(Query(sort="n_sources"))


def test_events_of_one_incident(filled: Store) -> None:
    big = filled.incidents(Query(sort="n_events", limit=1)).items[0]
    assert ids(filled.events(Query(incident=big.id))) == ["a.txt", "b.txt", "c.txt"]


def test_distinct_values(filled: Store) -> None:
    assert filled.distinct_values("country") == ["IQ", "SY"]
    assert filled.distinct_values("weapon") == ["drone", "missile", "rocket"]
    with pytest.raises(StoreError):
        filled.distinct_values("text")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_search_text_is_safe(text: str) -> None:
    try:
        query = fts_query(text)
    except StoreError:
        return
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(s)")
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()


def test_query_plans_use_indexes(filled: Store) -> None:
    conn = filled._conn
    plans = {
        "country": "SELECT id FROM events e WHERE e.country = 'SY' AND e.admin1 = 'x'",
        "date": "SELECT id FROM incidents i WHERE i.date >= '2024-01-01'",
        "weapon": "SELECT event FROM event_weapons WHERE weapon = 'drone'",
    }
    for name, sql in plans.items():
        plan = " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert plan.startswith("SEARCH"), (name, plan)
