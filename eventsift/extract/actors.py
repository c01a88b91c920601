"""Who carried out the attack, read off one sentence's dependency parse.

The subject of an attack verb (or of the verb that carries out an attack
noun), the agent of a passive one, a group or nationality modifying an
attack noun or weapon, or the speaker of "X said it launched ...". The
claimant of responsibility and whoever the attack "was attributed to" are
read in `extract.claims`; `arguments.find_actor` asks the two in turn.
Words: data/lexicon.toml [actors].
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from eventsift.extract.casualties import NUMBER_WORDS
from eventsift.extract.certainty import speaker_of
from eventsift.extract.lexicon import Lexicon, lexicon_data
from eventsift.extract.phrases import (
    argument_words, countries, is_dateline, is_weapon, join_tokens, noun_phrase,
)

PASSIVE_HEADLINE_TAGS = ("VBN",)


@lru_cache(maxsize=1)
def hedge_modifiers() -> frozenset[str]:
    """Words that hedge an attack noun ("a Suspected Rocket Attack"), never who did it."""
    return frozenset(lexicon_data()["actors"]["hedge_modifiers"])

@lru_cache(maxsize=1)
def generic_attacker_words() -> frozenset[str]:
    """Words that describe an attacker without naming a group (lexicon.toml [actors])."""
    actors = lexicon_data()["actors"]
    return frozenset(actors["generic_attackers"]) | frozenset(actors["hedge_modifiers"])


def generic_actor(actor: str) -> bool:
    """ "two suicide bombers", "Armed bandits", "terrorists": an attacker described, no group named."""
    words = _words(actor)
    generic = generic_attacker_words()
    return bool(words) and all(w.lower() in generic or w.lower() in NUMBER_WORDS or w.isdigit() for w in words)


def names_a_group(actor: str) -> bool:
    """ "the Pakistani Taliban", "al-Shabab gunmen", "Houthi": a capitalised word that is more than
    a description (the "Two" of "Two suicide bombers" names nobody)."""
    generic = generic_attacker_words()
    return any(any(c.isupper() for c in w) and w.lower() not in generic and w.lower() not in NUMBER_WORDS for w in _words(actor))


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’.-]+", text)


MAX_DEPTH = 4  # how many hops (pronoun -> speaker, weapon -> its owner, ...) a search may take


def actor_of(token: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    """Who carried out the attack (or fired the weapon) a trigger word names, `depth` hops in."""
    if token.pos_ in ("VERB", "AUX") and not _mistagged_noun(token, lexicon):
        return _actor_of_verb(token, lexicon, weapon_words, depth)
    return _actor_of_noun(token, lexicon, weapon_words, depth)


def _mistagged_noun(token: Token, lexicon: Lexicon) -> bool:
    """ "the US airstrikes on ...": the small model tags some plural attack nouns as verbs."""
    lemma = token.lemma_.lower()
    return token.tag_ == "VBZ" and lemma in lexicon.trigger_nouns and lemma not in lexicon.trigger_verbs


def _actor_of_verb(verb: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return None
    subject = active_subject(verb)
    if subject is not None and not victim_subject(verb, subject) and not _not_the_attacker(verb, lexicon):
        name = agent_name(subject, lexicon, weapon_words, depth)
        if name:
            return name
    for child in verb.children:
        if child.dep_ == "agent" and not _not_the_attacker(verb, lexicon):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    name = agent_name(pobj, lexicon, weapon_words, depth)
                    if name:
                        return name
    return _downed_weapon_owner(verb, lexicon, weapon_words)


def _downed_weapon_owner(verb: Token, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """ "four Ukrainian drones were destroyed", "air defences downed a Houthi drone": whoever a
    downed weapon's own modifiers name fired it."""
    if not _not_the_attacker(verb, lexicon):
        return None
    for child in verb.children:
        weapon = _one_of(child) if child.dep_ in ("dobj", "nsubjpass") else None
        if weapon is not None and is_weapon(weapon, lexicon, weapon_words):
            name = _modifier_name(weapon, lexicon, weapon_words)
            if name:
                return name
    return None


def active_subject(verb: Token, hops: int = 0) -> Token | None:
    """The verb's active subject, or the one it shares with the verb it
    continues ("hurled a grenade and opened fire", "used drones to strike",
    "fired into a convoy, killing three")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "nsubjpass":
            return None
    shares = verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if shares and hops < 3 and verb.head.pos_ in ("VERB", "AUX") and verb.head is not verb:
        return active_subject(verb.head, hops + 1)
    return None


STOPPING_VERBS = frozenset({"intercept", "down", "repel", "repulse", "thwart", "foil", "defuse"})  # only defenders do


def _not_the_attacker(verb: Token, lexicon: Lexicon) -> bool:
    """ "Air defences downed a drone", "a vehicle hit a landmine", "forces fired on and
    took down a drone", "one of the drones was shot down by air defences": the subject
    (or agent) defended or was hit; the verb's object is the weapon."""
    words = argument_words()
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verbs.append(verb.head)
    for node in verbs:
        lemma = node.lemma_.lower()
        if lemma in ("shoot", "take", "bring", "knock") and any(c.dep_ in ("prt", "advmod") and c.lower_ == "down"
                                                               for c in node.children):
            lemma = "down"
        if node is not verb and lemma not in words.defence_verbs:
            continue  # "fired on and took down": only a defence verb speaks for its conjunct
        if lemma in words.defence_verbs | words.contact_verbs and any(
                c.dep_ in ("dobj", "nsubjpass", "npadvmod") and is_weapon(_one_of(c), lexicon) for c in node.children):
            return True  # "shot down 24 of 29 drones": the tagger reads the count as an adverb
        if lemma in STOPPING_VERBS and any(c.dep_ == "agent" for c in node.children):
            return True  # "both were intercepted by the Iron Dome": whatever "both" stands for
    return False


def _one_of(token: Token) -> Token:
    """ "one of the drones" stands for the drones."""
    if token.lower_ in ("one", "some", "all", "both", "most", "many", "several", "none") or token.like_num:
        return next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), token)
    return token


def passive_subject(verb: Token) -> Token | None:
    """ "X are suspected to be behind": the subject of the verb that raises "be"."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if node.dep_ != "xcomp":
            return None
        node = node.head
    return None


def victim_subject(verb: Token, subject: Token) -> bool:
    """ "Seven Colombian Soldiers Killed": a headline's passive without "were"."""
    if verb.lemma_.lower() not in argument_words().casualty_verbs:
        return False
    has_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    has_object = any(c.dep_ == "dobj" for c in verb.children)  # "Israeli forces killed four Palestinians"
    headline_passive = verb.tag_ in PASSIVE_HEADLINE_TAGS and not has_aux and not has_object
    return headline_passive or subject.lower_ in ("others", "people")


def agent_name(token: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    """The name of a would-be perpetrator: pronouns stand for their speaker,
    attack and weapon nouns for whoever their modifiers name, spokesmen for
    the group they speak for."""
    words = argument_words()
    if token.pos_ == "ADJ" and (name := _name_in_apposition(token)):
        token = name  # "the paramilitary Rapid Support Forces shelled": the tagger's adjective stands before the name
    if token.lower_ in ("one", "some", "any"):  # "one of several Iranian-backed groups"
        of = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                   for p in c.children if p.dep_ == "pobj"), None)
        return agent_name(of, lexicon, weapon_words, depth + 1) if of is not None and depth < 3 else None
    if token.pos_ == "PRON":
        speaker = speaker_of(token, lexicon) if token.lower_ in words.self_pronouns else None
        return agent_name(speaker, lexicon, weapon_words, depth + 1) if speaker is not None and depth < 3 else None
    if is_weapon(token, lexicon, weapon_words):
        return _actor_of_noun(token, lexicon, weapon_words, depth + 1)
    if is_spokesman(token):
        return spoken_for(token, lexicon)
    named = _named_as(token, lexicon)
    if named or not is_agent(token, lexicon):
        return named
    owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in words.self_pronouns), None)
    if owner is not None and depth < 3:  # "their forces used drones": the speaker's forces
        speaker = speaker_of(owner, lexicon)
        if speaker is not None:
            return agent_name(speaker, lexicon, weapon_words, depth + 1)
    return actor_phrase(_fuller_speaker(token, lexicon), lexicon)


def _fuller_speaker(token: Token, lexicon: Lexicon) -> Token:
    """ "whom the military then hit ..., the Israeli military said": a bare "the military" is the
    speaker the sentence names in full."""
    if token.pos_ != "NOUN" or any(c.dep_ not in ("det", "punct") for c in token.lefts):
        return token
    for other in token.sent:
        if other.i != token.i and other.lemma_ == token.lemma_ and other.dep_ == "nsubj" \
                and other.head.lemma_.lower() in lexicon.report_verbs \
                and any(c.dep_ in ("amod", "compound") for c in other.lefts):
            return other
    return token


def _name_in_apposition(token: Token) -> Token | None:
    """ "Somali militant group al-Shabab": the proper name set beside a word for it."""
    return next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def actor_phrase(token: Token, lexicon: Lexicon) -> str | None:
    """A name keeps its "in Iraq" ("Islamic Resistance in Iraq"); a common noun does not,
    and gives way to the name in apposition ("Somali militant group al-Shabab") or of the
    group it is from ("guerrillas from the National Liberation Army")."""
    opening = token.pos_ == "PROPN" and not token.ent_type_ and token.i == token.sent.start  # "Guerrillas from ..."
    if token.pos_ == "NOUN" or opening:
        name = _name_in_apposition(token) or next((p for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                     for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"
                     and p.ent_type_ not in ("GPE", "LOC", "FAC", "PERSON")), None)
        if name is not None:
            token = name
    return noun_phrase(token, lexicon, place_words=set() if token.pos_ == "PROPN" else None)


def is_agent(token: Token, lexicon: Lexicon) -> bool:
    """A noun that can name who attacked: not a date, a number, a town or a dateline;
    "group" only with words that say which ("the Shiite militant group")."""
    if token.pos_ not in ("NOUN", "PROPN") or is_dateline(token):
        return False
    if token.lower_ in lexicon.not_names and not any(c.dep_ in ("amod", "compound") for c in token.children):
        return False
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    if token.ent_type_ in ("GPE", "LOC", "FAC") and not _is_country(token):
        return False
    return token.lemma_.lower() not in lexicon.trigger_nouns


def _is_country(token: Token) -> bool:
    """A country's name or adjective, which can act ("Israel struck", "Ukrainian drones")."""
    if token.pos_ == "ADJ":
        return True
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    name = (span.text if span is not None else token.text).removeprefix("the ").replace(".", "")
    return name.lower() in countries()


def is_spokesman(token: Token) -> bool:
    """A speaker standing for a group: "a spokesman for X", "Houthi military spokesman Yahya Sarea"."""
    nouns = argument_words().spokesman_nouns
    if token.lemma_.lower() in nouns or token.lower_ in nouns:
        return True
    return token.ent_type_ == "PERSON" and any(
        c.dep_ == "compound" and c.lemma_.lower() in nouns for c in token.children)


def spoken_for(token: Token, lexicon: Lexicon) -> str | None:
    """The group a speaker speaks for: "for/of X", "X's spokesman", "Houthi spokesman"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_agent(pobj, lexicon):
                    return actor_phrase(pobj, lexicon)
    for tok in token.subtree:
        if tok.i != token.i and tok.dep_ in ("poss", "compound", "amod") and is_group_name(tok):
            return _entity_text(tok)
    return None


def is_group_name(token: Token) -> bool:
    groups = argument_words().armed_groups
    if token.ent_type_ in ("NORP", "ORG") or token.lower_ in groups:
        return True
    compounds = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i < token.i]
    if compounds and " ".join([*(c.lower_ for c in compounds), token.lower_]) in groups:
        return True  # "Islamic State claimed ...": the tagger named only "Islamic"
    return token.ent_type_ == "GPE" and _is_country(token)


def _entity_text(token: Token) -> str:
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    text = span.text if span is not None and span.label_ in ("NORP", "ORG", "GPE") else token.text
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE).removesuffix("'s").removesuffix("’s")


def _named_as(token: Token, lexicon: Lexicon) -> str | None:
    """ "the group known as the Islamic Resistance in Iraq": the name it is known by."""
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in ("know", "call", "name"):
            for prep in child.children:
                for pobj in prep.children:
                    if prep.lower_ == "as" and pobj.dep_ == "pobj":
                        return noun_phrase(pobj, lexicon, place_words=set()) or None
    return None


def _actor_of_noun(noun: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    """Who carried out an attack (or fired a weapon) named by a noun."""
    if depth > MAX_DEPTH:
        return None
    words = argument_words()
    named = _modifier_name(noun, lexicon, weapon_words) or _preceding_name(noun, lexicon, weapon_words)
    if named:
        return named
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                name = agent_name(pobj, lexicon, weapon_words, depth + 1) if pobj.dep_ == "pobj" else None
                if name:
                    return name
        if child.dep_ in ("acl", "relcl"):  # "a drone operated by X", "the attack carried out by X"
            for agent in (t for t in child.subtree if t.dep_ == "agent"):
                for pobj in agent.children:
                    name = agent_name(pobj, lexicon, weapon_words, depth + 1)
                    if name:
                        return name
    for child in noun.children:  # "a clash between the troops and NPA rebels": the first side
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_agent(pobj, lexicon):
                    return actor_phrase(pobj, lexicon)
    head = noun.head
    if head.lower_ == "behind" and head.head.pos_ in ("VERB", "AUX") and not denied(head):  # "X are suspected to be behind the attack"
        subject = active_subject(head.head) or passive_subject(head.head)
        name = agent_name(subject, lexicon, weapon_words, depth + 1) if subject is not None else None
        if name:
            return name
    while noun.dep_ == "conj" and head.dep_ == "conj":
        head = head.head
    if noun.dep_ in ("dobj", "conj") and head.pos_ == "VERB" and head.lemma_.lower() in words.perpetration_verbs:
        return _actor_of_verb(head, lexicon, weapon_words, depth + 1)
    if noun.dep_ == "nsubjpass" and head.pos_ == "VERB":  # "the attack was carried out by X"
        return _actor_of_verb(head, lexicon, weapon_words, depth + 1)
    if noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() in RESPONSE_VERBS:  # "Israel responded with airstrikes on ..."
        return _actor_of_verb(head.head, lexicon, weapon_words, depth + 1)
    return None


RESPONSE_VERBS = frozenset({"respond", "retaliate", "reply", "answer", "hit"})  # "... with airstrikes"


def _modifier_name(noun: Token, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """A group or nationality modifying the noun: "US airstrikes", "Houthi drone",
    "Regime air strikes", "ELN Guerrilla Drone Attack", "Israel's strike"."""
    words = argument_words()
    before = [t for t in noun.doc[noun.left_edge.i:noun.i] if t.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")
              and _modifies(t, noun)]
    # a weapon word names no one, but "Israeli" of the weapon phrase "Israeli jets" does
    names = [c for c in before if (c.ent_type_ == "NORP" or not is_weapon(c, lexicon, weapon_words))
             and c.ent_type_ not in ("DATE", "TIME")
             and not _maker(c) and c.lower_ not in hedge_modifiers()
             and (is_group_name(c) or c.lower_ in words.armed_groups | words.actor_words
                  or (c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "FAC")))]
    if not names:
        return None
    first = names[0]
    if first.dep_ == "poss" and first.pos_ == "PRON":
        return None
    if (led := _led_group(first, noun, words.actor_words)) is not None:
        return led
    if first.ent_type_ and first.ent_iob_ != "O":
        return _entity_text(first)
    chain = [t for t in noun.doc[first.left_edge.i:first.i + 1] if not t.is_punct and t.dep_ not in ("det", "case")]
    run = [first]
    for tok in noun.doc[first.i + 1:noun.i]:
        if tok in names:
            run.append(tok)
        else:
            break
    return join_tokens(sorted(set(chain + run), key=lambda t: t.i)).removesuffix("'s").removesuffix("’s") or None


def _led_group(first: Token, noun: Token, actor_words: frozenset[str]) -> str | None:
    """ "Saudi-led coalition air strikes": the coalition, named by who leads it."""
    doc = noun.doc
    at = first.i + 3
    if at >= noun.i or doc[first.i + 1].text not in ("-", "–") or doc[first.i + 2].lower_ not in ("led", "backed"):
        return None
    group = doc[at]
    return f"{first.text}-{doc[first.i + 2].text} {group.text}" if group.lower_ in actor_words else None


def _preceding_name(noun: Token, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """A group or nationality just before the attack word when the parse went astray
    ("the US airstrikes" parsed as "the US" + a verb): read off the words themselves."""
    doc = noun.doc
    for i in range(noun.i - 1, max(noun.sent.start, noun.i - 4) - 1, -1):
        tok = doc[i]
        if is_group_name(tok) and not is_weapon(tok, lexicon, weapon_words) and not _maker(tok):
            return _entity_text(tok)
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.is_punct:
            return None
    return None


def _maker(token: Token) -> bool:
    """ "Iranian-produced missiles": who made the weapon, not who fired it."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and \
        doc[token.i + 2].lemma_.lower() in argument_words().maker_verbs


def _modifies(token: Token, noun: Token) -> bool:
    """The token sits in the noun's own pre-modifiers ("Regime" in "Regime air strikes")."""
    node = token
    for _ in range(4):
        if node.head.i == noun.i:
            return True
        if node.head.dep_ not in ("compound", "amod", "poss", "nmod") or node.head is node:
            return False
        node = node.head
    return False


def denied(token: Token) -> bool:
    """ "X denied being behind it", "X was not behind it"."""
    return any(c.dep_ == "neg" for c in token.head.children) or any(
        a.lemma_.lower() in ("deny", "reject", "dismiss", "refute") for a in token.ancestors)
