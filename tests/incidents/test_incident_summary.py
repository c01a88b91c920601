"""What an incident shows: headline rules, agreement, conflicts, sources, confidence."""
from __future__ import annotations

from incident_factories import DEIR_CITY, member

from eventsift.incidents import summarize


def test_headline_fatalities_is_the_most_corroborated_then_the_lower() -> None:
    members = [member("a", "a.com", 1, fatalities=5), member("b", "b.com", 2, fatalities=3),
               member("c", "c.com", 3, fatalities=5), member("d", "d.com", 4)]
    summary = summarize(members)
    assert summary.headline["fatalities"] == 5
    assert [(v.value, v.sources) for v in summary.conflicts["fatalities"]] == [(5, ("a.com", "c.com")), (3, ("b.com",))]
    tie = summarize([member("a", "a.com", 1, fatalities=5), member("b", "b.com", 2, fatalities=3)])
    assert tie.headline["fatalities"] == 3


def test_same_outlet_twice_is_one_source() -> None:
    members = [member("a", "a.com", 1, fatalities=5), member("a2", "a.com", 2, fatalities=5),
               member("b", "b.com", 3, fatalities=3)]
    summary = summarize(members)
    assert summary.n_sources == 2 and summary.n_events == 3
    assert summary.headline["fatalities"] == 3  # one source each: the lower


def test_agreed_fields_and_conflicts() -> None:
    summary = summarize([member("a", "a.com", 1), member("b", "b.com", 2, location=DEIR_CITY, actor="IRI")])
    assert summary.agreed["date"] == "2024-10-01"
    assert summary.agreed["actor"] == "IRI"
    assert set(summary.conflicts) == {"location"}
    assert summary.headline["location"].name == "Al-Omar oil field"  # the finer place


def test_confidence_grows_with_independent_sources() -> None:
    one = summarize([member("a", "a.com", 1)]).confidence
    two = summarize([member("a", "a.com", 1), member("b", "b.com", 2)]).confidence
    same = summarize([member("a", "a.com", 1), member("a2", "a.com", 2)]).confidence
    confirmed = summarize([member("a", "a.com", 1, certainty="confirmed")]).confidence
    claimed = summarize([member("a", "a.com", 1, certainty="claimed")]).confidence
    assert (one, two, same) == (0.5, 0.75, 0.5)
    assert claimed < one < confirmed


def test_headline_date_prefers_the_finest_precision() -> None:
    summary = summarize([member("a", "a.com", 1, date="2024-10-03", date_precision=2),
                         member("b", "b.com", 2, date="2024-10-01")])
    assert (summary.headline["date"], summary.headline["date_precision"]) == ("2024-10-01", 1)
    assert summary.headline["certainty"] == "reported"
