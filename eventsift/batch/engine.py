"""Where partitions run: in this process (`local`) or on Dask (`dask`).

With no scheduler address, `dask` starts a LocalCluster of N worker
processes (one thread each: spaCy's parse holds the GIL) and stops it at
the end. With an address, the partitions go to that cluster; its workers
need eventsift installed and the output folder (and the inputs) at the
same paths, e.g. on a shared file system.
"""
from __future__ import annotations

import os
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eventsift.batch.plan import Partition
from eventsift.batch.report import PartitionReport
from eventsift.batch.worker import WorkSettings, process_partition

Progress = Callable[[PartitionReport], None]


@dataclass(frozen=True)
class EngineSettings:
    engine: str = "dask"  # local | dask
    scheduler: str | None = None  # a Dask scheduler address; None: a LocalCluster
    workers: int | None = None  # LocalCluster worker processes; None: one per core


def _failed(partition: Partition, exc: BaseException) -> PartitionReport:
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return PartitionReport(partition=partition.name, records=partition.records, failed=last[:300])


def run_local(partitions: Sequence[Partition], work: WorkSettings, progress: Progress) -> list[PartitionReport]:
    reports = []
    for partition in partitions:
        try:
            report = process_partition(partition, work)
        except Exception as exc:  # one broken partition must not lose the others' work
            report = _failed(partition, exc)
        progress(report)
        reports.append(report)
    return reports


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_dask(partitions: Sequence[Partition], work: WorkSettings, engine: EngineSettings,
             progress: Progress, timings: dict[str, float]) -> list[PartitionReport]:
    """Run partitions on a Dask cluster; `timings` gets cluster_start_s."""
    from distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventsift-dask-") as scratch:
        cluster = None
        if engine.scheduler:
            client = Client(engine.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=engine.workers or default_workers(), threads_per_worker=1, processes=True,
                dashboard_address="127.0.0.1:0", local_directory=scratch, silence_logs=40,
            )
            client = Client(cluster)
        try:
            timings["cluster_start_s"] = time.perf_counter() - started
            return _gather(client, partitions, work, progress, as_completed)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _gather(client: object, partitions: Sequence[Partition], work: WorkSettings,
            progress: Progress, as_completed: Callable) -> list[PartitionReport]:
    run = uuid.uuid4().hex[:12]
    futures = {
        client.submit(process_partition, p, work, key=f"eventsift-{p.name}-{run}"): p  # type: ignore[attr-defined]
        for p in partitions
    }
    reports: dict[str, PartitionReport] = {}
    for future in as_completed(futures):
        partition = futures[future]
        try:
            report = future.result()
        except Exception as exc:
            report = _failed(partition, exc)
        reports[partition.name] = report
        progress(report)
        future.release()
    return [reports[p.name] for p in partitions]
