"""Places named in a sentence and the role each plays for the attack.

Roles: the target's place; a launch site ("launched from", "launch
points"); an anchor the event was near ("close to the Al-Omar oil field");
or part of a source ("Al Mayadeen's correspondent in Iraq"), which is no
place of the event at all. Finding and resolving names is the gazetteer's
job (eventsift.geo); this module only assigns roles.
"""
from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from typing import Protocol

from spacy.tokens import Span, Token

from eventsift.extract.arguments import is_trigger
from eventsift.extract.dateline import find_dateline
from eventsift.extract.detect import (
    ANCHOR, BACKGROUND, DATELINE, EVENT_NAME, LAUNCH, MODIFIER, SOURCE, TARGET, PlaceSpan,
)
from eventsift.extract.lexicon import Lexicon
from eventsift.extract.lines import doc_text

ANCHOR_GAP = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
LAUNCH_NOUN_CUES = ("point", "site", "traced")
LAUNCH_REACH = 90
HYPHEN_MODIFIER = re.compile(r"^[-‑–](?:backed|led|made|aligned|allied|affiliated|supported|based|linked|sponsored|funded|trained|controlled|held|occupied|built|designed|friendly|armed)\b", re.IGNORECASE)
# "the India-Myanmar border", "the Syria-Iraq frontier": two countries naming one border
PAIR_BORDER_AFTER = re.compile(r"^\s*[-–]\s*[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?\s+(?i:border|frontier)\b")
PAIR_BORDER_BEFORE = re.compile(r"[A-Z][\w'’]+\s*[-–]\s*$")
BORDER_AFTER = re.compile(r"^\s+(?i:border|frontier)\b")
LOCATIVE_PREPOSITIONS = {"in", "at", "on", "near", "into", "onto", "across", "inside", "outside", "around", "from",
                         "toward", "towards", "over", "within", "of", "along", "against", "between", "throughout",
                         "to", "upon", "off", "by", "beside", "behind", "north", "south", "east", "west", "outside"}  # characters after a verbal launch cue that can hold its places


class FoundPlace(Protocol):
    start: int
    end: int
    text: str
    hint: str | None


class PlaceFinder(Protocol):
    def find_mentions(self, text: str, ents: list[tuple[int, int, str]] | None = None) -> list[FoundPlace]: ...


def place_spans(sent: Span, finder: PlaceFinder, lexicon: Lexicon) -> list[PlaceSpan]:
    """The places of one sentence with their roles."""
    ents = [(e.start_char - sent.start_char, e.end_char - sent.start_char, e.label_) for e in sentence_ents(sent)]
    text = sent.text  # built from the tokens on each access
    found = with_capitals(text, with_coordinated_names(text, finder.find_mentions(text, ents)))
    launch_matches = list(lexicon.launch_pattern.finditer(text))
    near_matches = list(lexicon.near_pattern.finditer(text))
    dateline_end = _dateline_end(sent, text)
    spans: list[PlaceSpan] = []
    for place in found:
        if place.end <= dateline_end:
            spans.append(PlaceSpan(place.start, place.end, place.text, DATELINE, getattr(place, "hint", None), place))
            continue
        country = bool(getattr(finder, "is_country", None) and finder.is_country(place.text))
        role = _role(sent, text, place, launch_matches, near_matches, lexicon, country)
        spans.append(PlaceSpan(place.start, place.end, place.text, role, getattr(place, "hint", None), place))
    return spans


_DOC_ENTS = "eventsift.doc_ents"  # the key of sentence_ents' list in Doc.user_data


def sentence_ents(sent: Span) -> list[Span]:
    """`sent.ents` without rebuilding the whole document's entities for each sentence
    (quadratic in long reports): the same entities, from one list kept on the Doc."""
    doc = sent.doc
    if _DOC_ENTS not in doc.user_data:
        ents = list(doc.ents)
        doc.user_data[_DOC_ENTS] = (ents, [e.start for e in ents])
    ents, starts = doc.user_data[_DOC_ENTS]
    found: list[Span] = []
    index = bisect_left(starts, sent.start)  # as Span.ents: the entities from the first that starts inside
    while index < len(ents) and ents[index].end <= sent.end:
        found.append(ents[index])
        index += 1
    return found


def _dateline_end(sent: Span, sent_text: str) -> int:
    """Characters taken by a dateline when the sentence opens a paragraph."""
    start = sent.start_char
    text = doc_text(sent.doc)
    if start > 0 and "\n" not in text[max(0, start - 2):start]:
        return 0
    found = find_dateline(sent_text)
    return found.end if found else 0


CAPITAL = re.compile(
    r"\b(?:(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’]s\s+capital|the\s+(?:(?P<adjective>[A-Z][a-z]+)\s+)?capital)\b")


@dataclasses.dataclass(frozen=True)
class CapitalMention:
    """ "the Afghan capital", "Somalia's capital", "the capital": a capital city,
    of the country named (or, unnamed, of the country the report is about)."""

    start: int
    end: int
    text: str
    country: str | None = None  # the country or nationality word as written
    hint: str | None = "town"


# "the capital of North Kordofan state": a province's capital, not the country's
_OF_AN_AREA = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,4}(?:province|state|region|governorate|district|"
                         r"oblast|county|department|territory)\b", re.IGNORECASE)


def with_capitals(text: str, found: list[FoundPlace]) -> list[FoundPlace]:
    out = list(found)
    for match in CAPITAL.finditer(text):
        start, end = match.span()
        if match.group("country"):  # "Somalia's capital": the capital, not the country before it
            out = [p for p in out if not (p.start == start and p.end == match.end("country"))]
        taken = [(p.start, p.end) for p in out]
        if any(a < end and start < b for a, b in taken):
            continue
        if _OF_AN_AREA.match(text, end) or any(re.fullmatch(r"\s*,\s*", text[b:start]) for _, b in taken if b <= start):
            continue  # "El Obeid, the capital of ...": it only tells what the town just named is
        out.append(CapitalMention(start, end, match.group(0), match.group("country") or match.group("adjective")))
    return sorted(out, key=lambda p: p.start)


COORDINATED_BEFORE = re.compile(r"(?:^|\s)(?:the\s+)?(?P<name>(?:[A-Z][\w'’-]*|al-\w+)(?:\s+[A-Z][\w'’-]*){0,3})"
                                r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)$")


def with_coordinated_names(text: str, found: list[FoundPlace]) -> list[FoundPlace]:
    """"the Conoco and al-Omar oil fields": a name coordinated with a plural
    facility mention is a facility of the same kind."""
    out = list(found)
    taken = [(p.start, p.end) for p in found]
    for place in found:
        if not place.hint or not re.search(r"s$", place.text.strip()):
            continue
        match = COORDINATED_BEFORE.search(text[:place.start])
        if match is None:
            continue
        start, end = match.start("name"), match.end("name")
        if any(a < end and start < b for a, b in taken) or not dataclasses.is_dataclass(place):
            continue
        out.append(dataclasses.replace(place, start=start, end=end, text=match.group("name")))  # type: ignore[type-var]
    return sorted(out, key=lambda p: p.start)


WHERE_IT_HAPPENED = re.compile(
    r"^(?:\s+(?:province|district|region|governorate|county|city|town|village|area))?\s*,?\s*where\s+the\s+"
    r"(?:[\w-]+\s+){0,2}?(?:took place|happened|occurred|struck|hit)\b", re.IGNORECASE)


def _role(sent: Span, text: str, place: FoundPlace, launch: list[re.Match[str]], near: list[re.Match[str]],
          lexicon: Lexicon, is_country: bool) -> str:
    if WHERE_IT_HAPPENED.match(text[place.end:place.end + 80]):
        return TARGET  # "a spokesman for Laghman province, where the attack took place"
    if _in_source_phrase(sent, place, lexicon):
        return SOURCE
    root = _token_at(sent, place.start, place.end)
    if root is not None and is_country and _is_modifier(root, place, sent, lexicon):
        return MODIFIER
    if root is not None and is_country and root.dep_ == "nsubj" and root.head.pos_ == "VERB" \
            and root.head.lemma_.lower() not in ("be", "come", "become", "remain", "lie"):
        return MODIFIER  # "The United States carried out the strikes": who did it, not where
    if HYPHEN_MODIFIER.match(text[place.end:place.end + 12]):
        return MODIFIER  # "Iran-backed", "US-led", "Russian-made"
    if root is not None and is_country and _between_parties(root):
        return MODIFIER  # "fighting between Israel and Hezbollah": a party, not where
    if is_country and (PAIR_BORDER_AFTER.match(text[place.end:place.end + 40])
                       or (PAIR_BORDER_BEFORE.search(text[max(0, place.start - 40):place.start])
                           and BORDER_AFTER.match(text[place.end:place.end + 20]))):
        return MODIFIER  # "close to the India-Myanmar border": the border's two sides, neither the place
    if root is not None and is_country and _by_agent(root):
        return MODIFIER  # "drones launched by Russia", "attacks by Israel": who, not where
    for match in launch:
        cue = match.group(0).lower()
        if any(word in cue for word in LAUNCH_NOUN_CUES):
            return LAUNCH
        if match.end() <= place.start <= match.end() + LAUNCH_REACH \
                and not AIMED_AT.search(text[match.end():place.start]):
            return LAUNCH  # not "fired from Gaza toward the city of Sderot": where they were aimed
    if root is not None and not _attached(root, place, sent, lexicon) and not _where_the_object_is(root, lexicon):
        return BACKGROUND
    if root is not None and _names_a_told_attack(root, lexicon):
        return EVENT_NAME  # "claimed responsibility for the Kandahar bombing": the event's name, not a finer place
    for match in near:
        if match.end() <= place.start and ANCHOR_GAP.match(text[match.end():place.start]):
            return ANCHOR
    return TARGET


def _between_parties(root: Token) -> bool:
    """The country is one side of "between X and Y" (or its second: "X and Y")."""
    node = root.head if root.dep_ == "conj" else root
    return node.dep_ == "pobj" and node.head.lower_ == "between"


def _by_agent(root: Token) -> bool:
    """The country is the doer after "by" ("launched by Russia", "strikes by Israel"), not a
    place "by" something."""
    node = root.head if root.dep_ == "conj" else root
    by = node.head
    return node.dep_ == "pobj" and by.lower_ == "by" and (by.dep_ == "agent" or by.head.pos_ in ("NOUN", "PROPN"))


def _is_modifier(root: Token, place: FoundPlace, sent: Span, lexicon: Lexicon) -> bool:
    """A country or nationality naming whose a thing is ("U.S. military installation",
    "US airstrikes"), not where it is; containers ("Syria's Deir Ezzor governorate") stay."""
    if root.dep_ not in ("compound", "amod", "poss", "nmod"):
        return False
    head = root.head
    if _inside_place(head, place, sent):
        return False
    return head.lemma_.lower() not in lexicon.container_nouns and head.ent_type_ not in ("GPE", "LOC", "FAC")


def _inside_place(token: Token, place: FoundPlace, sent: Span) -> bool:
    offset = token.idx - sent.start_char
    return place.start <= offset < place.end


def _attached(root: Token, place: FoundPlace, sent: Span, lexicon: Lexicon) -> bool:
    """True when the place is reached from an attack word, or from the clause
    that holds one, through place and unit nouns only."""
    node = root
    for _ in range(12):
        head = node.head
        if head is node:
            return _governs_trigger(node, lexicon)
        if _inside_place(head, place, sent) or node.dep_ in ("conj", "appos"):
            node = head  # a conjunct or apposition shares its head's attachment
            continue
        if is_trigger(head, lexicon):
            return True
        if head.pos_ == "NOUN" and node.lower_ in LOCATIVE_PREPOSITIONS and head.dep_ in ("dobj", "nsubjpass") \
                and is_trigger(head.head, lexicon):
            return True  # "targeted a gathering in El Fasher": where the thing hit was
        if head.pos_ == "NOUN" and head.lemma_.lower() not in lexicon.attach_nouns \
                and head.lower_ not in lexicon.attach_nouns \
                and not (head.lower_ in lexicon.people and node.lower_ in LOCATIVE_PREPOSITIONS) \
                and head.ent_type_ not in ("GPE", "LOC", "FAC", "ORG"):
            return False  # proper nouns pass: "at Kangchup Phayeng in Imphal West"
        if head.lower_ in ("to", "toward", "towards") and head.head.pos_ == "VERB" and not is_trigger(head.head, lexicon):
            return False  # "a convoy carrying goods to the Afghan capital": where it was going
        if head.dep_ == "prep" and head.lower_ == "with" and is_trigger(head.head, lexicon):
            return True  # "in a gunfight with terrorists in Poonch district": where the fight was
        if head.dep_ == "prep" and head.lower_ not in LOCATIVE_PREPOSITIONS:
            return False  # "in solidarity with the people of Gaza"
        if head.pos_ in ("VERB", "AUX") and head.dep_ in ("ROOT", "ccomp", "conj", "advcl") \
                and _governs_trigger(head, lexicon):
            return True
        node = head
    return False


def _where_the_object_is(root: Token, lexicon: Lexicon) -> bool:
    """ "hit a school sheltering displaced families in Gaza City": a present participle that
    describes the thing hit says where that thing is (a relative clause may tell its past:
    "killed a commander who had fought in Syria")."""
    while root.dep_ == "compound" and root.head is not root:
        root = root.head  # "Gaza" of "Gaza City"
    prep = root.head
    if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPOSITIONS:
        return False
    verb = prep.head if prep.head.pos_ == "VERB" else prep.head.head
    if prep.head.pos_ != "VERB" and prep.head.dep_ != "dobj":
        return False
    thing = verb.head
    return verb.tag_ == "VBG" and verb.dep_ == "acl" and thing.dep_ in ("dobj", "nsubjpass") \
        and is_trigger(thing.head, lexicon)


def _names_a_told_attack(root: Token, lexicon: Lexicon) -> bool:
    """ "the Kandahar bombing", "the Erbil attack": a place naming an attack already told names it
    by its town or province, whatever finer place the report gave."""
    noun = root.head
    return root.dep_ == "compound" and noun is not root and noun.pos_ == "NOUN" and is_trigger(noun, lexicon) \
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)


def _governs_trigger(verb: Token, lexicon: Lexicon) -> bool:
    """The verb is an attack word or has one in its clause."""
    return any(is_trigger(t, lexicon) for t in verb.subtree)


AIMED_AT = re.compile(r"\b(?:toward|towards|at|on|into|against|targeting|over|struck|hit|hitting|slammed|crashed|"
                      r"landed|exploded|targeted)\b", re.IGNORECASE)  # "launched from Lebanon struck a post near Shlomi"
LANDMARK_PREPOSITIONS = frozenset({"near", "outside", "beside", "opposite", "behind", "at", "by"})


def _in_source_phrase(sent: Span, place: FoundPlace, lexicon: Lexicon) -> bool:
    """True when the place only says where a source is ("correspondent in Iraq")."""
    token = _token_at(sent, place.start, place.end)
    if token is None:
        return False
    if _is_outlet(place.text, lexicon) and not getattr(place, "hint", None):
        return True  # ("the city of al-Mayadeen" is the city; "al-Mayadeen" alone, the channel)
    # "Lloyd Austin said", "Tehran has denied": a speaker, not a place of the event
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in (lexicon.report_verbs | {"deny", "condemn", "warn", "vow", "accuse", "blame", "attribute", "threaten", "insist", "urge", "demand", "respond"}):
        return True
    if any(t.ent_type_ == "PERSON" for t in sent.doc[max(sent.start, token.i - 2):token.i + 1]) \
            and any(t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and t.idx - sent.start_char < place.start
                    for t in sent.doc[max(sent.start, token.i - 2):token.i + 1]):
        # a person's name holding the place ("Abu Bakr al-Baghdadi"); a place name the tagger
        # took for a person ("Al-Shareka") starts where the person would and stays a place
        return True
    head = token.head
    # "confirmed to Al Mayadeen", "told Reuters": the addressee of a report
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in lexicon.report_verbs:
        return True
    if token.dep_ == "dobj" and head.lemma_.lower() in ("tell", "inform"):
        return True
    node = token
    for _ in range(5):
        head = node.head
        if head is node:
            return False
        if node.dep_ not in ("pobj", "prep", "compound", "amod", "nmod", "poss", "appos", "npadvmod", "advmod"):
            return False
        if head.lemma_.lower() in lexicon.source_nouns and head.pos_ in ("NOUN", "PROPN"):
            if head.dep_ == "pobj" and head.head.lower_ in LANDMARK_PREPOSITIONS:
                return False  # "a restaurant near the Defense Ministry in Somalia's capital": a landmark
            return head.lower_ not in ("report", "reports") or node.dep_ == "compound"
        node = head
    return False


def _is_outlet(text: str, lexicon: Lexicon) -> bool:
    key = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip().removesuffix(" s")
    return key in lexicon.outlets


def _token_at(sent: Span, offset: int, end: int | None = None) -> Token | None:
    """The syntactic root of the tokens covering [offset, end) of the sentence."""
    stop = offset + 1 if end is None else end
    tokens = [t for t in sent if offset <= t.idx - sent.start_char < stop]
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head is tok:
            return tok
    return tokens[0] if tokens else None
