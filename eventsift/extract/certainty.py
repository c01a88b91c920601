"""How sure, and on whose word.

confirmed  - an official or a state party to the event states it;
reported   - media, nameless officials or (unnamed, field, local) sources report it;
claimed    - the only word is the perpetrator's own claim;
unverified - the text itself (or its headline) calls it unverified or unconfirmed.

`attribution` reads who one sentence cites. Each cited source is a `Source`:
a str (the words of the text) that also knows the role it speaks in, read
off the parse ("X claimed", "X said it launched ...") and its words (data/
lexicon.toml [certainty]: officials, unnamed_sources, media_sources,
anonymous_officials, anonymous_sources, indefinite_words, confirm_verbs).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventsift.extract.lexicon import Lexicon, lexicon_data
from eventsift.extract.phrases import join_tokens

if TYPE_CHECKING:
    from eventsift.extract.detect import Mention

OFFICIAL, CLAIMANT, UNNAMED, MEDIA, OTHER = "official", "claimant", "unnamed", "media", "other"
VEHICLE = "vehicle"  # "the statement said": a message without its author
SPEECH_HOPS = 5  # how far up the parse a pronoun looks for the one who speaks
HEADLINE_WORDS = 25  # a title line is shorter than this


class Source(str):
    """A cited source as the text words it, with the role it speaks in."""

    role: str

    def __new__(cls, text: str, role: str = OTHER) -> Source:
        source = super().__new__(cls, text)
        source.role = role
        return source


@dataclass(frozen=True)
class SourceWords:
    unnamed: frozenset[str]
    institutions: frozenset[str]
    media: frozenset[str]
    vehicles: frozenset[str]
    armed_groups: frozenset[str]
    self_pronouns: frozenset[str]
    perpetration_verbs: frozenset[str]
    anonymous_officials: frozenset[str]
    anonymous_sources: frozenset[str]
    indefinite_words: frozenset[str]
    confirm_verbs: frozenset[str]


@lru_cache(maxsize=1)
def source_words() -> SourceWords:
    data = lexicon_data()
    cert, actors = data["certainty"], data["actors"]
    return SourceWords(
        unnamed=frozenset(cert["unnamed_sources"]),
        institutions=frozenset(cert["institutions"]),
        media=frozenset(cert["media_sources"]),
        vehicles=frozenset(cert["vehicle_sources"]),
        armed_groups=frozenset(actors["armed_groups"]),
        self_pronouns=frozenset(actors["self_pronouns"]),
        perpetration_verbs=frozenset(actors["perpetration_verbs"]),
        anonymous_officials=frozenset(cert["anonymous_officials"]),
        anonymous_sources=frozenset(cert["anonymous_sources"]),
        indefinite_words=frozenset(cert["indefinite_words"]),
        confirm_verbs=frozenset(cert["confirm_verbs"]),
    )


# ---------------------------------------------------------------- certainty

def certainty_of(mentions: list[Mention], attribution: list[str], lexicon: Lexicon,
                 document_text: str = "") -> tuple[str, list[str]]:
    """The event's certainty and the list of who is cited (plain strings).

    `document_text`, when given (title and body), lets a reporter's caveat
    anywhere in it ("Reuters could not independently confirm the reports";
    the lexicon's `caveats`) or a headline that hedges its story ("... launch
    drone at Israel – unverified") make the event unverified, and lets "the
    report" speak in the role of the one it refers back to ("a military report")."""
    plain = [str(a) for a in attribution]
    if (any(m.unverified for m in mentions) or lexicon.caveat_pattern.search(document_text)
            or hedged_headline(document_text, lexicon)):
        return "unverified", plain
    roles = {str(a): role_of(a, lexicon) for a in attribution}
    roles.update(antecedent_roles(mentions, document_text, lexicon))
    found = set(roles.values()) - {VEHICLE}
    if OFFICIAL in found:
        return "confirmed", plain
    if CLAIMANT in found and found <= {CLAIMANT}:
        return "claimed", plain
    return "reported", plain


CLOSING_PUNCTUATION = re.compile(r"[.!?\"”:;,]$")  # a line ending so is a sentence, not a title
DEFINITE_SOURCE = re.compile(r"the\s+([\w-]+)", re.IGNORECASE)  # "the report", "the statement"


def hedged_headline(document_text: str, lexicon: Lexicon) -> bool:
    """A title line (short, no closing punctuation) that calls its story unverified."""
    return any(len(line.split()) <= HEADLINE_WORDS and not CLOSING_PUNCTUATION.search(line)
               and lexicon.unverified_pattern.search(line)
               for line in (raw.strip() for raw in document_text.splitlines()) if line)


def antecedent_roles(mentions: list[Mention], document_text: str, lexicon: Lexicon) -> dict[str, str]:
    """ "The report said ..." speaks in the role of the source it refers back to: the last
    "a/an ... report" before it in the text ("a military report": an official one)."""
    out: dict[str, str] = {}
    for mention in mentions:
        end = document_text.find(mention.sentence)
        before = document_text[:end] if end >= 0 else ""
        for source in mention.attribution:
            introduced_as = _introduced_as(str(source), before, lexicon) if role_of(source, lexicon) == OTHER else None
            if introduced_as is not None:
                out[str(source)] = introduced_as  # "Awadi said": "Iraqi government spokesman Bassem al-Awadi"
                continue
            definite = DEFINITE_SOURCE.fullmatch(str(source))
            if not definite or role_of(source, lexicon) == CLAIMANT:
                continue
            noun = definite.group(1).lower()
            if noun not in lexicon.source_nouns:
                continue
            introduced = list(re.finditer(rf"\b(?:a|an)\s+(?:[\w'’-]+\s+){{1,3}}?{re.escape(noun)}\b", before, re.IGNORECASE))
            if introduced:
                out[str(source)] = role_by_words(introduced[-1].group(0), lexicon)
    return out


def _introduced_as(source: str, before: str, lexicon: Lexicon) -> str | None:
    """The role of a person named by surname alone ("Awadi said") where the report first
    named them with their title ("Iraqi government spokesman Bassem al-Awadi said")."""
    if not re.fullmatch(r"(?:[A-Z][\w'’-]+\s?){1,2}", source) or role_by_words(source, lexicon) != OTHER:
        return None
    first = re.search(rf"((?:[\w'’.-]+\s+){{1,6}}?)(?:[\w'’-]+-)?{re.escape(source)}\b", before)
    if first is None:
        return None
    role = role_by_words(first.group(0), lexicon)
    return role if role in (OFFICIAL, CLAIMANT) else None


def role_of(source: str, lexicon: Lexicon) -> str:
    """The role a source speaks in: the parse's reading when it has one, else its words."""
    return getattr(source, "role", None) or role_by_words(source, lexicon)


def role_by_words(phrase: str, lexicon: Lexicon) -> str:
    """Unnamed sources and witnesses report; officials confirm; outlets report."""
    words = source_words()
    lower = phrase.lower()
    tokens = _word_set(lower)
    official = _mentions_any(lower, tokens, lexicon.officials)
    if anonymous(phrase):
        return UNNAMED  # "two U.S. officials", "police sources": nameless, they report
    if tokens & words.unnamed and not (official and tokens & words.institutions):
        return UNNAMED  # "a local resident"; but "an army tally" speaks for the army
    if official:
        return OFFICIAL
    key = re.sub(r"[^a-z0-9]+", " ", lower).strip().removeprefix("the ")
    if tokens & words.media or key in lexicon.outlets:
        return MEDIA
    if tokens <= words.vehicles | {"the", "a", "an", "its", "their", "his", "her", "this", "that", "online", "new"}:
        return VEHICLE
    return OTHER


def anonymous(phrase: str) -> bool:
    """A source the text leaves nameless: any "source" ("police sources"), and officials
    counted or indefinite ("two U.S. officials", "an Iraqi military official") or known
    only by their country ("US officials"; "police officials" speak for the police).
    An official named after the noun ("an officer, Ravi Kumar") is not anonymous."""
    words = source_words()
    raw = re.findall(r"[\w'’.-]+", phrase)
    tokens = [re.sub(r"['’]s?$", "", w.lower()) for w in raw]
    if set(tokens) & words.anonymous_sources:
        return True
    heads = [i for i, t in enumerate(tokens) if t in words.anonymous_officials]
    if not heads:
        return False
    head = heads[-1]
    if head + 1 < len(raw) and raw[head + 1][:1].isupper():
        return False  # named in apposition
    indefinite = tokens[0] in words.indefinite_words or tokens[0].isdigit()
    plural = tokens[head].endswith("s")
    return indefinite or (plural and not set(tokens[:head]) & words.institutions)


def _word_set(phrase: str) -> set[str]:
    """The phrase's words, lower case, without a possessive ending ("Iraq's" -> "iraq")."""
    return {re.sub(r"['’]s?$", "", w) for w in re.findall(r"[\w'’-]+", phrase.lower())}


def _mentions_any(lower: str, tokens: set[str], names: Iterable[str]) -> bool:
    return any((name in tokens) if " " not in name else (name in lower) for name in names)


# ---------------------------------------------------------------- attribution

def attribution(sent: Span, lexicon: Lexicon) -> list[Source]:
    """Who the sentence cites: "according to X", "X said/reported/told/confirmed",
    and who claims it: "X claimed ...", "X said it launched ..."."""
    found: list[Source] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            for child in tok.nbor().children:
                if child.dep_ == "pobj":
                    phrase = _source_phrase(child)
                    found.append(Source(phrase, role_by_words(phrase, lexicon)))
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.report_verbs:
            found.extend(_speakers(tok, lexicon))
    unique: dict[str, Source] = {}
    for source in found:
        key = re.sub(r"^(?:the|a|an)\s+", "", source.lower())
        if source and key not in unique:
            unique[key] = source
    return list(unique.values())


def _speakers(verb: Token, lexicon: Lexicon) -> list[Source]:
    claims = verb.lemma_.lower() == "claim" and not any(c.dep_ == "neg" for c in verb.children)
    own_deed = claims or _tells_own_deed(verb, lexicon)
    # "rockets were fired at the base, an attack also claimed by X": the writer states it, X adds a claim
    stated = any(c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.trigger_nouns for c in verb.children)
    out = []
    for child in _speaking(verb, lexicon, claims):
        if child.pos_ == "PRON" or any(c.lower_ in ("no", "none") for c in child.subtree):
            continue
        if not (own_deed or _is_source(child, lexicon)):
            continue
        phrase = _source_phrase(child)
        role = role_by_words(phrase, lexicon)
        if role == UNNAMED and _confirming_official(verb, phrase):
            role = OFFICIAL  # "a U.S. official confirmed the strike": nameless, but a confirmation
        group = _mentions_any(phrase.lower(), set(re.findall(r"[\w'’-]+", phrase.lower())), source_words().armed_groups)
        if claims or (own_deed and (role != OFFICIAL or group)):
            role = OTHER if stated else CLAIMANT  # a state party telling its own strike confirms it
        out.append(Source(phrase, role))
    return out


def _confirming_official(verb: Token, phrase: str) -> bool:
    words = source_words()
    tokens = _word_set(phrase)
    return (verb.lemma_.lower() in words.confirm_verbs and bool(tokens & words.anonymous_officials)
            and not tokens & words.anonymous_sources)


def _speaking(verb: Token, lexicon: Lexicon, claims: bool) -> list[Token]:
    """Who speaks: the verb's subject, or "by X" of a claim ("an attack also claimed by
    the group"); an attack word is what is claimed, never who claims it."""
    found = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() not in lexicon.trigger_nouns]
    if claims:
        found += [p for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                  for p in c.children if p.dep_ == "pobj"]
    return found


def _tells_own_deed(verb: Token, lexicon: Lexicon) -> bool:
    """ "X said it launched drones", "X said its fighter jets struck ...": the speaker did it."""
    words = source_words()
    attack_verbs = lexicon.trigger_verbs | words.perpetration_verbs
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "parataxis")):
        for deed in [clause, *(c for c in clause.children if c.dep_ == "conj")]:
            if deed.lemma_.lower() not in attack_verbs:
                continue
            for subject in (c for c in deed.children if c.dep_ == "nsubj"):
                if subject.lower_ in words.self_pronouns or any(
                        c.dep_ == "poss" and c.lower_ in words.self_pronouns for c in subject.children):
                    return True
    return False


def speaker_of(pronoun: Token, lexicon: Lexicon) -> Token | None:
    """Who "it", "they" or "its" stands for when it sits inside what someone
    says: "The group said it launched ..." -> "The group"."""
    node = pronoun
    for _ in range(SPEECH_HOPS):
        head = node.head
        if head is node:
            return None
        if head.pos_ == "VERB" and head.lemma_.lower() in lexicon.report_verbs and node.dep_ in (
                "ccomp", "parataxis", "xcomp", "dobj"):
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None
        reporter = _report_verb_over_that_clause(node, lexicon)
        if reporter is not None:
            subject = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
            return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None
        node = head
    return None


def _report_verb_over_that_clause(clause: Token, lexicon: Lexicon) -> Token | None:
    """ "said in a post on X that its forces conducted ...": the parser may hang the
    that-clause on the last noun; a that-clause with its own subject, under nouns of
    prepositional phrases of a reporting verb, is what that verb says."""
    if clause.dep_ not in ("relcl", "acl") or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) \
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    node = clause.head
    for _ in range(SPEECH_HOPS):
        if node.dep_ not in ("pobj", "prep", "compound", "appos"):
            break
        node = node.head
    if node.pos_ == "VERB" and node.lemma_.lower() in lexicon.report_verbs:
        return node
    return None


def _is_source(token: Token, lexicon: Lexicon) -> bool:
    words = source_words()
    lemma, lower = token.lemma_.lower(), token.lower_
    if {lemma, lower} & (lexicon.source_nouns | lexicon.officials | words.unnamed | words.media):
        return True
    return token.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") or token.pos_ == "PROPN"


def _source_phrase(token: Token) -> str:
    clauses = {t.i for c in token.subtree if c.dep_ == "relcl" for t in c.subtree}
    words = sorted((t for t in token.subtree if t.i not in clauses and (t.dep_ != "punct" or t.text == "-")),
                   key=lambda t: t.i)
    # stop at a time expression ("a Syrian field source on Tuesday")
    cut: list[Token] = []
    for tok in words:
        if tok.dep_ == "prep" and tok.lower_ in ("on", "at", "during") and tok.i > token.i:
            break
        cut.append(tok)
    return join_tokens(cut)
