"""One exception type per kind of user error.

The CLI turns each into one line on stderr that names the input and says
what to do; the run goes on with the other inputs.
"""
from __future__ import annotations


class EventsiftError(Exception):
    """Base of every error eventsift raises on purpose."""


class InputError(EventsiftError):
    """An input that cannot be read as a report (binary, empty, too large, bad JSON...)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SkippedInput(InputError):
    """A readable input that is deliberately not processed (e.g. not English)."""


class GazetteerError(EventsiftError):
    """The gazetteer cannot be built, opened or imported into."""


class StoreError(EventsiftError):
    """The database cannot be opened, migrated or written."""
