"""Weapon words and the ACLED event and sub-event type, on small hand-made sentences."""
import pytest

from eventsift.extract.detect import Mention, weapons_in
from eventsift.extract.signals import harm_told
from eventsift.extract.event_fields import classify
from eventsift.extract.lexicon import load_lexicon

LEX = load_lexicon()


def mention(sentence, index=0, *, headline=False):
    """A mention with the weapons and wording flags detection reads from the sentence's words."""
    strong, weak = weapons_in(sentence, LEX)
    return Mention(
        sentence_index=index, sentence=sentence, triggers=[], weapons=strong, weak_weapons=weak, places=[],
        date=None, actor=None, target=None, fatalities=None, injuries=None, attribution=[], unverified=False,
        new_event=False, definite=False, prior=False, headline=headline,
        air_launched=bool(LEX.air_launched.search(sentence)),
        clash=bool(LEX.clash_pattern.search(sentence)),
        intercepted=bool(LEX.intercepted_pattern.search(sentence)),
        damage=harm_told(sentence, LEX),
    )


def types_of(*sentences):
    mentions = [mention(s, i) for i, s in enumerate(sentences)]
    weapons = set().union(*(m.weapons for m in mentions)) or set().union(*(m.weak_weapons for m in mentions))
    return classify(mentions, weapons, LEX)


@pytest.mark.parametrize("sentence, strong", [
    ("Insurgents fired rocket-propelled grenades and heavy machine guns into a convoy.", {"grenade", "gunfire"}),
    ("Rebels attacked a village with machetes and guns.", {"gunfire"}),
    ("Two Katyusha missiles were fired at the airbase.", {"rocket"}),
    ("A suicide car bomber blew himself up near a convoy.", {"suicide_bomb"}),
    ("A fighter jet dropped three bombs on the monastery.", {"airstrike"}),
    ("The war jets destroyed 17 sites.", {"airstrike"}),
    ("An uncrewed aircraft system hit and damaged the ship.", {"drone"}),
])
def test_weapon_words(sentence, strong):
    assert weapons_in(sentence, LEX)[0] == strong


@pytest.mark.parametrize("sentence, weak", [
    ("Regime forces bombarded Khirbat al-Naqus village.", {"artillery"}),
    ("Two soldiers were wounded in a clash with NPA rebels.", {"gunfire"}),
    ("Three officers were killed in a firefight with the militants.", {"gunfire"}),
    ("They started shooting sporadically.", {"gunfire"}),
])
def test_generic_words_name_a_weapon_only_weakly(sentence, weak):
    strong, found = weapons_in(sentence, LEX)
    assert not strong and found == weak


def test_the_first_statement_of_the_event_decides_among_its_weapons():
    assert types_of("Two militants were killed in a drone strike on a militia headquarters.",
                    "Witnesses said at least two rockets hit the building.") == (
        "Explosions/Remote violence", "Air/drone strike")
    assert types_of("Several rockets hit the base, injuring five soldiers.",
                    "It came a week after a US drone strike killed a commander.") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_missiles_fired_by_the_aircraft_or_drone_named_are_an_air_strike():
    assert types_of("Its fighter jets struck a compound after the group fired a missile.") == (
        "Explosions/Remote violence", "Air/drone strike")
    assert types_of("Their vehicle was struck by missiles fired by the drone.") == (
        "Explosions/Remote violence", "Air/drone strike")
    # missiles and drones launched side by side are a missile attack
    assert types_of("The base came under a combined missile and drone onslaught.") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


@pytest.mark.parametrize("sentences", [
    ("US forces fired on and took down an Iranian-made drone near the base.",),
    ("Four Ukrainian drones had been destroyed over a refinery.",),
])
def test_a_weapon_stopped_in_the_air_is_disrupted_weapons_use(sentences):
    assert types_of(*sentences) == ("Strategic developments", "Disrupted weapons use")


@pytest.mark.parametrize("sentences", [
    ("Most of the missiles were intercepted, while others impacted on the base.",),
    ("One drone was shot down, but another caused minor injuries.",),
])
def test_weapons_that_got_through_make_it_an_attack(sentences):
    assert types_of(*sentences)[0] == "Explosions/Remote violence"


def test_an_attack_repelled_is_no_disrupted_weapons_use():
    assert types_of("The group claimed to have hit an army camp with mortar fire.",
                    "The military said the attacks had been energetically repelled.") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_suicide_vehicle_that_opens_a_battle_is_the_battle():
    """ACLED codes a suicide blast or grenades that open a fight as the fight; a remote weapon
    beside a clash keeps its own type."""
    assert types_of("JNIM took control of the camp with the help of a suicide-bomb vehicle.",
                    "Tens of soldiers were killed or wounded in the battle.") == ("Battles", "Armed clash")
    assert types_of("A suicide car bomber blew himself up near a convoy, killing four.") == (
        "Explosions/Remote violence", "Suicide bomb")
    assert types_of("Drones struck the positions after clashes in the area.") == (
        "Explosions/Remote violence", "Air/drone strike")



def test_a_charge_a_suicide_bomber_wore_or_a_drone_carried_is_no_ied():
    from eventsift.extract.event_fields import _weapons
    assert _weapons([mention("Two suicide bombers with IEDs strapped to their bodies attacked the mosque.")]) \
        == {"suicide_bomb"}
    assert _weapons([mention("Attackers used drones fitted with improvised explosive devices.")]) == {"drone"}
    assert _weapons([mention("A roadside bomb exploded under a convoy.")]) == {"ied"}


def test_interception_with_no_harm_is_disrupted_weapons_use_even_when_none_is_stated():
    said = "Russia's Defense Ministry said its air defenses destroyed 10 Ukrainian drones over the Belgorod region, " \
           "with no casualties reported."
    assert types_of(said) == ("Strategic developments", "Disrupted weapons use")


def test_a_drone_that_got_through_makes_an_attack_of_a_partial_interception():
    assert types_of("Two armed drones on Tuesday targeted Iraq's Ain al-Asad airbase.",
                    "An Iraqi military official said defense systems downed one drone near the base perimeter.") \
        == ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize("sentence", [
    "The rebels attacked the base using a truck packed with explosives.",
    "A truck bomb exploded outside the barracks.",
    "A booby-trapped motorcycle went off in the market.",
])
def test_vehicles_packed_with_explosives_are_ieds(sentence):
    strong, _ = weapons_in(sentence, LEX)
    assert strong == {"ied"}
