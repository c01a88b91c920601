"""The document's country prior, containers, anchors and fallbacks, on a tiny
hand-made gazetteer (real names and rounded GeoNames points, a few per country
so that each country has an area box)."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventsift.geo.context import ResolveContext, distance_km
from eventsift.geo.gazetteer import Gazetteer, write_database
from eventsift.geo.resolve import PlaceResolver
from eventsift.geo.sources import PlaceRecord
from eventsift.records import Place

# name, country, admin1 code, lat, lon, population, alternate names
TOWNS = [
    ("Quetta", "PK", "02", 30.19, 67.01, 733_675, ()),
    ("Islamabad", "PK", "08", 33.72, 73.04, 601_600, ()),
    ("Karachi", "PK", "05", 24.86, 67.01, 11_624_219, ()),
    ("Peshawar", "PK", "03", 34.01, 71.58, 1_218_773, ()),
    ("Suizhou", "CN", "12", 31.71, 113.36, 618_582, ("Sui",)),
    ("Beijing", "CN", "22", 39.91, 116.40, 18_960_744, ()),
    ("Urumqi", "CN", "13", 43.80, 87.60, 3_500_000, ()),
    ("Idlib", "SY", "12", 35.93, 36.63, 128_840, ()),
    ("Aleppo", "SY", "09", 36.20, 37.16, 1_602_264, ()),
    ("Damascus", "SY", "13", 33.51, 36.29, 1_569_394, ()),
    ("Deir ez-Zor", "SY", "07", 35.34, 40.14, 242_565, ()),
    ("Kokhav Michael", "IL", "01", 31.63, 34.67, 1_053, ("Kawkaba",)),
    ("Haifa", "IL", "04", 32.82, 34.99, 267_300, ()),
    ("Eilat", "IL", "01", 29.56, 34.95, 48_500, ()),
    ("Baghdad", "IQ", "07", 33.34, 44.40, 7_216_000, ()),
    ("Abu Ghraib", "IQ", "07", 33.31, 44.18, 900_000, ("Abu Ghurayb",)),
    ("Mosul", "IQ", "15", 36.34, 43.13, 1_739_800, ()),
    ("Basra", "IQ", "02", 30.51, 47.78, 2_600_000, ()),
    ("Niafunke", "ML", "08", 15.93, -3.99, 6_901, ("Niafunké",)),
    ("Bamako", "ML", "01", 12.65, -8.0, 1_297_281, ()),
    ("Gao", "ML", "07", 16.27, -0.04, 86_633, ()),
    ("Kerman", "IR", "29", 30.28, 57.08, 577_514, ()),
    ("Tehran", "IR", "26", 35.69, 51.42, 7_153_309, ()),
    ("Kerman", "US", "CA", 36.72, -120.06, 14_475, ()),
    ("Fresno", "US", "CA", 36.75, -119.77, 542_107, ()),
]
ADMIN1 = [("Idlib", "SY", "12", 35.8, 36.6, 442_917), ("Balochistan", "PK", "02", 28.5, 65.5, 1_500_000)]
COUNTRIES = [("Pakistan", "PK"), ("China", "CN"), ("Syria", "SY"), ("Israel", "IL"), ("Iraq", "IQ"), ("Mali", "ML"),
             ("Iran", "IR"), ("United States", "US")]


def _records() -> list[PlaceRecord]:
    records = [
        PlaceRecord(name=n, kind="country", feature="country", country=c, lat=None, lon=None, source="countries",
                    names={n})
        for n, c in COUNTRIES
    ]
    records += [
        PlaceRecord(name=n, kind="admin1", feature="admin1", country=c, lat=lat, lon=lon, source="admin1",
                    population=pop, admin1_code=code, admin1=n, names={n})
        for n, c, code, lat, lon, pop in ADMIN1
    ]
    records += [
        PlaceRecord(name=n, kind="populated", feature="city" if pop >= 100_000 else "town", country=c, lat=lat,
                    lon=lon, source="geonames-cities500", population=pop, admin1_code=code, names={n, *alt},
                    feature_code="PPLC" if n in ("Islamabad", "Beijing", "Damascus", "Baghdad", "Bamako") else "PPL")
        for n, c, code, lat, lon, pop, alt in TOWNS
    ]
    return records


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> PlaceResolver:
    path: Path = tmp_path_factory.mktemp("priors") / "gazetteer.sqlite"
    write_database(path, _records(), "test-priors")
    return PlaceResolver(Gazetteer(path))


def _km(place: Place | None, lat: float, lon: float) -> float:
    assert place is not None and place.lat is not None and place.lon is not None, place
    return distance_km(place.lat, place.lon, lat, lon)


def _mention(resolver: PlaceResolver, text: str, surface: str):  # type: ignore[no-untyped-def]
    return next(m for m in resolver.find_mentions(text) if m.text == surface)


def test_a_town_in_a_far_away_country_is_rejected(small: PlaceResolver) -> None:
    place = small.resolve("Sui", ResolveContext(countries=("PK",)))
    assert place is not None and place.lat is None  # not Suizhou, 4,000 km away in China


def test_without_a_country_prior_the_namesake_may_stand(small: PlaceResolver) -> None:
    place = small.resolve("Sui", ResolveContext())
    assert place is not None and place.country == "CN"


def test_a_small_foreign_town_with_no_support_is_not_returned(small: PlaceResolver) -> None:
    place = small.resolve("Kawkaba", ResolveContext(countries=("SY",)))
    assert place is not None and place.lat is None


def test_unknown_village_falls_back_to_its_outer_container(small: PlaceResolver) -> None:
    text = "Rocket fire by regime forces this morning on Iblin in Jabal al-Zawiyah in the southern countryside of Idlib."
    mention = _mention(small, text, "Iblin")
    assert (mention.container, mention.outer) == ("Jabal al-Zawiyah", ("Idlib",))
    place = small.resolve(mention, ResolveContext(countries=("SY",)))
    assert place is not None and place.precision == 2 and place.country == "SY" and _km(place, 35.8, 36.6) < 30


def test_distance_and_bearing_from_an_anchor(small: PlaceResolver) -> None:
    text = "Bombers attacked a meeting in Ghalanai, about 175 kilometres (110 miles) northwest of Islamabad."
    mention = _mention(small, text, "Ghalanai")
    assert (mention.anchor, mention.offset_km, mention.bearing) == ("Islamabad", 175.0, 315.0)
    place = small.resolve(mention, ResolveContext(countries=("PK",)))
    assert place is not None and place.precision == 2
    assert 170 < _km(place, 33.72, 73.04) < 180 and place.lat is not None and place.lat > 33.72


def test_a_place_told_where_it_lies_in_a_clause_of_its_own(small: PlaceResolver) -> None:
    text = ("Nyaung Kone village, which has more than 230 houses and 1,600 residents, is about 75 miles "
            "west of Islamabad.")
    mention = _mention(small, text, "Nyaung Kone")
    assert (mention.anchor, round(mention.offset_km or 0), mention.bearing) == ("Islamabad", 121, 270.0)
    # a long gap that says nothing of where the place lies links nothing
    text = ("Nyaung Kone village, which has more than 230 houses and 1,600 residents and a monastery that "
            "was built long ago, gave shelter to people from Islamabad.")
    assert _mention(small, text, "Nyaung Kone").anchor is None


def test_skeleton_spelling_needs_the_country_prior(small: PlaceResolver) -> None:
    iraq = small.resolve("Abu Ghareeb", ResolveContext(countries=("IQ",)))
    assert iraq is not None and iraq.country == "IQ" and _km(iraq, 33.31, 44.18) < 1
    nowhere = small.resolve("Abu Ghareeb", ResolveContext())
    assert nowhere is not None and nowhere.lat is None


def test_a_camp_named_after_its_town(small: PlaceResolver) -> None:
    place = small.resolve("Niafounke camp", ResolveContext(countries=("ML",)))
    assert place is not None and place.precision == 2 and place.feature == "camp" and _km(place, 15.93, -3.99) < 1


def test_a_neighbourhood_without_a_town_is_placed_in_the_documents_town(small: PlaceResolver) -> None:
    baghdad = Place("Baghdad", 33.34, 44.40, "IQ", precision=1, feature="city")
    context = ResolveContext(countries=("IQ",), places=(baghdad,))
    text = "A drone hit a vehicle in the al-Mashtal neighborhood, the source said."
    place = small.resolve(_mention(small, text, "al-Mashtal"), context)
    assert place is not None and place.precision == 2 and _km(place, 33.34, 44.40) < 1


def test_a_list_shares_its_last_container(small: PlaceResolver) -> None:
    text = "Attacks on Nyaung Kone and Kyarsi villages in Pale township in Idlib region wounded a dozen."
    found = {m.text: m for m in small.find_mentions(text)}
    assert found["Kyarsi"].container == "Pale"
    assert found["Nyaung Kone"].container == "Pale"


def test_document_context_ignores_a_name_inside_a_longer_one(small: PlaceResolver) -> None:
    text = "Shelling hit Idlib. Strikes on Jabal Kokhav Michael and Idlib countryside killed four."
    context = small.document_context(text)
    assert context.countries == ("SY",) and ("SY", "12") in context.areas


def test_a_capital_is_never_too_far(small: PlaceResolver) -> None:
    place = small.resolve("Beijing", ResolveContext(countries=("SY",)))
    assert place is not None and place.country == "CN"


def test_unknown_place_in_a_province_goes_to_the_documents_town_there(small: PlaceResolver) -> None:
    idlib = Place("Idlib", 35.93, 36.63, "SY", admin1="Idlib", precision=1, feature="city")
    aleppo = Place("Aleppo", 36.20, 37.16, "SY", admin1="Aleppo", precision=1, feature="city")
    context = ResolveContext(countries=("SY",), places=(idlib, aleppo, aleppo))
    text = "Militants fired on troops in Kafr Fixtura in Idlib province late on Monday."
    mention = _mention(small, text, "Kafr Fixtura")
    assert mention.container == "Idlib province"
    place = small.resolve(mention, context)
    assert place is not None and place.precision == 2 and place.source == "in Idlib" and _km(place, 35.93, 36.63) < 1
    alone = small.resolve(mention, ResolveContext(countries=("SY",)))  # no town placed: the province itself
    assert alone is not None and alone.precision == 2 and _km(alone, 35.8, 36.6) < 1


def test_a_name_spacy_calls_a_person_is_a_place_only_with_a_namesake_in_its_container(small: PlaceResolver) -> None:
    placed = small.find_mentions("Quetta, Pakistan officials said.", [(0, 6, "ORG"), (8, 16, "GPE")])
    assert [m.text for m in placed] == ["Quetta", "Pakistan"]
    person = small.find_mentions("Gao, Iraq's envoy, said.", [(0, 3, "PERSON"), (5, 9, "GPE")])
    assert [m.text for m in person] == ["Iraq"]


def test_the_main_country_dominates_a_bigger_namesake_in_a_secondary_one(small: PlaceResolver) -> None:
    california = small.resolve("Kerman", ResolveContext(countries=("US", "IR")))
    iran = small.resolve("Kerman", ResolveContext(countries=("IR", "US")))
    assert california is not None and california.country == "US"
    assert iran is not None and iran.country == "IR"


def test_a_capital_named_by_its_people(small: PlaceResolver) -> None:
    text = "Two officials were killed in the Iraqi capital's eastern neighbourhood of Al Mashtal on Wednesday."
    found = {m.text: m for m in small.find_mentions(text)}
    assert found["Iraqi capital"].hint == "capital" and found["Al Mashtal"].container == "Iraqi capital"
    capital = small.resolve(found["Iraqi capital"], ResolveContext())
    assert capital is not None and capital.name == "Baghdad" and capital.precision == 1
    quarter = small.resolve(found["Al Mashtal"], ResolveContext(countries=("IQ",)))
    assert quarter is not None and quarter.precision == 2 and _km(quarter, 33.34, 44.40) < 1
    assert small.resolve("the Atlantean capital", ResolveContext()).lat is None  # type: ignore[union-attr]


def _boxed(folder: Path, far_east: bool = False) -> PlaceResolver:
    """Idlib province and Syria with towns at their edges, so that their boxes have a size
    (`far_east`: one more town 40 degrees east, as wide as Russia is)."""
    towns = [("Idlib", "12", 35.93, 36.63, 128_840), ("Darkush", "12", 36.10, 36.39, 20_000),
             ("Khan Shaykhun", "12", 35.44, 36.65, 35_000), ("Sarmada", "12", 36.18, 36.72, 15_000),
             ("Kafr Nabl", "12", 35.61, 36.56, 15_000), ("Qamishli", "17", 37.05, 41.22, 180_000),
             ("Daraa", "06", 32.62, 36.10, 100_000), ("Damascus", "13", 33.51, 36.29, 1_569_394),
             ("Deir ez-Zor", "07", 35.34, 40.14, 242_565)] + ([("Far East", "07", 36.0, 80.0, 1_000)] if far_east else [])
    records = [PlaceRecord(name="Syria", kind="country", feature="country", country="SY", lat=35.0, lon=38.0,
                           source="countries", names={"Syria"}),
               PlaceRecord(name="Idlib", kind="admin1", feature="admin1", country="SY", lat=35.8, lon=36.6,
                           source="admin1", population=442_917, admin1_code="12", admin1="Idlib", names={"Idlib"})]
    records += [PlaceRecord(name=n, kind="populated", feature="city" if pop >= 100_000 else "town", country="SY",
                            lat=lat, lon=lon, source="geonames-cities500", population=pop, admin1_code=code,
                            admin1="Idlib" if code == "12" else None, names={n},
                            feature_code="PPLC" if n == "Damascus" else "PPL")
                for n, code, lat, lon, pop in towns]
    path = folder / "gazetteer.sqlite"
    write_database(path, records, "test-boxed")
    return PlaceResolver(Gazetteer(path))


@pytest.fixture(scope="module")
def boxed(tmp_path_factory: pytest.TempPathFactory) -> PlaceResolver:
    return _boxed(tmp_path_factory.mktemp("boxed"))


def test_a_very_wide_country_has_no_useful_half(tmp_path: Path) -> None:
    """'southern Russia' is no half of a box from the Caucasus to Chukotka: the country's point."""
    wide = _boxed(tmp_path, far_east=True)
    whole = wide.resolve(_mention(wide, "Turkish drones struck northern Syria.", "Syria"),
                         ResolveContext(countries=("SY",)))
    assert whole is not None and (whole.lat, whole.lon) == (35.0, 38.0)


def test_a_named_part_of_a_province_or_country_is_placed_in_that_part(boxed: PlaceResolver) -> None:
    syria = ResolveContext(countries=("SY",))
    south = boxed.resolve(_mention(boxed, "Ten were killed in the village of Maar Shureen in the south of Idlib "
                                          "province.", "Maar Shureen"), syria)
    assert south is not None and south.precision == 2 and south.lat is not None and south.lat < 35.7
    village = boxed.resolve(_mention(boxed, "Rocket fire by regime forces this morning on Iblin in Jabal "
                                            "al-Zawiyah in the southern countryside of Idlib.", "Iblin"), syria)
    assert village is not None and village.precision == 2 and village.lat is not None and village.lat < 35.7
    north = boxed.resolve(_mention(boxed, "Turkish drones struck northern Syria.", "Syria"), syria)
    assert north is not None and north.precision == 3 and north.lat is not None and north.lat > 35.5
    # "eastern Idlib" with no word of a province is a part of the town
    town = boxed.resolve(_mention(boxed, "A car bomb exploded in eastern Idlib.", "Idlib"), syria)
    assert town is not None and town.precision == 1 and _km(town, 35.93, 36.63) < 1


def test_a_village_in_a_part_of_a_town_s_name_lies_in_that_part_of_the_province(boxed: PlaceResolver) -> None:
    """No town holds villages: "Hmeimat village in Sahl al-Ghab in north-western Idlib" is in the
    province's north-west, while "eastern Idlib" alone stays the town."""
    syria = ResolveContext(countries=("SY",))
    village = boxed.resolve(_mention(boxed, "Regime forces shelled positions in Hmeimat village in Sahl al-Ghab in "
                                            "southern Idlib.", "Hmeimat"), syria)
    assert village is not None and village.precision == 2 and village.lat is not None and village.lat < 35.7


def test_one_name_told_with_two_parts_is_two_places_to_the_service(boxed: PlaceResolver) -> None:
    """The service remembers a name's place per document; a part of the area is part of the key
    ("western Iraq" in the lede does not place "their base in northern Iraq")."""
    from eventsift.extract.detect import PlaceSpan
    from eventsift.geo_link import PlaceService

    service = PlaceService(boxed)
    found = []
    for text in ("Drones struck the northern countryside of Idlib.", "Shells fell on the southern countryside of Idlib."):
        mention = _mention(boxed, text, "Idlib")
        span = PlaceSpan(mention.start, mention.end, mention.text, "target", mention.hint, mention)
        found.append(service.resolve(span, None, []))  # type: ignore[arg-type]
    north, south = found
    assert north is not None and south is not None and north.lat is not None and south.lat is not None
    assert north.lat > 35.8 > south.lat


def test_a_town_the_gazetteer_knows_stays_itself_in_a_named_part_of_its_province(boxed: PlaceResolver) -> None:
    """ "the town of Khan Shaykhun in the southern countryside of Idlib": Khan Shaykhun's own
    point, not the middle of Idlib's south."""
    town = boxed.resolve(_mention(boxed, "Regime forces shelled the town of Khan Shaykhun in the southern "
                                         "countryside of Idlib.", "Khan Shaykhun"), ResolveContext(countries=("SY",)))
    assert town is not None and town.precision == 1 and _km(town, 35.44, 36.65) < 1
