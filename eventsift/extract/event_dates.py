"""When two mentions' days are one event's day, and which of them dates the event: the
day a source spoke against the event's own day, a reference that gives the day
("carried out the strikes on Friday"), and a clause that states the attack against a
passing one. `extract.events` asks these while grouping.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventsift.extract.dates import ResolvedDate
from eventsift.extract.detect import Mention

if TYPE_CHECKING:
    from eventsift.extract.events import DraftEvent


def days_may_be_one(mention: Mention, draft: DraftEvent) -> bool:
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


def dates_its_reference(mention: Mention, draft: DraftEvent) -> bool:
    """ "The United States carried out the strikes on Friday": a reference to the event
    that gives its day replaces the day a source spoke ("... killed 16, officials said
    on Saturday"), and one whose day stands on the attack word ("the Saturday attack")
    dates an undated event. Other references' days are often another happening's
    ("during a phone call on Monday")."""
    assert mention.date is not None
    known = draft.date_mention.date if draft.date_mention is not None else None
    if mention.date.precision != 1 or mention.date.spoken:
        return False
    if known is None and draft.refers_to is not None and draft.refers_to.date_mention is not None:
        known = draft.refers_to.date_mention.date  # split off "the strikes": dated as the strikes are
    if known is not None and known.precision in (2, 3) and known.day is not None and mention.date.day is not None \
            and _within(mention.date.day, known.day, known.precision):
        return names_its_day(mention)  # "airstrikes ... this week" and then "Tuesday's attacks": that Tuesday
    return (known is not None and known.spoken) or (known is None and names_its_day(mention))


def _within(day: date, start: date, precision: int) -> bool:
    """The day falls in the week (precision 2) or month (3) that starts on `start`."""
    if precision == 2:
        return 0 <= (day - start).days < 7
    return (day.year, day.month) == (start.year, start.month)


def names_its_day(mention: Mention) -> bool:
    """ "The Saturday attack", "Monday's strike": the day stands on the attack word itself."""
    assert mention.date is not None
    day = re.escape(mention.date.expression)
    return any(re.search(rf"\b{day}(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?{re.escape(trigger)}\b", mention.sentence,
                         re.IGNORECASE) for trigger in mention.triggers)


def better_date(new: Mention, old: Mention) -> bool:
    """A day stated by a clause that states the attack beats a vaguer or passing one."""
    assert new.date is not None and old.date is not None
    if new.date.precision == old.date.precision == 1 and new.date.spoken != old.date.spoken:
        return old.date.spoken  # "killed on Friday night" beats "officials said on Saturday"
    if new.date.precision != old.date.precision:
        return new.date.precision < old.date.precision
    return new.substantive and not old.substantive


_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# a night that runs past midnight: the attack may fall on the day after the one named ("late
# Monday", "Monday night", "last night") or the day before ("early Tuesday", "in the early
# hours", "before dawn", "early this morning"); a bare "overnight" either way
NIGHT_AFTER = re.compile(rf"\b(?:late\s+(?:on\s+)?{_DAY}|{_DAY}\s+night|last\s+night|tonight|late\s+(?:at\s+)?night|"
                         r"late-night)\b", re.IGNORECASE)
NIGHT_BEFORE = re.compile(rf"\b(?:early\s+(?:on\s+)?{_DAY}|early\s+hours|small\s+hours|wee\s+hours|pre-?dawn|"
                          r"before\s+dawn|at\s+dawn|after\s+midnight|early\s+(?:this\s+|on\s+)?morning|"
                          r"overnight\s+(?:into|to)\b)", re.IGNORECASE)
OVERNIGHT = re.compile(r"\bovernight\b", re.IGNORECASE)


def date_alternatives(told: ResolvedDate, sentence: str) -> tuple[date, ...]:
    """Other days the text leaves open for an event dated `told` by `sentence`: the day
    before or after across a night that runs past midnight, and the day before the one a
    source spoke on (told the day of the attack or the next, as `days_may_be_one` has it).
    Sources routinely give such an attack one day apart; merging reads these days as the
    event's too, while the record's date stays the one the text gives."""
    if told.precision != 1:
        return ()
    after = NIGHT_AFTER.search(sentence) is not None
    before = NIGHT_BEFORE.search(sentence) is not None or told.spoken
    if OVERNIGHT.search(sentence) and not (before or after):
        before = after = True
    return tuple(told.day + timedelta(days=shift) for shift, open_day in ((-1, before), (1, after)) if open_day)


__all__ = ["better_date", "date_alternatives", "dates_its_reference", "days_may_be_one", "names_its_day"]
