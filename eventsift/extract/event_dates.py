"""When two mentions' days are one event's day, and which of them dates the event: the
day a source spoke against the event's own day, a reference that gives the day
("carried out the strikes on Friday"), and a clause that states the attack against a
passing one. `extract.events` asks these while grouping.
"""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

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


__all__ = ["better_date", "dates_its_reference", "days_may_be_one", "names_its_day"]
