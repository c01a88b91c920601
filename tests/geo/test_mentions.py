from __future__ import annotations

from eventsift.geo.mentions import PlaceMention
from eventsift.geo.resolve import PlaceResolver


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


def test_offsets_point_into_the_sentence(resolver: PlaceResolver) -> None:
    text = "Rockets hit the Conoco gas field base in Deir Ezzor, eastern Syria, on Sunday."
    for m in resolver.find_mentions(text):
        assert text[m.start:m.end] == m.text


def test_feature_hints_and_containers(resolver: PlaceResolver) -> None:
    text = "Rockets hit the Conoco gas field base in Deir Ezzor, eastern Syria, on Sunday."
    found = _by_text(resolver.find_mentions(text))
    assert found["Conoco gas field"].hint == "gas_field"
    assert found["Deir Ezzor"].container == "Syria"
    assert "Sunday" not in found


def test_possessive_and_governorate(resolver: PlaceResolver) -> None:
    text = "Bases in the Conoco and al-Omar oil fields in Syria's Deir Ezzor governorate were targeted."
    found = _by_text(resolver.find_mentions(text))
    assert found["al-Omar oil fields"].hint == "oil_field"
    deir = found["Deir Ezzor"]
    assert (deir.hint, deir.container) == ("admin1", "Syria")


def test_neighbourhood_of_a_city(resolver: PlaceResolver) -> None:
    text = "Airstrikes on the Harabesh neighborhood on the eastern side of the city of Deir Ezzor."
    found = _by_text(resolver.find_mentions(text))
    assert found["Harabesh"].hint == "neighbourhood"
    assert found["Harabesh"].container == "Deir Ezzor"
    assert found["Deir Ezzor"].hint == "town"


def test_anchor_after_near(resolver: PlaceResolver) -> None:
    text = "An attack targeted the Victoria base near Baghdad Airport late Monday."
    found = _by_text(resolver.find_mentions(text))
    assert found["Victoria base"].anchor == "Baghdad Airport"
    assert found["Baghdad Airport"].hint == "airport"


def test_spacy_labels_do_not_veto_a_place_with_a_cue(resolver: PlaceResolver) -> None:
    text = "Missiles hit forces in the vicinity of Khadra, close to the Al-Omar oil field."
    ents = [(text.index("Khadra"), text.index("Khadra") + 6, "ORG"), (text.index("Al-Omar"), text.index("Al-Omar") + 7, "PERSON")]
    found = _by_text(resolver.find_mentions(text, ents))
    assert found["Khadra"].anchor == "Al-Omar oil field"
    assert found["Al-Omar oil field"].hint == "oil_field"


def test_common_words_are_not_places(resolver: PlaceResolver) -> None:
    text = "In May the Islamic Resistance said the war on the Strip must end, Monday."
    assert resolver.find_mentions(text) == []


def test_person_labels_are_dropped_without_a_cue(resolver: PlaceResolver) -> None:
    text = "Victoria told reporters Monday that Paris would respond."
    ents = [(0, 8, "PERSON"), (36, 41, "PERSON")]
    assert resolver.find_mentions(text, ents) == []


def test_country_plus_base_is_not_a_place_name(resolver: PlaceResolver) -> None:
    text = "The US base in the Conoco field was hit by more than 10 missiles."
    texts = [m.text for m in resolver.find_mentions(text)]
    assert "US base" not in texts
    assert "Conoco field" in texts


def test_outlet_named_after_a_place(resolver: PlaceResolver) -> None:
    text = "According to Al Mayadeen's correspondent in Baghdad, four explosions were heard."
    texts = [m.text for m in resolver.find_mentions(text)]
    assert texts == ["Baghdad"]


def test_lists_are_not_containers(resolver: PlaceResolver) -> None:
    text = "Support for the aggression on Gaza, Lebanon, and Yemen."
    found = _by_text(resolver.find_mentions(text))
    assert found["Gaza"].container is None
    assert found["Lebanon"].container is None


def test_the_town_of(resolver: PlaceResolver) -> None:
    text = "Launch points were the towns of Zummar and Mosul in Iraq."
    found = _by_text(resolver.find_mentions(text))
    assert set(found) == {"Zummar", "Mosul", "Iraq"}
    assert found["Mosul"].container == "Iraq"


def test_cue_across_the_only_when_the_name_ends_the_phrase(resolver: PlaceResolver) -> None:
    from eventsift.geo.mentions import has_cue

    text = "coots in the Temryuk and in the Tim buktu region"
    assert has_cue(text, 13, 20)
    assert not has_cue(text, 32, 35)


def test_a_list_after_a_place_is_places_whatever_spacy_says(resolver: PlaceResolver) -> None:
    text = "Birds died in three areas - namely Baghdad, Mosul, and Basra."
    ents = [(35, 42, "GPE"), (44, 49, "PERSON"), (55, 60, "PERSON")]
    assert [m.text for m in resolver.find_mentions(text, ents)] == ["Baghdad", "Mosul", "Basra"]


def test_an_owner_before_an_adjective_is_the_container(resolver: PlaceResolver) -> None:
    """'Iraq's autonomous Kurdistan region', 'Syria's northern Idlib province'."""
    for text, name, owner in [("Missiles hit Iraq's autonomous Kurdistan region.", "Kurdistan", "Iraq"),
                              ("Rockets hit Syria's northern Idlib province.", "Idlib", "Syria"),
                              ("Rockets hit the group's northern Idlib province.", "Idlib", None)]:
        found = {m.text: m for m in resolver.find_mentions(text)}
        assert found[name].container == owner, text


def test_an_area_word_after_an_adjective_still_names_the_kind(resolver: PlaceResolver) -> None:
    """'the eastern province of Deir al-Zour' names a province, as 'the province of' does."""
    found = {m.text: m for m in resolver.find_mentions("Strikes hit the eastern province of Deir al-Zour.")}
    assert found["Deir al-Zour"].hint == "admin1"


def test_a_region_in_the_desert_of_a_city_is_contained_by_the_city(resolver: PlaceResolver) -> None:
    text = "The airstrikes targeted the Haidariya region in the desert of the city of al-Mayadeen."
    found = {m.text: m for m in resolver.find_mentions(text)}
    assert found["Haidariya"].container == "al-Mayadeen"


def test_a_name_before_state_is_a_state_only_when_one_is_called_so(resolver: PlaceResolver) -> None:
    [(mention, place)] = [(m, p) for m, p in resolver.resolve_sentence("Gunmen attacked a school in Washington state.")]
    assert mention.hint == "admin1" and place.feature == "admin1" and place.name == "Washington"
    assert not [m for m in resolver.find_mentions("Fighters of the Islamic State attacked a convoy.") if m.text == "Islamic"]
    hinted = [m for m in resolver.find_mentions("Researchers at Ohio State University said so.") if m.hint == "admin1"]
    assert hinted == []  # the start of a longer name


def test_names_before_regions_are_provinces(resolver: PlaceResolver) -> None:
    found = resolver.resolve_sentence("Russian attacks on the Kharkiv and Odesa regions killed four people.")
    assert {(m.text, m.hint) for m, _ in found} >= {("Kharkiv", "admin1"), ("Odesa", "admin1")}


def test_a_people_before_a_village_of_names_its_country_and_its_part(resolver: PlaceResolver) -> None:
    """"the southern Lebanese village of X": X lies in Lebanon's south, even when no gazetteer
    knows it; a people alone is no place ("the Congolese town of Beni": no town "Congolese")."""
    text = "An Israeli drone strike on a car in the southern Lebanese village of Majdal Selm killed three people."
    village = _by_text(resolver.find_mentions(text))["Majdal Selm"]
    assert (village.hint, village.container, village.parts) == ("village", "Lebanon", (("Lebanon", 180.0),))
    assert [m.text for m in resolver.find_mentions("Rebels attacked the Congolese town of Beni.")] == ["Beni"]


def test_a_body_of_people_the_tagger_calls_a_place_is_none(resolver: PlaceResolver) -> None:
    text = ("Three civilians were killed when regime forces shelled Idlib, the Syrian Observatory for Human "
            "Rights reported.")
    body = text.index("the Syrian")
    ents = [(text.index("Idlib"), text.index("Idlib") + 5, "GPE"), (body, text.index(" reported"), "GPE")]
    assert [m.text for m in resolver.find_mentions(text, ents)] == ["Idlib"]


def test_a_tagged_place_loses_its_possessive(resolver: PlaceResolver) -> None:
    """The tagger can take "North Waziristan's" whole; the place is "North Waziristan"."""
    text = "Two soldiers were killed in an IED blast in North Waziristan's Mir Ali tehsil on Tuesday."
    start = text.index("North")
    ents = [(start, text.index(" Mir"), "GPE")]
    names = [m.text for m in resolver.find_mentions(text, ents)]
    assert "North Waziristan's" not in names and "North Waziristan" in names
