"""`eventsift batch`: many inputs, in partitions, on Dask; Parquet and a run report out."""
from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from eventsift.cli.exit_codes import EXIT_CODES_HELP, InputsCommand, exit_code
from eventsift.cli.extract_cmd import max_bytes_option, max_chars_option, parse_day
from eventsift.errors import EventsiftError

if TYPE_CHECKING:
    from eventsift.batch.plan import Plan
    from eventsift.batch.report import PartitionReport


@click.command(cls=InputsCommand, epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder: events/, documents/, reports/, incidents/, run_report.json.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="dask", show_default=True,
              help="dask: partitions run in parallel on a Dask cluster; local: one after another here.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (e.g. tcp://10.0.0.5:8786); default: a LocalCluster.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes of the LocalCluster  [default: one per core]")
@click.option("--partition-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Records (JSONL lines, WARC records, files) per partition.")
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none of their own.")
@max_bytes_option
@max_chars_option
@click.option("--fresh", is_flag=True, help="Start over: remove a previous run's output from --out first.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def batch(inputs: tuple[str, ...], out_dir: str, engine: str, scheduler: str | None, workers: int | None,
          partition_size: int, published: date | None, max_bytes: int, max_chars: int, fresh: bool,
          quiet: bool) -> None:
    """Extract the events of INPUTS (JSONL, JSONL.gz, WARC files, folders) in
    parallel partitions, write them as Parquet, and merge them into incidents.

    Rerun the same command to resume: finished partitions are skipped.
    Inputs that are not processed are listed in run_report.json with their
    reasons and counted by reason on stderr; a failed partition gets one
    stderr line.
    """
    from tqdm import tqdm

    from eventsift.batch import run_batch

    bar: tqdm | None = None

    def on_plan(plan: Plan, resumed: bool) -> None:
        nonlocal bar
        records = sum(p.records for p in plan.partitions)
        verb = "resuming" if resumed else "planned"
        click.echo(f"eventsift batch: {verb} {len(plan.partitions)} partitions, {records:,} records", err=True)
        bar = tqdm(total=len(plan.partitions), unit="part", file=sys.stderr, disable=quiet, dynamic_ncols=True)

    def progress(report: PartitionReport) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix(docs=report.documents, events=report.events, refresh=False)

    if scheduler and engine == "local":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        report = run_batch(inputs, out_dir, engine=engine, scheduler=scheduler, workers=workers,
                           partition_size=partition_size, published=published, max_bytes=max_bytes,
                           max_chars=max_chars, fresh=fresh, progress=progress, on_plan=on_plan)
    except EventsiftError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if bar is not None:
            bar.close()
    _summary(report)
    bad = report["errors"]["count"] + len(report["partitions"]["failed"])
    sys.exit(exit_code(report["documents"], bad))


def _summary(report: dict[str, Any]) -> None:
    parts, errors, times = report["partitions"], report["errors"], report["timings"]
    speed = f", {times['documents_per_s']} docs/s" if times.get("documents_per_s") else ""
    click.echo(
        f"eventsift batch: {report['documents']:,} documents, {report['parsed']:,} parsed, "
        f"{report['events']:,} events, {report['incidents']['incidents']:,} incidents; "
        f"{parts['run']} partitions run, {parts['resumed']} resumed, {len(parts['failed'])} failed{speed}",
        err=True,
    )
    for reason, count in list(errors["by_reason"].items())[:10]:
        click.echo(f"eventsift batch: {count} × {reason}", err=True)
    for failed in parts["failed"]:
        click.echo(f"eventsift batch: partition {failed['partition']} failed: {failed['error']}", err=True)
    click.echo(f"eventsift batch: report in {report['out']}/run_report.json", err=True)
