"""How sure, and on whose word.

confirmed  - an official or a party to the event states it;
reported   - media or (unnamed, field, local) sources report it;
claimed    - the only word is the perpetrator's claim of responsibility;
unverified - the text itself calls it unverified or unconfirmed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from eventsift.extract.arguments import sources_are_official
from eventsift.extract.lexicon import Lexicon

if TYPE_CHECKING:
    from eventsift.extract.detect import Mention

UNNAMED_SOURCE_WORDS = {"source", "sources", "field", "local", "media", "reports", "report", "witnesses",
                        "witness", "residents", "activists", "correspondent"}


def certainty_of(mentions: list[Mention], attribution: list[str], lexicon: Lexicon) -> tuple[str, list[str]]:
    """The event's certainty and the cleaned list of who is cited."""
    if any(m.unverified for m in mentions):
        return "unverified", attribution
    actor = next((m.actor for m in mentions if m.actor), None)
    official = [a for a in attribution if sources_are_official([a], lexicon) and not _unnamed(a)]
    others = [a for a in attribution if a not in official]
    if official:
        return "confirmed", attribution
    if actor and any(m.claims for m in mentions) and not others:
        return "claimed", attribution
    return "reported", attribution


def _unnamed(source: str) -> bool:
    words = {w.strip("'s,.").lower() for w in source.split()}
    return bool(words & UNNAMED_SOURCE_WORDS)
