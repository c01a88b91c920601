"""An event's target and actor chosen across the sentences that tell it."""
from datetime import date

import pytest

from eventsift import nlp
from eventsift.extract.actors import generic_actor, names_a_group
from eventsift.extract.arguments import NAMED, PARTY, VICTIMS, find_target_ranked, is_trigger
from eventsift.extract.lexicon import load_lexicon
from eventsift.records import Document

LEX = load_lexicon()


def ranked_target(text):
    sent = next(nlp.parse(text).sents)
    return find_target_ranked([t for t in sent if is_trigger(t, LEX)], LEX, set())


@pytest.mark.parametrize("sentence, expected", [
    ("At least five US servicemen were killed in the attack.", (PARTY, "five US servicemen")),
    ("Two rockets were fired at the Al Asad airbase on Monday.", (NAMED, "Al Asad airbase")),
    ("Four civilians were killed in the strike.", (NAMED, "Four civilians")),  # a kind of people: as good as a thing
    ("One person was killed in the explosion.", (VICTIMS, "One person")),  # a bare count
    ("The blast killed 12 people and wounded 25 others.", (VICTIMS, "12 people")),
    # who was among people named only by a count
    ("At least nine people, including three soldiers, were wounded in the blast.",
     (VICTIMS, "nine people, including three soldiers")),
    # the subject of "killed" with an object killed: the killer, never the people hit
    ("Israeli forces killed four Palestinians during a raid in Jenin on Monday.", (NAMED, "four Palestinians")),
])
def test_a_target_carries_its_rank(sentence, expected):
    assert ranked_target(sentence) == expected


@pytest.fixture(scope="module")
def pipeline():
    from eventsift.pipeline import Pipeline
    return Pipeline()


def _events(pipeline, text):
    return pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 8, 6)))


@pytest.mark.parametrize("text, expected", [
    # the people of a named party hit, told after the thing hit
    ("Two rockets were fired at the Al Asad airbase in western Iraq on Monday.\n\n"
     "Three US soldiers were wounded in the attack, officials said.", "Three US soldiers"),
    # a thing hit, told after a bare count
    ("One person was killed and four others were wounded in a bomb explosion in Baghdad on Monday.\n\n"
     "The bomb, planted near shops in the market, exploded in the afternoon, police said.", "shops"),
])
def test_the_event_keeps_its_best_ranked_target(pipeline, text, expected):
    events = _events(pipeline, text)
    assert len(events) == 1 and events[0].target == expected


def test_a_kind_of_people_hit_told_first_stays_the_target(pipeline):
    text = ("Four civilians were killed in a missile strike in Erbil on Monday, officials said.\n\n"
            "The missile struck their home in the north of the city.")
    events = _events(pipeline, text)
    assert len(events) == 1 and events[0].target == "Four civilians"


@pytest.mark.parametrize("actor, generic, named", [
    ("two suicide bombers", True, False),
    ("Armed bandits", True, False),
    ("Suspected militants", True, False),
    ("terrorists", True, False),
    ("some unknown miscreants", True, False),
    ("the Pakistani Taliban", False, True),
    ("al-Shabab gunmen", False, True),
    ("regime forces", False, False),
])
def test_an_actor_that_only_describes_the_attacker_is_generic(actor, generic, named):
    assert (generic_actor(actor), names_a_group(actor)) == (generic, named)


def test_a_group_named_later_beats_an_attacker_described_first(pipeline):
    text = ("Police said two suicide bombers attacked a checkpoint in Peshawar on Monday, killing four policemen.\n\n"
            "The Pakistani Taliban claimed responsibility for the attack.")
    events = _events(pipeline, text)
    assert len(events) == 1 and events[0].actor == "Pakistani Taliban"


def test_an_attacker_only_described_is_unnamed(pipeline):
    """FORMAT.md: the actor is who carried it out "as named in the text; null when unnamed".
    "Two suicide bombers" or "terrorists" describe an attacker and name nobody."""
    events = _events(pipeline, "Police said two suicide bombers attacked a checkpoint in Peshawar on Monday, "
                               "killing four policemen.")
    assert len(events) == 1 and events[0].actor is None


@pytest.mark.parametrize("text, expected", [
    # small arms on civilians only: violence against civilians
    ("Insurgents fired rocket-propelled grenades and heavy machine guns into a convoy in Kabul on Monday, killing "
     "three drivers.", ("Violence against civilians", "Attack")),
    # on police or soldiers, who can fight back: a battle
    ("Gunmen opened fire on a police post in Kabul on Monday, killing seven policemen and four residents.",
     ("Battles", "Armed clash")),
    # a hand grenade thrown at the police stays a grenade attack
    ("Militants hurled a grenade and opened fire on the security forces in Kabul on Monday.",
     ("Explosions/Remote violence", "Grenade")),
    # no weapon named: a ground assault on soldiers is a battle; "an attack" on a base says not how
    ("Ten soldiers were killed when terrorists attacked a checkpost in Kabul on Monday.", ("Battles", "Armed clash")),
    ("The group was blamed for an attack on a base in Kabul on Monday that killed three soldiers.",
     ("Explosions/Remote violence", None)),
])
def test_who_was_hit_and_how_decide_a_ground_attacks_type(pipeline, text, expected):
    events = _events(pipeline, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [expected]


def test_a_group_told_by_what_it_is_is_the_group_the_report_names_most(pipeline):
    """'The powerful pro-Iran group said it launched drones': Hezbollah, named twice before, not
    Hamas, named once in passing."""
    text = ("Fighting between Israel and the powerful Shiite movement Hezbollah intensified on Sunday.\n\n"
            "Hezbollah, a Hamas ally, has traded regular cross-border fire with Israel.\n\n"
            "The powerful pro-Iran group said it launched several attack drones toward an Israeli military "
            "position in the Golan Heights on Sunday.")
    events = [e for e in _events(pipeline, text) if e.location and e.location.name == "Golan Heights"]
    assert len(events) == 1 and events[0].actor == "Hezbollah"


def test_a_claimant_the_tagger_split_and_a_coalition_named_by_its_leader_are_actors(pipeline):
    [event] = _events(pipeline, "Islamic State claimed responsibility on Monday for a bomb blast at a mosque in "
                                "Kabul that killed at least eight people.")
    assert event.actor == "Islamic State"
    [event] = _events(pipeline, "Saudi-led coalition air strikes on Sanaa killed at least 14 people on Monday.")
    assert event.actor == "Saudi-led coalition"
