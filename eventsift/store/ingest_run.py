"""Reading, extracting and storing in one pass: what `eventsift run` does.

    summary = ingest(store, read_inputs(paths), say=print)

Unchanged documents are skipped before language processing (and the
language model is loaded only when some document needs it); each stored
document is its own transaction; a bad input or a document that cannot be
stored is reported through `say` and counted, and the run goes on.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventsift.errors import InputError, SkippedInput, StoreError
from eventsift.records import Document, Event
from eventsift.store.database import Store

Extractor = Callable[[Iterable[Document]], Iterator[tuple[Document, list[Event]]]]


@dataclass
class RunSummary:
    """What a run did, for its closing lines."""

    read: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    events: int = 0

    def lines(self, counts: dict[str, int]) -> list[str]:
        s = self.statuses
        why = ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common(5))
        return [
            f"documents read: {self.read}; new: {s['new']}, unchanged: {s['unchanged']}, "
            f"updated: {s['updated']}, failed to store: {s['failed']}",
            f"inputs skipped: {sum(self.skipped.values())}" + (f" ({why})" if why else ""),
            f"events stored: {self.events}; database now holds {counts['events']} events in "
            f"{counts['incidents']} incidents ({counts['candidate_links']} candidate links to review)",
        ]

    @property
    def did_something(self) -> bool:
        """At least one document was stored or found stored already."""
        return sum(self.statuses[k] for k in ("new", "unchanged", "updated")) > 0


def short_reason(error: InputError) -> str:
    """A reason to count skipped inputs by: 'unreadable: too large', 'skipped: not English'."""
    kind = "skipped" if isinstance(error, SkippedInput) else "unreadable"
    return f"{kind}: {error.reason.split(':')[0].split('(')[0].strip()[:40]}"


def ingest(store: Store, items: Iterable[Document | InputError], say: Callable[[str], None],
           extract: Extractor | None = None, summary: RunSummary | None = None) -> RunSummary:
    """Store every readable document of `items` with its events; returns the counts.

    Pass your own `summary` to keep the counts even when the run is interrupted.
    """
    summary = summary if summary is not None else RunSummary()
    fresh = _fresh_documents(items, store, summary, say)
    for doc, events in _extract(fresh, extract):
        try:
            status = store.add_document(doc, events)
        except StoreError as exc:
            summary.statuses["failed"] += 1
            say(f"eventsift: error: {exc}")
            continue
        summary.statuses[status] += 1
        if status != "unchanged":
            summary.events += len(events)
    return summary


def _fresh_documents(items: Iterable[Document | InputError], store: Store, summary: RunSummary,
                     say: Callable[[str], None]) -> Iterator[Document]:
    for item in items:
        if isinstance(item, InputError):
            summary.skipped[short_reason(item)] += 1
            say(f"eventsift: {'skipped' if isinstance(item, SkippedInput) else 'error'}: {item}")
            continue
        summary.read += 1
        if store.has_document(item):
            summary.statuses["unchanged"] += 1
            continue
        yield item


def _extract(docs: Iterator[Document], extract: Extractor | None) -> Iterator[tuple[Document, list[Any]]]:
    """Events of each document; the default pipeline loads only if a document needs it."""
    first = next(docs, None)
    if first is None:
        return

    def again() -> Iterator[Document]:
        yield first
        yield from docs

    if extract is None:
        from eventsift.pipeline import Pipeline

        extract = Pipeline().extract_many
    yield from extract(again())
