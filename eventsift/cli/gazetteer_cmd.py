"""`eventsift gazetteer`: build, extend and query the place-name index."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from eventsift.errors import GazetteerError
from eventsift.geo import gazetteer as gz

_PATH = click.option(
    "--path", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Gazetteer file (default: $EVENTSIFT_GAZETTEER or ~/.cache/eventsift/gazetteer-<version>.sqlite).",
)


def _fail(exc: GazetteerError) -> None:
    click.echo(f"eventsift gazetteer: {exc}", err=True)
    sys.exit(1)


@click.group("gazetteer")
def gazetteer() -> None:
    """Build, extend and query the gazetteer used to place events."""


@gazetteer.command("build")
@_PATH
def build_cmd(db_path: Path | None) -> None:
    """(Re)build the gazetteer from the bundled sources."""
    started = time.perf_counter()
    try:
        target = gz.build(db_path, progress=lambda msg: click.echo(msg, err=True))
    except GazetteerError as exc:
        _fail(exc)
        return
    meta = gz.Gazetteer(target).meta()
    click.echo(
        f"built {target} in {time.perf_counter() - started:.1f}s: {meta.get('places')} places, "
        f"{meta.get('names')} name keys, {target.stat().st_size / 1e6:.1f} MB"
    )


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--classes", default="APSL", show_default=True,
              help="GeoNames feature classes to import (A admin, P populated, S spots, L areas, H, T, R, U, V).")
@_PATH
def import_cmd(dump: Path, classes: str, db_path: Path | None) -> None:
    """Import a GeoNames dump (allCountries.zip, IQ.zip, IQ.txt; 19-column format)."""
    from tqdm import tqdm

    try:
        with tqdm(unit=" rows", unit_scale=True, desc=dump.name, disable=None) as bar:
            counts = gz.import_geonames(dump, db_path, classes=classes, progress=bar.update)
    except GazetteerError as exc:
        _fail(exc)
        return
    click.echo(
        f"{dump.name}: {counts['rows']} rows, {counts['added']} places added, {counts['updated']} "
        f"already known (names merged), {counts['skipped']} other classes, {counts['bad']} malformed"
    )


@gazetteer.command("add-facilities")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_PATH
def add_facilities_cmd(csv_file: Path, db_path: Path | None) -> None:
    """Add places from a CSV with the columns of eventsift/geo/data/facilities.csv."""
    try:
        count = gz.add_facilities(csv_file, db_path)
    except GazetteerError as exc:
        _fail(exc)
        return
    click.echo(f"{csv_file.name}: {count} places added")


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", default=None, help="Country prior (ISO 3166-1 alpha-2), repeatable as A,B.")
@click.option("--all", "show_all", is_flag=True, help="List every candidate, not only the resolved place.")
@click.option("--search", "full_text", is_flag=True, help="Full-text search over names instead.")
@_PATH
def lookup_cmd(name: str, country: str | None, show_all: bool, full_text: bool, db_path: Path | None) -> None:
    """Resolve NAME ("Deir Ezzor", "Conoco gas field") and print it as JSON."""
    from eventsift.geo.resolve import PlaceResolver, ResolveContext

    try:
        resolver = PlaceResolver.open_default(db_path)
    except GazetteerError as exc:
        _fail(exc)
        return
    if full_text or show_all:
        rows = resolver.gazetteer.search(name) if full_text else resolver.lookup(name)
        for row in rows:
            click.echo(json.dumps(row.__dict__, ensure_ascii=False))
        return
    context = ResolveContext(countries=tuple(c.strip().upper() for c in (country or "").split(",") if c.strip()))
    place = resolver.resolve(name, context)
    click.echo(json.dumps(place.to_contract() if place else None, ensure_ascii=False))
