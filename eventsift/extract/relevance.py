"""A cheap relevance filter in front of the full NLP.

Most news is not about attacks. A document goes through spaCy only if its
text names a weapon, or names an attack together with violence words
(killed, wounded, explosion, ...). The word lists come from
data/lexicon.toml, so the filter and the extractor agree on vocabulary.
Its recall on the dev set is measured by tests/extract/test_relevance.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

from eventsift.extract.lexicon import load_lexicon, phrase_pattern

VIOLENCE_WORDS = (
    "killed", "killing", "dead", "died", "wounded", "injured", "casualties", "explosion", "explosions",
    "blast", "bomb", "bombs", "bombing", "bombed", "shelling", "shelled", "clash", "clashes", "ambush",
    "ambushed", "gunmen", "militants", "insurgents", "troops", "soldiers", "base", "convoy", "fighters",
    "opened fire", "shot dead", "massacre", "hostilities",
)
ATTACK_WORDS = (
    "attack", "attacks", "attacked", "strike", "strikes", "struck", "targeted", "targeting", "hit", "raid",
    "raided", "assault", "offensive", "fighting", "fired", "launched",
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lexicon = load_lexicon()
    return lexicon.weapon_pattern, phrase_pattern(VIOLENCE_WORDS), phrase_pattern(ATTACK_WORDS)


def is_relevant(text: str) -> bool:
    """True when the text may state an attack; False means it surely states none."""
    weapons, violence, attack = _patterns()
    if weapons.search(text):
        return True
    return bool(attack.search(text) and violence.search(text))
