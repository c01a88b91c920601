"""What a sentence's words tell of an attack besides its attack words: armed men as the
subject of a weak attack verb, a strike that killed someone, an accident that blew up, harm
said to be done (or said not to be), and soldiers, police or fighters among those hurt.
`extract.detect` asks these.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from eventsift.extract.lexicon import Lexicon, phrase_pattern
from eventsift.extract.phrases import argument_words

__all__ = ["ACCIDENT", "BLAST_WORDS", "HURT_VERBS", "armed_subject", "cause_of_casualties", "forces_hurt", "harm_told"]

# what blows up by accident: an explosion told with one of these and no weapon is no attack
ACCIDENT = re.compile(
    r"\b(?:gas\s+(?:cylinders?|explosions?)|cylinders?\s+(?:blast|explosion|exploded)|gas\s+leak(?:age)?|"
    r"leak(?:ing)?\s+gas|boilers?|transformers?|fireworks?|firecrackers?|short[\s-]circuit|(?:gas|fuel|oil)\s+tankers?|LPG|CNG|methane|"
    r"coal\s+mines?|mine\s+accident|industrial\s+accident|ruled\s+out\s+(?:sabotage|terrorism|foul\s+play))\b",
    re.IGNORECASE)
BLAST_WORDS = frozenset({"explode", "explosion", "blast", "blow", "detonate", "burst"})

ARMED_PEOPLE = frozenset({"fighters", "militants", "gunmen", "insurgents", "rebels", "terrorists", "jihadists",
                          "attackers", "assailants", "bandits", "extremists", "guerrillas", "militiamen"})
ARMED_VERBS = frozenset({"storm", "raid", "shoot", "fire", "hurl", "lob", "strike", "hit"})
ARMED_FORCES = frozenset({"military", "army", "forces", "troops", "soldiers", "jets", "warplanes", "aircraft", "navy",
                          "idf", "drones", "artillery"})
ARMED_SUBJECTS = ARMED_PEOPLE | ARMED_FORCES


@lru_cache(maxsize=1)
def _armed_group_names() -> re.Pattern[str]:
    return phrase_pattern(sorted(argument_words().armed_groups))


def armed_subject(tok: Token) -> bool:
    """ "Al-Shabab fighters stormed a hotel", "gunmen raided the village": armed men as the subject
    make a weak attack verb an attack, with no weapon or casualty in the same sentence."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ARMED_VERBS:
        return False  # "when the Houthis seized the capital": taking ground is told of old wars too
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "PRON" and tok.dep_ == "ccomp":
        # "The Israeli military said on Monday it struck a weapons depot": the speaker is who struck
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    words = " ".join(t.text for t in subject.subtree)
    return subject.lower_ in ARMED_SUBJECTS or _armed_group_names().search(words) is not None


# a negation shortly before a harm word: "with no casualties reported", "without causing any damage"
NEGATED = re.compile(r"\b(?:no|not|without|zero|nor|never)\b[^.;,]{0,25}$|n['’]t\b[^.;,]{0,25}$", re.IGNORECASE)


def harm_told(text: str, lexicon: Lexicon) -> bool:
    """Damage or casualties said to have happened: not "with no casualties reported", "without
    causing any damage"."""
    return any(NEGATED.search(text[max(0, m.start() - 40):m.start()]) is None
               for m in lexicon.damage_pattern.finditer(text))


def forces_hurt(sent: Span, scope: tuple[int, int] | None, lexicon: Lexicon) -> bool:
    """ "Two policemen were killed when ... ambushed a patrol", "killing three soldiers": the
    people killed or wounded are soldiers, police or fighters, whatever the target says."""
    start, end = scope if scope is not None else (0, len(sent.text))
    verbs = argument_words().casualty_verbs
    return any(t.lower_ in lexicon.force_words and t.head.lemma_.lower() in verbs
               and (t.dep_ in ("nsubjpass", "dobj") or (t.dep_ == "nsubj" and t.head.lemma_.lower() in HURT_VERBS))
               and start <= t.idx - sent.start_char < end for t in sent)


# verbs whose subject was hurt: "20 American personnel sustained minor injuries when drones hit a base"
HURT_VERBS = frozenset({"die", "suffer", "sustain", "receive"})


def cause_of_casualties(tok: Token) -> bool:
    """ "was killed in an American strike", "wounded by the raid": a strike that killed or
    wounded someone is an attack, whatever else the word can mean."""
    prep = tok.head
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and prep.lower_ in ("in", "by") \
        and prep.head.lemma_.lower() in argument_words().casualty_verbs
