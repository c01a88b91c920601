"""Batch mode: the pipeline's stages over many inputs, in partitions, on Dask.

    report = run_batch(["crawl.warc.gz", "feeds/"], "out/", engine="dask", workers=2)

1. plan: the inputs are cut into partitions of about `partition_size`
   records (plan.py); the plan is saved as out/manifest.json;
2. run: each partition is read and extracted (read -> relevance filter ->
   spaCy -> events, as `eventsift run`) in its own task (worker.py), on a
   Dask cluster or in-process (engine.py), and written as
   out/events/part-NNNNN.parquet, out/documents/part-NNNNN.parquet and
   out/reports/part-NNNNN.json (tables.py, report.py);
3. merge: the events of all partitions are merged into incidents with the
   rules of eventsift.incidents (merge.py): out/incidents/*.parquet;
4. report: out/run_report.json.

A rerun with the same inputs and partition size skips the partitions
that are complete. docs/batch.md documents the output.
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from eventsift.batch.engine import EngineSettings, default_workers, run_dask, run_local
from eventsift.batch.merge import merge_run
from eventsift.batch.plan import BatchError, Plan, load_or_make_plan, write_json_atomic
from eventsift.batch.report import InputProblem, PartitionReport, run_report
from eventsift.batch.worker import PartitionFiles, PipelineFactory, WorkSettings, default_pipeline
from eventsift.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS

ENGINES = ("local", "dask")
RUN_REPORT = "run_report.json"


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    engine: str = "dask",
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int = 500,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    fresh: bool = False,
    pipeline_factory: PipelineFactory | None = None,
    progress: Callable[[PartitionReport], None] | None = None,
    on_plan: Callable[[Plan, bool], None] | None = None,
) -> dict[str, Any]:
    """Run the pipeline over `inputs` into `out_dir`; returns the run report (also written)."""
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    out = Path(out_dir)
    if fresh and out.exists():
        _clear(out)
    started = time.perf_counter()
    plan, resumed = load_or_make_plan(out, inputs, partition_size)
    timings: dict[str, float] = {"plan_s": time.perf_counter() - started}
    if on_plan:
        on_plan(plan, resumed)
    work = WorkSettings(str(out), published, max_bytes, pipeline_factory, max_chars=max_chars)
    reports = _run_partitions(plan, work, EngineSettings(engine, scheduler, workers), progress, timings)
    merge_started = time.perf_counter()
    complete = [PartitionFiles.of(out, p) for p in plan.partitions]
    incidents = merge_run(out, [f.events for f in complete if f.complete()])
    timings["merge_s"] = time.perf_counter() - merge_started
    timings["total_s"] = time.perf_counter() - started
    settings = {
        "inputs": list(plan.inputs), "out": str(out), "engine": engine, "scheduler": scheduler,
        "workers": (workers or default_workers()) if engine == "dask" and not scheduler else workers,
        "partition_size": partition_size, "resumed": resumed,
    }
    planning = [InputProblem(e.source, e.reason) for e in plan.errors]
    report = run_report(settings, reports, planning, timings, incidents)
    write_json_atomic(out / RUN_REPORT, report)
    return report


def _run_partitions(plan: Plan, work: WorkSettings, engine: EngineSettings,
                    progress: Callable[[PartitionReport], None] | None,
                    timings: dict[str, float]) -> list[PartitionReport]:
    """Reports of every partition: the complete ones loaded, the others run now."""
    notify = progress or (lambda _report: None)
    done = {}
    for partition in plan.partitions:
        files = PartitionFiles.of(work.out_dir, partition)
        if files.complete():
            done[partition.name] = PartitionReport.load(files.report)
            notify(done[partition.name])
    pending = [p for p in plan.partitions if p.name not in done]
    started = time.perf_counter()
    if not pending:
        ran: list[PartitionReport] = []
    elif engine.engine == "local":
        ran = run_local(pending, work, notify)
    else:
        ran = run_dask(pending, work, engine, notify, timings)
    timings["partitions_s"] = time.perf_counter() - started
    by_name = {**done, **{r.partition: r for r in ran}}
    return [by_name[p.name] for p in plan.partitions]


def _clear(out: Path) -> None:
    """Remove what a batch run writes (and nothing else) from an output folder."""
    for name in ("events", "documents", "reports", "incidents"):
        shutil.rmtree(out / name, ignore_errors=True)
    for name in ("manifest.json", RUN_REPORT):
        (out / name).unlink(missing_ok=True)


__all__ = ["BatchError", "ENGINES", "run_batch", "default_pipeline", "PartitionReport"]
