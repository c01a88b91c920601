"""Commands over the database: run, events, incidents, incident show, merge, split, correct, export.

Each opens the SQLite file given by --db (default ./eventsift.db, or the
EVENTSIFT_DB environment variable) and calls `eventsift.store` /
`eventsift.export`; nothing here decides anything about the data.
"""
from __future__ import annotations

import csv
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import click

from eventsift.cli.exit_codes import EXIT_CODES_HELP, InputsCommand, exit_code
from eventsift.cli.extract_cmd import max_bytes_option, max_chars_option, parse_day
from eventsift.errors import EventsiftError, StoreError
from eventsift.records import CERTAINTIES, EVENT_TYPES, WEAPONS

DEFAULT_DB = "eventsift.db"

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="EVENTSIFT_DB", type=click.Path(dir_okay=False),
    help="The SQLite database file (environment: EVENTSIFT_DB).",
)
by_option = click.option("--by", default=None, help="Who does this (default: the login name).")


def _store(db: str, readonly: bool = False) -> Any:
    from eventsift.store import Store

    try:
        return Store(db, readonly=readonly)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


# --- run -----------------------------------------------------------------------------


@click.command(cls=InputsCommand, epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--published", callback=parse_day, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none of their own.")
@max_bytes_option
@max_chars_option
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
def run(paths: tuple[str, ...], db: str, published: date | None, max_bytes: int, max_chars: int,
        progress: bool) -> None:
    """Read PATHS (files or folders of .txt, .html, .jsonl[.gz], .warc[.gz]),
    extract their events, store them in the database and merge them into
    incidents.

    Documents already stored with the same content are skipped before any
    language processing (they count as processed); a changed page (same URL
    or doc id) replaces its old version. Each input that is not processed,
    and each document that cannot be stored, gets one line on stderr naming
    it and the reason; the others go on, and a summary closes the run. A
    database that cannot be opened stops the run (exit 1).
    """
    from tqdm import tqdm

    from eventsift.ingest import read_inputs
    from eventsift.store.ingest_run import RunSummary, ingest

    store = _store(db)
    summary = RunSummary()
    documents = read_inputs(paths, published=published, max_bytes=max_bytes, max_chars=max_chars)
    items = tqdm(documents, desc="documents", unit="doc", file=sys.stderr, disable=not progress,
                 dynamic_ncols=True)
    try:
        ingest(store, items, say=lambda line: items.write(line, file=sys.stderr), summary=summary)
    finally:
        items.close()
        for line in summary.lines(store.counts()):
            click.echo(line, err=True)
        store.close()
    processed = sum(summary.statuses[k] for k in ("new", "unchanged", "updated"))
    sys.exit(exit_code(processed, sum(summary.skipped.values()) + summary.statuses["failed"]))


# --- listing -------------------------------------------------------------------------


def filter_options(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The filter, sort and page options shared by events, incidents and export."""
    sorts = ["date", "fatalities", "country", "id"] + (
        ["event_type"] if kind == "events" else ["n_sources", "n_events", "confidence"]
    )
    options = [
        click.option("--from", "date_from", callback=_iso, metavar="YYYY-MM-DD", help="First day (inclusive)."),
        click.option("--to", "date_to", callback=_iso, metavar="YYYY-MM-DD", help="Last day (inclusive)."),
        click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. SY."),
        click.option("--admin1", help="First-level region (province, governorate), as stored."),
        click.option("--event-type", type=click.Choice(EVENT_TYPES), help="ACLED event type."),
        click.option("--sub-event-type", help="ACLED sub-event type."),
        click.option("--weapon", type=click.Choice(WEAPONS), help="Events using this weapon."),
        click.option("--actor", help="Part of the actor's name (any case)."),
        click.option("--target", help="Part of the target's name (any case)."),
        click.option("--certainty", type=click.Choice(CERTAINTIES)),
        click.option("--text", help="Words that must all occur in an evidence sentence (word* for a prefix)."),
        click.option("--sort", type=click.Choice(sorts), default="date", show_default=True),
        click.option("--asc", is_flag=True, help="Ascending order (default: descending)."),
        click.option("--limit", type=click.IntRange(1), default=50, show_default=True),
        click.option("--offset", type=click.IntRange(0), default=0, show_default=True),
    ]
    if kind == "incidents":
        options.append(click.option("--min-sources", type=click.IntRange(1), help="At least this many outlets."))
    else:
        options.append(click.option("--incident", type=int, help="Only the events of this incident."))

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _iso(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    day = parse_day(ctx, param, value)
    return day.isoformat() if day else None


def _query(options: dict[str, Any]) -> Any:
    from eventsift.store import Query

    asc = options.pop("asc", False)
    known = {k: v for k, v in options.items() if k in Query.__dataclass_fields__ and v is not None}
    return Query(descending=not asc, **known)


def _event_row(stored: Any) -> dict[str, Any]:
    e = stored.event
    return {
        "id": stored.id, "incident": stored.incident, "date": e.date or "?",
        "type": e.sub_event_type or e.event_type,
        "place": (e.location.name if e.location else "") or "", "country": (e.location.country if e.location else "") or "",
        "weapons": ",".join(e.weapons), "fatalities": "" if e.fatalities is None else e.fatalities,
        "certainty": e.certainty, "source": stored.outlet or stored.source_domain,
    }


def _incident_row(incident: Any) -> dict[str, Any]:
    place = incident.location
    return {
        "id": incident.id, "date": incident.date or "?", "type": incident.sub_event_type or incident.event_type,
        "place": (place.name if place else "") or "", "country": (place.country if place else "") or "",
        "weapons": ",".join(incident.weapons), "fatalities": "" if incident.fatalities is None else incident.fatalities,
        "sources": incident.n_sources, "events": incident.n_events, "confidence": incident.confidence,
    }


def _print_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    widths = {k: min(32, max(len(k), *(len(str(r[k])) for r in rows))) for k in rows[0]}
    click.echo("  ".join(k.ljust(widths[k]) for k in widths))
    for row in rows:
        click.echo("  ".join(str(row[k])[: widths[k]].ljust(widths[k]) for k in widths))


def _print(fmt: str, table: list[dict[str, Any]], records: list[dict[str, Any]], total: int, offset: int) -> None:
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, list(table[0]) if table else ["id"])
        writer.writeheader()
        writer.writerows(table)
    else:
        _print_table(table)
        shown = f"{offset + 1}-{offset + len(table)}" if table else "none"
        click.echo(f"showing {shown} of {total}", err=True)


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="json: full records; csv/table: one line each.")


@click.command()
@db_option
@filter_options("events")
@format_option
def events(db: str, fmt: str, **options: Any) -> None:
    """List stored events (each with its incident), filtered, sorted and paged."""
    from eventsift.export import event_record

    with _store(db, readonly=True) as store:
        page = _guard(lambda: store.events(_query(options)))
        _print(fmt, [_event_row(e) for e in page.items], [event_record(e) for e in page.items],
               page.total, page.offset)


@click.command()
@db_option
@filter_options("incidents")
@format_option
def incidents(db: str, fmt: str, **options: Any) -> None:
    """List incidents (one attack, all its reports), filtered, sorted and paged."""
    from eventsift.export import incident_record

    with _store(db, readonly=True) as store:
        page = _guard(lambda: store.incidents(_query(options)))
        members = store.incident_events([i.id for i in page.items]) if fmt == "json" else {}
        _print(fmt, [_incident_row(i) for i in page.items],
               [incident_record(i, members.get(i.id, [])) for i in page.items], page.total, page.offset)


def _guard(work: Callable[[], Any]) -> Any:
    try:
        return work()
    except EventsiftError as exc:
        raise click.ClickException(str(exc)) from None


# --- one incident and the analyst's actions ------------------------------------------


@click.group()
def incident() -> None:
    """Look at one incident."""


@incident.command("show")
@click.argument("incident_id", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(incident_id: int, db: str, fmt: str) -> None:
    """Show an incident: headline, sources and their evidence, agreement,
    conflicting values side by side, candidate links and corrections."""
    from eventsift.export import incident_record

    with _store(db, readonly=True) as store:
        detail = store.incident_detail(incident_id)
        if detail is None:
            raise click.ClickException(f"no incident {incident_id}")
        if fmt == "json":
            record = incident_record(detail.incident, list(detail.events))
            record["agreed"] = detail.agreed
            record["conflicts"] = {k: [v.__dict__ for v in vals] for k, vals in detail.conflicts.items()}
            record["candidates"] = [c.__dict__ for c in detail.candidates]
            record["corrections"] = [c.__dict__ for c in detail.corrections]
            click.echo(json.dumps(record, ensure_ascii=False, indent=2, default=str))
            return
        for line in _detail_lines(detail):
            click.echo(line)


def _detail_lines(detail: Any) -> Iterator[str]:
    head = detail.incident
    place = head.location
    yield (f"incident {head.id}: {head.date or 'date unknown'} {head.sub_event_type or head.event_type} at "
           f"{place.name if place else 'unknown place'}{f' ({place.country})' if place and place.country else ''}")
    yield (f"  fatalities {head.fatalities if head.fatalities is not None else '-'}, "
           f"injuries {head.injuries if head.injuries is not None else '-'}, weapons {', '.join(head.weapons) or '-'}, "
           f"actor {head.actor or '-'}, target {head.target or '-'}")
    yield (f"  {head.n_sources} independent source(s), {head.n_events} report(s), certainty {head.certainty}, "
           f"confidence {head.confidence:.2f}" + (f"; corrected: {', '.join(head.corrected)}" if head.corrected else ""))
    yield "reports:"
    for stored in detail.events:
        e = stored.event
        source = stored.outlet or stored.source_domain
        named = source if source == e.doc else f"{source} ({e.doc})"
        yield (f"  [event {stored.id}] {named}: {e.date or 'date unknown'}, "
               f"fatalities {e.fatalities if e.fatalities is not None else '-'}, {e.certainty}")
        for sentence in e.evidence:
            yield f"      \u201c{sentence}\u201d"
    if detail.agreed:
        yield "agreed: " + "; ".join(f"{k}={_plain(v)}" for k, v in detail.agreed.items())
    for name, values in detail.conflicts.items():
        side = "  vs  ".join(f"{_plain(v.value)} ({', '.join(v.sources)})" for v in values)
        yield f"conflict {name}: {side}"
    for link in detail.candidates:
        yield (f"candidate: event {link.event} ~ event {link.other_event} of incident {link.other_incident} "
               f"({link.reason}, score {link.score:.2f})")
    for c in detail.corrections:
        yield f"correction {c.id}: {c.action} {c.field or ''} {c.old_value} -> {c.new_value} by {c.made_by} at {c.made_at}"


def _plain(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, (tuple, list)) else str(value)


@click.command()
@click.argument("first", type=int)
@click.argument("second", type=int)
@db_option
@by_option
def merge(first: int, second: int, db: str, by: str | None) -> None:
    """Merge incident SECOND into FIRST (the older id survives). Stored as a
    correction and applied again after re-ingestion."""
    with _store(db) as store:
        keep = _guard(lambda: store.merge_incidents(first, second, by=_who(by)))
    click.echo(f"merged incidents {first} and {second} into incident {keep}")


@click.command()
@click.argument("event_ref")
@db_option
@by_option
def split(event_ref: str, db: str, by: str | None) -> None:
    """Take event EVENT_REF (its event_id or row id) out of its incident into a
    new one; automatic merging keeps it apart from its former companions."""
    with _store(db) as store:
        new = _guard(lambda: store.split_event(event_ref, by=_who(by)))
    click.echo(f"event {event_ref} is now incident {new}")


@click.command()
@click.option("--event", "target", flag_value="event", help="Correct an event (ID: event_id or row id).")
@click.option("--incident", "target", flag_value="incident", help="Correct an incident (ID: its number).")
@click.argument("ref", metavar="ID")
@click.argument("field_name", metavar="FIELD")
@click.argument("value")
@db_option
@by_option
def correct(target: str | None, ref: str, field_name: str, value: str, db: str, by: str | None) -> None:
    """Set FIELD of an event or incident to VALUE ('null' clears it; weapons
    as a comma list). Kept as a correction (who, when, old, new) that
    survives re-ingestion and recomputation.

    Fields: event_type, sub_event_type, date, date_precision, weapons,
    location_name, lat, lon, country, admin1, geo_precision, actor, target,
    fatalities, injuries, certainty.
    """
    from eventsift.store import parse_value

    if target is None:
        raise click.UsageError("say what to correct: --event or --incident")
    typed = _guard(lambda: parse_value(field_name, value))
    with _store(db) as store:
        if target == "event":
            _guard(lambda: store.correct_event(ref, field_name, typed, by=_who(by)))
        else:
            if not ref.isdigit():
                raise click.BadParameter(f"{ref!r} is not an incident number", param_hint="ID")
            _guard(lambda: store.correct_incident(int(ref), field_name, typed, by=_who(by)))
    click.echo(f"{target} {ref}: {field_name} set to {json.dumps(typed)}")


@click.command("export")
@click.option("--what", type=click.Choice(["events", "incidents"]), default="incidents", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl", "parquet"]), required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@db_option
@filter_options("incidents")
def export_cmd(what: str, fmt: str, out: str, db: str, **options: Any) -> None:
    """Write events or incidents matching the filters (all of them, paging
    options aside) as ACLED-compatible CSV, GeoJSON, JSONL or Parquet."""
    from eventsift.export import export

    options.pop("limit", None)
    options.pop("offset", None)
    with _store(db, readonly=True) as store:
        count = _guard(lambda: export(store, what, fmt, out, _query(options)))  # type: ignore[arg-type]
    click.echo(f"wrote {count} {what} to {out}", err=True)


COMMANDS = (run, events, incidents, incident, merge, split, correct, export_cmd)
