"""Regenerate data/country_centres.csv (atlas centres of countries) and
data/demonyms.csv (what a country's people are called) from countryinfo.

Not imported by eventsift at run time. countryinfo (MIT) ships, for each
country, the `latlng` of the REST Countries / CIA World Factbook tables: the
point an atlas gives for the country as a whole (Russia 60N 100E, Canada 60N
95W), not its capital. Run it by hand after `pip install countryinfo==1.0.1`:

    python -m eventsift.geo.derive_country_centres > eventsift/geo/data/country_centres.csv
    python -m eventsift.geo.derive_country_centres --demonyms > eventsift/geo/data/demonyms.csv
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HEADER = (
    "# Atlas centre of each country (ISO 3166-1 alpha-2), one a line.\n"
    "# Derived from countryinfo 1.0.1 (MIT; data/*.json `latlng`, the REST Countries /\n"
    "# CIA World Factbook country coordinates); regenerate with\n"
    "# `python -m eventsift.geo.derive_country_centres`.\n"
)


def _countryinfo_data() -> Path:
    import countryinfo  # type: ignore[import-not-found]

    return Path(countryinfo.__file__).parent / "data"


def centre_rows(folder: Path) -> list[tuple[str, float, float]]:
    """(alpha-2, lat, lon) for every country file that has both."""
    rows: dict[str, tuple[str, float, float]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng") or []
        if iso and len(latlng) >= 2:
            rows[iso] = (iso, float(latlng[0]), float(latlng[1]))
    return sorted(rows.values())


DEMONYM_HEADER = (
    "# What the people of each country are called ('Iraqi' -> IQ), one pair a line; a\n"
    "# demonym shared by several countries has a line for each ('Congolese' CD, CG).\n"
    "# Derived from countryinfo 1.0.1 (MIT; data/*.json `demonym`); regenerate with\n"
    "# `python -m eventsift.geo.derive_country_centres --demonyms`.\n"
)


def demonym_rows(folder: Path) -> list[tuple[str, str]]:
    """(demonym, alpha-2) for every country file that has both."""
    rows: set[tuple[str, str]] = set()
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        demonym = (data.get("demonym") or "").strip()
        if iso and demonym:
            rows.add((demonym, iso))
    return sorted(rows)


def main() -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if "--demonyms" in sys.argv[1:]:
        sys.stdout.write(DEMONYM_HEADER)
        writer.writerow(["demonym", "country"])
        writer.writerows(demonym_rows(_countryinfo_data()))
        return
    sys.stdout.write(HEADER)
    writer.writerow(["country", "lat", "lon"])
    writer.writerows(centre_rows(_countryinfo_data()))


if __name__ == "__main__":
    main()
