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
