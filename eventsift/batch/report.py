"""What a batch run reports: per partition (reports/part-NNNNN.json) and in all (run_report.json)."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ERROR_ITEMS_KEPT = 200  # the run report lists this many errors; partition reports list all


@dataclass(frozen=True)
class InputProblem:
    """An input the run could not (or chose not to) process, and why."""

    source: str
    reason: str
    kind: str = "error"  # error | skipped (readable but not processed, e.g. not English)


@dataclass
class PartitionReport:
    partition: str
    records: int = 0
    documents: int = 0
    parsed: int = 0  # passed the relevance filter
    events: int = 0
    words: int = 0
    errors: list[InputProblem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # read_s, extract_s, write_s, total_s
    worker: str = ""
    peak_rss_mb: float = 0.0  # the worker process's peak resident memory when the partition ended
    resumed: bool = False  # found complete from an earlier run, not run again
    failed: str | None = None  # the exception that stopped this partition (it will be retried)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("resumed")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], resumed: bool = False) -> PartitionReport:
        errors = [InputProblem(**e) for e in data.get("errors", [])]
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "errors"}
        return cls(**known, errors=errors, resumed=resumed)

    @classmethod
    def load(cls, path: Path) -> PartitionReport:
        return cls.from_json(json.loads(path.read_text("utf-8")), resumed=True)


def error_summary(problems: Sequence[InputProblem]) -> dict[str, Any]:
    """Counts by kind and by reason (the reason's text before any parenthesis), and the first items."""
    by_reason = Counter(f"{p.kind}: {p.reason.split(' (')[0]}" for p in problems)
    return {
        "count": len(problems),
        "errors": sum(p.kind == "error" for p in problems),
        "skipped": sum(p.kind == "skipped" for p in problems),
        "by_reason": dict(by_reason.most_common()),
        "items": [asdict(p) for p in problems[:ERROR_ITEMS_KEPT]],
        "items_left_out": max(0, len(problems) - ERROR_ITEMS_KEPT),
    }


def run_report(settings: dict[str, Any], reports: Sequence[PartitionReport], planning: Sequence[InputProblem],
               timings: dict[str, float], incidents: dict[str, int]) -> dict[str, Any]:
    """The run report: totals over every complete partition, this run's speed, errors, incidents."""
    done = [r for r in reports if r.failed is None]
    ran = [r for r in done if not r.resumed]
    problems = list(planning) + [e for r in done for e in r.errors]
    busy = timings.get("partitions_s", 0.0)
    docs_now = sum(r.documents for r in ran)
    words_now = sum(r.words for r in ran)
    return {
        **settings,
        "partitions": {
            "total": len(reports),
            "run": len(ran),
            "resumed": len(done) - len(ran),
            "failed": [{"partition": r.partition, "error": r.failed} for r in reports if r.failed],
        },
        "records": sum(r.records for r in done),
        "documents": sum(r.documents for r in done),
        "parsed": sum(r.parsed for r in done),
        "events": sum(r.events for r in done),
        "words": sum(r.words for r in done),
        "incidents": incidents,
        "errors": error_summary(problems),
        "timings": {
            **{k: round(v, 3) for k, v in timings.items()},
            "documents_per_s": round(docs_now / busy, 2) if busy > 0 else None,
            "words_per_s": round(words_now / busy, 1) if busy > 0 else None,
            "worker_read_s": round(sum(r.timings.get("read_s", 0.0) for r in ran), 3),
            "worker_extract_s": round(sum(r.timings.get("extract_s", 0.0) for r in ran), 3),
            "worker_write_s": round(sum(r.timings.get("write_s", 0.0) for r in ran), 3),
            "worker_peak_rss_mb": max((r.peak_rss_mb for r in ran), default=None),
        },
    }
