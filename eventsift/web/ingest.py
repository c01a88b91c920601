"""POST /api/documents: reports in, events extracted, stored and merged.

Each posted document goes the way of `eventsift run`: read (HTML through
trafilatura, text through the cleaner), extracted by the pipeline, stored
with `Store.add_document` (one transaction, idempotent). The pipeline
(spaCy, gazetteer) is loaded on the first ingest and kept; one ingest runs
at a time. A document that cannot be read is reported as skipped with the
reason; the others go on.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from eventsift.errors import InputError, StoreError
from eventsift.ingest import document_from_html, document_from_text
from eventsift.records import Document, Event
from eventsift.store import Store
from eventsift.web.schemas import DocumentIn

Extractor = Callable[[Document], list[Event]]
SOURCE = "POST /api/documents"


class Ingestor:
    """Holds the pipeline and the writing Store between requests."""

    def __init__(self, db_path: Any, extractor: Extractor | None = None) -> None:
        self.db_path = db_path
        self._extractor = extractor
        self._store: Store | None = None
        self._lock = threading.Lock()

    def extractor(self) -> Extractor:
        if self._extractor is None:
            from eventsift.pipeline import Pipeline

            self._extractor = Pipeline().extract
        return self._extractor

    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def ingest(self, documents: list[DocumentIn]) -> dict[str, Any]:
        with self._lock:
            results = [self._ingest_one(item) for item in documents]
        return {"documents": results, "events": sum(r["events"] for r in results)}

    def _ingest_one(self, item: DocumentIn) -> dict[str, Any]:
        try:
            doc = read_document(item)
        except InputError as error:
            return {"doc_id": item.doc_id, "events": 0, "status": "skipped", "reason": error.reason}
        events = self.extractor()(doc)
        try:
            status = self.store().add_document(doc, events)
        except StoreError as error:
            return {"doc_id": item.doc_id, "events": 0, "status": "failed", "reason": str(error)}
        stored = 0 if status == "unchanged" else len(events)
        return {"doc_id": item.doc_id, "events": stored, "status": status, "reason": None}


def read_document(item: DocumentIn) -> Document:
    """A posted document read like a file: HTML via trafilatura, text via the cleaner."""
    source = f"{SOURCE} {item.doc_id}"
    if item.html is not None:
        return document_from_html(item.html, item.doc_id, source, published=item.published,
                                  url=item.url)
    return document_from_text(item.text or "", item.doc_id, source, published=item.published,
                              url=item.url, title=item.title)


def ingest_documents(state: Any, documents: list[DocumentIn]) -> dict[str, Any]:
    """The body of POST /api/documents' answer."""
    ingestor: Ingestor = state.ingestor
    return ingestor.ingest(documents)
