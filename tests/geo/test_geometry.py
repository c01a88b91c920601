from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsift.geo import gazetteer as gz
from eventsift.geo import sources
from eventsift.geo.context import bearing_of, box_km, destination, distance_km
from eventsift.geo.normalize import skeleton_key


@given(st.floats(-60, 60), st.floats(-179, 179), st.floats(1, 800), st.floats(0, 359))
def test_destination_lies_at_the_distance_asked(lat: float, lon: float, km: float, bearing: float) -> None:
    lat2, lon2 = destination(lat, lon, km, bearing)
    assert distance_km(lat, lon, lat2, lon2) == pytest.approx(km, rel=1e-6)


def test_bearings_from_words() -> None:
    assert [bearing_of(w) for w in ("north", "north-western", "Southeast", "east", "central")] == [0, 315, 135, 90, None]


def test_box_distance() -> None:
    box = (32.0, 37.0, 35.5, 42.0)  # min_lat, max_lat, min_lon, max_lon
    assert box_km(35.0, 38.0, box) == 0
    assert box_km(31.0, 38.0, box) == pytest.approx(111, rel=0.02)  # one degree south
    assert box_km(31.7, 113.4, box) > 3000


def test_skeleton_keys_meet_across_vowels() -> None:
    assert skeleton_key("Abu Ghareeb") == skeleton_key("Abu Ghraib") != ""
    assert skeleton_key("Sui") == ""  # too short to tell


def test_admin1_display_names_are_english() -> None:
    assert sources._display_name("Texas", ["Estado de Texas", "Kekeka", "State of Texas", "Tejas"]) == "Texas"
    assert sources._display_name("Washington", ["Wakinekona", "Washington State"]) == "Washington"
    assert sources._display_name("Dayr az Zawr", ["Deir ez-Zor", "Deir ez-Zor Governorate"]) == "Deir ez-Zor"


def test_country_centres_are_atlas_points() -> None:
    centres = sources.country_centres()
    assert centres["RU"] == (60.0, 100.0) and centres["SY"] == (35.0, 38.0)


def test_data_version_follows_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gz.data_version()
    monkeypatch.setattr(gz, "SCHEMA", gz.SCHEMA + "\nCREATE TABLE extra (x);")
    assert gz.data_version() != before
