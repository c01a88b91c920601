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
  launch sites); a substantive one with no event yet starts one.
Two mentions with different known dates never share an event.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

from eventsift.extract.casualties import casualty_counts, names_several_places
from eventsift.extract.certainty import certainty_of
from eventsift.extract.dates import ResolvedDate
from eventsift.extract.detect import ANCHOR, BACKGROUND, DATELINE, LAUNCH, TARGET, Mention, PlaceSpan
from eventsift.extract.lexicon import Lexicon
from eventsift.geo.context import offset_place
from eventsift.geo.relations import offset_before
from eventsift.records import Document, Event, Place

SAME_PLACE_KM = 8.0
LEDE_SENTENCES = 4
COORDINATION = re.compile(r"^\s*(?:,|and|&|as well as|, and|or)\s*$", re.IGNORECASE)
POPULATED = frozenset({"city", "town", "village"})
FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 2, "region": 2}  # everything else is a point: 3


@dataclass
class DraftEvent:
    mentions: list[Mention] = field(default_factory=list)
    place: Place | None = None
    place_span: PlaceSpan | None = None
    date_mention: Mention | None = None
    touched: int = 0  # when a mention last joined: references go to the latest touched

    @property
    def date(self) -> date | None:
        return self.date_mention.date.day if self.date_mention and self.date_mention.date else None

    @property
    def prior(self) -> bool:
        return bool(self.mentions) and self.mentions[0].prior


def place_rank(place: Place | None) -> int:
    if place is None:
        return -1
    return FEATURE_RANK.get(place.feature or "", 3)


def distance_km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)  # type: ignore[operator]
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower().removeprefix("the "))


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Same place, or one contains the other (a country and a town in it)."""
    if a is None or b is None:
        return True
    ra, rb = place_rank(a), place_rank(b)
    if ra == 3 and rb == 3:
        if _borrowed_from(a, b) or _borrowed_from(b, a):
            return True
        if "sea" in (a.feature, b.feature) and _key(a.name) == _key(b.name):
            return True  # a sea, and the same sea placed more precisely ("65 nautical miles west of X")
        if max(a.precision, b.precision) >= 2 and _key(a.name) != _key(b.name):
            # a village the gazetteer lacks borrows its province's point: two such names are two places
            return _key(a.name) in _key(b.name) or _key(b.name) in _key(a.name)
        if a.lat is not None and b.lat is not None:
            return distance_km(a, b) <= SAME_PLACE_KM
        return _key(a.name) == _key(b.name)
    wide, narrow = (a, b) if ra <= rb else (b, a)
    if wide.feature == "country" or place_rank(wide) == 0:
        return narrow.country is None or wide.country == narrow.country
    if place_rank(wide) in (1, 2):
        if narrow.admin1 and wide.admin1:
            return _key(narrow.admin1) == _key(wide.admin1) or _key(wide.name) in _key(narrow.admin1 or "")
        return wide.country == narrow.country
    return False


def _borrowed(place: Place) -> bool:
    """A name the gazetteer lacks, placed at the point of a place around it (precision 2)."""
    return place.geonameid is None and place.precision >= 2 and (place.source or "").startswith(("in ", "near ", "at "))


def _found_beats_borrowed(found: Place, borrowed: Place) -> bool:
    """ "the al-Hizam area and the industrial neighbourhood in the city of al-Bukamal": a
    town the gazetteer knows beats a name placed at some other town's point (not at its
    own: "Hmeimat in Hama countryside" stays Hmeimat)."""
    return _borrowed(borrowed) and not _borrowed(found) and found.precision == 1 and place_rank(found) == 3 \
        and distance_km(found, borrowed) > SAME_PLACE_KM


def _borrowed_from(part: Place, town: Place) -> bool:
    """A place the gazetteer lacks that stands at a town's own point ("the al-Mashtal
    neighborhood" of a Baghdad story) is in or near that town."""
    return part.precision >= 2 and part.geonameid is None and town.precision == 1 \
        and town.feature in POPULATED and part.lat == town.lat and part.lon == town.lon


def split_coordinated(mention: Mention) -> list[list[PlaceSpan]]:
    """Groups of target places: coordinated names are separate targets."""
    targets = sorted(mention.target_places, key=lambda p: p.start)
    if not targets:
        return [[]]
    groups: list[list[PlaceSpan]] = [[targets[0]]]
    for prev, cur in zip(targets, targets[1:]):
        between = mention.sentence[prev.end:cur.start]
        if COORDINATION.match(between) or COORDINATION.match(re.sub(r"^\s*(?:oil|gas)?\s*fields?", "", between)):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    return groups


# a shared head noun says what kind of place, not which product it yields
GENERIC_HINTS = {"oil_field": "field", "gas_field": "field", "field": "field", "air_base": "base", "base": "base",
                 "airport": "airport", "village": "village", "town": "town", "neighbourhood": "neighbourhood",
                 "camp": "camp", "admin1": "admin1", "port": "port", "refinery": "refinery"}


def share_hints(groups: list[list[PlaceSpan]]) -> list[list[PlaceSpan]]:
    """In "the Conoco and al-Omar oil fields" both names are oil fields:
    a name before the last one, without a feature, takes the last one's (a
    head noun after the last name is shared; one after an earlier name, as in
    "Al Asad Airbase, Iraq", is that name's own)."""
    if len(groups) < 2:
        return groups
    hints = [next((p.hint for p in g if p.hint), None) for g in groups]
    shared = GENERIC_HINTS.get(hints[-1] or "", None)
    out = []
    for index, (group, hint) in enumerate(zip(groups, hints)):
        if hint is None and shared is not None and index < len(groups) - 1:
            group = [_with_hint(p, shared) for p in group]
        out.append(group)
    return out


def _with_hint(span: PlaceSpan, hint: str) -> PlaceSpan:
    handle = span.handle
    if handle is not None and hasattr(handle, "__dataclass_fields__") and "hint" in handle.__dataclass_fields__:
        handle = replace(handle, hint=hint)
    return replace(span, hint=hint, handle=handle)


class EventBuilder:
    """Groups one document's mentions into events and builds Event records."""

    def __init__(self, doc: Document, resolve, lexicon: Lexicon,
                 sentence_dates: dict[int, ResolvedDate] | None = None,
                 sentence_places: dict[int, list[PlaceSpan]] | None = None,
                 sentence_texts: dict[int, str] | None = None) -> None:
        self.doc = doc
        self.sentence_dates = sentence_dates or {}
        self.sentence_places = sentence_places or {}  # every sentence's places, attack words or not
        self.sentence_texts = sentence_texts or {}
        self.resolve = resolve  # callable(PlaceSpan, Mention, list[Place]) -> Place | None
        self.lexicon = lexicon
        self.drafts: list[DraftEvent] = []
        self.headlines: list[Mention] = []
        self._clock = 0

    def add(self, mention: Mention) -> None:
        if mention.headline:
            self.headlines.append(mention)  # a headline repeats the story: placed once the story is read
            return
        self._add(mention)

    def _add_headlines(self) -> None:
        for mention in self.headlines:
            if not self.drafts:
                self._add(mention)
                continue
            place, _span = self._best_place([p for p in mention.places if p.role == TARGET], mention)
            home = next((d for d in self.drafts if not d.prior and places_compatible(d.place, place)), None)
            if home is not None:
                home.mentions.append(mention)
                if place is not None and (home.place is None or _more_specific(place, home.place)):
                    home.place, home.place_span = place, _span  # "... Drone Over Conoco Gas Field"
        self.headlines = []

    def _add(self, mention: Mention) -> None:
        groups = share_hints(split_coordinated(mention))
        resolved = [self._best_place(group, mention) for group in groups]
        if len(resolved) > 1 and not all(place_rank(p) == 3 for p, _ in resolved):
            # "the borders of Syria, Jordan and Iraq": coordinated areas are not separate targets
            resolved = [self._best_place([s for g in groups for s in g], mention)]
        for index, (place, span) in enumerate(resolved):
            self._place_mention(mention, place, span, force_new=index > 0)

    def _best_place(self, group: list[PlaceSpan], mention: Mention) -> tuple[Place | None, PlaceSpan | None]:
        best: tuple[Place | None, PlaceSpan | None] = (None, None)
        near_only = not group
        if near_only:  # "in the vicinity of Khadra": the event was near the anchor
            group = [p for p in mention.places if p.role == ANCHOR][:1]
        for span in group:
            place = self.resolve(span, mention, self._known_places())
            if place is None:
                continue
            if near_only and place.precision < 2:
                place = replace(place, precision=2)
            if near_only and (offset := offset_before(mention.sentence[:span.start])) is not None:
                # "on the main highway about 60 kilometers east of Kabul": that point, not Kabul's
                place = replace(offset_place(place, *offset), name=f"{offset[0]:g} km from {place.name}",
                                geonameid=None, feature=None)
            if best[0] is None or _more_specific(place, best[0]) or _found_beats_borrowed(place, best[0]):
                best = (place, span)
        return best

    def _latest(self) -> list[DraftEvent]:
        return sorted(self.drafts, key=lambda d: d.touched, reverse=True)

    def _known_places(self) -> list[Place]:
        return [d.place for d in self.drafts if d.place is not None]

    def _place_mention(self, mention: Mention, place: Place | None, span: PlaceSpan | None, force_new: bool) -> None:
        target = None if (force_new or mention.new_event or mention.prior) else self._find_home(mention, place)
        if target is None and mention.refers_back and self.drafts and not force_new and not mention.new_event \
                and not mention.prior and not self._names_another(mention, place, self._latest()[0]):
            # "the attack", "Saturday's strike": a reference to the latest event, whatever else it names
            target = self._latest()[0]
            place, span = (place, span) if places_compatible(target.place, place) else (None, None)
        if target is None:
            if not mention.substantive and self.drafts and not mention.prior:
                target = self._latest()[0]
            else:
                target = DraftEvent()
                self.drafts.append(target)
        target.mentions.append(mention)
        self._clock += 1
        target.touched = self._clock
        if place is not None and (target.place is None or _more_specific(place, target.place)):
            target.place, target.place_span = place, span
        if mention.date is not None and (not mention.refers_back or _dates_its_reference(mention, target)) \
                and (target.date_mention is None or _better_date(mention, target.date_mention)):
            target.date_mention = mention

    @staticmethod
    def _names_another(mention: Mention, place: Place | None, latest: DraftEvent) -> bool:
        """A definite phrase that still names another attack: its own precise place
        elsewhere, or its own day ("Monday's Israeli airstrike on ...") and detail."""
        if place_rank(place) == 3 and latest.place is not None and not places_compatible(latest.place, place) \
                and (mention.weapons or mention.fatalities or (place.precision == 1 and latest.place.precision <= 2)):
            return True  # ("The strikes also targeted ... al-Bukamal": two known towns are two events' places)
        own_day = mention.date is not None and mention.date.precision == 1
        return own_day and latest.date is not None and mention.date.day != latest.date \
            and bool(mention.weapons or mention.actor) and place is not None

    def _find_home(self, mention: Mention, place: Place | None) -> DraftEvent | None:
        day = mention.date.day if mention.date else None
        for position, draft in enumerate(self._latest()):
            if place is not None and draft.place is None:
                # a placeless event takes a place only from the next few sentences
                recent = mention.sentence_index - draft.mentions[-1].sentence_index <= 2
                if position == 0 and recent and (day is None or draft.date in (None, day)):
                    return draft
                continue
            if draft.prior and place is None:
                continue
            if day is not None and draft.date is not None and day != draft.date and not _quoted_day(mention, draft):
                continue
            if place is None:
                if mention.definite or not mention.substantive or mention.weapons or mention.fatalities \
                        or any(p.role == LAUNCH for p in mention.places):
                    return draft
                return draft if not mention.target else None
            if places_compatible(draft.place, place):
                return draft
        return None

    def _dateline_place(self) -> Place | None:
        """Where the report was filed: the location of last resort (precision 2)."""
        for draft in self.drafts:
            for mention in draft.mentions:
                for span in mention.places:
                    if span.role == DATELINE:
                        place = self.resolve(span, mention, self._known_places())
                        story = {p.country for p in self._known_places() if p.lat is not None}
                        if place is not None and place.lat is not None and place.country in story:
                            return replace(place, precision=max(2, place.precision))
        return None

    def _nearby_place(self, draft: DraftEvent) -> Place | None:
        """A placeless event's place from the sentences right after it ("... shot down a drone.
        The drone flew toward Mission Support Site Conoco"): a point in the story's countries,
        at precision 2 at best, since no sentence says the attack was there."""
        first = draft.mentions[0]
        story = {p.country for p in self._known_places() if p.lat is not None}
        for index in range(first.sentence_index, first.sentence_index + NEARBY_SENTENCES + 1):
            for span in self.sentence_places.get(index, []):
                if span.role not in (TARGET, ANCHOR, BACKGROUND):
                    continue
                place = self.resolve(span, first, self._known_places())
                if place is not None and place.lat is not None and place_rank(place) == 3 \
                        and (not story or place.country in story):
                    return replace(place, precision=max(2, place.precision))
        return None

    def _narrower_place(self, draft: DraftEvent) -> Place | None:
        """A country-, region- or sea-wide place made precise by the event's own sentences
        or the next ones ("... in northern Iraq. The troops were stationed in Erbil"): the
        first point inside the area (for a sea: the same sea placed by an offset from a
        town) that no other event of the report is placed at, at precision 2 at best (no
        sentence says the attack was there)."""
        area = draft.place
        assert area is not None
        told = {m.sentence_index for m in draft.mentions}
        elsewhere = [d.place for d in self.drafts if d is not draft and d.place is not None and not d.prior
                     and place_rank(d.place) == 3 and d.place.feature != "sea"]
        first, last = min(told), max(told)
        for index in range(first, last + NEARBY_SENTENCES + 1):
            if index not in told and any(index in {m.sentence_index for m in d.mentions}
                                         for d in self.drafts if d is not draft):
                continue  # a sentence telling another event
            for span in self.sentence_places.get(index, []):
                if span.role not in (TARGET, ANCHOR, BACKGROUND):
                    continue
                place = self.resolve(span, draft.mentions[0], self._known_places())
                if place is None or place.lat is None or place_rank(place) != 3 or place.feature == "sea" \
                        or any(places_compatible(other, place) for other in elsewhere):
                    continue
                if area.feature == "sea":
                    if not _more_specific(place, area):
                        continue  # only the same sea placed more precisely ("the Red Sea 65 nautical miles west of X")
                elif not places_compatible(area, place) or place.country != area.country:
                    continue
                return replace(place, precision=max(2, place.precision))
        return None

    def _zero_after(self, mentions: list[Mention]) -> tuple[list[int], list[int]]:
        """ "... exploded at X on Tuesday. No casualties were reported.": a stated zero in the
        sentence right after the event's last, when that sentence is about no other attack."""
        last = max(m.sentence_index for m in mentions)
        told = {m.sentence_index for d in self.drafts for m in d.mentions}
        text = self.sentence_texts.get(last + 1)
        if text is None or last + 1 in told:
            return [], []
        dead, hurt = casualty_counts(text, self.lexicon)
        return ([0] if dead == 0 else []), ([0] if hurt == 0 else [])

    @staticmethod
    def _target(mentions: list[Mention]) -> str | None:
        """The best-ranked target the event's sentences name (the people of a named party hit,
        then a thing hit, then people named only by a count); ties go to the one told first."""
        named = [(m.target_rank if m.target_rank is not None else len(mentions), n, m.target)
                 for n, m in enumerate(mentions) if m.target]
        return min(named)[2] if named else None

    def _own_counts(self, draft: DraftEvent) -> tuple[list[int], list[int]]:
        """The dead and injured counts the event's mentions state for it alone: a total over
        several places or events is left out, and so are its figures restated in a headline
        or placed only in a wider area ("two killed, 12 injured in Kherson region")."""
        counted = [m for m in draft.mentions if m.fatalities is not None or m.injuries is not None]
        totals = [m for m in counted if self._total_count(m, draft)]
        figures = {(m.fatalities, m.injuries) for m in totals}
        own = [m for m in counted if not any(m is t for t in totals) and not (
            (m.fatalities, m.injuries) in figures and (m.headline or self._wider_area(m, draft)))]
        return [m.fatalities for m in own if m.fatalities is not None], [m.injuries for m in own if m.injuries is not None]

    def _total_count(self, mention: Mention, draft: DraftEvent) -> bool:
        """The mention's count covers more than this event: its sentence tells other events too
        ("attacks on Nyaung Kone and Kyarsi villages also wounded about a dozen"), several places
        ("in different areas of Kherson region", "some communities in Zamfara and Katsina states"), or
        plural strikes over an area wider than the event's place ("US strikes in the west of Iraq
        killed at least 16" for a strike on Akashat)."""
        if any(mention is m for other in self.drafts if other is not draft for m in other.mentions):
            return True
        if names_several_places(mention.sentence):
            return True
        return mention.plural and self._wider_area(mention, draft)

    def _wider_area(self, mention: Mention, draft: DraftEvent) -> bool:
        """The mention places what it tells only in an area wider than the event's place."""
        if draft.place is None:
            return False
        area, _span = self._best_place([p for p in mention.places if p.role in (TARGET, BACKGROUND)], mention)
        return area is not None and _more_specific(draft.place, area)

    def _actor(self, mentions: list[Mention]) -> str | None:
        """The first actor the event's sentences name, unless it only describes the attacker
        ("two suicide bombers") and another of them names a group ("the Pakistani Taliban
        claimed responsibility"); "the same group" is the group named last before it in the report."""
        from eventsift.extract.actors import generic_actor, names_a_group

        actor = next((m.actor for m in mentions if m.actor), None)
        if actor is not None and generic_actor(actor):
            actor = next((m.actor for m in mentions if m.actor and names_a_group(m.actor)), actor)
        if actor is None or not GENERIC_GROUP.fullmatch(actor):
            return actor
        first = min(m.sentence_index for m in mentions if m.actor == actor)
        named = [m for d in self.drafts for m in d.mentions
                 if m.actor and m.sentence_index < first and not GENERIC_GROUP.fullmatch(m.actor)
                 and any(w[:1].isupper() for w in m.actor.split())]
        return max(named, key=lambda m: m.sentence_index).actor if named else actor

    def events(self) -> list[Event]:
        self._add_headlines()
        for draft in self.drafts:
            if draft.place is None and not draft.prior and draft.mentions:
                draft.place = self._nearby_place(draft)
        for draft in self.drafts:
            if not draft.prior and draft.place is not None and (place_rank(draft.place) < 3 or draft.place.feature == "sea"):
                draft.place = self._narrower_place(draft) or draft.place
        fallback = self._dateline_place()
        for draft in self.drafts:
            if draft.place is None and fallback is not None and not draft.prior:
                draft.place = fallback
        out = []
        for number, draft in enumerate(self.drafts, start=1):
            out.append(self._record(draft, number))
        return out

    def _record(self, draft: DraftEvent, number: int) -> Event:
        lex = self.lexicon
        mentions = draft.mentions
        weapons: set[str] = set().union(*(m.weapons for m in mentions))
        if not weapons:
            weapons = set().union(*(m.weak_weapons for m in mentions))
        event_type, sub_type = classify(mentions, weapons, lex)
        launch_places = self._launch_places(mentions)
        fatal, injured = self._own_counts(draft)
        if not fatal and not injured:
            fatal, injured = self._zero_after(mentions)
        attribution = list(dict.fromkeys(a for m in mentions for a in m.attribution))
        certainty, attribution = certainty_of(mentions, attribution, lex, (self.doc.title or "") + "\n" + self.doc.text)
        day = draft.date
        precision = draft.date_mention.date.precision if draft.date_mention and draft.date_mention.date else 1
        if precision >= 3:
            day, precision = None, 3  # only the month (or year) is known: no day is claimed
        elif day is None and not draft.prior:
            day, precision = self._discourse_date(draft)
        evidence = evidence_of(mentions, draft.place)
        return Event(
            doc=self.doc.doc_id,
            event_id=event_id(self.doc, number),
            event_type=event_type,
            sub_event_type=sub_type,
            date=day.isoformat() if day else None,
            date_precision=precision,
            weapons=tuple(sorted(weapons)),
            location=draft.place,
            launch_locations=tuple(launch_places),
            actor=self._actor(mentions),
            target=self._target(mentions),
            fatalities=max(fatal) if fatal else None,
            injuries=max(injured) if injured else None,
            certainty=certainty,
            attribution=tuple(attribution),
            evidence=tuple(evidence),
            published=self.doc.published.isoformat() if self.doc.published else None,
            url=self.doc.url,
            extras={"title": self.doc.title} if self.doc.title else {},
        )

    def _discourse_date(self, draft: DraftEvent) -> tuple[date | None, int]:
        """A clause without a date of its own happened when the report last said
        something happened ("on Friday" in the lede); failing that, on the
        report's day, with the week as precision."""
        first = min(m.sentence_index for m in draft.mentions)
        earlier = [d for i, d in sorted(self.sentence_dates.items()) if i <= first and d.precision == 1]
        if earlier:
            return earlier[-1].day, 1
        lede = [d for i, d in sorted(self.sentence_dates.items()) if i < LEDE_SENTENCES and d.precision == 1]
        if lede:
            return lede[0].day, 1
        if self.doc.published is not None:
            return self.doc.published, 2
        return None, 1

    def _launch_places(self, mentions: list[Mention]) -> list[Place]:
        out: list[Place] = []
        for mention in mentions:
            for span in mention.places:
                if span.role != LAUNCH:
                    continue
                place = self.resolve(span, mention, self._known_places())
                if place is not None and all(_key(place.name) != _key(p.name) for p in out):
                    out.append(place)
        return out


MAX_EVIDENCE = 3
GENERIC_GROUP = re.compile(r"(?:the\s+)?(?:same|very same|said)\s+(?:group|militia|organi[sz]ation|movement|faction)",
                           re.IGNORECASE)
NEARBY_SENTENCES = 2  # how far after a placeless event's first sentence its place may be named


def _quoted_day(mention: Mention, draft: DraftEvent) -> bool:
    """One of two differing days is a quoted "this morning", or the day a source spoke,
    the day after the other ("said on Monday" that fighters were killed; "launched the
    attack on Feb. 4"): it does not tell two attacks apart."""
    known = draft.date_mention.date if draft.date_mention is not None else None
    if mention.date is None or known is None:
        return False
    if mention.date.quoted or known.quoted:
        return True
    spoken, stated = (mention.date, known) if mention.date.spoken else (known, mention.date)
    return spoken.spoken and 0 <= (spoken.day - stated.day).days <= 1  # told the day of the attack or the next


def _dates_its_reference(mention: Mention, draft: DraftEvent) -> bool:
    """ "The United States carried out the strikes on Friday": a reference to the event
    that gives its day replaces the day a source spoke ("... killed 16, officials said
    on Saturday"), and one whose day stands on the attack word ("the Saturday attack")
    dates an undated event. Other references' days are often another happening's
    ("during a phone call on Monday")."""
    assert mention.date is not None
    known = draft.date_mention.date if draft.date_mention is not None else None
    if mention.date.precision != 1 or mention.date.spoken:
        return False
    return (known is not None and known.spoken) or (known is None and _names_its_day(mention))


def _names_its_day(mention: Mention) -> bool:
    """ "The Saturday attack", "Monday's strike": the day stands on the attack word itself."""
    assert mention.date is not None
    day = re.escape(mention.date.expression)
    return any(re.search(rf"\b{day}(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?{re.escape(trigger)}\b", mention.sentence,
                         re.IGNORECASE) for trigger in mention.triggers)


def _better_date(new: Mention, old: Mention) -> bool:
    """A day stated by a clause that states the attack beats a vaguer or passing one."""
    assert new.date is not None and old.date is not None
    if new.date.precision == old.date.precision == 1 and new.date.spoken != old.date.spoken:
        return old.date.spoken  # "killed on Friday night" beats "officials said on Saturday"
    if new.date.precision != old.date.precision:
        return new.date.precision < old.date.precision
    return new.substantive and not old.substantive


def evidence_of(mentions: list[Mention], place: Place | None = None) -> list[str]:
    """The sentences that state the event: substantive mentions first, in text
    order, at most three; references ("the attack was condemned") only when
    nothing else states it. A sentence far from the first that names none of
    the event's places joined by reference only and is left out."""
    first = min(m.sentence_index for m in mentions)
    close = [m for m in mentions if m.sentence_index - first <= NEARBY_SENTENCES or _names_place(m, place)]
    stating = [m for m in close if m.substantive] or mentions[:1]
    ordered = sorted(stating, key=lambda m: m.sentence_index)
    return list(dict.fromkeys(m.sentence.strip() for m in ordered))[:MAX_EVIDENCE]


FEATURE_WORDS = re.compile(r"\b(?:oil|gas|fields?|bases?|air ?base|airport|camp|refinery|village|town|city|district|"
                           r"province|region|governorate|neighbou?rhood)\b", re.IGNORECASE)


def _names_place(mention: Mention, place: Place | None) -> bool:
    """The mention names the place ('the al-Omar field' for 'Al-Omar oil field')."""
    if place is None:
        return False
    name = _key(FEATURE_WORDS.sub(" ", place.name))
    for span in mention.places:
        text = _key(FEATURE_WORDS.sub(" ", span.text))
        if span.role == TARGET and text and name and (text in name or name in text):
            return True
    return False


def _more_specific(a: Place, b: Place) -> bool:
    """A town beats its province, a province its country; a resolved point beats a bare name."""
    if (a.lat is None) != (b.lat is None):
        return a.lat is not None
    if b.feature == "sea" and a.feature != "sea" and _key(a.name) == _key(b.name):
        return True  # the sea's point placed by an offset from a town beats the sea's centre
    return place_rank(a) > place_rank(b)


def classify(mentions: list[Mention], weapons: set[str], lexicon: Lexicon) -> tuple[str, str | None]:
    """ACLED event type and sub-event type from weapons and wording."""
    if any(m.intercepted for m in mentions) and not any(
            m.damage or m.fatalities or m.injuries for m in mentions):
        return "Strategic developments", "Disrupted weapons use"
    if any(m.air_launched for m in mentions) and weapons & {"missile", "rocket", "drone", "airstrike"}:
        return "Explosions/Remote violence", "Air/drone strike"
    for weapon, event_type, sub_type in lexicon.sub_event_order:
        if weapon in weapons:
            return event_type, sub_type
    if any(m.clash for m in mentions):
        return "Battles", "Armed clash"
    if "gunfire" in weapons:
        if any(m.civilians for m in mentions):
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    return "Explosions/Remote violence", None


def event_id(doc: Document, number: int) -> str:
    """Stable across runs: the document's identity and content, and the event's rank in it."""
    digest = hashlib.sha1(f"{doc.doc_id}\n{doc.content_hash}".encode()).hexdigest()[:12]
    return f"{digest}-{number}"


__all__ = ["EventBuilder", "classify", "event_id", "places_compatible", "split_coordinated",
           "ANCHOR", "TARGET"]
