"""Who did it, who or what was hit, how many were killed and injured, on whose word.

The detector's entry points for argument filling. Targets are read here, and
the actor is chosen here from what `extract.actors` reads off the attack words
and `extract.claims` off a claim or attribution; casualty counts in
`extract.casualties`, who a sentence cites in `extract.certainty`.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span, Token

from eventsift.extract.actors import actor_of, is_group_name, victim_subject
from eventsift.extract.casualties import NUMBER_WORDS, casualty_counts, parse_count
from eventsift.extract.certainty import attribution
from eventsift.extract.claims import attributed_to, claimant, responsible_for_it
from eventsift.extract.lexicon import Lexicon, lexicon_data
from eventsift.extract.occupants import FACILITY_NOUNS, occupants, stationed
from eventsift.extract.phrases import (
    argument_words, is_dateline, is_trigger, is_weapon, join_tokens, noun_phrase,
)

__all__ = ["NUMBER_WORDS", "attribution", "casualty_counts", "claimant", "find_actor", "find_target",
           "find_target_ranked", "is_trigger", "noun_phrase", "parse_count"]

TARGET_PREPS = ("on", "against", "targeting", "at", "toward", "towards", "into", "upon")
NEAR_PREPS = ("near", "outside", "beside", "inside", "next")
# target ranks: the people of a named party hit ("three US soldiers", "members of the Kataeb
# Hezbollah militia") beat a thing hit, which beats people named only by a count
PARTY, NAMED, VICTIMS = -1, 0, 1


def find_actor(sent: Span, triggers: list[Token], lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """The perpetrator named by the parse: the subject of an attack verb (or of
    the verb that carries out an attack noun: "militants hurled a grenade"),
    the agent of a passive one, a group or nationality modifying an attack
    noun ("US airstrikes", "Airstrikes by Burma's military"), the speaker of
    "X said it launched ...", the claimant of responsibility, or whoever the
    attack is "attributed to". None when nobody is named."""
    for trig in triggers:
        actor = actor_of(trig, lexicon, weapon_words, depth=0)
        if actor:
            return actor
    return claimant(sent, lexicon) or attributed_to(sent, lexicon, weapon_words) \
        or responsible_for_it(sent, lexicon, weapon_words)


def find_target(triggers: list[Token], lexicon: Lexicon, place_words: set[int]) -> str | None:
    """Who or what was hit. A named thing hit (the object of an attack verb,
    "an attack on X", "X came under fire", "a refinery caught fire after an
    attack", "X hit a landmine") beats the people a casualty verb names
    ("killing three people"). A bare place name is a location, not a target;
    dates, weapons and attack nouns are never targets."""
    ranked = find_target_ranked(triggers, lexicon, place_words)
    return ranked[1] if ranked else None


def find_target_ranked(triggers: list[Token], lexicon: Lexicon, place_words: set[int]) -> tuple[int, str] | None:
    """The target with its rank (PARTY, NAMED or VICTIMS; lower is better), so that an event
    told over several sentences can keep its best one: the people of a named party hit or the
    people at an installation ("five US servicemen", "US troops at X base") beat a thing hit
    ("Al Asad airbase", "shops"), which beats people named only by a count ("one person")."""
    best: tuple[int, str, Token] | None = None
    for trig in triggers:
        for rank, candidate in _target_candidates(trig, lexicon):
            if best is not None and best[0] == PARTY:
                break
            phrase = _target_phrase(candidate, lexicon, place_words) or (  # "the Conoco gas field, where US troops are"
                stationed(candidate) and noun_phrase(candidate, lexicon, place_words=set()))
            party = _party_of(candidate) if phrase else None
            if party is not None:
                rank, phrase = PARTY, phrase + party
            if phrase and (best is None or rank < best[0]):
                best = (rank, phrase, candidate)
    if best is None:
        return None
    rank, phrase, token = best
    people = occupants(token, triggers, lexicon, place_words) if token.lemma_.lower() in FACILITY_NOUNS else None
    if people:
        return PARTY, f"{people} at {phrase}"
    if rank == VICTIMS and token.lemma_.lower() not in count_people() and token.lower_ not in count_people():
        rank = NAMED  # "four civilians", "worshippers": a kind of people hit is as good as a thing hit
    elif rank == VICTIMS:
        phrase += _including(token, lexicon)
    return rank, phrase


def _including(token: Token, lexicon: Lexicon) -> str:
    """ ", including two policemen": who was among people named only by a count."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "including"):
        named = [noun_phrase(p, lexicon, conj=True) for p in prep.children if p.dep_ == "pobj"]
        if named and named[0]:
            return ", including " + named[0]
    return ""


@lru_cache(maxsize=1)
def _target_words() -> dict[str, frozenset[str]]:
    return {key: frozenset(words) for key, words in lexicon_data()["targets"].items()}


def count_people() -> frozenset[str]:
    """Heads that name people only by a count: "one person", "17 people" (lexicon.toml [targets])."""
    return _target_words()["count_people"]


# Installations that are what was hit even when their name is a place's ("Erbil Air Base",
# "Mission Support Site Conoco"); a town, a camp or a port named alone is where, not what.
NAMED_FACILITY_NOUNS = frozenset({"base", "airbase", "garrison", "outpost", "site", "airport", "airfield",
                                  "embassy", "consulate", "refinery", "headquarters", "barracks"})

# Nouns of a killing whose "of" phrase names the victims: "the killing of three US soldiers"
KILLING_NOUNS = frozenset({"killing", "massacre", "assassination", "murder", "slaying", "beheading", "execution"})

# People who fight or serve for a party: hit as a party's people, they name the party hit.
# (Civilians, residents or passengers name no party, whatever their nationality.)
PARTY_PEOPLE = frozenset({"soldier", "troops", "troop", "personnel", "serviceman", "servicemen", "member",
                          "fighter", "commander", "militant", "militiaman", "militiamen", "policeman",
                          "policemen", "officer", "guard", "marine", "sailor", "airman", "commando",
                          "forces", "force", "jawan", "trooper", "recruit", "leader"})


def _party_of(token: Token) -> str | None:
    """ "" when people hit are named with their party ("three US soldiers", "Pakistani troops",
    "members of the Kataeb Hezbollah militia"), " from X" when the party follows them
    ("seven fighters from the Syrian Democratic Forces"); None when no party is named."""
    if token.lemma_.lower() not in PARTY_PEOPLE and token.lower_ not in PARTY_PEOPLE:
        return None
    if _names_party(token):
        return ""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if _names_party(pobj) or pobj.ent_type_ in ("NORP", "ORG"):
                if prep.lower_ == "of":
                    return ""  # "of X" is in the phrase already
                words = [t for t in pobj.subtree if t.dep_ not in ("relcl", "acl", "appos")]
                return " from " + join_tokens(t for t in words if t.lower_ not in ("the", "a", "an"))
    return None


def _names_party(token: Token) -> bool:
    """A modifier names a party: a group, a nationality or a country ("US", "Pakistani", "Houthi")."""
    for mod in token.lefts:
        if mod.dep_ not in ("compound", "amod", "nmod", "poss", "npadvmod"):
            continue
        if mod.ent_type_ in ("NORP", "ORG", "GPE") or mod.text in ("U.S.", "US", "UN", "U.N.") \
                or mod.lower_ in argument_words().armed_groups or _names_party(mod):
            return True
    return False


def _target_candidates(trig: Token, lexicon: Lexicon) -> Iterator[tuple[int, Token]]:
    if trig.pos_ in ("VERB", "AUX"):
        yield from _verb_targets(trig, lexicon)
        return
    yield from _aimed_at(trig)
    for child in trig.children:
        if child.dep_ == "prep" and child.lower_ == "of" and trig.lemma_.lower() in KILLING_NOUNS:
            yield from ((VICTIMS, c) for c in child.children if c.dep_ == "pobj")  # "the killing of three soldiers"
        if child.dep_ == "prep" and child.lower_ == "of" and trig.lemma_.lower() == "control":
            yield from ((NAMED, c) for c in child.children if c.dep_ == "pobj")  # "took control of the camp"
        if child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "strike"):
            yield from ((NAMED, c) for c in child.children if c.dep_ == "dobj")
    head = trig.head
    if head.dep_ == "prep" and head.lower_ == "under":  # "X came under attack"
        yield from ((NAMED, c) for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    words = argument_words()
    if trig.dep_ == "nsubj" and head.lemma_.lower() in ("claim", "take", "cost"):  # "claimed the lives of seven fighters"
        yield from ((VICTIMS, p) for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives")
                    for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for p in prep.children if p.dep_ == "pobj")
    if trig.dep_ == "nsubj" and head.pos_ == "VERB":  # "the strike hit a mosque", "the attack killed five"
        rank = VICTIMS if head.lemma_.lower() in words.casualty_verbs else NAMED
        if rank == VICTIMS or head.lemma_.lower() in words.hit_verbs | words.damaged_verbs:
            yield from ((rank, c) for c in head.children if c.dep_ == "dobj")
    if trig.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ == "VERB":
        verb = head.head  # "a refinery caught fire after a drone attack", "three killed in a strike"
        lemma = verb.lemma_.lower()
        if lemma in words.damaged_verbs or lemma in words.casualty_verbs:
            rank = VICTIMS if lemma in words.casualty_verbs else NAMED
            # "forces killed four Palestinians during a raid": the subject of a casualty verb with an object
            active = rank == VICTIMS and any(c.dep_ == "dobj" for c in verb.children)
            yield from ((rank, _resolved(c)) for c in verb.children
                        if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and not active))
    if trig.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in words.perpetration_verbs:
        yield from _aimed_at(head)  # "opened fire on the security forces", "an attack was conducted on X"
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
        elif child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() == "target" \
                and not any(c.dep_ in ("nsubj", "mark") for c in child.children):
            # "launched drones, targeting X"; not "... after Israel targeted Y" (another attack)
            yield from ((NAMED, c) for c in child.children if c.dep_ == "dobj")
    yield from _aimed_at(verb)
    for defence in (v for v in (verb, *verb.conjuncts) if _defends(v)):  # "fired on and took down a drone"
        yield from (target for weapon in defence.children if weapon.dep_ in ("dobj", "nsubjpass")
                    and is_weapon(weapon, lexicon) for target in _heading_for(defence, weapon))
    if lemma in words.blast_verbs:
        yield from _blasted_near(verb)
    elif rank == VICTIMS and verb.dep_ == "advcl" and verb.head.lemma_.lower() in words.blast_verbs:
        yield from _blasted_near(verb.head)  # "blew himself up near a convoy, killing four people"


def _defends(verb: Token) -> bool:
    """ "intercepted", "destroyed", "shot down", "took down": a verb of stopping a weapon."""
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (lemma in argument_words().defence_verbs or lemma in ("shoot", "take", "bring", "knock")
                                    and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children))


def _heading_for(verb: Token, weapon: Token) -> Iterator[tuple[int, Token]]:
    """What a downed weapon was after: "destroyed over a refinery", "a drone flying near a US base",
    "a drone that was threatening a base" (a disrupted attack's target)."""
    yield from ((NAMED, p) for c in verb.children if c.dep_ == "prep" and c.lower_ == "over"
                for p in c.children if p.dep_ == "pobj")
    for clause in (t for t in weapon.subtree if t.dep_ in ("acl", "relcl") and t.pos_ == "VERB"
                   and t.lemma_.lower() in _target_words()["heading_verbs"]):
        for child in clause.children:
            if child.dep_ == "prep" and child.lower_ in ("over", "near", "toward", "towards", "at"):
                yield from ((NAMED, p) for p in child.children if p.dep_ == "pobj")
            elif child.dep_ == "dobj":
                yield NAMED, child


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
        if child.dep_ == "prep" and child.lower_ == "on" and token.dep_ in ("dobj", "nsubjpass") \
                and token.head.lemma_.lower() in argument_words().attribution_verbs and any(
                c.dep_ == "pobj" and (c.ent_type_ in ("ORG", "NORP") or is_group_name(c)) for c in child.children):
            continue  # "blamed the attack on Hezbollah": whom it is blamed on, not what it hit
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.i > token.i:
            # "exploded at Kangchup Phayeng" says where; "fired at the ship" says what
            yield from ((NAMED, c) for c in child.children if c.dep_ == "pobj"
                        and (child.lower_ != "at" or c.pos_ == "NOUN" or _named_facility(c)))


def _resolved(token: Token) -> Token:
    """ "The house ... when it was hit": a pronoun hit stands for the subject of the clause it modifies;
    "Palestinians whom the military then hit": a relative pronoun for the noun its clause modifies."""
    if token.lower_ in ("whom", "who", "which", "that") and token.head.dep_ == "relcl" and token.head.head.pos_ in ("NOUN", "PROPN"):
        return token.head.head
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
        if not _owned_place(token, place_words) and not _named_facility(token):
            return None
    if _only_place_words(token) or _vague(token):
        return None
    return noun_phrase(token, lexicon, conj=True, place_words=place_words)


def _vague(token: Token) -> bool:
    """ "shelled positions in X", "hit targets in Syria": a bare word for something hit names nothing
    ("enemy positions", "positions of the army" and "a military target" do)."""
    return token.lower_ in _target_words()["vague_targets"] and not any(c.dep_ in ("compound", "amod", "nmod", "poss", "conj") or (c.dep_ == "prep" and c.lower_ == "of")
                   for c in token.children)


def _named_facility(token: Token) -> bool:
    """ "Erbil Air Base", "Mission Support Site Conoco": an installation named as a place."""
    return token.lemma_.lower() in NAMED_FACILITY_NOUNS or any(
        c.dep_ == "compound" and c.lemma_.lower() in NAMED_FACILITY_NOUNS for c in token.lefts)


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
                "vicinity", "countryside", "part", "side", "direction", "scene", "hand", "border", "frontier",
                "coast", "shore", "desert", "mountains", "hills"}


def _only_place_words(token: Token) -> bool:
    """ "the village", "Hmeimat village": a place, not a target ("an army camp" is one)."""
    if token.lemma_.lower() not in _PLACE_NOUNS:
        return False
    return not any(c.dep_ == "conj" or (c.dep_ == "compound" and c.pos_ == "NOUN") for c in token.children)
