"""From a grouped event to its Event record: the event type, day, weapons, launch
sites, actor, target, own casualty counts, certainty and evidence, chosen from the
sentences grouping gave it (`extract.events`).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from eventsift.extract.actors import generic_actor, names_a_group
from eventsift.extract.casualties import NUMBER_WORDS, casualty_counts, names_several_places
from eventsift.extract.certainty import certainty_of
from eventsift.extract.dates import ResolvedDate
from eventsift.extract.event_dates import date_alternatives
from eventsift.extract.detect import BACKGROUND, LAUNCH, TARGET, Mention, PlaceSpan
from eventsift.extract.event_places import NEARBY_SENTENCES, compact_name, more_specific, place_rank
from eventsift.extract.lexicon import Lexicon, lexicon_data
from eventsift.geo.context import bearing_of, offset_place
from eventsift.records import Document, Event, Place

if TYPE_CHECKING:
    from eventsift.extract.events import DraftEvent, EventBuilder

LEDE_SENTENCES = 4
MAX_EVIDENCE = 3
# a group told by what it is, not by name: "the powerful pro-Iran group", "the Shiite movement"
DESCRIBED_GROUP = re.compile(r"(?:the\s+)?(?:[\w'’-]+\s+){1,3}(?:group|movement|militia|organi[sz]ation|faction)",
                             re.IGNORECASE)
ARMED_GROUP = re.compile(r"\b(?:" + "|".join(sorted((re.escape(g) for g in lexicon_data()["actors"]["armed_groups"]),
                                                      key=len, reverse=True)) + r")\b", re.IGNORECASE)
GENERIC_GROUP = re.compile(r"(?:the\s+)?(?:same|very same|said)\s+(?:group|militia|organi[sz]ation|movement|faction)",
                           re.IGNORECASE)


def event_record(builder: EventBuilder, draft: DraftEvent, number: int) -> Event:
    """The Event record of one grouped event, the `number`th of its report."""
    lex = builder.lexicon
    mentions = draft.mentions
    weapons = _weapons(mentions)
    source = draft.refers_to
    if not weapons and source is not None:  # "The strikes also targeted X": the strikes told before
        weapons = _weapons(source.mentions)
    event_type, sub_type = classify(mentions, weapons, lex)
    launch_places = _launch_places(builder, mentions, draft.place)
    fatal, injured = _own_counts(builder, draft)
    if not fatal and not injured:
        fatal, injured = _zero_after(builder, mentions)
    attribution = list(dict.fromkeys(a for m in mentions for a in m.attribution))
    certainty, attribution = certainty_of(mentions, attribution, lex, (builder.doc.title or "") + "\n" + builder.doc.text)
    day = draft.date
    precision = draft.date_mention.date.precision if draft.date_mention and draft.date_mention.date else 1
    told = (draft.date_mention.date, draft.date_mention.clause or draft.date_mention.sentence) \
        if draft.date_mention and draft.date_mention.date else None
    if precision >= 3:
        day, precision = None, 3  # only the month (or year) is known: no day is claimed
    elif day is None and not draft.prior:
        day, precision, told = _discourse_date(builder, draft)
    alternatives = _open_days(builder, day, told)
    evidence = evidence_of(mentions, draft.place)
    return Event(
        doc=builder.doc.doc_id,
        event_id=event_id(builder.doc, number),
        event_type=event_type,
        sub_event_type=sub_type,
        date=day.isoformat() if day else None,
        date_precision=precision,
        weapons=tuple(sorted(weapons)),
        location=draft.place,
        launch_locations=tuple(launch_places),
        actor=_actor(builder, mentions) or (_actor(builder, source.mentions) if source is not None else None),
        target=draft.target or _target(mentions) or _shared_target(source),
        fatalities=max(fatal) if fatal else None,
        injuries=max(injured) if injured else None,
        certainty=certainty,
        attribution=tuple(attribution),
        evidence=tuple(evidence),
        published=builder.doc.published.isoformat() if builder.doc.published else None,
        url=builder.doc.url,
        extras=({"title": builder.doc.title} if builder.doc.title else {})
        | ({"date_alternatives": [d.isoformat() for d in alternatives]} if alternatives else {}),
    )


def _open_days(builder: EventBuilder, day: date | None, told: tuple[ResolvedDate, str] | None) -> list[date]:
    """The other days the text leaves open for the event (`event_dates.date_alternatives`),
    none after the report's own day."""
    if day is None or told is None or told[0].day != day:
        return []
    published = builder.doc.published
    return [d for d in date_alternatives(*told) if published is None or d <= published]


LANDING_WORDS = frozenset({"fell", "fall", "falls", "falling", "landed", "land", "lands", "landing"})


def _weapons(mentions: list[Mention]) -> set[str]:
    """The weapons the mentions name; the generic words only when they name none. An
    explosive device a suicide bomber wore or a drone carried is that weapon's charge
    ("suicide bombers with IEDs strapped to their bodies", "drones fitted with improvised
    explosive devices"), not a weapon of its own."""
    # a reference back, or a sentence only of where they fell, names the weapons already told in other
    # words ("Katyusha missiles were fired at the base ... the missiles fell on the base": rockets only)
    told = [m for m in mentions if not m.refers_back and not {t.lower() for t in m.triggers} <= LANDING_WORDS]
    weapons: set[str] = set().union(*(m.weapons for m in told)) or set().union(*(m.weapons for m in mentions))
    if weapons & CARRIERS:
        weapons -= {"ied"}
    return weapons or set().union(*(m.weak_weapons for m in mentions))


def _ground_assault(mentions: list[Mention], lexicon: Lexicon) -> bool:
    """Every attack word is one of a ground assault ("attacked", "stormed"), none of a strike."""
    words = {t.lower() for m in mentions for t in m.triggers}
    if words & (GROUND_NOUNS | (lexicon.ground_triggers - ATTACK_VERBS)):
        words -= ATTACK_NOUNS  # "killed 14 soldiers in an ambush ... JNIM claimed the attack", "an attack ... raided"
    return bool(words) and words <= lexicon.ground_triggers | NEUTRAL_TRIGGERS


SMALL_ARMS = frozenset({"gunfire", "grenade"})  # rifles, machine guns, RPGs: arms of an assault
NEUTRAL_TRIGGERS = frozenset({"killed", "kill", "killing", "wounded", "injured", "killings"})  # say not how
ATTACK_NOUNS = frozenset({"attack", "attacks"})  # "an attack" says not how: beside an ambush, the ambush it was
ATTACK_VERBS = frozenset({"attacked", "attacking"})  # nor does "attacked" (a ground word only when alone)
GROUND_NOUNS = frozenset({"ambush", "ambushes", "raid", "raids", "siege", "assault"})
CARRIERS = frozenset({"suicide_bomb", "drone"})  # they carry an explosive charge: no separate IED
GROUND_WEAPONS = frozenset({"suicide_bomb", "ied", "grenade", "gunfire"})  # carried into a fight, not fired from afar
AIR_WEAPONS = frozenset({"airstrike", "drone"})  # the aircraft named; its missiles and rockets are its munitions
INTERCEPTABLE = frozenset({"missile", "rocket", "drone", "mortar", "artillery", "airstrike"})  # air defence stops these


def classify(mentions: list[Mention], weapons: set[str], lexicon: Lexicon) -> tuple[str, str | None]:
    """ACLED event type and sub-event type from weapons and wording. The weapons of the
    report's first statement of the event ("A drone strike killed two", then "two rockets hit")
    decide among several the event's mentions name."""
    if _disrupted(mentions):
        return "Strategic developments", "Disrupted weapons use"
    main = _main_weapons(mentions, weapons)
    if _abduction(mentions) and main <= SMALL_ARMS:
        # "Gunmen abducted at least 20 pupils from a school": ACLED's abduction, when no one was killed
        return "Violence against civilians", "Abduction/forced disappearance"
    if main & AIR_WEAPONS and main & {"missile", "rocket"} and (
            "airstrike" in main or any(m.air_launched for m in mentions)):
        return "Explosions/Remote violence", "Air/drone strike"  # fired by the aircraft or drone named
    if any(m.clash for m in mentions) and main and main <= GROUND_WEAPONS:
        return "Battles", "Armed clash"  # a suicide vehicle that opens a battle: ACLED codes the battle
    # who was hit, told where the weapons are ("fired RPGs ... into a convoy, killing three drivers")
    armed = [m for m in mentions if m.weapons & main] or mentions
    civilians_only = any(m.civilians for m in armed) and not any(m.forces for m in armed)
    if "gunfire" in main and main <= SMALL_ARMS and civilians_only:
        # "fired RPGs and machine guns into a convoy, killing three drivers"
        return "Violence against civilians", "Attack"
    if main <= SMALL_ARMS and _ground_assault(mentions, lexicon) and any(m.forces for m in mentions):
        # "terrorists attacked a checkpost, killing ten soldiers"; "attacked the police station ... used
        # hand grenades and heavy weapons in the assault"
        return "Battles", "Armed clash"
    for weapon, event_type, sub_type in lexicon.sub_event_order:
        if weapon in main:
            return event_type, sub_type
    if any(m.clash for m in mentions):
        return "Battles", "Armed clash"
    if "gunfire" in weapons:
        if civilians_only or not any(m.forces for m in mentions):
            return "Violence against civilians", "Attack"  # "a man was shot dead": no one hit who fights back
        return "Battles", "Armed clash"  # police or soldiers among those hit can fight back
    if not weapons and (_ground_assault(mentions, lexicon) or _took_people(mentions) or _attacked_people(mentions)):
        # "gunmen stormed a hotel", "bandits abducted 15 villagers and killed two", "fighters attacked a village,
        # killing at least 40": men on foot, no one to fight back
        return "Violence against civilians", "Attack"
    return "Explosions/Remote violence", None


ABDUCTION_WORDS = frozenset({"abducted", "abduct", "abducts", "abducting", "abduction", "abductions", "kidnapped",
                             "kidnap", "kidnaps", "kidnapping", "kidnappings"})


def _attacked_people(mentions: list[Mention]) -> bool:
    """Someone "attacked" and killed, no weapon named and no forces among those hit: a massacre on foot."""
    words = {t.lower() for m in mentions for t in m.triggers}
    return bool(words & ATTACK_VERBS) and any(m.fatalities for m in mentions) and not any(m.forces for m in mentions)


def _took_people(mentions: list[Mention]) -> bool:
    return any(t.lower() in ABDUCTION_WORDS for m in mentions for t in m.triggers)


def _abduction(mentions: list[Mention]) -> bool:
    """People were taken, and the event's sentences count no one killed."""
    return _took_people(mentions) and not any(m.fatalities for m in mentions)


def _main_weapons(mentions: list[Mention], weapons: set[str]) -> set[str]:
    """The weapons of the first sentence of the body that names one of the event's weapons;
    all of them when none does (weapons known only from a headline or from generic words)."""
    body = sorted((m for m in mentions if not m.headline), key=lambda m: m.sentence_index)
    for mention in body:
        own = mention.weapons & weapons
        if own:
            return own
    return set(weapons)


def _disrupted(mentions: list[Mention]) -> bool:
    """Air defence stopped every weapon: a clause says a missile, rocket or drone was intercepted
    (not an attack "repelled"), none says it hit anything, killed or injured anyone, and no
    other clause counts more weapons than were stopped ("two armed drones targeted the base ...
    defence systems downed one drone")."""
    stopped = [m for m in mentions if m.intercepted and m.weapons & INTERCEPTABLE]
    if not stopped or any(m.damage or m.fatalities or m.injuries for m in mentions):
        return False
    downed = max((n for m in stopped for n in _weapon_counts(m.sentence)), default=None)
    fired = max((n for m in mentions if m not in stopped for n in _weapon_counts(m.sentence)), default=None)
    return downed is None or fired is None or downed >= fired


_WEAPON_COUNT = re.compile(
    r"\b(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|one|a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:drones?|missiles?|rockets?|UAVs?|projectiles?)\b", re.IGNORECASE)


def _weapon_counts(sentence: str) -> list[int]:
    """How many weapons each counted weapon word of a sentence counts ("two armed drones": 2)."""
    numbers = (match.group("n") for match in _WEAPON_COUNT.finditer(sentence))
    return [int(n) if n.isdigit() else NUMBER_WORDS[n.lower()] for n in numbers]


def _discourse_date(builder: EventBuilder,
                    draft: DraftEvent) -> tuple[date | None, int, tuple[ResolvedDate, str] | None]:
    """A clause without a date of its own happened when the report last said
    something happened ("on Friday" in the lede); failing that, on the
    report's day, with the week as precision. Also: the date and sentence it came from."""
    first = min(m.sentence_index for m in draft.mentions)
    earlier = [(i, d) for i, d in sorted(builder.sentence_dates.items()) if i <= first and d.precision == 1]
    lede = [(i, d) for i, d in sorted(builder.sentence_dates.items()) if i < LEDE_SENTENCES and d.precision == 1]
    if earlier or lede:
        index, told = earlier[-1] if earlier else lede[0]
        return told.day, 1, (told, builder.sentence_texts.get(index, ""))
    if builder.doc.published is not None:
        return builder.doc.published, 2, None
    return None, 1, None


def _launch_places(builder: EventBuilder, mentions: list[Mention], target: Place | None) -> list[Place]:
    out: list[Place] = []
    for mention in mentions:
        for span in mention.places:
            if span.role != LAUNCH:
                continue
            place = _river_bank(mention, span, target) or builder.resolve(span, mention, builder.known_places())
            if place is not None and all(compact_name(place.name) != compact_name(p.name) for p in out):
                out.append(place)
    return out


# "shelled from the eastern bank of the Dnipro River": the bank, named by its compass side
BANK_BEFORE = re.compile(r"\b(?P<dir>(?:north|south|east|west)(?:ern)?)\s+(?:\(\w+\)\s+)?bank\s+of\s+(?:the\s+)?$",
                         re.IGNORECASE)
RIVER_BANK_KM = 10.0  # a town on a river lies this far, give or take, from the river's other bank


def _river_bank(mention: Mention, span: PlaceSpan, target: Place | None) -> Place | None:
    """A launch site on a named bank of a river the attacked town lies on: that side of the town,
    a few km across (precision 2); the gazetteer has no river lines."""
    match = BANK_BEFORE.search(mention.sentence[max(0, span.start - 40):span.start])
    if match is None or target is None or target.lat is None or place_rank(target) != 3:
        return None
    bearing = bearing_of(match.group("dir"))
    name = f"{match.group('dir').lower()} bank of the {span.text.removeprefix('the ')}"
    return replace(offset_place(target, RIVER_BANK_KM, bearing), name=name, precision=2, feature=None,
                   geonameid=None, source=f"across the river from {target.name}")


def _own_counts(builder: EventBuilder, draft: DraftEvent) -> tuple[list[int], list[int]]:
    """The dead and injured counts the event's mentions state for it alone: a total over
    several places or events is left out, and so are its figures restated in a headline
    or placed only in a wider area ("two killed, 12 injured in Kherson region")."""
    counted = [m for m in draft.mentions if m.fatalities is not None or m.injuries is not None]
    totals = [m for m in counted if _total_count(builder, m, draft)]
    figures = {(m.fatalities, m.injuries) for m in totals}
    own = [m for m in counted if not any(m is t for t in totals) and not (
        (m.fatalities, m.injuries) in figures and (m.headline or _wider_area(builder, m, draft)))]
    # "shelled X and Y, but no casualties were reported": none over all is none in each
    dead = [m.fatalities for m in own if m.fatalities is not None] or [0 for m in totals if m.fatalities == 0]
    hurt = [m.injuries for m in own if m.injuries is not None] or [0 for m in totals if m.injuries == 0]
    return dead, hurt


def _total_count(builder: EventBuilder, mention: Mention, draft: DraftEvent) -> bool:
    """The mention's count covers more than this event: its sentence tells other events too
    ("attacks on Nyaung Kone and Kyarsi villages also wounded about a dozen"), several places
    ("in different areas of Kherson region", "some communities in Zamfara and Katsina states"), or
    plural strikes over an area wider than the event's place ("US strikes in the west of Iraq
    killed at least 16" for a strike on Akashat)."""
    if any(mention is m for other in builder.drafts if other is not draft for m in other.mentions):
        return True
    if names_several_places(mention.sentence):
        return True
    return mention.plural and _wider_area(builder, mention, draft)


def _wider_area(builder: EventBuilder, mention: Mention, draft: DraftEvent) -> bool:
    """The mention places what it tells only in an area wider than the event's place."""
    if draft.place is None:
        return False
    area, _span = builder.best_place([p for p in mention.places if p.role in (TARGET, BACKGROUND)], mention)
    return area is not None and more_specific(draft.place, area)


def _zero_after(builder: EventBuilder, mentions: list[Mention]) -> tuple[list[int], list[int]]:
    """ "... exploded at X on Tuesday. No casualties were reported.": a stated zero in a
    sentence right after one of the event's, when that sentence is about no attack."""
    told = {m.sentence_index for d in builder.drafts for m in d.mentions}
    for index in sorted({m.sentence_index + 1 for m in mentions} - told):
        text = builder.sentence_texts.get(index)
        if text is None:
            continue
        dead, hurt = casualty_counts(text, builder.lexicon)
        if dead == 0 or hurt == 0:
            return ([0] if dead == 0 else []), ([0] if hurt == 0 else [])
    return [], []


SEVERAL_CLAIMED = re.compile(r"\b(?:claimed|claiming|took\s+responsibility\s+for)\s+(?:responsibility\s+for\s+)?"
                             r"(?:both|all(?:\s+the)?|the\s+two|the\s+three|these)\s+(?:\w+\s+)?(?:attacks|strikes|assaults)\b",
                             re.IGNORECASE)


def _actor(builder: EventBuilder, mentions: list[Mention]) -> str | None:
    """The first actor the event's sentences name. One that only describes the attacker
    ("two suicide bombers", "terrorists") names nobody: another sentence's group stands in
    ("the Pakistani Taliban claimed responsibility"), else None (FORMAT.md: null when
    unnamed). "The same group" is the group named last before it in the report."""
    actor = next((m.actor for m in mentions if m.actor), None)
    if actor is None:  # "The Islamic Resistance in Iraq ... claimed both attacks": each of them
        actor = next((m.actor for d in builder.drafts if not d.prior for m in d.mentions
                      if m.actor and m.claims and SEVERAL_CLAIMED.search(m.sentence)), None)
    if actor is not None and generic_actor(actor):
        actor = next((m.actor for m in mentions if m.actor and names_a_group(m.actor)), None)
    if actor is not None and DESCRIBED_GROUP.fullmatch(actor) and not ARMED_GROUP.search(actor):
        # "The powerful pro-Iran group said it launched drones": the group the report has named
        # most so far (the latest of equals), not one named in passing ("a Hamas ally")
        first = next(m.sentence for m in mentions if m.actor == actor)
        before = builder.doc.text[:max(0, builder.doc.text.find(first))]
        named = [m.group(0) for m in ARMED_GROUP.finditer(before)]
        counts = Counter(name.lower() for name in named)
        return max(reversed(named), key=lambda name: counts[name.lower()]) if named else actor
    if actor is None or not GENERIC_GROUP.fullmatch(actor):
        return actor
    first = min(m.sentence_index for m in mentions if m.actor == actor)
    named = [m for d in builder.drafts for m in d.mentions
             if m.actor and m.sentence_index < first and not GENERIC_GROUP.fullmatch(m.actor)
             and any(w[:1].isupper() for w in m.actor.split())]
    return max(named, key=lambda m: m.sentence_index).actor if named else actor


def _target(mentions: list[Mention]) -> str | None:
    """The best-ranked target the event's sentences name (the people of a named party hit,
    then a thing hit, then people named only by a count); ties go to the one told first."""
    named = [(m.target_rank if m.target_rank is not None else len(mentions), n, m.target)
             for n, m in enumerate(mentions) if m.target]
    return min(named)[2] if named else None


def _shared_target(source: DraftEvent | None) -> str | None:
    """The target of the attack a split-off event refers to ("US strikes ... against armed
    groups. The strikes hit X and Y"), unless it is placed where that attack was
    ("strongholds in Deir ez-Zor" is no target in al-Bukamal)."""
    target = _target(source.mentions) if source is not None else None
    if target is None or re.search(r"\b(?:in|at|near)\b", target):
        return None
    return target


def evidence_of(mentions: list[Mention], place: Place | None = None) -> list[str]:
    """The sentences that state the event (for an earlier event named in passing, the
    phrase that names it): substantive mentions first, in text
    order, at most three; references ("the attack was condemned") only when
    nothing else states it. A sentence far from the first that names none of
    the event's places joined by reference only and is left out."""
    first = min(m.sentence_index for m in mentions)
    close = [m for m in mentions if m.sentence_index - first <= NEARBY_SENTENCES or _names_place(m, place)]
    stating = [m for m in close if m.substantive] or mentions[:1]
    ordered = sorted(stating, key=lambda m: m.sentence_index)
    # an earlier event named inside another's sentence is stated by its own phrase
    return list(dict.fromkeys((m.clause or m.sentence).strip() for m in ordered))[:MAX_EVIDENCE]


FEATURE_WORDS = re.compile(r"\b(?:oil|gas|fields?|bases?|air ?base|airport|camp|refinery|village|town|city|district|"
                           r"province|region|governorate|neighbou?rhood)\b", re.IGNORECASE)


def _names_place(mention: Mention, place: Place | None) -> bool:
    """The mention names the place ('the al-Omar field' for 'Al-Omar oil field')."""
    if place is None:
        return False
    name = compact_name(FEATURE_WORDS.sub(" ", place.name))
    for span in mention.places:
        text = compact_name(FEATURE_WORDS.sub(" ", span.text))
        if span.role == TARGET and text and name and (text in name or name in text):
            return True
    return False


def event_id(doc: Document, number: int) -> str:
    """Stable across runs: the document's identity and content, and the event's rank in it."""
    digest = hashlib.sha1(f"{doc.doc_id}\n{doc.content_hash}".encode()).hexdigest()[:12]
    return f"{digest}-{number}"


__all__ = ["classify", "event_id", "event_record", "evidence_of"]
