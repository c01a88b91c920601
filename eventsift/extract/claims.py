"""Who claims or is blamed for an attack, read off one sentence's parse: the group that
"claimed responsibility" (or "claimed to have hit ..."), whoever the attack "was
attributed to" or "blamed on", and whoever "was behind it" or "carried it out".
Names are read as `extract.actors` reads an attacker's.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from eventsift.extract.actors import (
    active_subject, actor_phrase, agent_name, denied, is_agent, is_group_name, is_spokesman, passive_subject,
    spoken_for,
)
from eventsift.extract.lexicon import Lexicon
from eventsift.extract.phrases import argument_words


def claimant(sent: Span, lexicon: Lexicon) -> str | None:
    """The group that claims the attack: the subject of "claimed responsibility",
    "claimed to have hit ...", "claimed it had launched ..." or a closing "X claimed"
    (not negated, not for an aggregate; a bare spokesman's name stands for nobody)."""
    for tok in sent:
        if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB":
            continue
        if any(c.dep_ == "neg" for c in tok.children) or _in_aggregate(tok, lexicon):
            return None
        claimers = [c for c in tok.children if c.dep_ == "nsubj" and c.lemma_.lower() not in lexicon.trigger_nouns]
        claimers += [p for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                     for p in c.children if p.dep_ == "pobj"]  # "an attack also claimed by X"
        for child in claimers:
            if any(c.lower_ in ("no", "none") for c in child.subtree):
                continue
            if is_spokesman(child):
                return spoken_for(child, lexicon)
            if child.pos_ == "PRON" or (child.pos_ == "PROPN" and not is_group_name(child)):
                return None  # "Sarea claimed": a spokesman's own name stands for nobody
            return actor_phrase(child, lexicon) if is_agent(child, lexicon) else None
    return None


def attributed_to(sent: Span, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """ "The assault ... was attributed to the National Liberation Army", "blamed on X"."""
    words = argument_words()
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in words.attribution_verbs:
            continue
        if any(c.dep_ == "neg" for c in tok.children) or _in_aggregate(tok, lexicon):
            continue
        attack = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]  # "blamed the attack on X"
        preps = [c for h in (tok, *attack) for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "on")]
        for prep in preps:
            for pobj in prep.children:
                if prep.head is not tok and not is_group_name(pobj):
                    continue  # "blamed the attack on the base on X": the attack's own "on" names a group or nothing
                name = agent_name(pobj, lexicon, weapon_words, 1) if pobj.dep_ == "pobj" else None
                if name:
                    return name
    return None


def responsible_for_it(sent: Span, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """The attack referred back to: "X was behind it", "it was carried out by X"."""
    words = argument_words()
    for tok in sent:
        if denied(tok):
            continue
        if tok.lower_ == "behind" and tok.dep_ == "prep" and tok.head.lemma_.lower() == "be" \
                and any(c.dep_ == "pobj" and _the_attack(c, lexicon) for c in tok.children):
            subject = active_subject(tok.head) or passive_subject(tok.head)
            name = agent_name(subject, lexicon, weapon_words, 1) if subject is not None else None
            if name:
                return name
        if tok.pos_ == "VERB" and tok.lemma_.lower() in words.perpetration_verbs \
                and any(c.dep_ == "nsubjpass" and _the_attack(c, lexicon) for c in tok.children):
            for pobj in (p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"):
                name = agent_name(pobj, lexicon, weapon_words, 1)
                if name:
                    return name
    return None


def _the_attack(token: Token, lexicon: Lexicon) -> bool:
    """ "it", "this" or an attack noun: what a sentence says someone was behind or carried out."""
    return token.lower_ in ("it", "this", "that") or token.lemma_.lower() in lexicon.trigger_nouns


def _in_aggregate(token: Token, lexicon: Lexicon) -> bool:
    """Inside "a long series of attacks ... blamed on X", "dozens of attacks claimed by X"."""
    for node in [token, *token.ancestors]:
        counted = (c for c in node.children if c.dep_ in ("amod", "det", "nummod", "quantmod"))
        if node.lemma_.lower() in lexicon.aggregate or any(c.lower_ in lexicon.aggregate for c in counted):
            return True
    claimed = (w for c in token.children if c.dep_ not in ("nsubj", "agent") for w in c.subtree)
    return any(w.lemma_.lower() in lexicon.aggregate for w in claimed)  # not its subject's "several Iraqi groups"
