import pytest

from eventsift.extract.arguments import casualty_counts, parse_count
from eventsift.extract.lexicon import load_lexicon

LEX = load_lexicon()


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
])
def test_casualty_counts(sentence, expected):
    assert casualty_counts(sentence, LEX) == expected


def test_vague_counts_follow_acled():
    assert parse_count("dozens", LEX) == 12
    assert parse_count("tens", LEX) == 10
    assert parse_count("hundreds", LEX) == 100
    assert parse_count("1,200", LEX) == 1200
    assert parse_count("several", LEX) is None
