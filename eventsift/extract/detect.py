"""Event detection: which sentences (and clauses) state an attack.

A *mention* is one attack stated in one clause: its trigger words, weapons,
places with their roles (target, launch site, anchor, source), date
expression, actor, target, casualty counts and sourcing. Mentions are
grouped into events by `extract.events`.

A clause states an attack when it has a trigger (data/lexicon.toml) that is
not hypothetical ("a potential assault"), not negated, not an aggregate
("dozens of attacks since October 2023") or a habit ("now regularly shell"),
not inside a time anchor ("since the October 7 attack") or the Nth of its kind
("the third time"), and not generic ("as attacks escalate"). Triggers inside
"in retaliation for ..." / "following ..." / "days after ..." phrases, or told
as earlier ("Last month, ..."), state an earlier, separate event. A sentence
whose main verb confirms or claims a definite attack ("later confirmed the
strike") only refers back to it. The tests for a tally, a habit, a time anchor
and an earlier event are in `extract.background`.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from eventsift.extract.actors import RESPONSE_VERBS
from eventsift.extract.arguments import (
    attribution, casualty_counts, find_actor, find_target_ranked, is_trigger,
)
from eventsift.extract.background import (
    anchor_ranges, background_words, is_aggregate, is_counted_occurrence, is_habitual, is_spread, prior_range_of,
    prior_ranges, told_as_earlier, unnamed_earlier_attacks,
)
from eventsift.extract.dates import ResolvedDate, find_absolute, resolve_date
from eventsift.extract.lexicon import Lexicon, lexicon_data
from eventsift.extract.lines import is_headline
from eventsift.extract.phrases import argument_words
from eventsift.extract.signals import (
    ACCIDENT, BLAST_WORDS, armed_subject, cause_of_casualties, forces_hurt, harm_told,
)


TARGET, LAUNCH, ANCHOR, SOURCE = "target", "launch", "anchor", "source"
BACKGROUND, MODIFIER, DATELINE = "background", "modifier", "dateline"  # named, not where it happened
EVENT_NAME = "event_name"  # "the Kandahar bombing": an attack already told, named by its broad place


@dataclass(frozen=True)
class PlaceSpan:
    """A place named in a sentence, with its role for this mention."""

    start: int  # character offsets inside the sentence text
    end: int
    text: str
    role: str
    hint: str | None = None  # feature implied by the words around it (base, oil field, ...)
    handle: object = None  # the place finder's own mention object, passed back to resolve


@dataclass
class Mention:
    sentence_index: int
    sentence: str
    triggers: list[str]
    weapons: set[str]
    weak_weapons: set[str]
    places: list[PlaceSpan]
    date: ResolvedDate | None
    actor: str | None
    target: str | None
    fatalities: int | None
    injuries: int | None
    attribution: list[str]
    unverified: bool
    new_event: bool
    definite: bool
    prior: bool  # an earlier event: named in a retaliation phrase, or told as earlier ("Last month, ...")
    air_launched: bool = False
    clash: bool = False
    intercepted: bool = False
    damage: bool = False
    civilians: bool = False
    forces: bool = False  # its target names soldiers, police or fighters: people who can fight back
    claims: bool = False
    refers_back: bool = False  # every attack noun is definite: "the attack", "Saturday's strike"
    headline: bool = False  # a title line repeated in the body: it restates, never founds, an event
    plural: bool = False  # a plural attack noun ("air strikes", "attacks"): its counts may sum several strikes
    target_rank: int | None = None  # how well `target` names who was hit (arguments.find_target_ranked; lower is better)
    clause: str | None = None  # the phrase of the sentence that names an earlier event ("in retaliation for a drone strike ...")
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def target_places(self) -> list[PlaceSpan]:
        return [p for p in self.places if p.role == TARGET]

    @property
    def substantive(self) -> bool:
        """Says enough to found an event on its own."""
        return bool(self.weapons or self.target_places or self.fatalities or self.injuries
                    or self.target or self.actor or self.clash or self.dated_new_event)

    @property
    def dated_new_event(self) -> bool:
        """ "A similar attack occurred in the village on November 11, 2024": another
        attack with its own day is an event of its own, even with nothing else said."""
        return self.new_event and self.date is not None and self.date.precision == 1


def weapons_in(text: str, lexicon: Lexicon) -> tuple[set[str], set[str]]:
    strong = {lexicon.weapons[m.group(0).lower().replace("-", " ")] for m in lexicon.weapon_pattern.finditer(text)
              if m.group(0).lower().replace("-", " ") in lexicon.weapons}
    weak = {lexicon.weak_weapons[m.group(0).lower()] for m in lexicon.weak_weapon_pattern.finditer(text)
            if m.group(0).lower() in lexicon.weak_weapons}
    return strong, weak


def _trigger_ok(tok: Token, lexicon: Lexicon, has_weapon: bool) -> bool:
    if not is_trigger(tok, lexicon):
        return False
    if tok.head.lower_ == "under" and tok.dep_ == "pobj":  # "came under fire / attack"
        return True
    lemma = tok.lemma_.lower()
    weak = (tok.pos_ in ("NOUN", "PROPN") and lemma in lexicon.weak_nouns) or (
        tok.pos_ == "VERB" and lemma in lexicon.weak_verbs)
    refers_back = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)
    return has_weapon or not weak or refers_back or cause_of_casualties(tok) or armed_subject(tok)


def _nobody(tok: Token) -> bool:
    return tok.lower_ in ("nobody", "none", "no-one") or any(c.lower_ == "no" for c in tok.children)


def _like_ones_before(tok: Token) -> bool:
    """ "Islamic State militants have carried out similar attacks in the area": attacks like it,
    told in the perfect, are a record, not an event."""
    if tok.tag_ not in ("NNS", "NNPS") or not any(c.lower_ in ("similar", "such") for c in tok.children):
        return False
    return tok.dep_ in ("dobj", "nsubj", "nsubjpass") and _perfect(tok.head)


def _perfect(tok: Token) -> bool:
    """A verb in the perfect ("have attacked", "has been attacking"): over a period, with one."""
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.i < tok.i for c in tok.children)


def _is_hypothetical(tok: Token, lexicon: Lexicon) -> bool:
    for child in tok.children:
        if child.lower_ in lexicon.hypothetical and child.dep_ in ("amod", "aux", "compound", "advmod", "nmod"):
            return True
        if child.dep_ == "det" and child.lower_ in ("any", "every", "future"):
            return True  # "respond to any attack"
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return True
    node = tok
    for _ in range(4):
        head = node.head
        if head is node:
            break
        if head.lemma_.lower() in lexicon.hypothetical or head.lower_ in lexicon.hypothetical:
            return True
        if head.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may")
                                       for c in head.children) and node.dep_ in ("dobj", "pobj", "nsubj"):
            return True
        node = head
    return False


def _subtree_offsets(tok: Token) -> set[int]:
    """Where the token's subtree's words start in its sentence (place spans are so counted)."""
    sent_start = tok.sent.start_char
    return {t.idx - sent_start for t in tok.subtree}


def _is_generic(tok: Token, places: list[PlaceSpan]) -> bool:
    """A bare plural ("as attacks against its troops escalate") naming no one event:
    no determiner, number or modifier, and no place of its own."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ in ("det", "poss", "compound", "amod", "nummod") for c in tok.children):
        return False
    own = _subtree_offsets(tok)
    if any(p.role == TARGET and p.start in own for p in places):
        return False
    # "Israel responded with airstrikes on several villages in southern Lebanon": told in the past,
    # with a place hit in the sentence, it is the strikes of that day
    clause = next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    return not (clause is not None and clause.tag_ == "VBD" and any(p.role == TARGET for p in places))


def detect_mentions(sent: Span, index: int, places: list[PlaceSpan], published: datetime.date | None,
                    lexicon: Lexicon) -> list[Mention]:
    """The attack mentions stated in one sentence (usually none or one)."""
    text = sent.text
    strong, weak = weapons_in(text, lexicon)
    support = bool(strong or weak or any(casualty_counts(text, lexicon)))
    accident = not strong and ACCIDENT.search(text) is not None  # "a gas cylinder exploded at a factory"
    aggregate_phrase = bool(lexicon.aggregate_phrases.search(text))
    main: list[Token] = []
    ranges = prior_ranges(text, lexicon)
    prior: dict[tuple[int, int], list[Token]] = {}
    anchors = anchor_ranges(sent)
    blocked: list[Token] = []  # attack words of a tally, habit or hypothesis
    target_places = len({p.text.lower() for p in places if p.role == TARGET})
    summary = background_words().summary_opener.match(text) is not None  # "Overall, the jets destroyed 17 sites"
    for tok in sent:
        if not _trigger_ok(tok, lexicon, support) or (accident and tok.lemma_.lower() in BLAST_WORDS
                                                         | argument_words().casualty_verbs):
            continue  # "five workers were killed when a gas cylinder exploded": an accident's harm
        if summary:
            blocked.append(tok)
            continue
        if any(start <= tok.idx - sent.start_char < end for start, end in anchors) or is_counted_occurrence(tok):
            continue  # "since the October 7 attack", "the third time the base came under attack"
        counted = (is_aggregate(tok, lexicon) and not (
            not aggregate_phrase and target_places <= 1 and _one_day_at_one_place(tok, places, published))) \
            or _like_ones_before(tok)
        if _is_hypothetical(tok, lexicon) or counted or is_habitual(tok) \
                or is_spread(tok, target_places, lexicon):
            blocked.append(tok)
            continue
        if aggregate_phrase and (tok.tag_ in ("NNS", "NNPS") or tok.lower_ in argument_words().aggregate_subjects
                                 or (tok.pos_ == "VERB" and tok.lemma_.lower() in argument_words().casualty_verbs)
                                 or _perfect(tok)):
            # "attacks since October", "the fighting since 2022 has killed thousands",
            # "257 were killed ..., the highest number in the last five years", "the Houthis have
            # been attacking shipping since November"
            blocked.append(tok)
            continue
        scope = prior_range_of(tok, ranges)
        if scope is not None:
            prior.setdefault(scope, []).append(tok)
        elif not _is_generic(tok, places):
            main.append(tok)
    confirmed = confirmed_attack(sent, lexicon)
    if confirmed is not None and (_is_hypothetical(confirmed, lexicon) or prior_range_of(confirmed, ranges)
                                  or (confirmed.lemma_.lower() == "responsibility" and main)):
        # "would confirm the attack", "claimed the strike in retaliation for the attack"; a bare "claimed
        # responsibility, saying it fired drones at X" tells the attack itself
        confirmed = None
    if confirmed is not None:
        main = []  # the sentence tells who stands behind an attack already told, not a new one
    mentions: list[Mention] = []
    excluded: list[tuple[int, int]] = list(anchors)
    for (start, end), triggers in prior.items():
        excluded.append((start, end))
        # "days after X launched an air assault ... in retaliation for a drone strike in Y": the
        # outer phrase ends where the earlier event it names in turn begins
        own_end = min([s for s, e in prior if start < s < end] + [end])
        mention = _build(sent, index, triggers, places, (start, own_end), published, lexicon, prior=True)
        if mention.substantive and not unnamed_earlier_attacks(triggers, mention):
            mentions.append(mention)
    if not main and not prior and confirmed is None and lexicon.launch_pattern.search(text) \
            and any(p.role == LAUNCH for p in places):
        # "the towns of X and Y were identified as launch points": detail for the latest event
        launch_words = [t for t in sent if t.lower_.startswith(("launch", "fired", "traced"))][:1]
        if launch_words:
            mention = _build(sent, index, launch_words, places, None, published, lexicon, prior=False)
            mention.weapons, mention.target, mention.actor = set(), None, None
            mentions.append(mention)
        return mentions
    if main and not (_blocks(blocked, main) and not _has_specific_signal(main, places, excluded)):
        mention = _build(sent, index, main, places, None, published, lexicon, prior=False,
                         exclude=excluded)
        mentions.insert(0, mention)
    elif confirmed is not None:
        mention = _build(sent, index, [confirmed], places, None, published, lexicon, prior=False, exclude=excluded)
        mentions.insert(0, _reference_only(mention))
    return mentions


@lru_cache(maxsize=1)
def reference_verbs() -> frozenset[str]:
    """Lemmas of verbs whose definite attack object refers back ("confirmed the strike")."""
    return frozenset(lexicon_data()["triggers"].get("reference_verbs", ()))


def confirmed_attack(sent: Span, lexicon: Lexicon) -> Token | None:
    """The attack noun a sentence's main verb confirms, acknowledges or claims when it is
    definite ("US Central Command later confirmed the strike", "IS claimed responsibility
    for the attack"): the sentence says who stands behind an attack already told."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() not in reference_verbs() \
            or any(c.dep_ == "neg" for c in root.children):
        return None
    for obj in (c for c in root.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() == "responsibility" and root.lemma_.lower() == "claim" \
                and not any(c.dep_ == "prep" for c in (*obj.children, *root.children)):
            # "The outlawed Baloch Liberation Army claimed responsibility.": for the attack just told (not
            # "No group claimed responsibility")
            claimers = [c for c in root.children if c.dep_ == "nsubj"]
            return None if any(_nobody(c) for c in claimers) else obj
        nouns = [obj] + [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in ("for", "of")
                         for p in prep.children if p.dep_ == "pobj"]  # "responsibility for the attack"
        for noun in nouns:
            if noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in lexicon.trigger_nouns \
                    and any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children):
                return noun
    return None


def _reference_only(mention: Mention) -> Mention:
    """A confirmation refers back to the latest event, carrying its sources and details; only a
    place or day of its own that differs from that event's (as for any "the attack") sets it apart."""
    return replace(mention, new_event=False, definite=True, refers_back=True, prior=False)


def _blocks(blocked: list[Token], main: list[Token]) -> bool:
    """A tally, habit or hypothesis makes the sentence's attack words no attack of the
    report ("attacks since October have killed 20"), unless it is only a quotation
    describing someone ("killing a commander 'responsible for planning attacks on U.S.
    forces'")."""
    return any(not _quoted_apart(b, main) for b in blocked)


def _quoted_apart(tok: Token, main: list[Token]) -> bool:
    """The token sits inside a quotation that holds none of the main attack words."""
    text, at = tok.sent.text, tok.idx - tok.sent.start_char
    quotes = [m.start() for m in re.finditer(r'["“”]', text)]
    if len(quotes) % 2:
        quotes.append(len(text))  # the parser may leave the closing mark to the next sentence
    for start, end in zip(quotes[::2], quotes[1::2]):
        if start < at < end:
            return not any(start < t.idx - tok.sent.start_char < end for t in main)
    return False


def _plural_attacks(triggers: list[Token], lexicon: Lexicon) -> bool:
    """ "Regime air strikes killed 11", "US strikes in the west of Iraq": a plural attack noun."""
    return any(t.tag_ in ("NNS", "NNPS") or (  # the tagger reads "US airstrikes in Syria" as a verb
        t.tag_ == "VBZ" and t.lemma_.lower() != t.lower_ and t.i + 1 < len(t.doc) and t.nbor().pos_ == "ADP")
        for t in triggers if t.lemma_.lower() not in argument_words().casualty_verbs
        and not lexicon.clash_pattern.search(t.text))  # "clashes in X province" are one battle


# a time within one day: what happened then at one place is one event, however many strikes
ONE_DAY = re.compile(r"\b(?:today|tonight|yesterday|overnight|(?:later|earlier) in the day|this (?:morning|afternoon|"
                     r"evening)|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)


def _one_day_at_one_place(tok: Token, places: list[PlaceSpan], published: datetime.date | None) -> bool:
    """ "carried out at least four airstrikes on the outskirts of Jisr al-Shughur later in the day":
    several strikes counted at the one place the attack words reach, within one day (ACLED's
    event is a place and a day), not a tally."""
    own = _subtree_offsets(tok)
    if len({p.text.lower() for p in places if p.role in (TARGET, ANCHOR) and p.start in own}) != 1:
        return False
    text = tok.sent.text
    told = resolve_date(text, published) if published is not None else None
    return ONE_DAY.search(text) is not None or (told is not None and told.precision == 1)


def _has_specific_signal(triggers: list[Token], places: list[PlaceSpan], excluded: list[tuple[int, int]]) -> bool:
    return any(t.tag_ in ("NN", "NNP") for t in triggers) and any(
        p.role == TARGET and not _inside(p, excluded) for p in places)


def _inside(place: PlaceSpan, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= place.start and place.end <= end for start, end in ranges)


def _build(sent: Span, index: int, triggers: list[Token], places: list[PlaceSpan], scope: tuple[int, int] | None,
           published: datetime.date | None, lexicon: Lexicon, *, prior: bool, exclude: list[tuple[int, int]] = ()) -> Mention:
    text = sent.text
    if scope is not None:
        start, end = scope
        scoped_text = text[start:end]
        scoped_places = [p for p in places if start <= p.start and p.end <= end]
    else:
        scoped_text = _remove_ranges(text, list(exclude))
        scoped_places = [p for p in places if not _inside(p, list(exclude))]
    strong, weak = weapons_in(scoped_text, lexicon)
    weapon_words = {m.group(0).lower() for m in lexicon.weapon_pattern.finditer(scoped_text)}
    place_token_ids = {t.i for t in sent if any(p.start <= t.idx - sent.start_char < p.end for p in scoped_places)}
    fatalities, injuries = casualty_counts(scoped_text, lexicon)
    lower = scoped_text.lower()
    target_rank, target = find_target_ranked(triggers, lexicon, place_token_ids) or (None, None)
    return Mention(
        sentence_index=index,
        sentence=text,
        triggers=[t.text for t in triggers],
        weapons=strong,
        weak_weapons=weak,
        places=scoped_places,
        date=None if prior and not _has_explicit_date(scoped_text) else resolve_date(scoped_text, published),
        actor=find_actor(sent, triggers, lexicon, weapon_words),
        target=target,
        target_rank=target_rank,
        fatalities=fatalities,
        injuries=injuries,
        attribution=attribution(sent, lexicon),
        unverified=bool(lexicon.unverified_pattern.search(text)),
        new_event=(any(_marks_new(t, lexicon) for t in triggers) or bool(lexicon.new_event_pattern.search(text)))
        and not _refers_back(triggers),
        definite=_definite(triggers),
        refers_back=_refers_back(triggers),
        plural=_plural_attacks(triggers, lexicon),
        headline=is_headline(sent),
        prior=prior or told_as_earlier(sent, triggers),
        air_launched=bool(lexicon.air_launched.search(scoped_text)),
        clash=bool(lexicon.clash_pattern.search(CLASH_TREND.sub(" ", scoped_text))),
        intercepted=bool(lexicon.intercepted_pattern.search(scoped_text)),
        damage=harm_told(scoped_text, lexicon),
        civilians=any(w in lexicon.civilian_words for w in re.findall(r"[a-z]+", lower)),
        forces=(bool(target) and any(w in lexicon.force_words for w in re.findall(r"[a-z]+", target.lower())))
        or forces_hurt(sent, scope, lexicon),
        claims=any(t.lemma_.lower() == "claim" for t in sent),
        clause=scoped_text.strip(" ,;:–—-") if scope is not None else None,
    )


DEFINITE = ("the", "this", "that", "its", "their", "these")
# fighting told as a trend ("as fighting between Israel and Hezbollah intensified") is the
# background of an attack, not a clash of its own
CLASH_TREND = re.compile(r"\b(?:fighting|clashes|hostilities)\b(?:\s+\S+){0,8}?\s+(?:intensified|intensifies|intensifying"
                         r"|escalated|escalates|escalating|raged|rages|raging|flared|continued|continues|spread)\b",
                         re.IGNORECASE)


def _definite(triggers: list[Token]) -> bool:
    """The clause refers back: "the attack", "this assault", "targeted the base"."""
    for trig in triggers:
        heads = [trig] + [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        if any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for h in heads for c in h.children):
            return True
    return False


def _refers_back(triggers: list[Token]) -> bool:
    if any(t.dep_ == "attr" and t.head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in t.head.children) for t in triggers):
        return True  # "It was the second attack against ..."
    nouns = [t for t in triggers if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return False
    return all(any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in t.children)
               or (t.head.lower_ == "of" and t.head.head.lower_ in ("one", "each", "some", "none", "any"))
               for t in nouns)


def _has_explicit_date(text: str) -> bool:
    return find_absolute(text, None) is not None


def _remove_ranges(text: str, ranges: list[tuple[int, int]]) -> str:
    out = text
    for start, end in sorted(ranges, reverse=True):
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def _marks_new(tok: Token, lexicon: Lexicon) -> bool:
    for child in tok.children:
        if child.dep_ in ("amod", "det", "advmod") and child.lower_ in lexicon.new_event:
            return True
    # "Israel responded with airstrikes on ...": the other side's reply, named, is another attack (not
    # "troops came under fire ... and responded with fire": the same clash told by one side)
    head = tok.head
    if not (tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in RESPONSE_VERBS):
        return False
    verb = head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    while subject is None and verb.dep_ == "conj":
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ == "PROPN"
