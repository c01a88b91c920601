"""A day of the month next to a casualty verb is a date, never a count of people."""
import pytest

from eventsift.extract.casualties import casualty_counts
from eventsift.extract.lexicon import load_lexicon

LEX = load_lexicon()


@pytest.mark.parametrize("sentence, expected", [
    # the day before the verb ("February 20 killed") or before its people ("20 February militants killed")
    ("The strike on February 20 killed 3 people.", (3, None)),
    ("On February 20 militants killed a soldier.", (1, None)),
    ("A drone attack on Feb. 20 wounded four civilians.", (None, 4)),
    ("On 20 February militants killed two soldiers.", (2, None)),
    ("Gunmen killed 20 February in a raid.", (None, None)),
    ("Since the raid of 3 March injured residents have left.", (None, None)),
    # a count next to a month name that is no date stays a count
    ("Police killed 20 march participants.", (20, None)),
    ("Some 20 people may have been killed.", (20, None)),
    ("Three civilians were killed on 20 February.", (3, None)),
    ("On February 20, 12 people were killed.", (12, None)),
])
def test_a_date_is_no_casualty_count(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected
