"""From mentions to events: one record per distinct attack in a document.

Grouping rules, in order of reading:
- a clause naming several coordinated target places ("bases in the Conoco
  and al-Omar oil fields") states one event per place;
- a mention with a new-event marker ("an additional missile attack") or an
  earlier-event phrase ("in retaliation for ...") starts a new event;
- otherwise it joins the latest event whose place is compatible (the same
  place, or one containing the other) and whose date does not differ;
- a mention naming no target place joins the latest event when it refers
  back ("the attack", "the base") or adds detail (weapons, casualties,
  launch sites); a substantive one with no event yet starts one;
- but one that does not refer back is another attack when it names another
  known place ("the police chief of Helmand survived a ... bomb attack" in a
  report from Laghman) or contradicts the event ("a drone attack killed 3"
  against an attack that killed none; "an airstrike" against a rocket
  attack), and it joins the event whose place it names in passing ("a
  bombardment targeted a car ... in the al-Mashtal neighborhood");
- a running total with no attack of its own ("at least 14 soldiers have
  been killed") in a report of several attacks joins none of them;
- a headline joins, once the story is read, the event whose place it names.
Two mentions with different known days never share an event, unless one is
only the day a source spoke ("officials said on Saturday", the day of the
other or the next) or a quoted "this morning".
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from eventsift.extract.coordination import coordinated_object, share_hints, split_coordinated
from eventsift.extract.dates import SAME_DAY, ResolvedDate, quoted_at, resolve_date
from eventsift.extract.detect import ANCHOR, BACKGROUND, EVENT_NAME, LAUNCH, TARGET, Mention, PlaceSpan
from eventsift.extract.event_dates import better_date, dates_its_reference, days_may_be_one
from eventsift.extract.event_fields import event_record
from eventsift.extract.event_places import (
    area_told_with, dateline_place, found_beats_borrowed, more_specific, narrower_place, nearby_place, place_rank,
    placed_nowhere, places_compatible,
)
from eventsift.extract.lexicon import Lexicon
from eventsift.extract.phrases import argument_words
from eventsift.geo.context import offset_place
from eventsift.geo.relations import offset_before
from eventsift.records import Document, Event, Place

# "have been killed", "has been wounded": a count run up over a period, not one attack's
RUNNING_TOTAL = re.compile(r"\b(?:has|have)\s+(?:now\s+)?been\s+(?:\w+\s+)?(?:killed|wounded|injured|slain)\b",
                           re.IGNORECASE)
# resolves one place name of a mention, given the places of the events grouped so far
SpanResolver = Callable[[PlaceSpan, Mention, list[Place]], Place | None]
COUNTED = re.compile(r"\bthe\s+(?:first|second|third|fourth|fifth|latest|last|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)


@dataclass
class DraftEvent:
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    place_span: PlaceSpan | None = None
    date_mention: Mention | None = None
    touched: int = 0  # when a mention last joined: references go to the latest touched
    places: list[Place] = field(default_factory=list)  # every place its mentions named as the target
    # the event a definite reference that named another place split it from ("The strikes also
    # targeted ... al-Bukamal"): its weapons and attacker, when the reference names none
    refers_to: DraftEvent | None = None
    target: str | None = None  # the object hit a coordinated place of the sentence belongs to, when split

    @property
    def date(self) -> datetime.date | None:
        return self.date_mention.date.day if self.date_mention and self.date_mention.date else None

    @property
    def prior(self) -> bool:
        return bool(self.mentions) and self.mentions[0].prior


class EventBuilder:
    """Groups one document's mentions into events; `events()` then fills in their places
    (`extract.event_places`) and builds their Event records (`extract.event_fields`)."""

    def __init__(self, doc: Document, resolve: SpanResolver, lexicon: Lexicon,
                 sentence_dates: dict[int, ResolvedDate] | None = None,
                 sentence_places: dict[int, list[PlaceSpan]] | None = None,
                 sentence_texts: dict[int, str] | None = None) -> None:
        self.doc = doc
        self.sentence_dates = sentence_dates or {}
        self.sentence_places = sentence_places or {}  # every sentence's places, attack words or not
        self.sentence_texts = sentence_texts or {}
        self.resolve = resolve
        self.lexicon = lexicon
        self.drafts: list[DraftEvent] = []
        self.headlines: list[Mention] = []
        self._clock = 0
        self._told_elsewhere: Place | None = None  # the other place the mention being placed was told at

    def add(self, mention: Mention) -> None:
        if mention.headline:
            self.headlines.append(mention)  # a headline repeats the story: placed once the story is read
            return
        if len(self.drafts) > 1 and running_total(mention):
            return  # "at least 14 soldiers have been killed" after several attacks: their sum, no one's count
        self._add(mention)

    def _add_headlines(self) -> None:
        for mention in self.headlines:
            if not self.drafts:
                self._add(mention)
                continue
            place, _span = self.best_place([p for p in mention.places if p.role == TARGET], mention)
            home = next((d for d in self.drafts if not d.prior and places_compatible(d.place, place)), None)
            if home is not None:
                home.mentions.append(mention)
                if place is not None and (home.place is None or more_specific(place, home.place)):
                    home.place, home.place_span = place, _span  # "... Drone Over Conoco Gas Field"
        self.headlines = []

    def _add(self, mention: Mention) -> None:
        if mention.new_event and not mention.prior and mention.date is None and self._after_an_earlier_one(mention):
            mention = replace(mention, prior=True)  # "Last month, X. The U.S. responded with airstrikes ...": then too
        if mention.prior and (same := self._the_reports_own(mention) or self._named_again(mention)) is not None:
            # "in response to attacks, including an attack on Erbil Air Base earlier today": the
            # report's own event, named again as the reason for what followed
            same.mentions.append(replace(mention, prior=False))
            return
        groups = share_hints(split_coordinated(mention))
        resolved = [self.best_place(group, mention) for group in groups]
        if len(resolved) > 1 and not all(place_rank(p) == 3 for p, _ in resolved):
            # "the borders of Syria, Jordan and Iraq": coordinated areas are not separate targets
            resolved = [self.best_place([s for g in groups for s in g], mention)]
        for index, (place, span) in enumerate(resolved):
            self._place_mention(mention, place, span, force_new=index > 0)
            if index > 0 and span is not None and (hit := coordinated_object(mention, span)):
                self.drafts[-1].target = hit  # "... and the ship Transworld Navigator in the Arabian Sea"

    def _the_reports_own(self, mention: Mention) -> DraftEvent | None:
        """The event of the report an earlier-sounding mention names again: it happened "earlier
        today" (the day of the event, or the day after for a speaker quoted) at a point the
        event was placed at."""
        told = resolve_date(mention.clause or mention.sentence, self.doc.published)  # a prior keeps no day
        if told is None or told.precision != 1 or not SAME_DAY.search(told.expression):
            return None
        quoted = quoted_at(mention.sentence, mention.sentence.find(told.expression))  # a speaker's "today"
        mention = replace(mention, date=replace(told, spoken=quoted))
        passing = [p for p in (self.resolve(span, mention, self.known_places()) for span in mention.places)
                   if p is not None]
        return next((d for d in self.drafts if not d.prior
                     and (d.date == mention.date.day or days_may_be_one(mention, d))
                     and any(names_same_point(p, d) for p in passing)), None)

    def _after_an_earlier_one(self, mention: Mention) -> bool:
        """The sentence before told only an earlier event: a new one told next with no day of
        its own (a reply to it, another like it) belongs to that earlier time too."""
        before = [d for d in self.drafts for m in d.mentions if m.sentence_index == mention.sentence_index - 1]
        return bool(before) and all(d.prior for d in before)

    def _named_again(self, mention: Mention) -> DraftEvent | None:
        """ "The death toll from a suicide bombing ... rose to 32 on Sunday, a day after the attack
        claimed by the BLA": a bare definite "the attack" after the sentence's own attack is that
        attack again (no place, weapon, count or day of its own to make it another)."""
        if not (mention.definite and mention.refers_back) or mention.places or mention.weapons \
                or mention.fatalities or mention.injuries or mention.date is not None:
            return None
        return next((d for d in reversed(self.drafts) if not d.prior
                     and any(m.sentence_index == mention.sentence_index for m in d.mentions)), None)

    def best_place(self, group: list[PlaceSpan], mention: Mention) -> tuple[Place | None, PlaceSpan | None]:
        """The most precise place a group of the mention's place names resolves to (with no
        group: near the place the mention anchors to), with the name that gave it."""
        best: tuple[Place | None, PlaceSpan | None] = (None, None)
        near_only = not group
        if near_only:  # "in the vicinity of Khadra": the event was near the anchor
            group = [p for p in mention.places if p.role == ANCHOR][:1]
        for span in group:
            place = self.resolve(span, mention, self.known_places())
            if place is None:
                continue
            if near_only and place.precision < 2:
                place = replace(place, precision=2)
            if (offset := offset_before(mention.sentence[:span.start])) is not None:
                # "on the main highway about 60 kilometers east of Kabul": that point, not Kabul's
                place = replace(offset_place(place, *offset), name=f"{offset[0]:.0f} km from {place.name}",
                                geonameid=None, feature=None, precision=max(2, place.precision))
            if best[0] is None or more_specific(place, best[0]) or found_beats_borrowed(place, best[0]):
                best = (place, span)
        return best

    def _latest(self) -> list[DraftEvent]:
        return sorted(self.drafts, key=lambda d: d.touched, reverse=True)

    def known_places(self) -> list[Place]:
        """The places of the events grouped so far: context for resolving a name."""
        return [d.place for d in self.drafts if d.place is not None]

    def _place_mention(self, mention: Mention, place: Place | None, span: PlaceSpan | None, force_new: bool) -> None:
        self._told_elsewhere = None
        target = None if (force_new or mention.new_event or mention.prior) else (
            self._earlier_antecedent(mention, place) or self._find_home(mention, place))
        if target is None and mention.refers_back and self.drafts and not force_new and not mention.new_event \
                and not mention.prior and not self._names_another(mention, place, self._latest()[0]):
            # "the attack", "Saturday's strike": a reference to the latest event, whatever else it names
            target = self._latest()[0]
            place, span = (place, span) if places_compatible(target.place, place) else (None, None)
        if target is None:
            if not mention.substantive and self.drafts and not mention.prior:
                target = self._latest()[0]
            else:
                referred = self._latest()[0] if mention.refers_back and mention.definite and self.drafts \
                    and not mention.prior and not mention.new_event else None
                target = DraftEvent(refers_to=referred if referred is not None and not referred.prior else None)
                self.drafts.append(target)
                if place is None and self._told_elsewhere is not None:
                    place = self._told_elsewhere  # "the police chief of Helmand survived ...": placed there
        target.mentions.append(mention)
        self._clock += 1
        target.touched = self._clock
        if place is not None:
            target.places.append(place)
            if target.place is None or more_specific(place, target.place):
                target.place, target.place_span = place, span
        if mention.date is not None and (not mention.refers_back or dates_its_reference(mention, target)) \
                and (target.date_mention is None or better_date(mention, target.date_mention)):
            target.date_mention = mention
            source = target.refers_to
            if mention.refers_back and source is not None and source.date_mention is not None \
                    and dates_its_reference(mention, source) and better_date(mention, source.date_mention):
                source.date_mention = mention  # "carried out the strikes on Friday": all the strikes'

    def _earlier_antecedent(self, mention: Mention, place: Place | None) -> DraftEvent | None:
        """ "... in retaliation for a drone attack on a base in Jordan. Washington blamed the
        unclaimed attack on X": a definite reference with no place of its own whose noun
        is the earlier attack's, told in the sentence before, and no word of the report's
        event there, is that earlier attack."""
        if place is not None or not (mention.refers_back and mention.definite) or COUNTED.search(mention.sentence):
            return None  # "It is the second drone attack on the airport": the report's own, counted
        nouns = _nouns(mention.triggers)
        before = mention.sentence_index - 1
        told = [(d, m) for d in self.drafts for m in d.mentions if m.sentence_index == before]
        earlier = [d for d, m in told if d.prior and nouns & _nouns(m.triggers)]
        if not earlier or any(not d.prior and nouns & _nouns(m.triggers) for d, m in told):
            return None
        return earlier[-1]

    @staticmethod
    def _names_another(mention: Mention, place: Place | None, latest: DraftEvent) -> bool:
        """A definite phrase that still names another attack: its own precise place
        elsewhere, or its own day ("Monday's Israeli airstrike on ...") and detail."""
        if place_rank(place) == 3 and latest.place is not None and not places_compatible(latest.place, place) \
                and (mention.weapons or mention.fatalities or (place.precision == 1 and latest.place.precision <= 2)):
            return True  # ("The strikes also targeted ... al-Bukamal": two known towns are two events' places)
        if place is not None and latest.place is not None and place.country and latest.place.country \
                and place.country != latest.place.country and (mention.fatalities or mention.injuries):
            return True  # "the drone attack that killed three US soldiers at a base in Jordan", told in a Syria story
        own_day = mention.date is not None and mention.date.precision == 1
        return own_day and latest.date is not None and mention.date.day != latest.date \
            and bool(mention.weapons or mention.actor) and place is not None

    def passing_places(self, mention: Mention) -> list[Place]:
        """The points and areas below a country a mention names in passing ("the police chief
        of the southern province of Helmand", "in the al-Mashtal neighborhood")."""
        spans = [span for span in mention.places if span.role in (BACKGROUND, EVENT_NAME)
                 and not span.text.lower().startswith("the ")]
        found = (self.resolve(span, mention, self.known_places()) for span in spans)  # "the capital" names no place
        return [p for p in found if p is not None and p.country is not None and place_rank(p) > 0]

    def _find_home(self, mention: Mention, place: Place | None) -> DraftEvent | None:
        day = mention.date.day if mention.date else None
        passing = self.passing_places(mention) if place is None and not mention.refers_back else []
        for position, draft in enumerate(self._latest()):
            if not mention.refers_back and not mention.definite and contradicts(mention, draft):
                if passing and draft.place is not None and mention.weapons:  # still: where it was told to be
                    self._told_elsewhere = next((p for p in passing if elsewhere(p, draft.place)), self._told_elsewhere)
                continue  # "a drone attack killed 3" beside an attack that killed none
            if passing and draft.place is not None:
                if any(names_same_point(p, draft) for p in passing):
                    return draft  # "a bombardment targeted a car ... in the al-Mashtal neighborhood"
                away = [p for p in passing if elsewhere(p, draft.place)] if mention.weapons else []
                if away:
                    self._told_elsewhere = away[0]
                    continue  # "the police chief of Helmand survived a car bomb attack": not Laghman's
            if place is not None and draft.place is None:
                # a placeless event takes a place only from the next few sentences
                recent = mention.sentence_index - draft.mentions[-1].sentence_index <= 2
                if position == 0 and recent and (day is None or draft.date in (None, day)):
                    return draft
                continue
            if draft.prior and place is None:
                continue
            if day is not None and draft.date is not None and day != draft.date and not days_may_be_one(mention, draft):
                continue
            if place is None:
                if mention.definite or not mention.substantive or mention.weapons or mention.fatalities \
                        or mention.injuries \
                        or any(p.role == LAUNCH for p in mention.places):
                    return draft
                return draft if not mention.target or _names_its_target(mention, draft) else None
            if places_compatible(draft.place, place):
                return draft
            if position == 0 and (placed_nowhere(place) or placed_nowhere(draft.place)) and mention.weapons \
                    and mention.weapons <= set().union(*(m.weapons for m in draft.mentions)):
                # "Three mortar shells hit houses in Hodan district", "A double suicide bombing in the tribal
                # district of Mohmand ... two suicide bombers attacked a meeting in Ghalanai": a name placed
                # nowhere, the same weapons
                return draft
        return None

    def events(self) -> list[Event]:
        self._add_headlines()
        for draft in self.drafts:
            if draft.place is None and not draft.prior and draft.mentions:
                draft.place = nearby_place(self, draft)
            elif draft.place is not None and draft.place.lat is None and not draft.prior:
                draft.place = area_told_with(self, draft) or draft.place
        for draft in self.drafts:
            if not draft.prior and draft.place is not None and (place_rank(draft.place) < 3 or draft.place.feature == "sea"):
                draft.place = narrower_place(self, draft) or draft.place
        fallback = dateline_place(self)
        for draft in self.drafts:
            if draft.place is None and fallback is not None and not draft.prior:
                draft.place = fallback
        out = []
        for number, draft in enumerate(self.drafts, start=1):
            out.append(event_record(self, draft, number))
        return out


def _nouns(triggers: list[str]) -> set[str]:
    """Attack words without their plural "s": "strikes" and "strike" are one noun."""
    return {t.lower().removesuffix("s") for t in triggers}


def running_total(mention: Mention) -> bool:
    """ "On the Israeli side, at least 14 soldiers and 11 civilians have been killed": a count
    run up over a period, told with no attack word, weapon, place or day of its own."""
    casualty_verbs = argument_words().casualty_verbs
    only_casualties = all(any(t.lower().startswith(v[:-1] if v.endswith("e") else v) for v in casualty_verbs)
                          for t in mention.triggers)
    return only_casualties and not (mention.weapons or mention.target_places or mention.date or mention.refers_back) \
        and RUNNING_TOTAL.search(mention.sentence) is not None


def contradicts(mention: Mention, draft: DraftEvent) -> bool:
    """An attack told afresh ("a drone attack", "an airstrike") that cannot be the event's: it
    kills or wounds where the event's own sentences said none were, or it uses only weapons
    none of the event's several sentences named (an airstrike beside a rocket attack)."""
    for kind in ("fatalities", "injuries"):
        own = getattr(mention, kind)
        if own and {getattr(m, kind) for m in draft.mentions} - {None} == {0}:
            return True
    weapons = set().union(*(m.weapons for m in draft.mentions))
    return len(draft.mentions) > 2 and bool(mention.weapons and weapons and not (mention.weapons & weapons))


def elsewhere(passing: Place, place: Place) -> bool:
    """A place named in passing that cannot be the event's: a town the gazetteer is sure of,
    or a province of the event's own country (one abroad is often a namesake: "Kurdistan")."""
    sure = passing.precision == 1 or (place_rank(passing) == 1 and passing.country == place.country)
    return sure and not places_compatible(passing, place)


def _names_its_target(mention: Mention, draft: DraftEvent) -> bool:
    """ "The military said it targeted a Hamas command center operating inside the school": the
    sentence names the thing the event hit ("the school"), so its own target is a side of that event."""
    hit = draft.target or next((m.target for m in draft.mentions if m.target), None)
    head = hit.split()[-1].lower() if hit else None
    return head is not None and re.search(rf"\bthe\s+(?:[\w-]+\s+)?{re.escape(head)}\b", mention.sentence,
                                          re.IGNORECASE) is not None


def names_same_point(place: Place, draft: DraftEvent) -> bool:
    """A point named in passing is one the event's mentions gave as its target."""
    return place_rank(place) == 3 and any(place_rank(p) == 3 and places_compatible(p, place) for p in draft.places)


__all__ = ["DraftEvent", "EventBuilder", "contradicts", "elsewhere", "names_same_point", "running_total", "share_hints",
           "split_coordinated"]
