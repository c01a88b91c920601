from __future__ import annotations

import pytest

from eventsift.geo.resolve import PlaceResolver, ResolveContext, distance_km
from eventsift.records import Place

SYRIA = ResolveContext(countries=("SY", "IQ"))


def _near(place: Place | None, lat: float, lon: float, km: float) -> bool:
    assert place is not None and place.lat is not None and place.lon is not None, place
    return distance_km(place.lat, place.lon, lat, lon) <= km


def _resolve_in(resolver: PlaceResolver, text: str, surface: str, context: ResolveContext) -> Place:
    mention = next(m for m in resolver.find_mentions(text) if m.text == surface)
    place = resolver.resolve(mention, context)
    assert place is not None
    return place


def test_facility_with_hint(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Conoco gas field", SYRIA)
    assert place is not None and place.feature == "gas_field" and place.precision == 1
    assert _near(place, 35.34, 40.31, 5)


def test_victoria_base_is_near_baghdad_not_in_australia(resolver: PlaceResolver) -> None:
    text = "An attack targeted the Victoria base near Baghdad Airport late Monday."
    place = _resolve_in(resolver, text, "Victoria base", ResolveContext())
    assert place.country == "IQ" and _near(place, 33.26, 44.23, 15)


def test_unknown_place_falls_back_to_its_anchor(resolver: PlaceResolver) -> None:
    text = "Missiles hit forces in the vicinity of Khadra, close to the Al-Omar oil field."
    place = _resolve_in(resolver, text, "Khadra", SYRIA)
    assert place.name == "Khadra" and place.precision == 2 and place.country == "SY"
    assert _near(place, 35.09, 40.54, 10)


def test_unknown_place_with_a_container(resolver: PlaceResolver) -> None:
    text = "Shelling hit the Qasr Fixturi neighborhood of Deir Ezzor."
    place = _resolve_in(resolver, text, "Qasr Fixturi", SYRIA)
    assert place.precision == 2 and _near(place, 35.34, 40.14, 5)


def test_unknown_and_unanchored_is_unresolved(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Qasr Fixturi", SYRIA)
    assert place is not None and place.lat is None and place.lon is None and place.name == "Qasr Fixturi"


def test_neighbourhood_of_a_city(resolver: PlaceResolver) -> None:
    text = "Airstrikes on the Harabesh neighborhood on the eastern side of the city of Deir Ezzor."
    place = _resolve_in(resolver, text, "Harabesh", SYRIA)
    assert place.precision == 1 and _near(place, 35.33, 40.16, 12)


def test_governorate_hint_gives_the_province(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Deir Ezzor governorate", SYRIA)
    assert place is not None and place.feature == "admin1" and place.precision == 3


def test_a_city_beats_its_province(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Baghdad", ResolveContext())
    assert place is not None and place.feature == "city" and place.precision == 1


def test_country_prior_chooses_between_namesakes(resolver: PlaceResolver) -> None:
    lebanon = resolver.resolve("Tripoli", ResolveContext(countries=("LB",)))
    libya = resolver.resolve("Tripoli", ResolveContext(countries=("LY",)))
    assert lebanon is not None and lebanon.country == "LB"
    assert libya is not None and libya.country == "LY"


def test_no_confident_point_in_another_country(resolver: PlaceResolver) -> None:
    # "Khadra" is a Libyan town in the gazetteer; in a Syria story it must not land in Libya
    place = resolver.resolve("Khadra", SYRIA)
    assert place is not None and place.lat is None


def test_ain_al_asad_is_the_iraqi_base(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Ain al-Asad", ResolveContext(countries=("IQ",)))
    assert place is not None and place.country == "IQ" and place.feature == "air_base"


def test_nearby_places_break_ties(resolver: PlaceResolver) -> None:
    near_gaza = ResolveContext(places=(Place("Khan Yunis", 31.34, 34.30, "PS", precision=1),))
    place = resolver.resolve("Rafah", near_gaza)
    assert place is not None and place.country == "PS"


def test_document_context_counts_countries(resolver: PlaceResolver) -> None:
    text = "Rockets hit bases in Syria. Iraq said Mosul and Baghdad were calm. Syria's army replied."
    assert resolver.document_context(text).countries[:2] == ("SY", "IQ")


def test_resolve_sentence_resolves_facilities_first(resolver: PlaceResolver) -> None:
    text = "Missiles hit forces in the vicinity of Khadra, close to the Al-Omar oil field."
    pairs = resolver.resolve_sentence(text, SYRIA)
    assert [m.text for m, _ in pairs] == ["Khadra", "Al-Omar oil field"]
    assert all(p.lat is not None for _, p in pairs)


@pytest.mark.parametrize("name", ["", "  ", "—"])
def test_empty_mentions_resolve_to_none(resolver: PlaceResolver, name: str) -> None:
    assert resolver.resolve(name) is None


def test_a_secondary_countrys_capital_does_not_win_against_the_main_country(resolver: PlaceResolver) -> None:
    lebanon_first = resolver.resolve("Tripoli", ResolveContext(countries=("LB", "LY")))
    libya_first = resolver.resolve("Tripoli", ResolveContext(countries=("LY", "LB")))
    assert lebanon_first is not None and lebanon_first.country != "LY"  # Lebanon's, or left unresolved
    assert libya_first is not None and libya_first.country == "LY"



def test_an_unknown_place_in_a_named_province_takes_the_storys_town_there(resolver: PlaceResolver) -> None:
    """'the village of Qaryat Zunbul in Idlib province' in a story that names the town of Idlib: the town's
    point with precision 2, not the province's centre; a story without the town keeps the province."""
    text = "Shelling hit the village of Qaryat Zunbul in Idlib province on Monday."
    story = resolver.document_context("Residents of Idlib fled. " + text)
    assert [t.name for t in story.towns] == ["Idlib"]
    place = _resolve_in(resolver, text, "Qaryat Zunbul", story)
    assert place.precision == 2 and _near(place, 35.93, 36.63, 5)
    bare = _resolve_in(resolver, text, "Qaryat Zunbul", ResolveContext(countries=("SY",)))
    assert bare.precision >= 2 and not _near(bare, 35.93, 36.63, 5)


def test_a_country_named_as_owner_outranks_the_documents_first_country(resolver: PlaceResolver) -> None:
    """'Iraq's autonomous Kurdistan region' in a report about Iran is Iraq's region, not
    Iran's Kurdistan province, even though the report names Iran first."""
    text = "Iran launched missiles at targets in Iraq's autonomous Kurdistan region on Monday."
    place = _resolve_in(resolver, text, "Kurdistan", ResolveContext(countries=("IR", "IQ")))
    assert place.country == "IQ" and place.feature == "region"


def test_the_kind_the_text_names_wins_over_an_exact_spelling_of_another_kind(resolver: PlaceResolver) -> None:
    """'province of Deir al-Zour': only the city carries that spelling; the province is 'Deir ez-Zor'."""
    text = "Strikes hit the eastern province of Deir al-Zour."
    place = _resolve_in(resolver, text, "Deir al-Zour", SYRIA)
    assert place.feature == "admin1" and place.precision == 3


def test_an_unknown_region_inside_a_town_is_part_of_the_town(resolver: PlaceResolver) -> None:
    text = "The airstrikes targeted the Haidariya region in the desert of the city of al-Mayadeen."
    place = _resolve_in(resolver, text, "Haidariya", SYRIA)
    assert place.precision == 2 and place.feature == "area" and _near(place, 35.02, 40.45, 5)


def test_a_name_that_ends_in_sea_is_the_sea(resolver: PlaceResolver) -> None:
    """'the Red Sea' is the sea, not Sudan's Red Sea state, even with no country named; the
    Black Sea and the Gulf of Aden are curated seas."""
    for name, lat in (("Red Sea", 22.0), ("Black Sea", 44.0), ("Gulf of Aden", 12.0)):
        mention = next(m for m in resolver.find_mentions(f"Drones hit a ship in the {name} on Monday.")
                       if m.text == name)
        place = resolver.resolve(mention, ResolveContext())
        assert place is not None and place.feature == "sea" and place.lat == lat, name


def test_a_sea_off_a_town_is_the_water_near_that_town(resolver: PlaceResolver) -> None:
    text = "Houthi forces fired two missiles at a tanker in the Red Sea off Hodeidah on Saturday."
    place = _resolve_in(resolver, text, "Red Sea", ResolveContext(countries=("YE",)))
    assert place.precision == 2 and _near(place, 14.80, 42.95, 30)
    coast = "A drone struck a cargo ship off the coast of Hodeidah."
    assert _near(_resolve_in(resolver, coast, "Hodeidah", ResolveContext(countries=("YE",))), 14.80, 42.95, 30)


def test_a_place_far_from_a_town_in_no_stated_direction_is_not_put_at_the_town(resolver: PlaceResolver) -> None:
    far = "The incident took place near Tarrem village, about 450 km from Baghdad, an officer said."
    place = _resolve_in(resolver, far, "Tarrem", ResolveContext(countries=("IQ",)))
    assert place.lat is None
    near = "The incident took place near Tarrem village, about 20 km from Baghdad, an officer said."
    assert _near(_resolve_in(resolver, near, "Tarrem", ResolveContext(countries=("IQ",))), 33.34, 44.40, 30)
