"""A cheap relevance filter in front of the full NLP.

Most news is not about attacks, and parsing it costs as much as parsing a
report. A document goes through spaCy only if one of its sentences (or
its headline) looks like an attack report:

- a *violent* phrase ("airstrike", "gunmen", "roadside bomb"); or
- a *weapon* with an *act*, an *impact*, a *blast* or a *harm* ("a missile
  hit", "drones ... killed"); or
- a *blast* or an *act* with a *harm* or an *armed* actor ("an explosion
  ... killed", "troops came under fire").

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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventsift.extract.lexicon import load_lexicon

CLASSES = ("not_attack", "space", "violent", "weapon", "blast", "act", "impact", "harm", "armed")
RULES = (  # (class, classes of which one must be in the same sentence); None: alone
    ("violent", None),
    ("weapon", ("act", "impact", "blast", "harm")),
    ("blast", ("act", "harm", "armed")),
    ("act", ("harm", "armed")),
)
WORD = re.compile(r"[^\W_]+")  # words; a hyphen or space between them is the same
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)\]]))\s+|\n+")  # keeps the stop
TOKEN = re.compile(r"[^\W_]+|[.!?](?=[\"'\u201d\u2019)\]]*\s)|\n")  # words and sentence ends
ENDS = frozenset({".", "!", "?", "\n"})


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
        "space": tuple(data["contexts"]["space"]),
        "violent": tuple(data["classes"]["violent"]),
        "weapon": tuple(sorted(weapons)),
        "blast": tuple(data["classes"]["blast"]),
        "act": tuple(data["classes"]["act"]),
        "impact": tuple(data["classes"]["impact"]),
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


def _scan(tokens: list[str]) -> Iterator[set[str]]:
    """The word classes of each sentence of a token list (ENDS tokens split it)."""
    table = _phrase_table()
    kinds: set[str] = set()
    skip_to = 0
    for i in [i for i, token in enumerate(tokens) if token in table or token in ENDS]:
        token = tokens[i]
        if token in ENDS:
            if kinds:
                yield kinds
            kinds = set()
        elif i >= skip_to:  # not inside a phrase already matched
            for phrase, name in table[token]:
                if len(phrase) == 1 or tuple(tokens[i:i + len(phrase)]) == phrase:
                    if name != "not_attack":
                        kinds.add(name)
                    skip_to = i + len(phrase)
                    break
    if kinds:
        yield kinds


def sentence_classes(sentence: str) -> set[str]:
    """The word classes a sentence holds (everyday senses left out)."""
    return set().union(*_scan(WORD.findall(sentence.lower())))


def _rule(kinds: set[str]) -> str | None:
    """Which rule (e.g. 'weapon+impact') a sentence's word classes satisfy, if any."""
    if "space" in kinds and "harm" not in kinds:
        kinds = kinds - {"weapon"}  # a rocket that carries a satellite (one that kills is a weapon)
    for main, partners in RULES:
        if main not in kinds:
            continue
        if partners is None:
            return main
        found = [p for p in partners if p in kinds]
        if found:
            return f"{main}+{found[0]}"
    return None


def _first_rule(text: str) -> str | None:
    """The rule the first passing sentence satisfies: one scan over the words."""
    for kinds in _scan(TOKEN.findall(text.lower())):
        rule = _rule(kinds)
        if rule:
            return rule
    return None


def explain(text: str) -> Verdict:
    """The filter's verdict with its reason and the first sentence that passes."""
    rule = _first_rule(text)
    if rule is None:
        return Verdict(False)
    for sentence in SENTENCE_BREAK.split(text):
        if _rule(sentence_classes(sentence)):
            return Verdict(True, rule, sentence.strip())
    return Verdict(True, rule)


def is_relevant(text: str) -> bool:
    """True when the text may state an attack; False means it surely states none."""
    return _first_rule(text) is not None


__all__ = ["Verdict", "explain", "is_relevant", "sentence_classes", "word_classes"]
