"""Who was at an installation that was hit: "a base in Syria where U.S. troops are stationed",
"an air base affiliated with the international coalition". `extract.arguments` names them as
the target ("U.S. troops at Erbil Air Base") when the sentence does.
"""
from __future__ import annotations

from spacy.tokens import Token

from eventsift.extract.lexicon import Lexicon
from eventsift.extract.phrases import argument_words, noun_phrase
from eventsift.extract.signals import HURT_VERBS

__all__ = ["FACILITY_NOUNS", "OCCUPANT_NOUNS", "occupants", "owner_start", "stationed"]

# Installations whose occupants, when the sentence names them, are who was hit.
FACILITY_NOUNS = frozenset({"base", "airbase", "garrison", "outpost", "post", "camp", "facility", "installation",
                            "field", "compound", "headquarters", "barracks", "position", "site"})
OCCUPANT_NOUNS = frozenset({"troops", "forces", "force", "personnel", "soldiers", "servicemen", "members",
                            "coalition", "contingent", "peacekeepers", "advisers", "advisors"})


def occupants(facility: Token, triggers: list[Token], lexicon: Lexicon, place_words: set[int]) -> str | None:
    """ "a base in Syria where U.S. troops are stationed", "an air base, which hosts US forces",
    "hit a base, injuring 5 U.S. personnel": the named party at an installation that has no
    owner in its own name. Never the attacker ("Israeli troops raided a camp")."""
    owners = [t for t in facility.subtree if t.i < facility.i and t.i not in place_words
              and t.dep_ not in ("det", "punct", "case") and (  # "the" of an ORG-tagged place name owns nothing
        t.ent_type_ in ("NORP", "ORG") or (t.dep_ == "poss" and t.ent_type_ != "GPE")
        or (t.ent_type_ == "GPE" and t.dep_ != "poss"))]
    if any(t.ent_type_ != "ORG" for t in owners):
        return None  # "the US base", "the army's base" say whose ("Iraq's base" only says where, and so do
        # the words of the installation's own place name: "Erbil Air Base")
    if people := stationed(facility):
        return people  # a company's name ("the Conoco gas field") says less than who is stationed there
    if owners:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in facility.children):
        return None  # "positions of the paramilitary forces"
    attackers = {t.i for trig in triggers for c in trig.children if c.dep_ in ("nsubj", "agent")
                 for t in c.subtree}
    for clause in (c for c in facility.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in OWNING_VERBS):
        for pobj in (p for c in clause.children if c.dep_ in ("prep", "agent") and c.lower_ in ("with", "to", "by")
                     for p in c.children if p.dep_ == "pobj" and p.i not in attackers):
            owner = noun_phrase(pobj, lexicon, conj=True)  # "a base affiliated with the international coalition"
            if owner:
                return owner
    after = [t for t in facility.sent if t.i > facility.i]
    hurt = [t for t in facility.sent if t.i < facility.i and t.dep_ in ("nsubj", "nsubjpass")
            and t.head.lemma_.lower() in argument_words().casualty_verbs | HURT_VERBS]
    for token in after + hurt:  # "... where US troops are stationed"; "US troops were hurt when X hit a base"
        if token.i in attackers or token.lower_ not in OCCUPANT_NOUNS:
            continue
        start = owner_start(token)
        if start is not None:
            return token.doc[start:token.i + 1].text
    return None


def stationed(facility: Token) -> str | None:
    """ "the Conoco gas field in Deir ez-Zor, where U.S. troops are stationed": people that a clause on the
    installation (or a "where" clause on its place) puts there were hit, whatever name it bears."""
    if facility.lemma_.lower() not in FACILITY_NOUNS:
        return None
    clauses = (t for t in facility.sent if t.dep_ == "relcl" and t.i > facility.i and (
        t in facility.subtree or any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children)))
    for clause in clauses:
        for people in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                       and c.lower_ in OCCUPANT_NOUNS):
            start = owner_start(people)
            if start is not None:
                return people.doc[start:people.i + 1].text
    return None


# Verbs of a clause on an installation that name whose it is: "affiliated with the coalition", "used by X"
OWNING_VERBS = frozenset({"affiliate", "belong", "use", "operate", "run", "occupy", "man", "control"})


def owner_start(token: Token) -> int | None:
    """Where the owner before people begins: "U.S." in "three U.S. service members", "American" in
    "Syria housing American troops" (the owner next to the people, not a place before it)."""
    doc, start, i = token.doc, None, token.i - 1
    while i >= token.left_edge.i and doc[i].dep_ in ("compound", "amod", "nmod", "npadvmod", "punct"):
        owner = doc[i].ent_type_ in ("NORP", "GPE", "ORG") or doc[i].text in ("U.S.", "US", "UN", "U.N.")
        if owner:
            start = i
        elif start is not None:
            break
        i -= 1
    return start
