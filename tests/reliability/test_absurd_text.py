"""Absurd dates and numbers, and generated attack reports, through the real pipeline.

"32 October", "February 30", "10,000,000 killed", a 25-digit death toll,
publication dates at the ends of the calendar: the pipeline must neither
crash nor code them into impossible values, and the store must take
whatever it codes. Hypothesis writes reports from a small attack grammar
with hostile parts mixed in; every event they yield must keep the
FORMAT.md contract and store.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsift.ingest import document_from_text
from eventsift.pipeline import Pipeline
from eventsift.records import CERTAINTIES, EVENT_TYPES, WEAPONS, Document, Event
from eventsift.store import Store

MAX_COUNT = 100_000  # eventsift.extract treats larger stated counts as not stated
EXAMPLES = int(os.environ.get("EVENTSIFT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 60, deadline=None, derandomize=not EXAMPLES, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

SUBJECTS = ("A drone attack", "Rockets", "A suicide bomber", "Gunmen", "An airstrike", "Artillery shells",
            "A roadside bomb", "Mortar rounds")
VERBS = ("hit", "struck", "targeted", "attacked", "killed")
PLACES = ("a military base near Mosul", "a market in Kharkiv", "the airport in Erbil", "Aleppo",
          "a checkpoint east of Hama", "Odesa's port")
DATES = ("on Monday", "on 32 October", "on February 30", "on 31 April 2024", "on 0 January",
         "on 29 February 2023", "in the year 99999", "on 2024-13-45", "on 31.02.2024", "on 12/31/2024",
         "yesterday", "tomorrow", "last week", "next month", "on October 1, 0001", "on 31 December 9999",
         "on the 99th of Smarch")
COUNTS = ("10,000,000", "99999999999999999999999", "9223372036854775808", "-5", "0", "1e308", "NaN",
          "three hundred million", "dozens of", "hundreds of", "3", "2,5", "1.000.000", "½", "٣", "III")
SOURCES = ("officials said", "a source claimed", "according to unverified reports", "")


@st.composite
def attack_sentence(draw: st.DrawFn) -> str:
    killed, hurt = draw(st.sampled_from(COUNTS)), draw(st.sampled_from(COUNTS))
    tail = draw(st.sampled_from(SOURCES))
    sentence = (f"{draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(VERBS))} "
                f"{draw(st.sampled_from(PLACES))} {draw(st.sampled_from(DATES))}, killing {killed} people "
                f"and wounding {hurt} soldiers{', ' + tail if tail else ''}.")
    noise = draw(st.text(max_size=30))
    return sentence if not noise.strip() else f"{sentence} {noise}"


reports = st.lists(attack_sentence(), min_size=1, max_size=4).map(" ".join)
publication_days = st.one_of(st.none(), st.dates(), st.sampled_from((date(1, 1, 1), date(9999, 12, 31))))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("absurd") / "absurd.db") as opened:
        yield opened


def assert_event_contract(event: Event, doc: Document) -> None:
    assert event.event_type in EVENT_TYPES and event.certainty in CERTAINTIES
    assert set(event.weapons) <= set(WEAPONS) and event.date_precision in (1, 2, 3)
    if event.date is not None:
        date.fromisoformat(event.date)
    for count in (event.fatalities, event.injuries):
        assert count is None or (isinstance(count, int) and 0 <= count <= MAX_COUNT), event
    for sentence in event.evidence:
        assert sentence in doc.text
    for place in (event.location, *event.launch_locations):
        if place is not None and place.lat is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180  # type: ignore[operator]
    json.dumps(event.to_contract(), allow_nan=False)


@FUZZ
@given(text=reports, published=publication_days)
def test_generated_reports_code_to_valid_events_and_store(pipeline: Pipeline, store: Store, text: str,
                                                          published: date | None) -> None:
    doc = document_from_text(text, f"fuzz-{abs(hash((text, published)))}", "fuzz", published=published)
    events = pipeline.extract(doc)
    for event in events:
        assert_event_contract(event, doc)
    assert store.add_document(doc, events) in ("new", "unchanged", "updated")


@pytest.mark.parametrize("sentence", [
    "A missile strike hit Kharkiv on 32 October, killing 10,000,000 people, officials said.",
    "Rockets struck Mosul on February 30, killing 99999999999999999999999 people, officials said.",
    "An airstrike hit Aleppo on 31 April 2024, killing 9223372036854775808 civilians, officials said.",
    "Shelling hit Odesa in the year 99999, wounding 1e308 people, officials said.",
])
def test_absurd_dates_and_numbers_are_never_coded(pipeline: Pipeline, store: Store, sentence: str) -> None:
    doc = document_from_text(sentence, f"absurd-{abs(hash(sentence))}", "absurd",
                             published=date(2024, 10, 5))
    events = pipeline.extract(doc)
    assert events, "the attack itself is still found"
    for event in events:
        assert_event_contract(event, doc)
        assert event.fatalities is None and event.injuries is None
        assert event.date in (None, "2024-10-05") or event.date < "2024-10-06"
    assert store.add_document(doc, events) == "new"


def test_publication_days_at_the_ends_of_the_calendar(pipeline: Pipeline) -> None:
    """Year 1 or 9999 is a broken header, not news: read as no publication day at all."""
    text = ("A drone attack hit a military base near Mosul yesterday, killing three soldiers. "
            "Rockets struck Erbil last week and again on Monday, officials said. Another strike is feared tomorrow.")
    for published in (date(1, 1, 1), date(1, 1, 7), date(9999, 12, 31), date(1799, 12, 31), date(2200, 1, 1)):
        doc = document_from_text(text, f"edge-{published}", "edge", published=published)
        assert doc.published is None
        for event in pipeline.extract(doc):
            assert_event_contract(event, doc)
    kept = document_from_text(text, "edge", "edge", published=date(1800, 1, 1))
    assert kept.published == date(1800, 1, 1)
    assert all(e.date is None or e.date >= "1799-12-01" for e in pipeline.extract(kept))


def test_the_store_takes_what_a_jsonl_record_claims(tmp_path: Path) -> None:
    """A JSONL record's own publication day and id may be anything a JSON value can be."""
    from reliability_helpers import eventsift, integrity

    feed = tmp_path / "feed.jsonl"
    records = [{"id": 10**30, "published": "9999-12-31", "text": "A drone attack hit Mosul yesterday, killing "
                "three soldiers, officials said."},
               {"id": -1.5e308, "published": "0001-01-01", "text": "Rockets struck Erbil last week, wounding "
                "two guards, officials said."},
               {"id": {"nested": [1, 2]}, "published": "2024-02-30", "text": "An airstrike hit Aleppo on "
                "Monday, killing 4 people, officials said."}]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = eventsift("run", "--no-progress", "--db", str(tmp_path / "edge.db"), str(feed))
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    assert "documents read: 3; new: 3" in result.stderr
    assert integrity(tmp_path / "edge.db") == "ok"
