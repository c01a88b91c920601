"""Who did it, who or what was hit, how many were killed and injured, on whose word.

The detector's entry points for argument filling. Targets are read here;
actors in `extract.actors`, casualty counts in `extract.casualties`, who a
sentence cites in `extract.certainty`.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventsift.extract.actors import claimant, find_actor, victim_subject
from eventsift.extract.casualties import NUMBER_WORDS, casualty_counts, parse_count
from eventsift.extract.certainty import attribution
from eventsift.extract.lexicon import Lexicon
from eventsift.extract.phrases import argument_words, is_dateline, is_trigger, is_weapon, noun_phrase

__all__ = ["NUMBER_WORDS", "attribution", "casualty_counts", "claimant", "find_actor", "find_target",
           "is_trigger", "noun_phrase", "parse_count"]

TARGET_PREPS = ("on", "against", "targeting", "at", "toward", "towards", "into", "upon")
NEAR_PREPS = ("near", "outside", "beside", "inside", "next")
NAMED, VICTIMS = 0, 1  # target ranks: a named thing hit beats the people killed


def find_target(triggers: list[Token], lexicon: Lexicon, place_words: set[int]) -> str | None:
    """Who or what was hit. A named thing hit (the object of an attack verb,
    "an attack on X", "X came under fire", "a refinery caught fire after an
    attack", "X hit a landmine") beats the people a casualty verb names
    ("killing three people"). A bare place name is a location, not a target;
    dates, weapons and attack nouns are never targets."""
    best: tuple[int, str, Token] | None = None
    for trig in triggers:
        for rank, candidate in _target_candidates(trig, lexicon):
            if best is not None and rank >= best[0]:
                continue
            phrase = _target_phrase(candidate, lexicon, place_words)
            if phrase:
                best = (rank, phrase, candidate)
    if best is None:
        return None
    _rank, phrase, token = best
    occupants = _occupants(token, triggers, lexicon) if token.lemma_.lower() in FACILITY_NOUNS else None
    return f"{occupants} at {phrase}" if occupants else phrase


# Installations whose occupants, when the sentence names them, are who was hit.
FACILITY_NOUNS = frozenset({"base", "airbase", "garrison", "outpost", "post", "camp", "facility", "installation",
                            "field", "compound", "headquarters", "barracks", "position", "site"})
OCCUPANT_NOUNS = frozenset({"troops", "forces", "force", "personnel", "soldiers", "servicemen", "members",
                            "coalition", "contingent", "peacekeepers", "advisers", "advisors"})


def _occupants(facility: Token, triggers: list[Token], lexicon: Lexicon) -> str | None:
    """ "a base in Syria where U.S. troops are stationed", "an air base, which hosts US forces",
    "hit a base, injuring 5 U.S. personnel": the named party at an installation that has no
    owner in its own name. Never the attacker ("Israeli troops raided a camp")."""
    if any(t.ent_type_ in ("NORP", "ORG") or (t.dep_ == "poss" and t.ent_type_ != "GPE")
           or (t.ent_type_ == "GPE" and t.dep_ != "poss") for t in facility.subtree if t.i < facility.i):
        return None  # "the US base", "the army's base" say whose ("Iraq's base" only says where)
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in facility.children):
        return None  # "positions of the paramilitary forces"
    attackers = {t.i for trig in triggers for c in trig.children if c.dep_ in ("nsubj", "agent")
                 for t in c.subtree}
    for token in facility.sent:
        if token.i <= facility.i or token.i in attackers or token.lower_ not in OCCUPANT_NOUNS:
            continue
        owners = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")
                  and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.text in ("U.S.", "US", "UN", "U.N."))]
        if owners:
            return " ".join(t.text for t in token.doc[min(o.i for o in owners):token.i + 1])
    return None


def _target_candidates(trig: Token, lexicon: Lexicon) -> Iterator[tuple[int, Token]]:
    if trig.pos_ in ("VERB", "AUX"):
        yield from _verb_targets(trig, lexicon)
        return
    yield from _aimed_at(trig)
    for child in trig.children:
        if child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "strike"):
            yield from ((NAMED, c) for c in child.children if c.dep_ == "dobj")
    head = trig.head
    if head.dep_ == "prep" and head.lower_ == "under":  # "X came under attack"
        yield from ((NAMED, c) for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    words = argument_words()
    if trig.dep_ == "nsubj" and head.pos_ == "VERB":  # "the strike hit a mosque", "the attack killed five"
        rank = VICTIMS if head.lemma_.lower() in words.casualty_verbs else NAMED
        if rank == VICTIMS or head.lemma_.lower() in words.hit_verbs | words.damaged_verbs:
            yield from ((rank, c) for c in head.children if c.dep_ == "dobj")
    if trig.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ == "VERB":
        verb = head.head  # "a refinery caught fire after a drone attack", "three killed in a strike"
        lemma = verb.lemma_.lower()
        if lemma in words.damaged_verbs or lemma in words.casualty_verbs:
            rank = VICTIMS if lemma in words.casualty_verbs else NAMED
            yield from ((rank, _resolved(c)) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    if trig.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in words.perpetration_verbs:
        yield from _aimed_at(head)  # "opened fire on the security forces"
    if trig.dep_ == "nsubj" and head.lemma_.lower() in words.blast_verbs:  # "the explosions occurred near X"
        yield from _blasted_near(head)


def _verb_targets(verb: Token, lexicon: Lexicon) -> Iterator[tuple[int, Token]]:
    words = argument_words()
    lemma = verb.lemma_.lower()
    rank = VICTIMS if lemma in words.casualty_verbs else NAMED
    hits = lemma in words.hit_verbs or rank == VICTIMS
    for child in verb.children:
        if child.dep_ == "dobj" and is_weapon(child, lexicon):
            yield from _aimed_at(child)  # "launched 4 missiles at X", "launched a drone attack on X"
            if lemma in words.contact_verbs:  # "a vehicle hit a landmine": the vehicle was hit
                yield from ((NAMED, c) for c in verb.children if c.dep_ == "nsubj")
        elif child.dep_ in ("dobj", "nsubjpass") and hits:
            yield rank, _resolved(child)
        elif child.dep_ == "nsubj" and rank == VICTIMS and victim_subject(verb, child):
            yield rank, child
        elif child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() == "target":
            yield from ((NAMED, c) for c in child.children if c.dep_ == "dobj")
    yield from _aimed_at(verb)
    if lemma in words.blast_verbs:
        yield from _blasted_near(verb)
    elif rank == VICTIMS and verb.dep_ == "advcl" and verb.head.lemma_.lower() in words.blast_verbs:
        yield from _blasted_near(verb.head)  # "blew himself up near a convoy, killing four people"


def _blasted_near(verb: Token) -> Iterator[tuple[int, Token]]:
    """What a blast went off next to: "exploded near shops", "a device planted near shops
    exploded", "occurred 15 feet away from a barrack"."""
    holders = [verb, *(a for s in verb.children if s.dep_ == "nsubj" for a in s.children if a.dep_ == "acl")]
    for holder in holders:
        for child in holder.children:
            preps = [child] if child.dep_ == "prep" and child.lower_ in NEAR_PREPS else []
            if child.dep_ == "advmod" and child.lower_ in ("away", "close", "next"):
                preps = [p for p in child.children if p.dep_ == "prep"]
            for prep in preps:
                yield from ((NAMED, c) for c in prep.children if c.dep_ == "pobj")


def _aimed_at(token: Token) -> Iterator[tuple[int, Token]]:
    """ "an attack on X", "fired rockets at X", "a clash between the army and X"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                yield from ((NAMED, c) for c in pobj.children if c.dep_ == "conj")
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.i > token.i:
            # "exploded at Kangchup Phayeng" says where; "fired at the ship" says what
            yield from ((NAMED, c) for c in child.children if c.dep_ == "pobj"
                        and (child.lower_ != "at" or c.pos_ == "NOUN"))


def _resolved(token: Token) -> Token:
    """ "The house ... when it was hit": a pronoun hit stands for the subject of the clause it modifies."""
    if token.pos_ != "PRON" or token.lower_ not in ("it", "they"):
        return token
    clause = token.head
    if clause.dep_ in ("advcl", "conj") and clause.head.pos_ in ("VERB", "AUX"):
        for child in clause.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
                return child
    return token


def _target_phrase(token: Token, lexicon: Lexicon, place_words: set[int]) -> str | None:
    if token.pos_ == "PRON" or is_weapon(token, lexicon) or is_dateline(token):
        return None
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if token.i in place_words or token.ent_type_ in ("GPE", "LOC"):
        if not _owned_place(token, place_words):
            return None
    if _only_place_words(token):
        return None
    return noun_phrase(token, lexicon, conj=True, place_words=place_words)


def _owned_place(token: Token, place_words: set[int]) -> bool:
    """ "the US military's Victoria base": a named place with its owner is a target."""
    for tok in token.subtree:
        if tok.i in place_words or tok.dep_ in ("det", "punct", "case", "prep", "pobj") or tok.is_punct:
            continue
        if tok.ent_type_ in ("NORP", "GPE", "ORG") or tok.dep_ == "poss":
            return True
    return False


_PLACE_NOUNS = {"neighborhood", "neighbourhood", "village", "town", "city", "district", "area", "region",
                "province", "governorate", "street", "road", "outskirts", "suburb", "quarter", "camp",
                "vicinity", "countryside", "part", "side", "direction", "scene", "hand"}


def _only_place_words(token: Token) -> bool:
    """ "the village", "Hmeimat village": a place, not a target ("an army camp" is one)."""
    if token.lemma_.lower() not in _PLACE_NOUNS:
        return False
    return not any(c.dep_ == "conj" or (c.dep_ == "compound" and c.pos_ == "NOUN") for c in token.children)
