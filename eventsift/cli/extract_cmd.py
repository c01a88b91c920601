"""`eventsift extract`: print the events of reports, without storing them."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date

import click

from eventsift.errors import InputError, SkippedInput
from eventsift.ingest import DEFAULT_MAX_BYTES, read_inputs

CSV_COLUMNS = ("doc", "event_id", "date", "date_precision", "event_type", "sub_event_type", "weapons",
               "location", "latitude", "longitude", "country", "admin1", "geo_precision",
               "launch_locations", "actor", "target", "fatalities", "injuries", "certainty",
               "attribution", "evidence")


def parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one event record per line (the contract of docs/format.md).")
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none of their own.")
@click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
              help="Inputs larger than this are refused with an error line.")
def extract(paths: tuple[str, ...], fmt: str, published: date | None, max_bytes: int) -> None:
    """Print the events stated in PATHS (files or folders of .txt, .html,
    .jsonl[.gz], .warc[.gz]). Nothing is stored.

    Bad inputs get one line on stderr naming them; the others go on. The
    exit code is 1 only when no input could be read at all.
    """
    from eventsift.pipeline import Pipeline

    pipeline = Pipeline()
    readable = failed = 0
    records: list[dict] = []

    def documents():
        nonlocal failed
        for item in read_inputs(paths, published=published, max_bytes=max_bytes):
            if isinstance(item, InputError):
                failed += not isinstance(item, SkippedInput)
                click.echo(f"eventsift: {'skipped' if isinstance(item, SkippedInput) else 'error'}: {item}", err=True)
                continue
            yield item

    writer = csv.DictWriter(sys.stdout, CSV_COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for _doc, events in pipeline.extract_many(documents()):
        readable += 1
        for event in events:
            record = event.to_contract()
            if fmt == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            elif writer:
                writer.writerow(csv_row(record))
            else:
                records.append(record)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if readable == 0 and failed:
        sys.exit(1)


def csv_row(record: dict) -> dict:
    location = record.get("location") or {}
    return {
        **{k: record.get(k) for k in CSV_COLUMNS if k in record},
        "weapons": ";".join(record["weapons"]),
        "location": location.get("name"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "country": location.get("country"),
        "admin1": location.get("admin1"),
        "geo_precision": location.get("precision"),
        "launch_locations": ";".join(p["name"] for p in record["launch_locations"]),
        "attribution": ";".join(record["attribution"]),
        "evidence": " | ".join(record["evidence"]),
    }
