"""Attack words that tell no attack of the report: a tally ("dozens of attacks",
"attacked at least 23 times"), a habit ("now regularly shell those areas"), an attack
named to date a period ("since the October 7 attack"), the Nth of its kind ("the third
time the base came under attack"), one told as earlier ("Last month, ...", "In late July,
...") and phrases naming an earlier event ("in retaliation for ...", "days after a strike
killed ..."). `extract.detect` asks these of each
trigger. Words: data/lexicon.toml [markers] and `Lexicon`'s aggregate and prior cues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from eventsift.extract.dates import LAST_NAMED_MONTH, MONTH_NAME_OPENER, PERIOD_PART
from eventsift.extract.lexicon import Lexicon, lexicon_data, phrase_pattern

if TYPE_CHECKING:
    from eventsift.extract.detect import Mention


@dataclass(frozen=True)
class BackgroundWords:
    """The [markers] lists of data/lexicon.toml, beyond `Lexicon`'s, that tell a habit,
    a tally or a time anchor from one attack."""

    habitual: frozenset[str]
    time_anchors: frozenset[str]
    occurrence_nouns: frozenset[str]
    spread_quantifiers: frozenset[str]
    summary_opener: re.Pattern[str]  # "Overall, ..." at the start of a sentence
    past_opener: re.Pattern[str]  # "Last month, ..." at the start of a sentence
    earlier: re.Pattern[str]  # "the previous week", "previously" anywhere in a clause
    interval_after: re.Pattern[str]  # "(comes just) a week after", "days after": what follows is earlier


@lru_cache(maxsize=1)
def background_words() -> BackgroundWords:
    markers = lexicon_data()["markers"]
    return BackgroundWords(
        **{key: frozenset(markers[key]) for key in ("habitual", "time_anchors", "occurrence_nouns",
                                                        "spread_quantifiers")},
        past_opener=re.compile(r"\A\W*(?:" + phrase_pattern(markers["past_openers"]).pattern + ")", re.IGNORECASE),
        summary_opener=re.compile(r"\A\W*(?:" + phrase_pattern(markers["summary_openers"]).pattern + r")\s*,",
                                  re.IGNORECASE),
        earlier=phrase_pattern(markers["earlier_markers"]),
        interval_after=phrase_pattern(markers["interval_after"]))


def _unnamed(pattern: re.Pattern[str]) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)


# a sentence opening on a month, or a part of one, then a comma: "In late July, ...", "At the
# end of last January, ...", "In mid-December 2023, ...": an earlier event, as "Last month, ..."
PERIOD_OPENER = re.compile(r"\A\W*(?:(?:in|at|during|by|towards?)\s+(?:the\s+)?)?(?:" + "|".join(
    _unnamed(p) for p in (PERIOD_PART, LAST_NAMED_MONTH, MONTH_NAME_OPENER)) + r")\s*,", re.IGNORECASE)


# attack nouns that a number past two makes a tally ("five attacks")
COUNTABLE_ATTACKS = {"attack", "strike", "operation", "raid", "assault", "airstrike", "bombing"}


def _more_than_two(token: Token) -> bool:
    """A number past "one" and "two" (a pair may still be one attack)."""
    return token.like_num and token.lower_ not in ("one", "1", "two", "2")


def _counted_times(verb: Token) -> bool:
    """'attacked at least 23 times', 'came under attack 100 times': a tally, not one attack."""
    return any(child.lower_ == "times" and any(
        _more_than_two(c) or c.lower_ in ("several", "many", "multiple", "numerous", "dozens") for c in child.children)
        for child in verb.children)


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the token's clause: the token itself, or its nearest verb ancestor."""
    return tok if tok.pos_ in ("VERB", "AUX") else next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def is_aggregate(tok: Token, lexicon: Lexicon) -> bool:
    """A tally, not one attack: "frequent drone attacks", "five strikes", "dozens of attacks",
    "attacked at least 23 times"."""
    clause = _clause_verb(tok)
    if clause is not None and _counted_times(clause):
        return True
    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    modifiers = [*tok.children, *(g for c in tok.children if c.dep_ == "compound" for g in c.children)]
    for child in modifiers:  # "frequent attacks", "frequent drone attacks"
        if child.lower_ in lexicon.aggregate:
            return True
        if child.dep_ == "nummod" and _more_than_two(child) \
                and tok.lemma_.lower() in COUNTABLE_ATTACKS:
            return True
    head = tok.head
    if head.lower_ == "of" and head.head.lower_ in lexicon.aggregate:
        return True
    return False


def is_spread(tok: Token, target_places: int, lexicon: Lexicon) -> bool:
    """Several unnamed targets across two or more named areas sum up attacks, they are no
    one attack: "attacked some communities in Zamfara and Katsina states"."""
    if target_places < 2 or tok.pos_ != "VERB":
        return False
    quantifiers = background_words().spread_quantifiers
    return any(c.dep_ == "dobj" and c.tag_ in ("NNS", "NNPS") and not lexicon.weapon_pattern.search(c.text)
               and any(g.dep_ in ("det", "amod") and g.lower_ in quantifiers for g in c.children)
               for c in tok.children)


def is_habitual(tok: Token) -> bool:
    """A habit, not one attack: "now regularly shell those areas", "regular cross-border fire"."""
    habitual = background_words().habitual
    if any(c.dep_ == "amod" and c.lower_ in habitual for c in tok.children):
        return True
    clause = _clause_verb(tok)
    return clause is not None and any(c.dep_ == "advmod" and c.lower_ in habitual for c in clause.children)


def _anchor_head(tok: Token) -> Token | None:
    """The phrase that dates a period by an earlier attack: "since the October 7 attack on
    Israel", "since the groups stopped their attacks": its preposition or its clause's verb."""
    anchors = background_words().time_anchors
    for node in (tok, *tok.ancestors):
        if node.lower_ in anchors and node.dep_ == "prep":
            return node
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "ROOT" and any(
                c.dep_ == "mark" and c.lower_ in anchors for c in node.children):
            return node
    return None


def anchor_ranges(sent: Span) -> list[tuple[int, int]]:
    """Character ranges (inside the sentence) of its time-anchor phrases."""
    anchors = background_words().time_anchors
    if not any(tok.lower_ in anchors for tok in sent):
        return []  # no "since": no anchor (the walk up the parse below is the costly part)
    heads = {head.i: head for tok in sent if (head := _anchor_head(tok)) is not None}
    offset = sent.start_char
    return [(min(t.idx for t in h.subtree) - offset, max(t.idx + len(t) for t in h.subtree) - offset)
            for h in heads.values()]


ORDINAL = re.compile(r"first|second|third|\w+th|\d+(?:st|nd|rd|th)", re.IGNORECASE)


def _ordinal_occurrence(token: Token) -> bool:
    """ "the third time", "the 100th time": an occurrence counted by a number or an ordinal."""
    return token.lemma_.lower() in background_words().occurrence_nouns and any(
        c.dep_ in ("amod", "nummod") and (c.tag_ == "CD" or ORDINAL.fullmatch(c.text) is not None)
        for c in token.children)


def is_counted_occurrence(tok: Token) -> bool:
    """An attack told as the Nth of its kind: "marks the third time that the base has come
    under attack", "this is the fourth time bandits are attacking the village"."""
    clause = _clause_verb(tok)
    if clause is None or clause.dep_ not in ("relcl", "acl", "ccomp"):
        return False
    head = clause.head
    return _ordinal_occurrence(head) or (clause.dep_ == "ccomp" and any(
        c.dep_ in ("dobj", "attr") and _ordinal_occurrence(c) for c in head.children))


PRIOR_CLAUSE_END = re.compile(r";|\s[–—-]\s|,\s+(?=(?:a|an|the|and|but|while|as|which|who|when|where|[A-Z])\b)")


# only a count and "just"/"only" before an interval that opens the sentence ("Just two days
# after ...", "Only a few hours after ..."), not a clause of its own ("It comes a week after")
INTERVAL_OPENING = re.compile(r"\W*(?:(?:just|only|barely|merely|mere|some|a|few|several|couple|of|\d+|one|two|"
                              r"three|four|five|six|seven|eight|nine|ten)\s+)*", re.IGNORECASE)
COMMA = re.compile(r",")
DASHES = ("–", "—", "-")
# "amid <a mood or tension> after <an event>": the event after "after" is the background's, earlier
AMID_AFTER = re.compile(r"\bamid\b[^.;:]{0,80}?\b(?P<after>after)\b", re.IGNORECASE)
ASIDE_CLOSE = re.compile(r"[^–—;,.]{1,40}?\s[–—-]\s")  # the rest of a dashed aside, to its closing dash


def prior_ranges(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Character ranges of phrases naming an earlier event ("in retaliation for the
    US airstrikes on ..."), from the cue to the end of its clause."""
    ranges = []
    for match in lexicon.prior_pattern.finditer(text):
        end_match = _clause_end(text, match.end())
        ranges.append((match.start(), end_match.start() if end_match else len(text)))
    for match in AMID_AFTER.finditer(text):  # "amid anger in the region after an explosion killed hundreds"
        if not any(start <= match.start("after") < end for start, end in ranges):
            end_match = _clause_end(text, match.end())
            ranges.append((match.start("after"), end_match.start() if end_match else len(text)))
    for match in background_words().interval_after.finditer(text):
        if any(start <= match.start() < end for start, end in ranges):
            continue
        # "Days after a strike killed X, gunmen attacked Y": opening the sentence, the earlier
        # clause ends at its comma, before the sentence's own attack
        opening = INTERVAL_OPENING.fullmatch(text[:match.start()]) is not None
        end_match = COMMA.search(text, match.end()) if opening else _clause_end(text, match.end())
        ranges.append((match.start(), end_match.start() if end_match else len(text)))
    return ranges


def _clause_end(text: str, start: int) -> re.Match[str] | None:
    """Where the clause from `start` ends; a short aside between dashes ("in a double
    explosion – not yet claimed – in the Iranian city of Kerman") does not end it."""
    end = PRIOR_CLAUSE_END.search(text, start)
    while end is not None and end.group(0).strip() in DASHES:
        closing = ASIDE_CLOSE.match(text, end.end())
        if closing is None:
            break
        end = PRIOR_CLAUSE_END.search(text, closing.end())
    return end


def prior_range_of(tok: Token, ranges: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The phrase naming an earlier event (one of `prior_ranges`) that the token stands in."""
    offset = tok.idx - tok.sent.start_char
    return next((r for r in ranges if r[0] <= offset < r[1]), None)


def unnamed_earlier_attacks(triggers: list[Token], mention: Mention) -> bool:
    """ "in response to recent attacks by terrorist groups", "a response to the massacres
    against the people of Gaza": plural attacks with no weapon and no day are no one event."""
    return mention.date is None and not mention.weapons and all(t.tag_ in ("NNS", "NNPS") for t in triggers)


def told_as_earlier(sent: Span, triggers: list[Token]) -> bool:
    """ "Last month, three soldiers were wounded ...", "the base had come under attack the
    previous week as well": an earlier attack, never the one the report is about. The time
    words must belong to a trigger's own clause or one it hangs from ("had previously promised
    to retaliate ... after it blamed the group for an attack"); "confirmed the attacks, but ...
    not previously disclosed" is no earlier attack."""
    words = background_words()
    spans = [m.span() for m in words.earlier.finditer(sent.text)]
    for opener in (words.past_opener.search(sent.text), PERIOD_OPENER.search(sent.text)):
        if opener is not None:
            spans.append(opener.span())
    clauses = {_clause_verb(t) for t in triggers} - {None}
    governing = clauses | {a for c in clauses for a in c.ancestors}
    for start, end in spans:
        marker = sent.char_span(start, end, alignment_mode="expand")
        if marker is not None and _clause_verb(marker.root) in governing:
            return True
    return False
