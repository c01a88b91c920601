"""How many were killed and injured: counts read off one clause."""
import pytest

from eventsift.extract.casualties import casualty_counts
from eventsift.extract.lexicon import load_lexicon

LEX = load_lexicon()


@pytest.mark.parametrize("sentence, expected", [
    # an abbreviation among the words before the people counted
    ("Three U.S. service members were injured in Iraq on Christmas Day.", (None, 3)),
    ("At least two U.N. peacekeepers were killed.", (2, None)),
    # "more" and a form of "be" between the count and its verb
    ("At least three soldiers were killed and 34 more were injured in the assault.", (3, 34)),
    ("Five were killed and 12 were wounded.", (5, 12)),
    # a long "including" aside with commas of its own
    ("12 persons, including seven policemen, a member of the State Protection Guards, CPG, and four "
     "residents, were killed in the village on Thursday.", (12, None)),
])
def test_count_before_its_verb(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a count right before the other kind's verb is that kind's count, not the one before it
    ("three us troops killed 25 injured after drone slams into base", (3, 25)),
    ("Strike on market: 2 killed 14 wounded", (2, 14)),
])
def test_count_before_the_other_kinds_verb(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Three soldiers were killed and at least two dozen were injured.", (3, 24)),
    ("Dozens were wounded.", (None, 12)),
])
def test_counted_dozens(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


@pytest.mark.parametrize("sentence, expected", [
    # harm from a cause that is no attack is no count of the attack
    ("The shootdown comes after a deadly earthquake which rocked the region, killing tens of thousands of people.",
     (None, None)),
    ("A civilian contractor died due to a cardiac incident during a shelter-in-place order.", (None, None)),
    ("Two workers were injured in a road accident near the base.", (None, None)),
    # an attack's count beside such a cause still counts
    ("A drone strike killed 5 people in the quake-hit town.", (5, None)),
])
def test_harm_from_no_attack(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


@pytest.mark.parametrize("sentence, expected", [
    # stated zeros
    ("The attack, which the sources said did not cause casualties or damage, came at dawn.", (0, 0)),
    ("The ship's crew members were safe.", (0, 0)),
    ("Everyone on board was unharmed.", (0, 0)),
    ("No casualties were reported.", (0, 0)),
    # nothing known is no zero; a group unharmed says nothing of the others
    ("There was no immediate word on casualties.", (None, None)),
    ("No information on casualties was available.", (None, None)),
    ("The soldiers were unharmed but two civilians were killed.", (2, None)),
    # counts told as nouns
    ("The strike caused injuries to five others.", (None, 5)),
    ("The attack resulted in the deaths of seven soldiers and the injuries of eighteen others.", (7, 18)),
    # a participle phrase between the people and their verb
    ("Three police officers traveling in the convoy were wounded, a spokesman said.", (None, 3)),
    ("( 7 fighters led by Kurds were slain )", (7, None)),
    # a count beside an unknown number of the same kind is no total
    ("An unknown number of U.S. service members and at least one Iraqi service member suffered injuries.",
     (None, None)),
    ("An unknown number of people were killed and 5 were injured.", (None, 5)),
])
def test_zeros_and_counts_told_as_nouns(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


# An event's counts (events.EventBuilder): a count stated for several places or events
# together is no one event's count; a place's own count beats the total.

@pytest.fixture(scope="module")
def pipeline():
    from eventsift.pipeline import Pipeline
    return Pipeline()


def _counts(pipeline, text):
    from datetime import date

    from eventsift.records import Document
    events = pipeline.extract(Document(doc_id="t.txt", text=text, published=date(2024, 3, 4)))
    return {(e.location.name if e.location else None): (e.fatalities, e.injuries) for e in events}


def test_a_towns_own_count_beats_plural_strikes_over_the_region(pipeline):
    counts = _counts(pipeline, "Government air strikes on Monday killed 9 civilians in northern Syria, a monitor said. "
                               "Seven civilians were killed in the town of Kafr Nabl in Idlib province.")
    assert list(counts.values()) == [(7, None)]


def test_plural_strikes_over_a_region_give_no_count_to_one_town(pipeline):
    counts = _counts(pipeline, "US air strikes in western Iraq killed at least 16 people and wounded 23 on Friday. "
                               "The strikes hit positions in the town of Al-Qaim.")
    assert set(counts.values()) == {(None, None)}


def test_a_total_for_different_areas_and_its_restatement_are_no_count(pipeline):
    counts = _counts(pipeline, "Russian shelling killed two people and injured 12 in Ukraine's Kherson region. "
                               "Russian shelling killed two people and injured 12 on Thursday in different areas of "
                               "Kherson region, officials said. Russian forces shelled the city of Kherson in the evening, "
                               "killing a woman in her apartment.")
    assert set(counts.values()) == {(1, None)}


def test_a_count_over_several_places_is_a_total(pipeline):
    counts = _counts(pipeline, "Bandits attacked some communities in Zamfara state on Thursday, "
                               "killing more than 40 people.")
    assert counts and set(counts.values()) == {(None, None)}


def test_a_count_in_a_sentence_told_of_two_events_is_neither_ones(pipeline):
    counts = _counts(pipeline, "Bandits attacked Zurmi and Gusau towns on Thursday, killing more than 40 people.")
    assert len(counts) == 2 and set(counts.values()) == {(None, None)}


def test_clashes_in_a_province_are_one_battle_with_its_count(pipeline):
    counts = _counts(pipeline, "Soldiers killed three militants in clashes in Borno state on Monday. "
                               "The fighting was in the town of Konduga.")
    assert list(counts.values()) == [(3, None)]


def test_a_zero_over_several_events_is_each_ones_zero(pipeline):
    counts = _counts(pipeline, "Regime forces shelled Mosul and Zummar on Sunday, but no casualties were reported.")
    assert counts == {"Mosul": (0, 0), "Zummar": (0, 0)}


def test_a_zero_right_after_any_of_the_events_sentences_is_its_zero(pipeline):
    counts = _counts(pipeline, "Two bombs exploded at Mosul on Tuesday night, police said. No casualties were "
                               "reported. Police searched the area. The bombs were dropped by drones, police said.")
    assert counts == {"Mosul": (0, 0)}


def test_a_count_of_injured_with_no_place_of_its_own_is_the_latest_events(pipeline):
    counts = _counts(pipeline, "The police chief of Helmand survived a suicide car bomb attack on his convoy in "
                               "Lashkar Gah on Monday. The force of the blast tore off the door of his vehicle. "
                               "Three police officers traveling in the convoy were wounded, a spokesman said.")
    assert list(counts.values()) == [(None, 3)]


@pytest.mark.parametrize("sentence, expected", [
    # counts of several kinds of people joined by "and" add up
    ("At least three soldiers and two civilians were killed before security forces ended the siege.", (5, None)),
    ("The attack killed three soldiers and two civilians.", (5, None)),
    ("Two policemen, three soldiers and a civilian were killed.", (6, None)),
    ("A soldier and a child were wounded.", (None, 2)),
    ("Five New People's Army rebels and a soldier were killed in a gunfight.", (6, None)),
    # the other kind's count, or a part named by "including", is no part of the sum
    ("The blast killed 5 people and injured 20 others.", (5, 20)),
    # the unit the people belong to, and "another" hurt after them
    ("Two jawans of the District Reserve Guard (DRG) were killed and another injured in an IED blast.", (2, 1)),
    ("Three civilians were killed, another was wounded.", (3, 1)),
    # those who died of their wounds are dead, not wounded
    ("The gunmen killed 12 people on the spot while three others died of their wounds later.", (12, None)),
    # a toll told far from its number
    ("The death toll from a suicide bombing at a railway station in southwestern Pakistan rose to 32 on Sunday.",
     (32, None)),
    ("The strike killed 20 people, including eight children.", (20, None)),
])
def test_counts_of_several_kinds_of_people_add_up(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected
