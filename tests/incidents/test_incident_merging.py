"""Merging through the store: incidents from several outlets, blocking, invariants."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsift.records import Document, Place
from eventsift.store import Query, Store
from eventsift.store.membership import _neighbour_ids, load_profile

from incident_factories import ASAD, OMAR, event


def clock() -> datetime:
    return datetime(2024, 10, 5, tzinfo=timezone.utc)


def doc(name: str, outlet: str, published: date | None = date(2024, 10, 2)) -> Document:
    return Document(doc_id=name, text=f"text of {name}", url=f"https://{outlet}/{name}", published=published)


def test_five_outlets_one_strike_and_one_outlet_two_strikes(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db", clock=clock) as store:
        counts = [3, 3, 5, None, 3]
        for i, fatalities in enumerate(counts):
            store.add_document(doc(f"r{i}", f"outlet{i}.com"), [event(f"r{i}", fatalities=fatalities)])
        # one outlet reports two strikes on one base on different days
        store.add_document(doc("two", "outlet9.com", date(2024, 10, 9)),
                           [event("two", 1, date="2024-10-07", location=ASAD, weapons=("rocket",)),
                            event("two", 2, date="2024-10-08", location=ASAD, weapons=("rocket",))])
        incidents = store.incidents(Query(sort="n_events")).items
        assert [(i.n_events, i.n_sources) for i in incidents] == [(5, 5), (1, 1), (1, 1)]
        assert incidents[0].fatalities == 3
        assert incidents[0].confidence > 0.95
        detail = store.incident_detail(incidents[0].id)
        assert detail is not None
        assert [v.value for v in detail.conflicts["fatalities"]] == [3, 5]
        assert len(detail.events) == 5 and all(e.event.evidence for e in detail.events)
        same_doc = store.incident_detail(incidents[1].id)
        assert same_doc is not None and same_doc.candidates == ()  # one report said: two strikes
        # another outlet tells of the second strike: it joins it, and is linked to the first
        store.add_document(doc("other", "outlet8.com", date(2024, 10, 9)),
                           [event("other", date="2024-10-08", location=ASAD, weapons=("rocket",))])
        second = store.event("two#2")
        joined = store.event("other#1")
        assert second is not None and joined is not None and joined.incident == second.incident
        detail = store.incident_detail(joined.incident)
        assert detail is not None and [c.reason for c in detail.candidates] == ["adjacent_day"]


def test_undated_report_becomes_a_candidate_not_a_member(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db", clock=clock) as store:
        store.add_document(doc("a", "a.com"), [event("a")])
        store.add_document(doc("b", "b.com", published=None), [event("b", date=None)])
        assert store.counts()["incidents"] == 2
        [link] = store.incident_detail(1).candidates  # type: ignore[union-attr]
        assert link.reason == "date_unknown"


def test_blocking_looks_only_near_in_place_and_time(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db", clock=clock) as store:
        far = Place("Mosul", 36.34, 43.13, "IQ", "Nineveh", precision=1)
        store.add_document(doc("far", "x.com"), [event("far", location=far)])
        store.add_document(doc("later", "y.com"), [event("later", date="2024-11-20")])
        store.add_document(doc("near", "z.com"), [event("near")])
        store.add_document(doc("new", "w.com"), [event("new")])
        conn = store._conn
        me = load_profile(conn, 4)
        assert _neighbour_ids(conn, me, "2024-10-02") == {3}


places = st.sampled_from([OMAR, ASAD, Place("Tower 22", country="JO", precision=1), None])
days = st.sampled_from(["2024-10-01", "2024-10-02", "2024-10-05", None])
reports = st.lists(st.tuples(st.integers(0, 4), places, days, st.sampled_from(["drone", "rocket"])),
                   min_size=1, max_size=14)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports)
def test_invariants_hold_for_any_arrival_order(tmp_path_factory, batch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("prop") / "p.db"
    with Store(path, clock=clock) as store:
        for n, (outlet, place, day, weapon) in enumerate(batch):
            name = f"d{n}"
            store.add_document(doc(name, f"o{outlet}.com"),
                               [event(name, date=day, location=place, weapons=(weapon,))])
        conn = store._conn
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == len(batch)
        assert conn.execute("SELECT count(*) FROM incident_members").fetchone()[0] == len(batch)
        groups: dict[int, list] = {}
        for stored in store.events(Query(limit=100)).items:
            groups.setdefault(stored.incident, []).append(stored.event)
        for members in groups.values():
            if len(members) == 1:
                continue
            assert len({e.date for e in members}) == 1 and members[0].date is not None
            for a, b in itertools.combinations(members, 2):
                assert a.doc != b.doc
        heads = {i.id: i for i in store.incidents(Query(limit=100)).items}
        assert set(heads) == set(groups)
        assert all(heads[i].n_events == len(m) for i, m in groups.items())
        assert store.integrity_check() == "ok"
