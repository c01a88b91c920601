"""What a document is about, on the full bundled gazetteer (it needs every country's names)."""
from __future__ import annotations

import pytest

from eventsift.geo.resolve import PlaceResolver


@pytest.fixture(scope="module")
def full() -> PlaceResolver:
    return PlaceResolver.open_default()


def test_the_peoples_named_settle_which_reading_of_a_name_is_meant(full: PlaceResolver) -> None:
    """'Gaza' is Palestine's city and Mozambique's province: a story of Palestinians means the city."""
    text = "An Israeli airstrike hit a school in Gaza, killing 20 people, Palestinian health officials said."
    assert full.document_context(text).countries[:1] == ("PS",)
    assert full.document_context("Floods hit Gaza, officials said.").countries == ()


def test_an_armed_group_s_name_is_no_town(full: PlaceResolver) -> None:
    """GeoNames gives Hamm, Germany, the alternate name 'Hamas'."""
    assert not [m for m in full.find_mentions("The military said it targeted a Hamas command center.")
                if m.text == "Hamas"]


def test_seats_of_government_are_no_towns(full: PlaceResolver) -> None:
    """GeoNames gives Casablanca the alternate name 'White House'."""
    assert not [m for m in full.find_mentions("Officials at the White House were briefed.") if m.text == "White House"]


def test_a_district_the_text_calls_one_says_which_country_and_region(full: PlaceResolver) -> None:
    """'Negros Oriental province' is a GeoNames admin2 area: the Philippines, Central Visayas."""
    text = ("Five rebels and a soldier were killed in a gunfight in a mountain village in Negros Oriental province. "
            "Troops were on patrol in Barangay Pacuan in La Libertad town when they met about 20 rebels.")
    context = full.document_context(text)
    assert context.countries == ("PH",) and ("PH", "07") in context.areas
    place = dict((m.text, p) for m, p in full.resolve_sentence(text.split(". ")[1], context))["La Libertad"]
    assert place.admin1 == "Central Visayas"


def test_a_place_in_a_country_s_province_is_in_that_province(full: PlaceResolver) -> None:
    """'Mansila, in northern Burkina Faso's Yagha province': in Yagha (which is in Burkina Faso),
    not in the north of Burkina Faso; a two-word owner stays whole."""
    text = "Jihadists attacked an army outpost in Mansila, in northern Burkina Faso's Yagha province, on June 11."
    found = {m.text: m for m in full.find_mentions(text)}
    assert found["Yagha"].container == "Burkina Faso"
    assert found["Mansila"].container is not None and found["Mansila"].container.startswith("Yagha")
    place = dict((m.text, p) for m, p in full.resolve_sentence(text, full.document_context(text)))["Mansila"]
    assert place.admin1 == "Sahel" and place.precision == 2
