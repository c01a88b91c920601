"""Argument filling on small hand-made sentences: casualty counts, actor, target."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsift import nlp
from eventsift.extract.arguments import (
    NUMBER_WORDS, casualty_counts, find_actor, find_target, is_trigger, parse_count,
)
from eventsift.extract.lexicon import load_lexicon

LEX = load_lexicon()


def _parsed(text):
    sents = list(nlp.parse(text).sents)  # a dateline ("PESHAWAR, Dec 8 (AFP):") is a sentence of its own
    sent = next((s for s in sents if any(is_trigger(t, LEX) for t in s)), sents[0])
    triggers = [t for t in sent if is_trigger(t, LEX)]
    weapons = {m.group(0).lower() for m in LEX.weapon_pattern.finditer(sent.text)}
    return sent, triggers, weapons


def actor_of(text):
    sent, triggers, weapons = _parsed(text)
    return find_actor(sent, triggers, LEX, weapons)


def target_of(text):
    _, triggers, _ = _parsed(text)
    return find_target(triggers, LEX, set())


def target_among_places(text, places):
    """The target when the named places are known to the gazetteer (their words are place words)."""
    sent, triggers, _ = _parsed(text)
    ids = set()
    for place in places:
        start = sent.text.index(place)
        ids |= {t.i for t in sent if start <= t.idx - sent.start_char < start + len(place)}
    return find_target(triggers, LEX, ids)


@pytest.mark.parametrize("sentence, expected", [
    ("At least 12 people were killed and 30 wounded in the blast.", (12, 30)),
    ("The attack killed at least eight people and collapsed a nearby home.", (8, None)),
    ("The strike killed dozens of civilians.", (12, None)),
    ("The death toll rose to 30 on Monday.", (30, None)),
    ("two soldiers were injured", (None, 2)),
    ("killing twenty-one people", (21, None)),
    ("There were casualties, but the number remains unclear.", (None, None)),
    ("The base was hit by more than 10 missiles.", (None, None)),
    ("10,000,000 killed", (None, None)),
    ("A strike killed 16 civilians in 2021.", (16, None)),
    # nationality plurals count people
    ("At least 22 Palestinians were killed in the strike.", (22, None)),
    # one person, named in the singular
    ("A man was killed and a woman was injured.", (1, 1)),
    ("At least one person has been killed, with 12 others injured.", (1, 12)),
    ("The IED explosion killed a passenger and injured three others.", (1, 3)),
    ("The barrage killed at least one civilian and wounded a second.", (1, 1)),
    # a stated zero is 0; a fear or an unknown is None
    ("No casualties were reported.", (0, 0)),
    ("No one was hurt in the attack.", (0, 0)),
    ("Nobody was killed, but two people were wounded.", (0, 2)),
    ("There were no immediate reports of casualties.", (0, 0)),
    ("Casualties are feared.", (None, None)),
    # counts of a running total or of both kinds at once are no count of this attack
    ("The war has killed more than 20,000 people.", (None, None)),
    ("Aircraft have stepped up strikes since April, killing more than 600 civilians.", (None, None)),
    ("Tens of soldiers were killed or wounded in the battle.", (None, None)),
    # wordings around the number
    ("Activists documented the death of three civilians.", (3, None)),
    ("Five civilians, including one child, were killed in rocket attacks.", (5, None)),
    ("Six CRPF jawans were injured after militants hurled a grenade.", (None, 6)),
    ("Two suspected female suicide bombers died in the blast.", (2, None)),
    ("A soldier who killed three people was arrested.", (3, None)),
])
def test_casualty_counts(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


def test_vague_counts_follow_acled():
    assert parse_count("dozens", LEX) == 12
    assert parse_count("tens", LEX) == 10
    assert parse_count("hundreds", LEX) == 100
    assert parse_count("1,200", LEX) == 1200
    assert parse_count("several", LEX) is None


@given(st.integers(min_value=1, max_value=100_000))
def test_digit_counts_read_back(n):
    assert parse_count(str(n), LEX) == n
    assert parse_count(f"{n:,}", LEX) == n


@given(st.sampled_from(sorted(w for w in NUMBER_WORDS if w not in ("a", "an", "single", "hundred"))))
def test_number_words_read_back(word):
    assert parse_count(word, LEX) == NUMBER_WORDS[word]
    assert parse_count(word.capitalize(), LEX) == NUMBER_WORDS[word]


@pytest.mark.parametrize("sentence, expected", [
    # the subject of the verb that carries out the attack noun or fires the weapon
    ("Militants hurled a grenade and opened fire on the security forces.", "Militants"),
    ("Regime forces committed a massacre in the village.", "Regime forces"),
    ("Israeli forces killed three people in the raid.", "Israeli forces"),
    ("Insurgents fired rockets into a convoy, killing three drivers.", "Insurgents"),
    ("A suicide car bomber blew himself up near a convoy, killing four people.", "suicide car bomber"),
    # a group or nationality on the attack noun or the weapon, or "by X"
    ("Russian missiles struck the city on Sunday.", "Russian"),
    ("Regime air strikes killed 11 civilians.", "Regime"),
    ("The attack came in retaliation for the US airstrikes on the Harabesh neighborhood.", "US"),
    ("Airstrikes by Burma's military killed nine civilians.", "Burma's military"),
    ("A ship was attacked by a drone operated by the Houthi militia.", "Houthi militia"),
    # claims, speakers and spokesmen stand for the group
    ("A purported spokesman for the Pakistani Taliban claimed responsibility for the attack.", "Pakistani Taliban"),
    ("Tens of soldiers died in the battle, JNIM claimed.", "JNIM"),
    ("Hezbollah said it launched drones at an Israeli position.", "Hezbollah"),
    ("The assault was attributed to the National Liberation Army.", "National Liberation Army"),
    ("Kuki militants are suspected to be behind the drone attack.", "Kuki militants"),
    ("Rockets were fired at the base, an attack also claimed by the Islamic Resistance.", "Islamic Resistance"),
    ("The group known as the Islamic Resistance in Iraq said it had launched a drone attack.",
     "Islamic Resistance in Iraq"),
    ("Two soldiers were wounded in a clash between the troops and NPA rebels.", "troops"),
    # a claimant described as an umbrella of "several" groups still claims one attack
    ("The Islamic Resistance in Iraq - an umbrella group of several Iran-backed Iraqi armed groups - on Monday "
     "claimed responsibility for a drone attack on Al-Omar field, saying it launched the attack on Feb. 4.",
     "Islamic Resistance in Iraq"),
    # the attack referred back to: "X was behind it", "it was carried out by X"
    ("Officials have assessed that one of several Iranian-backed groups was behind it.",
     "several Iranian backed groups"),
    ('"We know it was carried out by radical Iran-backed militant groups operating in Syria and Iraq," Biden said.',
     "radical Iran backed militant groups"),
    # a bare "the army" is the speaker the sentence names in full
    ("The army shelled the village overnight, the Pakistani army said.", "Pakistani army"),
    # "said in a post on X that its forces ...": a that-clause the parser hangs on the last noun
    ("The U.S. Central Command said in a post on the social media platform X that its forces conducted a "
     "unilateral strike, killing a commander.", "U.S. Central Command"),
])
def test_actor_is_the_named_perpetrator(sentence, expected):
    assert actor_of(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "An improvised explosive device exploded near a bus.",              # a weapon acts alone
    "Mortar shells slammed into the Afghan capital, killing one civilian.",  # a place's adjective
    "Seven Colombian Soldiers Killed In Drone Attack",                  # a headline's victims
    "At least one person was killed, with 12 others injured, in a grenade attack.",
    "A vehicle of the security forces hit a landmine.",                 # the vehicle was hit
    "Air defence systems downed a drone over the region.",              # the defender
    "Iranian-produced ballistic missiles hit the city.",                # the maker
    "Five soldiers were killed in a terrorist attack on a checkpoint.",  # a kind of attack
    "It is the latest in a long series of attacks blamed on the Taliban.",  # an aggregate
    "Sarea claimed the five ships were targeted.",                      # a spokesman's own name
    "No group has claimed responsibility for the attack.",
    "A suicide bomber blew himself up in Mogadishu on Friday, killing four.",  # not "Mogadishu"
    "One of the drones was shot down outside the base by the air defense system.",  # the defender, as agent
    "On Tuesday US forces fired on and took down a drone that was threatening a base in Syria.",
    "US Personnel Injured in Suspected Rocket Attack on Al Asad Airbase in Iraq",  # a hedge, not a name
    "Most of the incoming missiles were intercepted by the air defense systems.",
    "Hamas denied being behind the attack.",                            # denied, not claimed
    "The Taliban was not behind the attack, officials said.",
    "U.S. and coalition troops engaged two drones at the air base on Oct. 18.",  # the defenders
])
def test_actor_is_none_when_nobody_is_named(sentence):
    actor = actor_of(sentence)
    assert actor is None or "bomber" in actor


@pytest.mark.parametrize("sentence, expected", [
    ("A Russian missile strike on a residential building killed three people.", "residential building"),
    ("The house was hit by the Israeli attack on Friday.", "house"),
    ("An oil refinery caught fire after an overnight drone attack.", "oil refinery"),
    ("Militants opened fire on the security forces.", "security forces"),
    ("A drone strike killed three people.", "three people"),
    ("PESHAWAR, Dec 8 (AFP): At least 17 people were killed in a suicide attack on a market.", "market"),
    ("A vehicle of the security forces hit a landmine.", "vehicle of the security forces"),
    ("Two soldiers were wounded in a clash between the troops and NPA rebels.", "NPA rebels"),
    ("The group launched a drone attack on a vital site.", "vital site"),
    ("Insurgents fired rockets into a convoy, killing three drivers.", "convoy"),
    ("Drones attacked a base close to the border.", "base"),
    ("A device planted near shops exploded, killing one person.", "shops"),
    ("A suicide bomber blew himself up near a convoy, killing four people.", "convoy"),
    ("The explosions occurred 15 feet away from a security barrack.", "security barrack"),
    # weapons dropped or hurled on or at something
    ("A fighter jet dropped three bombs on the monastery and nearby houses.", "monastery and nearby houses"),
    ("Miscreants hurled two hand grenades at the victims, killing one person.", "victims"),
    # a clause of another attack ("... after Israel targeted their fighters") names not this one's target
    ("The group launched several attack drones toward an Israeli military position, just hours after Israel "
     "targeted their fighters.", "Israeli military position"),
    ("Militants launched drones, targeting the airport.", "airport"),
    ("Militants took control of an army base with the help of a suicide-bomb vehicle.", "army base"),
    # drones engaged at a base: the base was attacked
    ("U.S. and coalition troops engaged two drones at the Ain al-Assad air base on Oct. 18.", "Ain al-Assad air base"),
])
def test_target_prefers_what_was_hit_over_victim_counts(sentence, expected):
    assert target_of(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "A drone strike was reported on Friday.",            # a date
    "The Houthis launched 4 missiles on Sunday.",       # weapons
    "An unmanned aerial vehicle was downed over the region.",
])
def test_target_is_never_a_date_or_a_weapon(sentence):
    assert target_of(sentence) is None


@pytest.mark.parametrize("sentence, expected", [
    # an installation with no owner in its name: the party the sentence puts there was hit
    ("Two armed drones targeted Iraq's Ain al-Asad airbase, which hosts US forces in western Iraq.",
     "US forces at Iraq's Ain al-Asad airbase"),
    ("A drone attack has been conducted on an oil facility housing American troops.",
     "American troops at oil facility"),
    # people hurt before the installation is named; a clause saying whose the installation is
    ("Twenty American personnel sustained minor injuries when two drones targeted al-Tanf military base.",
     "American personnel at al-Tanf military base"),
    ("Rockets hit a base used by the Iraqi army.", "Iraqi army at base"),
    # the owner is in its name already, or the troops named are the attackers
    ("Militants attacked the US base in Syria where U.S. troops are stationed.", "US base in Syria"),
    ("Israeli troops raided a compound near Jenin.", "compound"),
])
def test_a_facility_s_occupants_are_who_was_hit(sentence, expected):
    assert target_of(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the people of a named party hit beat the thing hit
    ("A US drone strike hit a car in Baghdad, killing three members of the Kataeb Hezbollah militia.",
     "three members of the Kataeb Hezbollah militia"),
    ("An attack on an American base claimed the lives of seven fighters from the Kurdish-led Syrian Democratic Forces.",
     "seven fighters from Kurdish-led Syrian Democratic Forces"),
    ("The strikes were in retaliation for the killing of three US military personnel in a drone attack on a base.",
     "three US military personnel"),
    ("Several rockets hit a military base in western Iraq, injuring at least 5 U.S. personnel.", "5 U.S. personnel"),
    # people of no party do not
    ("An Israeli strike on a house killed 22 Palestinians.", "house"),
])
def test_target_names_the_party_whose_people_were_hit(sentence, expected):
    assert target_of(sentence) == expected


@pytest.mark.parametrize("sentence, places, expected", [
    # an installation named as a place is what was hit; a town is only where
    ("Rockets were fired at Mission Support Site Conoco last month.", ["Mission Support Site Conoco"],
     "Mission Support Site Conoco"),
    ("Al-Shabab gunmen attacked the main African Union base in Mogadishu.", ["African Union base", "Mogadishu"],
     "main African Union base in Mogadishu"),
    ("The Ain al-Assad military base, affiliated with the international coalition, located in western Iraq, "
     "was attacked by two drones.", ["Ain al-Assad military base", "Iraq"],
     "international coalition at Ain al Assad military base"),
    # spaCy tags "the" of "the Ain al-Assad" as part of an ORG: an article owns nothing
    ("Iraqi security sources reported yesterday that the Ain al-Assad military base, affiliated with the "
     "international coalition, located in western Iraq, was attacked by two drones last Tuesday night.",
     ["Ain al-Assad military base", "Iraq"], "international coalition at Ain al Assad military base"),
    ("Regime forces shelled the town of Kafr Nabl.", ["Kafr Nabl"], None),
    # the words of its place name say where, not whose: the party stationed there was hit
    ("Terrorists attacked Erbil Air Base, where U.S. troops are stationed.", ["Erbil Air Base"],
     "U.S. troops at Erbil Air Base"),
])
def test_a_named_installation_is_a_target(sentence, places, expected):
    assert target_among_places(sentence, places) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a downed weapon's target is what it flew over, near or at, or what its clause says it threatened
    ("Air defences intercepted drones flying over Khartoum International Airport.", "Khartoum International Airport"),
    ("US forces shot down a drone that was flying near a US base in Syria.", "US base in Syria"),
    ("Four drones had been destroyed over a second refinery.", "second refinery"),
    ("US forces fired on and took down a drone that was threatening a base in Syria where US troops are stationed.",
     "US troops at base in Syria"),
    # a clause that is not of flight or aim says nothing of the target
    ("Air defences destroyed rockets stored near a warehouse.", None),
])
def test_a_downed_weapon_s_target_is_what_it_was_heading_for(sentence, expected):
    assert target_of(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Four Ukrainian drones had been destroyed over the region.", "Ukrainian"),
    ("Air defences shot down a Houthi drone over the Red Sea.", "Houthi"),
    ("The army intercepted a drone.", None),
])
def test_a_downed_weapon_s_own_modifier_names_who_fired_it(sentence, expected):
    assert actor_of(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Regime forces shelled positions in Hmeimat village.", None),
    ("The IRGC hit targets in Syria with ballistic missiles.", None),
    # an owner, a kind or an "of" phrase says what
    ("Regime forces shelled army positions.", "army positions"),
    ("Regime forces shelled positions of the opposition factions.", "positions of the opposition factions"),
])
def test_a_bare_word_for_something_hit_is_no_target(sentence, expected):
    assert target_of(sentence) == expected


def test_people_stationed_where_a_company_s_installation_lies_were_hit():
    sentence = "A drone attack targeted the Conoco gas field in the province of Deir ez-Zor, where U.S. troops are stationed."
    assert target_among_places(sentence, ["Conoco gas field", "Deir ez-Zor"]) == "U.S. troops at Conoco gas field"
    assert target_of(sentence) == "U.S. troops at Conoco gas field"


@pytest.mark.parametrize("sentence, actor, target", [
    ("Washington blamed the unclaimed attack on the Islamic Resistance in Iraq.", "Islamic Resistance in Iraq", None),
    ("Officials blamed the attack on the Hezbollah militia.", "Hezbollah militia", None),
    # the attack's own "on" that names no group is what it hit
    ("Officials blamed the attack on the base on Hezbollah.", None, "base"),
])
def test_whom_an_attack_is_blamed_on_is_its_actor_not_its_target(sentence, actor, target):
    assert (actor_of(sentence), target_of(sentence)) == (actor, target)


def test_a_relative_pronoun_hit_stands_for_the_noun_its_clause_modifies():
    assert target_of("Residents said the gunmen, whom the military later struck with a drone, had fled.") == "gunmen"


def test_an_adjective_the_tagger_made_the_subject_gives_way_to_the_name_after_it():
    sentence = ("At least 15 civilians were killed and dozens injured on Tuesday when the paramilitary Rapid Support "
                "Forces shelled residential neighbourhoods of El Obeid, according to a local rights group.")
    assert actor_of(sentence) == "Rapid Support Forces"


def test_a_count_of_weapons_shot_down_is_no_attacker():
    """The tagger reads "down" as an adverb and the count as one too: the launcher is the attacker."""
    sentence = "Ukraine's air force said it shot down 24 of 29 Shahed drones launched by Russia overnight."
    assert actor_of(sentence) == "Russia"


def test_a_border_near_the_town_is_where_not_what():
    sentence = ("A car bomb exploded in the northern town of Azaz, near the Turkish border, on Sunday evening, "
                "killing five civilians.")
    assert target_of(sentence) == "five civilians"


def test_fighters_from_a_named_group_are_that_group():
    sentence = ("Guerrillas from the National Liberation Army (ELN) attacked a military base on Tuesday using a truck "
                "packed with explosives, killing two soldiers.")
    assert actor_of(sentence) == "National Liberation Army"
    assert actor_of("Militants from Syria attacked a checkpoint, killing two soldiers.") != "Syria"


def test_a_nationality_inside_a_weapon_phrase_still_names_who_fired():
    """The lexicon's weapon phrase "Israeli jets" holds the attacker's nationality."""
    sent, triggers, weapons = _parsed("Israeli jets struck a Hezbollah weapons depot in the Bekaa Valley on Monday.")
    assert "israeli jets" in weapons
    assert find_actor(sent, triggers, LEX, weapons) == "Israeli"
