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
