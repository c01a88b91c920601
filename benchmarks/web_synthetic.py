"""Synthetic incidents written straight into the documented schema (docs/schema.md).

For load measurements only: the rows look like stored pipeline output
(one document and one event per incident, a second source for some, launch
sites for missile and drone strikes) but are random, seeded and plainly
fake. Used by benchmarks/web_load.py.
"""
from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from eventsift.store.schema import migrate

PLACES = (
    ("Deir ez-Zor", "SY", "Deir ez-Zor", 35.336, 40.145),
    ("Hasakah", "SY", "Al-Hasakah", 36.502, 40.747),
    ("Erbil", "IQ", "Erbil", 36.191, 44.009),
    ("Baghdad", "IQ", "Baghdad", 33.341, 44.401),
    ("Mosul", "IQ", "Nineveh", 36.335, 43.119),
    ("Kharkiv", "UA", "Kharkiv", 49.993, 36.231),
    ("Odesa", "UA", "Odesa", 46.477, 30.733),
    ("Maiduguri", "NG", "Borno", 11.846, 13.160),
    ("Gao", "ML", "Gao", 16.272, -0.044),
    ("Mogadishu", "SO", "Banaadir", 2.037, 45.344),
)
LAUNCHES = (("Al-Qaim", 34.37, 41.09), ("Belgorod", 50.60, 36.59), ("Abu Kamal", 34.45, 40.92))
TYPES = (
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", ["missile"]),
    ("Explosions/Remote violence", "Air/drone strike", ["drone"]),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", ["ied"]),
    ("Battles", "Armed clash", ["gunfire"]),
    ("Violence against civilians", "Attack", ["gunfire"]),
)
ACTORS = ("Islamic Resistance in Iraq", "Russian forces", "Boko Haram", "JNIM", "al-Shabaab", None)
TARGETS = ("US forces", "Syrian Democratic Forces", "civilians", "a military base", None)
CERTAINTIES = ("confirmed", "reported", "claimed", "unverified")


def fill(path: Path, incidents: int, seed: int = 7, start: date = date(2023, 1, 1)) -> None:
    """A new database at `path` with `incidents` random incidents over two years."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, "2024-01-01T00:00:00Z")
    rng = random.Random(seed)
    with conn:
        for number in range(1, incidents + 1):
            _write_incident(conn, rng, number, start + timedelta(days=rng.randrange(730)))
    conn.execute("ANALYZE")
    conn.close()


def _write_incident(conn: sqlite3.Connection, rng: random.Random, number: int, day: date) -> None:
    name, country, admin1, lat, lon = rng.choice(PLACES)
    lat, lon = lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3)
    event_type, sub_type, weapons = rng.choice(TYPES)
    actor, target = rng.choice(ACTORS), rng.choice(TARGETS)
    fatalities = rng.choice((None, 0, 1, 2, 5, 12))
    certainty = rng.choice(CERTAINTIES)
    sources = rng.choice((1, 1, 1, 2))
    conn.execute(
        "INSERT INTO incidents (id, date, date_precision, event_type, sub_event_type, weapons, "
        "location_name, lat, lon, country, admin1, geo_precision, actor, target, fatalities, "
        "injuries, certainty, n_events, n_sources, confidence) "
        "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, NULL, ?, ?, ?, ?)",
        (number, day.isoformat(), event_type, sub_type, json.dumps(weapons), name, lat, lon,
         country, admin1, actor, target, fatalities, certainty, sources, sources, 0.5))
    for source in range(sources):
        _write_event(conn, number, source, day, (name, country, admin1, lat, lon),
                     (event_type, sub_type, weapons), actor, target, fatalities, certainty, rng)


def _write_event(conn: sqlite3.Connection, number: int, source: int, day: date,
                 place: tuple[str, str, str, float, float], kind: tuple[str, str, list[str]],
                 actor: str | None, target: str | None, fatalities: int | None,
                 certainty: str, rng: random.Random) -> None:
    name, country, admin1, lat, lon = place
    event_type, sub_type, weapons = kind
    doc_key = f"https://example.org/synthetic/{number}/{source}"
    sentence = (f"{actor or 'Unidentified attackers'} struck {target or 'a position'} near {name} "
                f"with {weapons[0]} fire on {day.isoformat()}.")
    conn.execute(
        "INSERT INTO documents (doc_key, doc_id, url, title, published, outlet, source_domain, "
        "raw_chars, content_hash, text, ingested_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc_key, doc_key, doc_key, f"Synthetic report {number}.{source}", day.isoformat(),
         f"Outlet {source}", f"outlet{source}.example.org", len(sentence), f"hash{number}.{source}",
         "Synthetic text. " + sentence + " More synthetic text.", "2024-01-01T00:00:00Z",
         "2024-01-01T00:00:00Z"))
    cursor = conn.execute(
        "INSERT INTO events (doc_key, event_id, event_key, event_type, sub_event_type, date, "
        "weapons, location_name, lat, lon, country, admin1, geo_precision, actor, target, "
        "fatalities, certainty, attribution) VALUES (?, 'e1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, '[]')",
        (doc_key, doc_key + " e1", event_type, sub_type, day.isoformat(), json.dumps(weapons),
         name, lat, lon, country, admin1, actor, target, fatalities, certainty))
    event = cursor.lastrowid
    conn.execute("INSERT INTO evidence (event, ord, sentence) VALUES (?, 0, ?)", (event, sentence))
    conn.execute("INSERT INTO incident_members (event, incident, assigned_by) VALUES (?, ?, 'auto')",
                 (event, number))
    for weapon in weapons:
        conn.execute("INSERT INTO event_weapons (event, weapon) VALUES (?, ?)", (event, weapon))
    if weapons[0] in {"missile", "drone"} and rng.random() < 0.5:
        launch, launch_lat, launch_lon = rng.choice(LAUNCHES)
        conn.execute("INSERT INTO launch_sites (event, ord, name, lat, lon) VALUES (?, 0, ?, ?, ?)",
                     (event, launch, launch_lat, launch_lon))
