"""Sentences about other matters do not join an event (extract.events): another attack told
in passing, a running total, an attack that contradicts the event."""
from datetime import date

import pytest

from eventsift.extract.events import elsewhere
from eventsift.records import Document, Place


@pytest.fixture(scope="module")
def pipeline():
    from eventsift.pipeline import Pipeline
    return Pipeline()


def _extract(pipeline, text, published=date(2024, 1, 16)):
    return pipeline.extract(Document(doc_id="t.txt", text=text, published=published))


def test_an_attack_in_another_known_town_told_in_passing_is_another_event(pipeline):
    text = ("The Revolutionary Guards also hit targets in Syria with ballistic missiles, state media said.\n\n"
            "On January 3, suicide bombers struck crowds gathered near the tomb of a general in Kerman, "
            "killing around 90 people.")
    events = _extract(pipeline, text)
    assert len(events) == 2
    assert events[0].fatalities is None  # its day may still be filled from the document (event_fields)
    assert events[1].fatalities == 90 and events[1].date == "2024-01-03"
    assert events[1].location is not None and events[1].location.name == "Kerman"


def test_an_attack_on_a_point_the_event_named_joins_it(pipeline):
    text = ("At least three people were killed on Wednesday in a drone attack on a car in eastern Baghdad.\n\n"
            "The attack occurred when a drone bombarded a vehicle in the al-Mashtal neighborhood, the source said.\n\n"
            "After the attack, security forces intensified measures around the heavily fortified Green Zone.\n\n"
            "The Joint Operations Command said in a statement that a bombardment targeted a civilian car at "
            "9:35 p.m. local time in the al-Mashtal neighborhood, killing those aboard.")
    assert len(_extract(pipeline, text, date(2024, 2, 8))) == 1


def test_a_running_total_after_several_attacks_gives_none_of_them_its_count(pipeline):
    text = ("Two civilians were killed in an Israeli strike that targeted their home in the village of Houla.\n\n"
            "Hezbollah said it launched several attack drones toward an Israeli military position "
            "in the occupied Golan Heights.\n\n"
            "On the Israeli side, at least 14 soldiers and 11 civilians have been killed, according to the army.")
    events = _extract(pipeline, text)
    assert len(events) == 2
    assert all(e.fatalities != 14 for e in events)


def test_an_attack_that_kills_where_the_event_killed_none_is_another(pipeline):
    text = ("Two drones attacked the Ain al-Asad air base in western Iraq on Tuesday night, "
            "without causing any casualties, security sources said.\n\n"
            "A drone attack killed 3 American soldiers in a desert area on the Iraqi-Syrian border.")
    events = _extract(pipeline, text, date(2024, 7, 17))
    assert len(events) == 2 and events[0].fatalities in (0, None)


def test_an_attack_with_other_weapons_than_a_well_told_event_is_another(pipeline):
    text = ("Several rockets fired by militants hit the Ain al-Asad air base in western Iraq, injuring 5 U.S. "
            "personnel.\n\n"
            "The rocket attack on Monday night targeted the Ain al-Asad airbase, the Pentagon said.\n\n"
            "A U.S. official confirmed that at least 5 U.S. personnel were injured in the rocket attack.\n\n"
            "It comes a week after U.S. forces carried out an airstrike against militants, killing at least 4 people.")
    events = _extract(pipeline, text, date(2024, 8, 5))
    assert events[0].fatalities is None


def test_a_province_abroad_is_a_namesake_not_another_place():
    erbil = Place(name="Erbil", lat=36.19, lon=44.01, country="IQ", admin1="Erbil", precision=1, feature="city")
    kurdistan_ir = Place(name="Kurdistan", lat=35.9, lon=47.0, country="IR", admin1="Kurdistan", precision=3,
                         feature="admin1")
    helmand = Place(name="Helmand", lat=31.0, lon=64.0, country="AF", admin1="Helmand", precision=3,
                    feature="admin1")
    laghman = Place(name="Laghman", lat=34.7, lon=70.2, country="AF", admin1="Laghman", precision=3,
                    feature="admin1")
    assert not elsewhere(kurdistan_ir, erbil)
    assert elsewhere(helmand, laghman)
    assert not elsewhere(laghman, laghman)


def test_a_village_is_placed_where_another_sentence_says_it_lies(pipeline):
    """The gazetteer lacks the village (or knows a namesake far away): the report's own
    "X ... is about 75 miles west of Mandalay" places it."""
    [event] = _extract(pipeline, "A fighter jet dropped three bombs on Nyaung Kone village on Tuesday, killing "
                                 "9 people. Nyaung Kone village, which has more than 230 houses, is about 75 "
                                 "miles west of Mandalay, Myanmar's second-largest city.")
    assert event.location.name == "Nyaung Kone" and event.location.precision == 2
    assert abs(event.location.lat - 21.97) < 0.1 and abs(event.location.lon - 94.92) < 0.1
    # a town the gazetteer knows, and a statement that agrees with it: the gazetteer's point
    [event] = _extract(pipeline, "A fighter jet dropped three bombs on Monywa on Tuesday, killing 9 people. "
                                 "Monywa, which has a big market, is about 70 miles west of Mandalay.")
    assert event.location.name == "Monywa" and event.location.precision == 1


def test_a_district_wide_event_is_narrowed_to_the_town_the_next_sentence_names(pipeline):
    [event] = _extract(pipeline, "At least 17 people were injured in a grenade attack in Jaffarabad district in "
                                 "Pakistan's Balochistan province, police said. Officials said motorcyclists hurled "
                                 "a hand-grenade near a shop in a busy market in Dera Allahyar town of Jaffarabad "
                                 "district on Sunday night.")
    assert event.location.name == "Dera Allahyar" and abs(event.location.lat - 28.37) < 0.05


def test_a_reference_to_the_earlier_attack_told_just_before_joins_that_attack(pipeline):
    """'... in retaliation for a drone attack on a base in Jordan. Washington blamed the unclaimed
    attack on the Islamic Resistance': the blame is the earlier attack's, not the strikes'."""
    events = _extract(pipeline, "US strikes on Mosul killed 16 people on Friday. The United States carried out the "
                                "strikes in retaliation for a drone attack on a base in Jordan. Washington blamed "
                                "the unclaimed attack on the Islamic Resistance in Iraq.")
    strikes = next(e for e in events if e.location and e.location.name == "Mosul")
    assert strikes.actor == "US"
    earlier = [e for e in events if e is not strikes]
    assert earlier and earlier[0].actor == "Islamic Resistance in Iraq"
    # a counted attack is the report's own
    events = _extract(pipeline, "A drone hit the airport in Mosul on Friday. The base was previously hit by a "
                                "rocket attack in September. It is the second drone attack on the airport.")
    mosul = next(e for e in events if e.location and e.location.name == "Mosul")
    assert "It is the second drone attack on the airport." in mosul.evidence


def test_a_reference_that_names_another_place_keeps_the_referred_attacks_weapons_and_attacker(pipeline):
    events = _extract(pipeline, "At least 13 fighters were killed in U.S. airstrikes that targeted strongholds in "
                                "Deir ez-Zor on Friday. The strikes also targeted the industrial neighbourhood in "
                                "the city of al-Bukamal.")
    assert len(events) == 2
    second = events[1]
    assert second.weapons == ("airstrike",) and second.sub_event_type == "Air/drone strike"
    assert second.actor == "U.S."
    assert second.target is None  # "strongholds in Deir ez-Zor" were hit in Deir ez-Zor
    events = _extract(pipeline, "US strikes in western Iraq against armed pro-Iran groups killed at least 16 people "
                                "on Friday. The strikes hit locations in the Mosul and Zummar regions.")
    assert {e.target for e in events} == {"armed pro-Iran groups"}


def test_a_reference_that_dates_the_strikes_dates_every_place_they_hit(pipeline):
    """'... said on Saturday. The strikes hit X and Y. The United States carried out the strikes
    on Friday': Friday is the day of both events the strikes were split into."""
    events = _extract(pipeline, "US strikes in the west of Iraq killed at least 16 people, a government spokesman "
                                "said on Saturday. The strikes hit locations in the Mosul and Zummar regions, the "
                                "spokesman said. The United States carried out the strikes on Friday in retaliation "
                                "for a drone attack on a base in Jordan.", published=date(2024, 2, 3))
    dates = {e.location.name: e.date for e in events if e.location}
    assert dates["Mosul"] == dates["Zummar"] == "2024-02-02"


def test_a_village_listed_with_one_the_report_places_lies_near_it(pipeline):
    """'attacks on Nyaung Kone and Kyarsi villages in Pale township' and 'Nyaung Kone village ...
    is about 75 miles west of Mandalay': Kyarsi, in the same township, is placed near it."""
    events = _extract(pipeline, "Tuesday's air attacks on Nyaung Kone and Kyarsi villages in Pale township in "
                                "Sagaing region killed 9 people. Nyaung Kone village, which has more than 230 "
                                "houses, is about 75 miles west of Mandalay.")
    places = {e.location.name: e.location for e in events if e.location}
    assert set(places) == {"Nyaung Kone", "Kyarsi"}
    assert abs(places["Kyarsi"].lat - 21.97) < 0.1 and abs(places["Kyarsi"].lon - 94.92) < 0.1
    assert places["Kyarsi"].precision == 2


def test_each_object_hit_in_its_own_sea_is_an_event_of_its_own(pipeline):
    """'attacks on the carrier in the Red Sea and the ship Transworld Navigator in the Arabian
    Sea': two places, two events; a clause with a verb between them joins no second object."""
    events = _extract(pipeline, "The Houthis claimed missile attacks on the US aircraft carrier USS Dwight D. "
                                "Eisenhower in the Red Sea and the commercial ship Transworld Navigator in the "
                                "Arabian Sea on Tuesday.")
    assert sorted(e.location.name for e in events) == ["Arabian Sea", "Red Sea"]
    assert all(e.location.lat is not None for e in events)
    targets = {e.location.name: e.target for e in events}
    assert targets["Arabian Sea"] == "commercial ship Transworld Navigator"  # each object its own target
    [event] = _extract(pipeline, "Drones hit a base in Mosul and wounded two guards who were standing in the "
                                 "city on Tuesday.")
    assert event.location.name == "Mosul"


def test_a_reference_with_its_own_counts_in_another_country_is_another_attack(pipeline):
    """In a report on a drone attack in Syria, 'the drone attack ... that killed three US soldiers and
    injured over 40 others at a base in Jordan' is another attack: its counts are not the Syrian one's."""
    events = _extract(pipeline, "A drone attack on the Al-Omar oil field in Syria killed seven SDF fighters on "
                                "Sunday. Washington attributed the drone attack that killed three US soldiers "
                                "and injured over 40 others at a base in Jordan to Iran-backed militias.")
    syria = [e for e in events if e.location and e.location.country == "SY"]
    assert len(syria) == 1 and syria[0].injuries is None and syria[0].fatalities == 7


def test_a_name_the_gazetteer_lacks_takes_the_area_its_own_sentence_names(pipeline):
    """ "shelled the outskirts of Tell Ruwayha village ... in the southern countryside of Idlib":
    the village at that part of the province (precision 3), not a bare name with no point."""
    [event] = _extract(pipeline, "Regime forces stationed in Idlib countryside shelled the outskirts of Tell "
                                 "Ruwayha village with heavy artillery in the southern countryside of Idlib on "
                                 "Monday, killing two civilians.")
    place = event.location
    assert place.name == "Tell Ruwayha" and place.country == "SY" and place.precision == 3
    assert place.lat is not None and 35.3 < place.lat < 35.8  # the south of Idlib province


def test_a_distance_and_direction_before_the_place_hit_put_the_event_there(pipeline):
    """ "an explosion ... 57 nautical miles southwest of Yemen's Aden": that point at sea, not Aden's."""
    [event] = _extract(pipeline, "A ship reported an explosion in close proximity to the vessel 57 nautical miles "
                                 "southwest of Yemen's Aden on Tuesday, the UKMTO said. Yemen's Houthi militants "
                                 "have been attacking shipping in the Gulf of Aden since November.")
    place = event.location
    assert place.name == "106 km from Aden" and place.precision == 2 and place.country == "YE"
    assert place.lat < 12.2 and place.lon < 44.5  # Aden: 12.78 N, 45.04 E


def test_a_village_no_gazetteer_knows_told_after_its_region_is_the_same_event(pipeline):
    """The lede's region, then the village the next sentence names: one air strike, and the
    raid's "attack" in the lede says not how (men on foot raided the village)."""
    events = _extract(pipeline, "At least 20 people were killed when the military bombed a village in the "
                                "Sagaing region on Monday. Fighter jets dropped bombs on Let Yet Kone village at "
                                "around 10 a.m., a resident said.")
    assert len(events) == 1 and events[0].fatalities == 20
    [raid] = _extract(pipeline, "Islamist insurgents killed at least five civilians in an attack on a village in "
                                "Cabo Delgado province. The militants raided Mucojo village in Macomia district on "
                                "Saturday, burning homes.")
    assert (raid.event_type, raid.sub_event_type) == ("Violence against civilians", "Attack")


def test_a_toll_that_rose_a_day_after_the_attack_is_the_attack_s(pipeline):
    """The day a toll rose is when it was told, and "the attack" it came a day after is the
    bombing itself: one event, on the blast's own day, with both counts."""
    events = _extract(pipeline, "The death toll from a suicide bombing at a railway station in southwestern "
                                "Pakistan rose to 32 on Sunday, officials said, a day after the attack claimed by "
                                "the Baloch Liberation Army.\n\nSaturday's blast at Quetta's main railway station "
                                "also wounded 62 people, police said.", published=date(2024, 11, 10))
    assert [(e.location.name, e.date, e.fatalities, e.injuries, e.actor) for e in events] == [
        ("Quetta", "2024-11-09", 32, 62, "Baloch Liberation Army")]


def test_a_town_near_a_country_s_border_is_found_in_that_country(pipeline):
    """ "near Moreh town close to the India-Myanmar border": India is no point to be near."""
    [event] = _extract(pipeline, "Two Assam Rifles personnel were injured when militants ambushed a convoy in "
                                 "Manipur's Tengnoupal district on Saturday. The attack took place near Moreh town "
                                 "close to the India-Myanmar border.")
    assert event.location.name == "Moreh" and event.location.country == "IN"


def test_people_taken_by_armed_men_are_an_abduction_unless_someone_was_killed(pipeline):
    [taken] = _extract(pipeline, "Gunmen on Thursday abducted at least 20 pupils from a school in Kaduna state, "
                                 "police and residents said.")
    assert (taken.event_type, taken.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
    [killed] = _extract(pipeline, "Bandits abducted 15 villagers and killed two others in an attack on a village in "
                                  "Kaduna state on Monday.")
    assert (killed.event_type, killed.sub_event_type, killed.fatalities) == ("Violence against civilians", "Attack", 2)
    # with no armed men, weapon or harm, a kidnapping is no attack; nor is a tally since a month
    assert _extract(pipeline, "The parents of a child kidnapped by her father in a custody dispute appealed for "
                              "help on Monday.") == []
    assert _extract(pipeline, "Militants have kidnapped more than 300 people in Zamfara since January.") == []


def test_the_other_side_s_reply_is_another_event_of_its_own_time(pipeline):
    """ "Israel responded with airstrikes on several villages in southern Lebanon": a new event,
    Israel's; a reply told right after an earlier attack ("Last month, ...") is that earlier time's."""
    events = _extract(pipeline, "Two soldiers were killed on Monday when a drone launched from Lebanon struck a "
                                "military post near the border community of Shlomi. Israel responded with "
                                "airstrikes on several villages in southern Lebanon.", published=date(2024, 8, 6))
    assert [(e.location.country, e.actor, e.date) for e in events] == [("IL", None, "2024-08-05"),
                                                                       ("LB", "Israel", "2024-08-05")]
    events = _extract(pipeline, "Rockets hit the Ain al-Asad base on Saturday. Last month, three U.S. service "
                                "members were wounded in a drone attack on their base in northern Iraq. The U.S. "
                                "responded with airstrikes that destroyed facilities in Iraq.")
    assert [e.date for e in events][1:] == [None, None]


def test_strikes_counted_at_one_place_within_a_day_are_one_event_not_a_tally(pipeline):
    [event] = _extract(pipeline, "Russian warplanes carried out at least four airstrikes on the outskirts of Jisr "
                                 "al-Shughur later in the day, according to a monitor.")
    assert event.location.country == "SY" and event.weapons == ("airstrike",)
    for tally in ("Israel has carried out dozens of strikes on Rafah since May.",
                  "The group has carried out five attacks on Mosul this year.",
                  "Russian jets carried out 30 airstrikes on Idlib and Hama on Monday."):
        assert _extract(pipeline, tally) == [], tally


def test_a_fight_with_someone_in_a_place_and_a_bare_claim_of_responsibility(pipeline):
    [fight] = _extract(pipeline, "Two Army soldiers were killed and three others injured in a gunfight with "
                                 "terrorists in Jammu and Kashmir's Poonch district on Saturday, officials said.")
    assert fight.location.country == "IN" and fight.location.precision == 2  # the district, not nowhere
    [base] = _extract(pipeline, "Separatist militants attacked a naval air base in Turbat late Monday, triggering "
                                "a shootout that left five attackers dead, the military said. The outlawed Baloch "
                                "Liberation Army claimed responsibility.")
    assert (base.event_type, base.sub_event_type) == ("Battles", "Armed clash")
    assert "Baloch Liberation Army" in base.actor  # the group that claimed it, over "Separatist militants"


def test_a_military_that_says_it_struck_rockets_that_landed_and_a_town_attacked(pipeline):
    [depot] = _extract(pipeline, "The Israeli military said on Monday it struck a Hezbollah weapons storage "
                                 "facility in southern Lebanon overnight.")
    assert depot.actor == "Israeli military" and depot.location.country == "LB"
    [rockets] = _extract(pipeline, "Two Katyusha rockets landed near the US embassy in Baghdad late Sunday, causing "
                                   "no casualties, a security source said.")
    assert rockets.weapons == ("rocket",) and rockets.location.name == "Baghdad" and rockets.fatalities == 0
    [town] = _extract(pipeline, "Russian forces attacked Nikopol in Dnipropetrovsk region with heavy artillery on "
                                "Tuesday, wounding a 67-year-old man.")
    assert town.location.name == "Nikopol" and town.location.precision == 1
    assert _extract(pipeline, "Oil prices fell sharply in Baghdad on Monday.") == []


def test_where_the_weapons_fell_names_no_new_weapon(pipeline):
    [event] = _extract(pipeline, "Two Katyusha rockets were fired at the Al Asad airbase in western Iraq on Monday, "
                                 "wounding five US servicemen. One Iraqi source said that the missiles fell on the base.")
    assert event.weapons == ("rocket",)


def test_an_attack_abroad_told_after_attacks_of_other_weapons_keeps_its_own_place(pipeline):
    """Both events before it used other weapons, so it is neither; the town it names abroad is still its place."""
    events = _extract(pipeline, "Missiles hit Erbil on Monday, killing four people. The missiles also struck a house "
                                "in Erbil. The missile attack on Erbil wounded six others. Missiles hit Aleppo on "
                                "Monday. The missiles struck a depot in Aleppo. The missile strike on Aleppo wounded "
                                "two.\n\nOn January 3, suicide bombers struck crowds gathered near the tomb of the "
                                "revered general Qasem Soleimani in Kerman, killing around 90 people.")
    assert events[-1].location is not None and events[-1].location.name == "Kerman"


def test_fighters_who_attacked_a_village_and_killed_with_no_weapon_named_attacked_civilians(pipeline):
    [event] = _extract(pipeline, "Fighters from Sudan's paramilitary Rapid Support Forces attacked a village in the "
                                 "central province of Gezira, killing at least 40 people, activists said. The attack "
                                 "on Wad al-Noura village took place on Wednesday, a local committee said.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_a_claim_beside_where_the_drones_came_from_names_the_attacker(pipeline):
    [event] = _extract(pipeline, "Several drones struck an Aramco oil facility in Abqaiq on Sunday, causing fires but "
                                 "no casualties, the interior ministry said. Yemen's Houthi rebels claimed "
                                 "responsibility, but U.S. officials said the drones may have been launched from Iraq.")
    assert "Houthi" in event.actor and [p.name for p in event.launch_locations] == ["Iraq"]


def test_troops_who_responded_with_fire_in_the_same_clash_tell_no_new_event(pipeline):
    events = _extract(pipeline, "Israeli forces killed four Palestinians during a raid in the West Bank town of Jenin "
                                "on Monday, the health ministry said. The Israeli military said troops had come under "
                                "fire in the Jenin refugee camp and had responded with fire and an air strike.")
    assert len(events) == 1
