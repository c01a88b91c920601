"""The pair rules of merging, one at a time."""
from __future__ import annotations

import pytest

from eventsift.incidents import date_relation, distance_km, judge, party_terms, place_event, place_relation, terms
from eventsift.records import Place

from incident_factories import ASAD, DEIR_CITY, DEIR_PROVINCE, OMAR, profile


def test_same_report_twice_in_one_document_is_never_merged() -> None:
    assert judge(profile("a", 1), profile("a", 2)).reason == "same_document"


def test_two_outlets_same_day_same_place_join() -> None:
    verdict = judge(profile("a"), profile("b"))
    assert verdict.kind == "join"
    assert verdict.score > 0.5


@pytest.mark.parametrize("other_day", ["2024-10-03", "2024-09-30", "2023-10-01"])
def test_known_dates_that_differ_never_join(other_day: str) -> None:
    verdict = judge(profile("a"), profile("b", date=other_day))
    assert verdict.kind != "join"


def test_one_day_apart_is_only_a_candidate() -> None:
    verdict = judge(profile("a"), profile("b", date="2024-10-02"))
    assert (verdict.kind, verdict.reason) == ("candidate", "adjacent_day")


@pytest.mark.parametrize("dates", [(None, "2024-10-01"), ("2024-10-01", None), (None, None)])
def test_unknown_date_is_only_a_candidate(dates: tuple[str | None, str | None]) -> None:
    verdict = judge(profile("a", date=dates[0]), profile("b", date=dates[1]))
    assert (verdict.kind, verdict.reason) == ("candidate", "date_unknown")


def test_week_precision_overlaps_a_day_inside_it() -> None:
    week = profile("b", date="2024-10-03", date_precision=2)
    assert date_relation(profile("a"), week) == "match"
    assert date_relation(profile("a", date="2024-10-10"), week) == "conflict"


def test_place_reach_grows_with_coarser_precision() -> None:
    assert distance_km(OMAR.lat, OMAR.lon, DEIR_CITY.lat, DEIR_CITY.lon) > 40
    # a town named only roughly (precision 2) 45 km away may be the same place: a link, not a join
    assert place_relation(profile("a"), profile("b", location=DEIR_CITY)) == "unknown"
    near = Place("Near Omar", 35.25, 40.55, "SY", "Deir ez-Zor", precision=2)  # ~19 km north
    assert place_relation(profile("a"), profile("b", location=near)) == "match"
    exact_far = Place("Somewhere", 35.5, 40.55, "SY", "Deir ez-Zor", precision=1)  # ~47 km north
    assert place_relation(profile("a"), profile("b", location=exact_far)) == "conflict"
    assert place_relation(profile("a", location=DEIR_PROVINCE), profile("b", location=exact_far)) == "match"


def test_province_level_needs_the_same_admin1() -> None:
    other_province = Place("Hasakah Governorate", 35.2, 40.7, "SY", "Al-Hasakah", precision=3)
    assert place_relation(profile("a", location=DEIR_PROVINCE), profile("b", location=other_province)) == "conflict"


def test_countries_that_differ_never_join() -> None:
    assert judge(profile("a"), profile("b", location=ASAD)).kind == "apart"


def test_unresolved_place_with_the_same_name_matches() -> None:
    tower = Place("Tower 22", country="JO", precision=1)
    same = Place("tower 22", country="JO", precision=1)
    assert place_relation(profile("a", location=tower), profile("b", location=same)) == "match"
    elsewhere = Place("Rukban", country="JO", precision=1)
    verdict = judge(profile("a", location=tower), profile("b", location=elsewhere))
    assert (verdict.kind, verdict.reason) == ("candidate", "place_unknown")


def test_type_must_agree() -> None:
    assert judge(profile("a"), profile("b", event_type="Battles")).reason == "type_differs"


def test_a_strike_one_outlet_says_was_intercepted_may_join_the_strike_another_says_landed() -> None:
    intercepted = profile("b", event_type="Strategic developments", sub_event_type="Disrupted weapons use")
    assert judge(profile("a"), intercepted).kind == "join"
    other_development = profile("b", event_type="Strategic developments", sub_event_type="Headquarters or base established")
    assert judge(profile("a"), other_development).reason == "type_differs"


def test_disagreeing_evidence_keeps_two_attacks_on_one_day_apart() -> None:
    truck = profile("b", weapons=("ied",), target="a fuel convoy",
                    evidence=("A roadside bomb destroyed a fuel convoy near the Al-Omar field.",))
    assert judge(profile("a"), truck).kind != "join"


def test_terms_drop_stop_words_and_plural() -> None:
    assert terms("The drones attacked the bases, sources said") == frozenset({"drone", "base"})


def test_a_state_named_by_abbreviation_name_or_people_is_one_party() -> None:
    assert party_terms("U.S. forces") & party_terms("the United States") & party_terms("American troops") == {"@US"}
    assert party_terms("Israeli jets") & party_terms("Israel") == {"@IL"}
    assert "@US" not in party_terms("gunmen told us")  # only the upper-case abbreviation
    a = profile("a", actor="US", target="armed pro-Iran groups", weapons=(),
                evidence=("The US struck armed pro-Iran groups at the Al-Omar oil field.",))
    b = profile("b", actor="U.S.", target="positions of the paramilitary Hashd forces", weapons=("airstrike",),
                evidence=("At least 16 people were killed in U.S. airstrikes on paramilitary positions.",))
    assert judge(a, b).kind == "join"  # one state's forces, two outlets' words


def test_place_event_picks_best_incident_and_links_the_rest() -> None:
    new = profile("c", row=3)
    good = [profile("a", row=1, incident=10)]
    weak = [profile("b", row=2, incident=20, target="Kurdish fighters", weapons=("drone", "rocket"),
                    evidence=("Another drone attack hit Kurdish fighters in the Al-Omar area.",))]
    placed = place_event(new, {10: good, 20: weak})
    assert placed.incident == 10
    assert [(row, reason) for row, reason, _ in placed.links] == [(2, "other_incident")]


def test_place_event_respects_same_document_and_kept_apart() -> None:
    new = profile("c", row=3)
    holds_c = [profile("a", row=1, incident=10), profile("c", 2, row=2, incident=10)]
    assert place_event(new, {10: holds_c}).incident is None
    assert place_event(new, {10: [profile("a", row=1)]}, frozenset({"a a#1"})).incident is None


def test_place_event_refuses_incident_with_a_member_on_the_adjacent_day() -> None:
    week = profile("a", row=1, incident=10, date="2024-10-02", date_precision=2)
    next_day = profile("b", row=2, incident=10, date="2024-10-02")
    placed = place_event(profile("c", row=3), {10: [week, next_day]})
    assert placed.incident is None
    assert {reason for _, reason, _ in placed.links} == {"blocked_merge", "adjacent_day"}


def test_a_day_the_text_leaves_open_can_match() -> None:
    open_day = profile("b", date="2024-10-02", extras={"date_alternatives": ["2024-10-01"]})
    assert date_relation(profile("a"), open_day) == "match"
    assert date_relation(profile("a", date="2024-09-30"), open_day) == "adjacent"


def test_a_whole_country_is_only_a_candidate_for_places_in_it() -> None:
    jordan = Place("Jordan", 31.24, 36.51, "JO", None, precision=3, feature="country")
    tower = Place("Tower 22", 33.32, 38.69, "JO", "Mafraq", precision=1)
    syria = Place("Syria", 35.0, 38.0, "SY", None, precision=3, feature="country")
    assert place_relation(profile("a", location=jordan), profile("b", location=tower)) == "unknown"
    assert place_relation(profile("a", location=jordan), profile("b", location=jordan)) == "unknown"
    assert place_relation(profile("a", location=syria), profile("b", location=tower)) == "conflict"
    assert judge(profile("a", location=jordan), profile("b", location=tower)).reason == "place_unknown"


def test_only_the_best_candidate_links_are_kept() -> None:
    undated = profile("new", row=99, date=None)
    incidents = {i: [profile(f"d{i}", row=i, incident=i)] for i in range(1, 9)}
    placed = place_event(undated, incidents)
    assert placed.incident is None
    assert len(placed.links) == 5
