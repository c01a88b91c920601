"""Event detection and grouping on small hand-made reports (fake gazetteer)."""
from datetime import date

from eventsift.pipeline import Pipeline
from eventsift.records import Document


def events_of(text, fake_places, published=date(2024, 10, 1)):
    pipeline = Pipeline(places=fake_places)
    return pipeline.extract(Document(doc_id="t.txt", text=text, published=published))


def test_one_attack_told_in_several_sentences_is_one_event(fake_places):
    events = events_of(
        "A missile strike hit Kharkiv on Monday, killing three people. The attack also wounded 12. "
        "Officials said the strike destroyed a school.", fake_places)
    assert len(events) == 1
    [event] = events
    assert event.location.name == "Kharkiv"
    assert event.date == "2024-09-30"
    assert event.fatalities == 3 and event.injuries == 12
    assert event.weapons == ("missile",)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert len(event.evidence) == 3


def test_coordinated_targets_are_separate_events(fake_places):
    events = events_of("Russian missiles struck Kharkiv and Odesa on Sunday.", fake_places)
    assert sorted(e.location.name for e in events) == ["Kharkiv", "Odesa"]
    assert all(e.actor == "Russian" for e in events)


def test_same_place_on_different_days_is_never_one_event(fake_places):
    events = events_of("Drones hit Kharkiv on Sunday. Rockets hit Kharkiv again on Tuesday.", fake_places)
    assert sorted(e.date for e in events) == ["2024-09-29", "2024-10-01"]


def test_aggregates_background_and_hypotheticals_are_not_events(fake_places):
    text = ("Forces in Iraq and Syria have been targeted with dozens of attacks since October 2023. "
            "Officials warned of a potential assault by militias. "
            "The country is sending jets as attacks against its troops escalate.")
    assert events_of(text, fake_places) == []
    assert events_of("Ukraine has carried out frequent drone attacks on refineries in Kharkiv.", fake_places) == []
    assert events_of("Troops have been attacked at least 23 times by rockets in Kharkiv.", fake_places) == []
    assert events_of("The base came under attack 100 times in Kharkiv.", fake_places) == []
    assert len(events_of("Rockets hit the base in Kharkiv twice on Sunday.", fake_places)) == 1


def test_retaliation_phrase_names_an_earlier_separate_event_with_unknown_date(fake_places):
    events = events_of(
        "Militants shelled a base in Hama on Sunday in retaliation for the Russian airstrikes on Mosul.",
        fake_places)
    by_place = {e.location.name: e for e in events}
    assert set(by_place) == {"Hama", "Mosul"}
    assert by_place["Hama"].date == "2024-09-29"
    assert by_place["Mosul"].date is None
    assert by_place["Mosul"].sub_event_type == "Air/drone strike"
    assert by_place["Mosul"].actor == "Russian"


def test_launch_sites_are_kept_apart_from_the_target(fake_places):
    events = events_of(
        "Missiles struck a US base in Syria. The missiles were launched from Zummar and Mosul.", fake_places)
    [event] = events
    assert event.location.name == "Syria"
    assert [p.name for p in event.launch_locations] == ["Zummar", "Mosul"]


def test_unverified_wording_sets_certainty(fake_places):
    [event] = events_of("There are unverified reports of a missile attack on Hama.", fake_places)
    assert event.certainty == "unverified"


def test_official_source_confirms(fake_places):
    [event] = events_of("A drone strike hit Hama, the defence ministry said.", fake_places)
    assert event.certainty == "confirmed"
    assert event.sub_event_type == "Air/drone strike"


def test_a_confirmation_of_the_attack_joins_it_with_its_speaker(fake_places):
    """ "Central Command later confirmed the strike": a sentence whose main verb confirms
    (acknowledges, claims) a definite attack refers back to it, even when it also speaks of
    attacks in general ("attacks since October"); its speaker becomes the event's source."""
    [event] = events_of(
        "A drone strike hit a car in Kharkiv on Monday, killing three people. "
        "Central Command later confirmed the strike, saying the commander had planned dozens of "
        "attacks on US forces since October.", fake_places)
    assert "Central Command" in event.attribution
    assert event.certainty == "confirmed"


def test_no_publication_date_means_no_date(fake_places):
    [event] = events_of("A missile strike hit Kharkiv on Monday.", fake_places, published=None)
    assert event.date is None


def test_event_ids_are_stable(fake_places):
    first = events_of("A missile strike hit Kharkiv on Monday.", fake_places)
    again = events_of("A missile strike hit Kharkiv on Monday.", fake_places)
    assert [e.event_id for e in first] == [e.event_id for e in again]


def test_intercepted_without_damage_is_disrupted_weapons_use(fake_places):
    [event] = events_of("Air defences intercepted two missiles fired at Odesa on Sunday.", fake_places)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Disrupted weapons use")


def test_weapons_that_smash_into_a_place_are_an_attack(fake_places):
    """'smash', 'slam', 'rain' are attack verbs when a weapon is named with them."""
    [event] = events_of("Rockets smashed into Kharkiv on Sunday.", fake_places)
    assert event.location.name == "Kharkiv" and event.weapons == ("rocket",)
    assert events_of("Fans smashed into Kharkiv's stadium on Sunday.", fake_places) == []


def test_a_dateline_with_its_year_is_not_the_place(fake_places):
    [event] = events_of("KHARKIV, Dec 8, 2010 (AFP): A suicide attack on a market in Odesa killed 17 people.",
                        fake_places, published=date(2010, 12, 8))
    assert event.location.name == "Odesa"


def test_a_wire_dateline_glued_to_the_lede_is_not_the_place(fake_places):
    """'KHARKIV (Reuters) -An oil depot in Odesa ...': filed in Kharkiv, hit in Odesa."""
    [event] = events_of("KHARKIV (Reuters) -An oil depot in Odesa burned after a drone attack on Sunday.", fake_places)
    assert event.location.name == "Odesa"


def test_a_dateline_is_not_the_subject_of_the_lede(fake_places):
    """'KHARKIV -- Airstrikes by X killed ...': the parser would make the town the subject of
    'killed' and the airstrikes its apposition; the dateline is a sentence of its own."""
    for dateline in ("KHARKIV -- ", "KHARKIV (Reuters) - ", "KHARKIV, Ukraine (AP) — ", "KHARKIV: "):
        [event] = events_of(dateline + "Airstrikes by the Russian army on two villages in Odesa killed five civilians "
                            "on Sunday, villagers said.", fake_places)
        assert event.actor == "Russian army", dateline
        assert event.evidence[0].startswith("Airstrikes by"), dateline


def test_a_dateline_sentence_is_still_read_for_its_place(fake_places):
    from eventsift.nlp import parse

    text = "Kharkiv: A drone attack on a fuel depot killed two workers on Sunday."
    doc = Document(doc_id="t.txt", text=text, published=date(2024, 10, 1))
    reading = Pipeline(places=fake_places).read_sentences(doc, parse(text))
    assert reading.texts[0] == "Kharkiv:"
    assert [(p.text, p.role) for p in reading.places[0]] == [("Kharkiv", "dateline")]
    # the parser would split "KHARKIV" from "(PTI):"; the dateline stays one sentence
    text = "Published: 4 May 2024\n\nKHARKIV (PTI): Two soldiers were killed in a gunfight on Saturday."
    reading = Pipeline(places=fake_places).read_sentences(doc, parse(text))
    assert reading.texts[1] == "KHARKIV (PTI):"


def test_plural_weapon_names_count(fake_places):
    [event] = events_of("Militants fired explosive devices at troops in Kharkiv on Sunday.", fake_places)
    assert "ied" in event.weapons


def test_fighting_at_a_place_is_an_event_but_a_war_s_toll_is_not(fake_places):
    [event] = events_of("Troops killed two rebels in clashes on Sunday. The fighting occurred in Kharkiv.",
                        fake_places)
    assert event.location.name == "Kharkiv"
    assert events_of("The fighting since 2022 has killed thousands in Kharkiv.", fake_places) == []


def test_a_headline_places_a_story_whose_body_names_no_place(fake_places):
    text = "Russian missile strike hits Kharkiv\n\nA missile struck a school on Sunday, killing three people."
    pipeline = Pipeline(places=fake_places)
    [event] = pipeline.extract(Document(doc_id="t.txt", text=text, title="Russian missile strike hits Kharkiv",
                                        published=date(2024, 10, 1)))
    assert event.location.name == "Kharkiv" and event.fatalities == 3


def test_a_placeless_attack_takes_a_point_named_right_after_it_at_precision_2(fake_places):
    events = events_of("A missile struck a school on Sunday, killing three people. The school stands in a suburb "
                       "of Kharkiv. Officials condemned the strike.", fake_places)
    [event] = events
    assert event.location.name == "Kharkiv" and event.location.precision == 2
    far = events_of("A missile struck a school on Sunday, killing three people. Officials condemned it. "
                    "Markets were calm. Prices rose. Flights resumed in Kharkiv.", fake_places)
    assert [e.location for e in far] == [None]


def test_evidence_keeps_to_sentences_near_the_event_or_naming_its_place(fake_places):
    text = ("Rockets hit Kharkiv on Sunday. Officials said little. Schools were closed. Roads were shut. "
            "Drones had been downed over the region, the ministry said. Rockets hit Kharkiv again, killing two.")
    [event] = events_of(text, fake_places)
    assert event.evidence == ("Rockets hit Kharkiv on Sunday.", "Rockets hit Kharkiv again, killing two.")


def test_the_same_group_is_the_group_named_before(fake_places):
    events = events_of("Hezbollah fired rockets at Kharkiv on Sunday. On Monday, missiles were fired at Odesa, "
                       "an attack also claimed by the same group.", fake_places)
    assert {e.location.name: e.actor for e in events} == {"Kharkiv": "Hezbollah", "Odesa": "Hezbollah"}


def test_a_stated_zero_in_the_next_sentence_is_the_event_s(fake_places):
    [event] = events_of("Two bombs exploded in Kharkiv on Tuesday night. No casualties were reported.", fake_places)
    assert (event.fatalities, event.injuries) == (0, 0)
    [event] = events_of("Two bombs exploded in Kharkiv on Tuesday night. Schools stayed open. No casualties were "
                        "reported.", fake_places)
    assert (event.fatalities, event.injuries) == (None, None)  # two sentences on: not said of this attack


def test_an_attack_measured_from_a_town_is_placed_at_that_distance(fake_places):
    [event] = events_of("A bomb exploded on the main highway about 60 kilometers (37 miles) east of Kharkiv on "
                        "Sunday, killing two drivers.", fake_places)
    assert event.location.precision == 2 and event.location.name == "60 km from Kharkiv"
    assert abs(event.location.lat - 49.99) < 0.05 and 36.23 + 0.7 < event.location.lon < 36.23 + 0.9


def test_a_strike_that_killed_someone_is_an_attack_without_a_weapon_word(fake_places):
    events = events_of("Abu Taqwa, a militia leader, was killed in an American strike in Mosul on Sunday.", fake_places)
    assert [e.location.name for e in events] == ["Mosul"]


def test_another_attack_on_its_own_day_is_an_event_of_its_own(fake_places):
    events = events_of("A drone attack hit Zummar on Sunday, damaging a police post. "
                       "A similar attack occurred in the village on September 3, 2024.", fake_places)
    assert sorted(e.date for e in events) == ["2024-09-03", "2024-09-29"]


def test_a_sentence_cut_off_at_the_end_of_the_report_is_no_headline(fake_places):
    events = events_of("A drone strike hit Kharkiv on Monday, killing three people.\n"
                       "On Tuesday a suicide bomber tried to kill a judge in Mosul, badly damaging his car and hi",
                       fake_places)
    assert sorted(e.location.name for e in events) == ["Kharkiv", "Mosul"]


def test_an_ambush_that_killed_policemen_is_a_battle_whatever_its_target_word(fake_places):
    [event] = events_of("Two policemen were killed when suspected Maoists ambushed a patrol in Kharkiv on Sunday.",
                        fake_places)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")


def test_the_capital_of_a_province_is_not_the_country_s_capital():
    from eventsift.extract.places import CapitalMention, with_capitals

    def capitals(text, found=()):
        return [p.text for p in with_capitals(text, list(found)) if isinstance(p, CapitalMention)]

    assert capitals("Shells hit the capital of North Kordofan state on Tuesday.") == []
    assert capitals("Shells hit the Sudanese capital on Tuesday.") == ["the Sudanese capital"]

    class Town:
        start, end, text = 11, 19, "El Obeid"
    assert capitals("Shells hit El Obeid, the capital of North Kordofan, on Tuesday.", [Town()]) == []


def test_a_day_named_on_the_attack_word_narrows_the_week_the_lede_gave(fake_places):
    """'Airstrikes ... this week killed 11, villagers said on Thursday.' then 'Tuesday's attacks on X':
    the event was on that Tuesday, not some day of the week."""
    text = ("Airstrikes by the Russian army this week killed 11 civilians, villagers said on Thursday. "
            "Tuesday's attacks on Kharkiv also wounded about a dozen people.")
    [event] = events_of(text, fake_places, published=date(2024, 10, 3))
    assert (event.date, event.date_precision) == ("2024-10-01", 1)
    [event] = events_of(text.replace(", villagers said on Thursday", ""), fake_places, published=date(2024, 10, 3))
    assert (event.date, event.date_precision) == ("2024-10-01", 1)


def test_armed_men_storming_a_place_is_an_attack_without_a_weapon_named(fake_places):
    [event] = events_of("Al-Shabab fighters stormed a hotel in Kharkiv late Thursday, police said.", fake_places)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert event.actor is not None and "Shabab" in event.actor
    # taking ground is also told of old wars: it still needs a weapon or a casualty
    assert events_of("The war began in 2014 when the Houthis seized Kharkiv.", fake_places) == []


def test_a_participle_describing_the_thing_hit_says_where_it_is():
    text = ("GAZA CITY (AP) — An Israeli airstrike hit a school sheltering displaced families in Gaza City early "
            "Saturday, killing at least 20 people, Palestinian health officials said.")
    [event] = Pipeline().extract(Document(doc_id="t.txt", text=text, published=date(2024, 8, 10)))
    assert event.location is not None and event.location.name == "Gaza" and event.location.precision == 1


def test_a_side_s_account_of_what_it_hit_inside_the_target_is_the_same_event(fake_places):
    events = events_of("An airstrike hit a school in Kharkiv early Saturday, killing 20 people, health officials "
                       "said. The military said it targeted a command center operating inside the school.", fake_places)
    assert len(events) == 1 and len(events[0].evidence) == 2


def test_an_accidental_explosion_is_no_attack(fake_places):
    text = ("Five workers were killed and 12 injured when a gas cylinder exploded at a garment factory in Kharkiv "
            "on Sunday, rescue officials said. Police said the blast was caused by a leak and ruled out sabotage.")
    assert events_of(text, fake_places) == []
    # a weapon in the sentence makes it an attack whatever else blew up
    bombed = "A roadside bomb hit a gas tanker in Kharkiv on Sunday, killing five people."
    assert len(events_of(bombed, fake_places)) == 1


def test_a_shooting_is_a_battle_only_when_those_hit_can_fight_back(fake_places):
    [shot] = events_of("Gunmen shot dead a man in Kharkiv late Saturday, police said.", fake_places)
    assert shot.event_type == "Violence against civilians"
    [base] = events_of("Gunmen opened fire on a military base in Kharkiv late Saturday, killing two.", fake_places)
    assert base.event_type == "Battles"


def test_a_place_naming_an_attack_already_told_does_not_replace_its_finer_place():
    text = ("In Kandahar province, a roadside bomb struck a vehicle carrying civilians in the Arghandab district on "
            "Tuesday morning, killing three people. No one immediately claimed responsibility for the Kandahar bombing.")
    [event] = Pipeline().extract(Document(doc_id="t.txt", text=text, published=date(2015, 10, 14)))
    assert event.location is not None and event.location.feature == "district" and "Arghandab" in event.location.name


def test_an_ambush_that_killed_soldiers_is_a_battle_even_when_a_claim_calls_it_an_attack(fake_places):
    text = ("Jihadists killed 14 soldiers in an ambush on a military convoy near Kharkiv on Tuesday, the army said. "
            "The group claimed the attack on social media.")
    [event] = events_of(text, fake_places)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")



def test_a_landmark_in_a_country_s_capital_places_the_attack_there():
    """'near the Defense Ministry in Somalia's capital': the capital, not a source's country."""
    text = ("MOGADISHU, Somalia (AP) — A suicide bomber detonated an explosives-laden vest at a busy restaurant near "
            "the Defense Ministry in Somalia's capital late Thursday, killing at least nine people, police said.")
    [event] = Pipeline().extract(Document(doc_id="t.txt", text=text, published=date(2024, 3, 15)))
    assert event.location is not None and event.location.name == "Mogadishu" and event.location.precision == 1


def test_rockets_fired_from_one_place_toward_another_hit_the_second():
    text = ("Two rockets were fired from the Gaza Strip toward the southern Israeli city of Sderot early Monday, the "
            "Israeli military said, adding that both were intercepted by the Iron Dome air defense system.")
    [event] = Pipeline().extract(Document(doc_id="t.txt", text=text, published=date(2024, 6, 3)))
    assert event.location is not None and event.location.name == "Sderot"
    assert [p.name for p in event.launch_locations] == ["Gaza Strip"]
    assert event.actor is None  # the defender is no attacker


def test_an_assault_on_police_with_grenades_is_a_battle_but_a_grenade_thrown_is_a_grenade_attack(fake_places):
    text = ("Two policemen were killed and three others injured when terrorists attacked the police station in Kharkiv "
            "late on Wednesday night, police said. The attackers used hand grenades and heavy weapons in the assault.")
    [event] = events_of(text, fake_places)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    [thrown] = events_of("Three civilians were injured on Sunday when militants hurled a grenade at a police bunker "
                         "in Kharkiv.", fake_places)
    assert thrown.sub_event_type == "Grenade"


def test_a_launch_site_on_a_named_bank_of_a_river_is_that_side_of_the_town():
    text = ("A woman died in her apartment in Kherson on Sunday as Russian forces shelled from the eastern bank of the "
            "Dnipro River, the governor said.")
    [event] = Pipeline().extract(Document(doc_id="t.txt", text=text, published=date(2023, 12, 4)))
    [bank] = event.launch_locations
    assert bank.name == "eastern bank of the Dnipro River" and bank.precision == 2
    assert event.location is not None and event.location.lon is not None and event.location.lat is not None
    assert bank.lon is not None and bank.lat is not None
    assert bank.lon > event.location.lon and abs(bank.lat - event.location.lat) < 0.05


def test_a_claim_of_both_attacks_names_the_attacker_of_each(fake_places):
    text = ("Rockets targeted a base in Mosul on Saturday, causing no casualties, an official said. On Sunday, two "
            "drones were launched at a base in Kharkiv; one was shot down and the other crashed. "
            "The Islamic Resistance in Iraq claimed both attacks.")
    events = events_of(text, fake_places, published=date(2023, 10, 22))
    assert len(events) == 2 and all(e.actor == "Islamic Resistance in Iraq" for e in events)


def test_the_same_shells_told_at_a_place_no_gazetteer_knows_stay_one_event(fake_places):
    from eventsift.records import Place

    fake_places.places["Hodan"] = Place("Hodan", None, None, None, None, None, 3, "district")
    events = events_of("Mortar shells fired by militants landed in a residential area of Mosul late on Monday, "
                       "killing a child. \"Three mortar shells hit houses in Hodan district,\" a police officer "
                       "said.", fake_places)
    assert [(e.location.name, e.fatalities) for e in events] == [("Mosul", 1)]


def test_a_name_placed_nowhere_then_a_town_with_the_same_weapons_is_one_event(fake_places):
    from eventsift.records import Place

    fake_places.places["Hodan"] = Place("Hodan", None, None, None, None, None, 3, None)
    events = events_of("A double suicide bombing in the tribal district of Hodan killed 43 people on Monday. "
                       "Police said two suicide bombers dressed in police uniform attacked a meeting of elders in "
                       "Mosul.", fake_places)
    assert [(e.location.name, e.fatalities) for e in events] == [("Mosul", 43)]
