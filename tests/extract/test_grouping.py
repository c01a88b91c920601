"""When two places are one event's place (event_places.places_compatible)."""
from datetime import date

import pytest

from eventsift.extract.detect import TARGET, PlaceSpan
from eventsift.extract.event_places import places_compatible
from eventsift.extract.events import share_hints
from eventsift.records import Document, Place


def village(name, lat, lon, precision):
    return Place(name=name, lat=lat, lon=lon, country="SY", admin1="Hama", precision=precision, feature="village")


def test_two_villages_placed_at_their_provinces_point_are_two_places():
    """Villages the gazetteer lacks borrow the province's point; their names still tell them apart."""
    a, b = village("Khirbat al-Naqus", 35.13, 36.76, 2), village("Hmeimat", 35.13, 36.76, 2)
    assert not places_compatible(a, b)
    assert places_compatible(a, village("Khirbat al-Naqus", 35.13, 36.76, 2))


def test_points_found_in_the_gazetteer_compare_by_distance():
    assert places_compatible(village("Kafr Nabl", 35.61, 36.56, 1), village("Kafranbel", 35.612, 36.561, 1))
    assert not places_compatible(village("Kafr Nabl", 35.61, 36.56, 1), village("Hama", 35.13, 36.76, 1))


def test_a_province_holds_its_villages():
    province = Place(name="Hama", lat=35.1, lon=36.7, country="SY", admin1="Hama", precision=3, feature="admin1")
    assert places_compatible(province, village("Hmeimat", 35.13, 36.76, 2))


def test_a_district_holds_only_towns_near_it():
    """'Bijapur district of Chhattisgarh': Raipur, 300 km away in the same state, is no part of it."""
    district = Place(name="Bijapur", lat=18.90, lon=80.72, country="IN", admin1="Chhattisgarh", precision=2,
                     feature="district")
    near = Place(name="Bijapur", lat=18.79, lon=80.82, country="IN", admin1="Chhattisgarh", precision=1, feature="town")
    far = Place(name="Raipur", lat=21.23, lon=81.63, country="IN", admin1="Chhattisgarh", precision=1, feature="city")
    assert places_compatible(district, near) and not places_compatible(district, far)


def test_a_region_of_no_country_is_no_part_of_a_country():
    """The occupied Golan Heights (a region the gazetteer gives no country) is not in Lebanon."""
    lebanon = Place(name="Lebanon", lat=33.8, lon=35.8, country="LB", precision=3, feature="country")
    golan = Place(name="Golan Heights", lat=32.98, lon=35.75, country=None, precision=3, feature="region")
    assert not places_compatible(lebanon, golan) and not places_compatible(golan, lebanon)
    houla = Place(name="Houla", lat=33.21, lon=35.52, country="LB", precision=1, feature="village")
    assert places_compatible(lebanon, houla)


def test_a_district_is_an_area_and_two_districts_are_two_places():
    def district(name, lat, lon):
        return Place(name=name, lat=lat, lon=lon, country="PK", admin1="Balochistan", precision=2, feature="district")

    jaffarabad, kech = district("Jaffarabad District", 28.42, 68.17), district("Kech District", 26.0, 63.15)
    assert not places_compatible(jaffarabad, kech)
    assert places_compatible(jaffarabad, district("Jaffarabad District", 28.42, 68.17))
    town = Place(name="Dera Allahyar", lat=28.37, lon=68.35, country="PK", admin1="Balochistan", precision=1,
                 feature="town")
    assert places_compatible(jaffarabad, town)  # a district holds its towns


def test_a_part_of_a_town_at_the_towns_point_is_in_that_town():
    """A neighbourhood the gazetteer lacks stands at its town's point: one event's place with the town."""
    baghdad = Place(name="Baghdad", lat=33.34, lon=44.40, country="IQ", admin1="Baghdad", geonameid=98182,
                    precision=1, feature="city")
    mashtal = Place(name="al-Mashtal", lat=33.34, lon=44.40, country="IQ", admin1="Baghdad", precision=2,
                    feature="neighbourhood")
    assert places_compatible(baghdad, mashtal) and places_compatible(mashtal, baghdad)
    elsewhere = Place(name="Zayouna", lat=33.32, lon=44.48, country="IQ", admin1="Baghdad", precision=2,
                      feature="neighbourhood")
    assert not places_compatible(mashtal, elsewhere)  # two unknown parts are still two places


def test_a_head_noun_is_shared_only_from_the_last_name():
    """'the Conoco and al-Omar oil fields' share 'oil fields'; in 'Al Asad Airbase, Iraq' the
    base is Al Asad's alone."""
    fields = [[PlaceSpan(4, 10, "Conoco", TARGET)], [PlaceSpan(15, 21, "al-Omar", TARGET, hint="oil_field")]]
    assert [g[0].hint for g in share_hints(fields)] == ["field", "oil_field"]
    base = [[PlaceSpan(0, 15, "Al Asad Airbase", TARGET, hint="air_base")], [PlaceSpan(17, 21, "Iraq", TARGET)]]
    assert [g[0].hint for g in share_hints(base)] == ["air_base", None]


@pytest.fixture(scope="module")
def pipeline():
    from eventsift.pipeline import Pipeline
    return Pipeline()


def _places(pipeline, text):
    doc = Document(doc_id="t.txt", text=text, published=date(2024, 3, 4))
    return [e.location.name if e.location else None for e in pipeline.extract(doc)]


def test_a_country_wide_place_is_made_precise_by_the_next_sentences(pipeline):
    text = ("A drone attack wounded two soldiers in northern Iraq early on Monday, officials said.\n\n"
            "The soldiers were stationed in Erbil, Iraq, according to the army.")
    assert _places(pipeline, text) == ["Erbil"]


def test_a_point_another_event_is_placed_at_does_not_make_a_country_precise(pipeline):
    text = ("A drone attack wounded two soldiers in Iraq early on Monday, officials said.\n\n"
            "On Sunday a rocket attack killed three people in Erbil.\n\n"
            "Officials in Erbil said the army was on alert.")
    assert _places(pipeline, text)[0] == "Iraq"


def test_a_sea_is_placed_by_an_offset_the_next_sentence_gives(pipeline):
    text = ("A cargo ship was damaged by a drone in the Red Sea on Monday, the navy said.\n\n"
            "The ship was hit in the Red Sea 65 nautical miles west of Hodeidah, the agency said.")
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 3, 4)))
    assert len(events) == 1
    place = events[0].location
    assert place is not None and abs(place.lon - 41.8) < 0.2 and place.precision == 2


def test_a_reference_giving_the_events_day_replaces_the_day_a_source_spoke(pipeline):
    text = ("US strikes in western Iraq killed at least 16 people, a government spokesman said on Saturday.\n\n"
            "The United States carried out the strikes on Friday in retaliation for a drone attack.")
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 2, 3)))
    assert events[0].date == "2024-02-02"


def test_a_day_standing_on_the_attack_word_dates_an_undated_event(pipeline):
    text = ("US personnel were injured in a ballistic missile attack on Al-Asad Air Base in Iraq, officials said.\n\n"
            "The Saturday attack was the second time ballistic missiles were used against the base.")
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 1, 21)))
    assert [e.date for e in events] == ["2024-01-20"]


def test_another_known_town_in_a_reference_is_another_event(pipeline):
    """ACLED codes one event per place: 'The strikes also targeted ... al-Bukamal' after
    strikes on al-Mayadeen is a second event."""
    text = ("US airstrikes killed 13 fighters in the city of al-Mayadeen in Syria last night, a monitor said.\n\n"
            "The strikes also targeted the al-Hizam area and the industrial neighbourhood in the city of al-Bukamal.")
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 2, 3)))
    lons = sorted(round(e.location.lon, 1) for e in events if e.location and e.location.lon)
    assert lons == [40.5, 40.9]  # al-Mayadin, Albu Kamal


def test_a_quoted_this_morning_does_not_split_an_event_dated_in_the_text(pipeline):
    """Published the day after: the spokeswoman's "this morning" was the day before, so it
    cannot tell this strike from the Christmas Day one."""
    text = ("Three soldiers were injured in a drone attack in northern Iraq on Christmas Day, officials said.\n\n"
            "“Early this morning in northern Iraq, our personnel were targeted by a one-way attack drone,” "
            "the spokeswoman said.")
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2023, 12, 26)))
    assert [e.date for e in events] == ["2023-12-25"]


def test_the_day_a_source_spoke_and_the_day_before_are_one_attack(pipeline):
    text = ("Kurdish-led forces said on Monday that six of their fighters had been killed in a drone attack "
            "on the Al-Omar oil field.\n\n"
            "An armed group claimed responsibility for the drone attack on Al-Omar field, saying it launched "
            "the attack on Feb. 4.")
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 2, 5)))
    assert [e.date for e in events] == ["2024-02-04"]
    two_days = text.replace("Feb. 4", "Feb. 3")  # spoken two days after: nothing says it is the same attack
    assert len(pipeline.extract(Document(doc_id="t.txt", text=two_days, published=date(2024, 2, 5)))) == 2


def test_a_neighbourhood_is_not_a_namesake_town_far_from_the_story():
    """In a Marib story, 'Rawdha neighborhoods' is a part of Marib, not the town Ar Rawdah 118 km away
    (the full gazetteer: the geo tests' sample lacks both towns)."""
    from eventsift.geo.resolve import PlaceResolver
    resolver = PlaceResolver.open_default()
    text = ("Houthi rebels launched 4 missiles targeting Marib city on Sunday. "
            "The missile hit the airport, Al-Shareka and Rawdha neighborhoods.")
    mentions = {m.text: m for m in resolver.find_mentions(text)}
    context = resolver.document_context(text)
    context = context.with_place(resolver.resolve(mentions["Marib"], context))  # the story's town, placed first
    place = resolver.resolve(mentions["Rawdha"], context)
    assert place is not None and place.precision == 2 and abs(place.lon - 45.33) < 0.1
