"""The stages wired together: Document -> events.

    pipeline = Pipeline()                  # loads spaCy and the gazetteer once
    events = pipeline.extract(document)
    for doc, events in pipeline.extract_many(documents): ...

Stages: relevance filter -> spaCy parse -> places and their roles ->
attack mentions -> events (grouping, dates, places, certainty).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc as SpacyDoc

from eventsift import nlp
from eventsift.extract.dateline import find_dateline
from eventsift.extract.dates import ResolvedDate, resolve_date
from eventsift.extract.detect import Mention, PlaceSpan, detect_mentions
from eventsift.extract.events import EventBuilder
from eventsift.extract.lexicon import Lexicon, load_lexicon
from eventsift.extract.places import place_spans
from eventsift.extract.relevance import is_relevant
from eventsift.geo_link import PlaceService, open_place_service
from eventsift.records import Document, Event


@dataclass
class PipelineStats:
    documents: int = 0
    parsed: int = 0  # went through spaCy (passed the relevance filter)
    events: int = 0
    words: int = 0
    by_doc: dict[str, int] = field(default_factory=dict)


class Pipeline:
    """Loads the language model, lexicons and gazetteer once; extracts events."""

    def __init__(self, places: PlaceService | None = None, lexicon: Lexicon | None = None,
                 batch_size: int = 16) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.places = places or open_place_service()
        self.batch_size = batch_size
        self.stats = PipelineStats()

    def extract(self, doc: Document) -> list[Event]:
        return next(self.extract_many([doc]))[1]

    def extract_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Events of each document, in input order; irrelevant documents skip the parse."""
        pending: list[Document] = []
        for doc in docs:
            self.stats.documents += 1
            self.stats.words += len(doc.text.split())
            pending.append(doc)
            if len(pending) >= self.batch_size:
                yield from self._run_batch(pending)
                pending = []
        if pending:
            yield from self._run_batch(pending)

    def _run_batch(self, docs: list[Document]) -> Iterator[tuple[Document, list[Event]]]:
        relevant = [d for d in docs if is_relevant((d.title or "") + "\n" + d.text)]
        parsed = dict(zip((id(d) for d in relevant), nlp.parse_many((d.text for d in relevant), self.batch_size)))
        self.stats.parsed += len(relevant)
        for doc in docs:
            parse = parsed.get(id(doc))
            events = [] if parse is None else self.events_from_parse(doc, parse)
            self.stats.events += len(events)
            yield doc, events

    def events_from_parse(self, doc: Document, parse: SpacyDoc) -> list[Event]:
        reading = self.read_sentences(doc, parse)
        if not reading.mentions:
            return []
        self.places.start_document(doc, parse, reading.places)
        builder = EventBuilder(doc, self.places.resolve, self.lexicon, self.sentence_dates(doc, reading.texts),
                               reading.places, reading.texts)
        for mention in reading.mentions:
            builder.add(mention)
        return builder.events()

    def sentence_dates(self, doc: Document, texts: dict[int, str]) -> dict[int, ResolvedDate]:
        """The day each sentence names, if any (periods such as "since October" excluded)."""
        found: dict[int, ResolvedDate] = {}
        for index, text in texts.items():
            if self.lexicon.aggregate_phrases.search(text):
                continue
            day = resolve_date(text, doc.published)
            if day is not None:
                found[index] = day
        return found

    def read_sentences(self, doc: Document, parse: SpacyDoc) -> SentenceReading:
        """One pass over the parse's sentences: their texts, their places and the attack mentions."""
        reading = SentenceReading()
        for index, sent in enumerate(parse.sents):
            text = reading.texts[index] = sent.text  # Span.text joins the tokens on each access
            if len(text.strip()) < 15 and not find_dateline(text):
                continue  # a dateline alone ("KABUL --") still says where the report was filed
            spans = reading.places[index] = place_spans(sent, self.places, self.lexicon)
            reading.mentions.extend(detect_mentions(sent, index, spans, doc.published, self.lexicon))
        return reading


@dataclass
class SentenceReading:
    """What one pass over a document's sentences found, by sentence index."""

    mentions: list[Mention] = field(default_factory=list)
    places: dict[int, list[PlaceSpan]] = field(default_factory=dict)  # every sentence's places, attack or not
    texts: dict[int, str] = field(default_factory=dict)


__all__ = ["Pipeline", "PipelineStats", "SentenceReading"]
