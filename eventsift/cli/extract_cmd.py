"""`eventsift extract`: print the events of reports, without storing them."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date

import click

from eventsift.cli.exit_codes import EXIT_CODES_HELP, InputsCommand, exit_code
from eventsift.errors import InputError, SkippedInput
from eventsift.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, read_inputs

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


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Inputs (a file, JSONL line or WARC record) larger than this many bytes are refused, "
         "each with an error line.")
max_chars_option = click.option(
    "--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
    help="Documents whose cleaned text is longer than this many characters are refused, each with "
         "an error line (this bounds the time one document takes: see docs/reliability.md).")


def say_bad_input(item: InputError) -> None:
    """The one stderr line of an input that is not processed."""
    click.echo(f"eventsift: {'skipped' if isinstance(item, SkippedInput) else 'error'}: {item}", err=True)


@click.command(cls=InputsCommand, epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one event record per line (the contract of docs/format.md).")
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none of their own.")
@max_bytes_option
@max_chars_option
def extract(paths: tuple[str, ...], fmt: str, published: date | None, max_bytes: int, max_chars: int) -> None:
    """Print the events stated in PATHS (files or folders of .txt, .html,
    .jsonl[.gz], .warc[.gz]). Nothing is stored.

    Each input that is not processed gets one line on stderr naming it and
    the reason ('eventsift: error: NAME: REASON', or 'eventsift: skipped:
    ...' for a readable report deliberately left out, e.g. not English);
    the others go on.
    """
    from eventsift.pipeline import Pipeline

    pipeline = Pipeline()
    readable = bad = 0
    records: list[dict] = []

    def documents():
        nonlocal bad
        for item in read_inputs(paths, published=published, max_bytes=max_bytes, max_chars=max_chars):
            if isinstance(item, InputError):
                bad += 1
                say_bad_input(item)
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
    sys.exit(exit_code(readable, bad))


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
