"""A cheap relevance filter in front of the full NLP.

Most news is not about attacks, and parsing it costs as much as parsing a
report. A document goes through spaCy only if one of its sentences (or
its headline) looks like an attack report:

- a *violent* phrase ("airstrike", "gunmen", "roadside bomb"); or
- a *weapon* with an *act* or a *harm* ("a missile hit", "drones ... killed"); or
- an *act* with a *harm* or an *armed* actor ("attacked ... killing",
  "troops came under fire").

Everyday senses ("heart attack", "on strike", "drone delivery") are set
aside first. The word classes live in data/relevance.toml; the weapon
words are data/lexicon.toml's, so the filter and the extractor share them.
Matching is a dictionary look-up per word, so a rejected news-length
document costs about a quarter of a millisecond. Recall on the dev set and rejection of
non-attack news are pinned by tests/extract/test_relevance.py.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventsift.extract.lexicon import load_lexicon

CLASSES = ("not_attack", "violent", "weapon", "act", "harm", "armed")
WORD = re.compile(r"[^\W_]+")  # words; a hyphen or space between them is the same
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n+")


@dataclass(frozen=True)
class Verdict:
    """Whether a text passes, by which rule, and the sentence that made it pass."""

    relevant: bool
    rule: str | None = None
    sentence: str | None = None


@lru_cache(maxsize=1)
def word_classes() -> dict[str, tuple[str, ...]]:
    """The phrases of each class (data/relevance.toml plus the extractor's weapons)."""
    raw = resources.files("eventsift.extract").joinpath("data/relevance.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    lexicon = load_lexicon()
    weapons = set(lexicon.weapons) | set(lexicon.weak_weapons) | set(data["classes"]["weapons"])
    return {
        "not_attack": tuple(data["not_attacks"]["phrases"]),
        "violent": tuple(data["classes"]["violent"]),
        "weapon": tuple(sorted(weapons)),
        "act": tuple(data["classes"]["act"]),
        "harm": tuple(data["classes"]["harm"]),
        "armed": tuple(data["classes"]["armed"]),
    }


Phrase = tuple[tuple[str, ...], str]  # (words, class)


@lru_cache(maxsize=1)
def _phrase_table() -> dict[str, tuple[Phrase, ...]]:
    """Phrases by their first word, in the order they are tried.

    Classes are tried in CLASSES order (everyday senses first, so "heart
    attack" is consumed whole before "attack" can match), longest first
    inside a class.
    """
    rank = {name: i for i, name in enumerate(CLASSES)}
    table: dict[str, list[Phrase]] = {}
    for name, phrases in word_classes().items():
        for phrase in phrases:
            words = tuple(WORD.findall(phrase.lower()))
            if words:
                table.setdefault(words[0], []).append((words, name))
    return {
        first: tuple(sorted(set(found), key=lambda p: (rank[p[1]], -len(p[0]))))
        for first, found in table.items()
    }


def sentence_classes(sentence: str) -> set[str]:
    """The word classes a sentence holds (everyday senses left out)."""
    table = _phrase_table()
    words = WORD.findall(sentence.lower())
    found: set[str] = set()
    i = 0
    while i < len(words):
        step = 1
        for phrase, name in table.get(words[i], ()):
            if len(phrase) == 1 or tuple(words[i:i + len(phrase)]) == phrase:
                if name != "not_attack":
                    found.add(name)
                step = len(phrase)
                break
        i += step
    return found


def _rule(kinds: set[str]) -> str | None:
    """Which rule a sentence's word classes satisfy, if any."""
    if "violent" in kinds:
        return "violent"
    if "weapon" in kinds and kinds & {"act", "harm"}:
        return "weapon+" + ("act" if "act" in kinds else "harm")
    if "act" in kinds and kinds & {"harm", "armed"}:
        return "act+" + ("harm" if "harm" in kinds else "armed")
    return None


def explain(text: str) -> Verdict:
    """The filter's verdict with its reason (the first sentence that passes)."""
    for sentence in SENTENCE_BREAK.split(text):
        rule = _rule(sentence_classes(sentence))
        if rule:
            return Verdict(True, rule, sentence.strip())
    return Verdict(False)


def is_relevant(text: str) -> bool:
    """True when the text may state an attack; False means it surely states none."""
    return explain(text).relevant


__all__ = ["Verdict", "explain", "is_relevant", "sentence_classes", "word_classes"]
