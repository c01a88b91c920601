"""The read-extract-store loop of `eventsift run`, with a stand-in extractor."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventsift.errors import InputError, SkippedInput
from eventsift.records import Document, Event
from eventsift.store import Store
from eventsift.store.ingest_run import RunSummary, ingest

from store_factories import make_doc, make_event


class CountingExtractor:
    """Gives each document one event and remembers which documents it saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            self.seen.append(doc.doc_id)
            yield doc, [make_event(doc.doc_id)]


def test_unchanged_documents_skip_extraction(store: Store) -> None:
    items = [make_doc("a.txt"), InputError("b.bin", "binary file"), make_doc("c.txt"),
             SkippedInput("d.txt", "not English (detected 'de'); skipped")]
    said: list[str] = []
    first = CountingExtractor()
    summary = ingest(store, items, said.append, extract=first)
    assert first.seen == ["a.txt", "c.txt"]
    assert (summary.read, summary.statuses["new"], summary.events) == (2, 2, 2)
    assert dict(summary.skipped) == {"unreadable: binary file": 1, "skipped: not English": 1}
    assert said == ["eventsift: error: b.bin: binary file",
                    "eventsift: skipped: d.txt: not English (detected 'de'); skipped"]
    again = CountingExtractor()
    summary = ingest(store, items, said.append, extract=again)
    assert again.seen == [] and summary.statuses["unchanged"] == 2 and summary.did_something


def test_a_document_that_cannot_be_stored_is_reported_and_the_run_goes_on(store: Store) -> None:
    def twice(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            event = make_event(doc.doc_id)
            yield doc, [event, event] if doc.doc_id == "bad.txt" else [event]

    said: list[str] = []
    summary = ingest(store, [make_doc("bad.txt"), make_doc("good.txt")], said.append, extract=twice)
    assert summary.statuses["failed"] == 1 and summary.statuses["new"] == 1
    assert said and "share the id" in said[0]
    assert store.counts()["documents"] == 1


def test_nothing_readable_is_nothing_done(store: Store) -> None:
    summary = ingest(store, [InputError("x", "empty")], lambda _line: None, extract=CountingExtractor())
    assert not summary.did_something
    lines = summary.lines(store.counts())
    assert lines[0].startswith("documents read: 0") and "unreadable: empty" in lines[1]
    assert isinstance(RunSummary().statuses["new"], int)
