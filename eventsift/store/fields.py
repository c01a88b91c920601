"""The fields an analyst may correct, and how a command-line value is read for each."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from eventsift.errors import StoreError
from eventsift.records import CERTAINTIES, EVENT_TYPES, WEAPONS

_NULLS = {"", "null", "none", "-"}


def _text(value: str) -> str | None:
    return None if value.strip().lower() in _NULLS else value.strip()


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in options:
            raise StoreError(f"{value!r} is not one of: {', '.join(options)}")
        return value

    return parse


def _count(value: str) -> int | None:
    if _text(value) is None:
        return None
    number = int(value)
    if number < 0:
        raise StoreError("a count cannot be negative")
    return number


def _precision(value: str) -> int:
    number = int(value)
    if number not in (1, 2, 3):
        raise StoreError("a precision is 1, 2 or 3")
    return number


def _day(value: str) -> str | None:
    return None if _text(value) is None else date.fromisoformat(value.strip()).isoformat()


def _coordinate(limit: float) -> Callable[[str], float | None]:
    def parse(value: str) -> float | None:
        if _text(value) is None:
            return None
        number = float(value)
        if not -limit <= number <= limit:
            raise StoreError(f"a coordinate must lie within ±{limit}")
        return number

    return parse


def _weapons(value: str) -> list[str]:
    names = [w.strip() for w in value.split(",") if w.strip()]
    return [_choice(WEAPONS)(w) for w in names]


def _country(value: str) -> str | None:
    text = _text(value)
    if text is not None and (len(text) != 2 or not text.isalpha()):
        raise StoreError("a country is an ISO 3166-1 alpha-2 code such as SY")
    return text.upper() if text else None


# Fields an analyst may correct, the same for events and incidents, and how
# a command-line value is read. The column has the field's name.
FIELDS: dict[str, Callable[[str], Any]] = {
    "event_type": _choice(EVENT_TYPES),
    "sub_event_type": _text,
    "date": _day,
    "date_precision": _precision,
    "weapons": _weapons,
    "location_name": _text,
    "lat": _coordinate(90.0),
    "lon": _coordinate(180.0),
    "country": _country,
    "admin1": _text,
    "geo_precision": _precision,
    "actor": _text,
    "target": _text,
    "fatalities": _count,
    "injuries": _count,
    "certainty": _choice(CERTAINTIES),
}


def parse_value(field: str, value: str) -> Any:
    """A command-line value for a field ('null' clears it); StoreError when invalid."""
    check_field(field)
    try:
        return FIELDS[field](value)
    except ValueError as exc:
        raise StoreError(f"bad value for {field}: {exc}") from exc


def check_field(field: str) -> None:
    if field not in FIELDS:
        raise StoreError(f"cannot correct {field!r}; fields: {', '.join(FIELDS)}")
