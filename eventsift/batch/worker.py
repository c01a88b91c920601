"""One partition's work, as a Dask task or in-process: read -> Pipeline -> Parquet.

Each process builds its Pipeline (spaCy, lexicons, gazetteer) once, on its
first partition, and keeps it. A partition's files are written under
temporary names and renamed; its report is written last, so a partition
is complete exactly when its report exists, and a rerun skips it.
"""
from __future__ import annotations

import os
import resource
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from eventsift.batch.plan import Partition, write_json_atomic
from eventsift.batch.report import InputProblem, PartitionReport
from eventsift.batch.slices import read_slice
from eventsift.batch.tables import DOCUMENT_SCHEMA, EVENT_SCHEMA, document_row, event_row, write_table
from eventsift.errors import InputError, SkippedInput
from eventsift.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from eventsift.records import Document, Event

if TYPE_CHECKING:
    from eventsift.pipeline import Pipeline

PipelineFactory = Callable[[], "Pipeline"]
Extracted = tuple[Document, list[Event]]


def default_pipeline() -> Pipeline:
    """The pipeline of `eventsift run`: spaCy, the lexicons and the default gazetteer."""
    from eventsift.pipeline import Pipeline

    return Pipeline()


@dataclass(frozen=True)
class WorkSettings:
    """What every partition needs to know (picklable: sent to each Dask task)."""

    out_dir: str
    published: date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    pipeline_factory: PipelineFactory | None = None  # None: default_pipeline
    chunk: int = 64  # documents per extraction call; a failing chunk is redone one by one
    max_chars: int = DEFAULT_MAX_CHARS


_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(factory: PipelineFactory | None) -> tuple[Pipeline, float]:
    """This process's pipeline for the factory (built on first use), and the seconds building took."""
    factory = factory or default_pipeline
    key = f"{getattr(factory, '__module__', '')}:{getattr(factory, '__qualname__', repr(factory))}"
    if key in _PIPELINES:
        return _PIPELINES[key], 0.0
    start = time.perf_counter()
    _PIPELINES[key] = factory()
    return _PIPELINES[key], time.perf_counter() - start


@dataclass(frozen=True)
class PartitionFiles:
    events: Path
    documents: Path
    report: Path

    @classmethod
    def of(cls, out_dir: str | Path, partition: Partition) -> PartitionFiles:
        out = Path(out_dir)
        return cls(
            events=out / "events" / f"{partition.name}.parquet",
            documents=out / "documents" / f"{partition.name}.parquet",
            report=out / "reports" / f"{partition.name}.json",
        )

    def complete(self) -> bool:
        return self.report.is_file() and self.events.is_file() and self.documents.is_file()


def read_partition(partition: Partition, settings: WorkSettings) -> tuple[list[Document], list[InputProblem]]:
    docs: list[Document] = []
    problems: list[InputProblem] = []
    for part in partition.slices:
        for item in read_slice(part, settings.published, settings.max_bytes, settings.max_chars):
            if isinstance(item, InputError):
                kind = "skipped" if isinstance(item, SkippedInput) else "error"
                problems.append(InputProblem(item.source, item.reason, kind))
            else:
                docs.append(item)
    return docs, problems


def _chunks(docs: Sequence[Document], size: int) -> Iterator[Sequence[Document]]:
    for start in range(0, len(docs), size):
        yield docs[start:start + size]


def extract_all(pipeline: Pipeline, docs: Sequence[Document], chunk: int,
                problems: list[InputProblem]) -> list[Extracted]:
    """Events of every document; a document the pipeline fails on becomes a problem, not a crash."""
    out: list[Extracted] = []
    for batch in _chunks(docs, chunk):
        try:
            out.extend(list(pipeline.extract_many(batch)))
        except Exception:  # find the culprit: redo this chunk one document at a time
            for doc in batch:
                try:
                    out.append((doc, pipeline.extract(doc)))
                except Exception as exc:
                    reason = f"extraction failed ({type(exc).__name__}: {str(exc)[:120]})"
                    problems.append(InputProblem(doc.source or doc.doc_id, reason))
    return out


def write_partition(partition: Partition, extracted: Sequence[Extracted], files: PartitionFiles) -> None:
    from eventsift.extract.relevance import is_relevant

    events = [event_row(e, doc, partition.name) for doc, found in extracted for e in found]
    documents = [
        document_row(doc, partition.name, is_relevant((doc.title or "") + "\n" + doc.text), len(found))
        for doc, found in extracted
    ]
    write_table(events, EVENT_SCHEMA, files.events)
    write_table(documents, DOCUMENT_SCHEMA, files.documents)


def process_partition(partition: Partition, settings: WorkSettings) -> PartitionReport:
    """Run one partition (or return its report when an earlier run completed it)."""
    files = PartitionFiles.of(settings.out_dir, partition)
    if files.complete():
        return PartitionReport.load(files.report)
    started = time.perf_counter()
    pipeline, setup_s = pipeline_for(settings.pipeline_factory)
    docs, problems = read_partition(partition, settings)
    read_done = time.perf_counter()
    parsed_before = pipeline.stats.parsed
    extracted = extract_all(pipeline, docs, settings.chunk, problems)
    extract_done = time.perf_counter()
    write_partition(partition, extracted, files)
    finished = time.perf_counter()
    report = PartitionReport(
        partition=partition.name,
        records=partition.records,
        documents=len(extracted),
        parsed=pipeline.stats.parsed - parsed_before,
        events=sum(len(found) for _, found in extracted),
        words=sum(len(doc.text.split()) for doc, _ in extracted),
        errors=problems,
        timings={
            "setup_s": round(setup_s, 3),
            "read_s": round(read_done - started - setup_s, 3),
            "extract_s": round(extract_done - read_done, 3),
            "write_s": round(finished - extract_done, 3),
            "total_s": round(finished - started, 3),
        },
        worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )
    write_json_atomic(files.report, report.to_json())
    return report
