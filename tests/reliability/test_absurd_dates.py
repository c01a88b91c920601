"""The date resolver on absurd dates and numbers: it answers a date or None, never raises.

Years of 0, 99999 or 99999999, a day number of 10**20, publication days at
the calendar's ends (0001-01-01, 9999-12-31) where "yesterday" or "last
week" falls off it: each used to raise ValueError or OverflowError.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsift.extract import dates
from eventsift.extract.dates import find_numeric_date, parse_absolute_date, resolve_date

ABSURD_TEXTS = (
    "on Sunday", "yesterday", "last night", "last week", "last month", "earlier this month", "last year",
    "in 2019", "in March", "in December", "today", "on 5 March", "March 12, 2024", "on 31 December 9999",
    "on October 1, 0001", "in the year 99999999", "on day 100000000000000000000 of March", "on 32 October",
    "on February 30", "on 2024-13-45", "on 31.02.2024", "on 99/99/2024", "on 0 January", "next Sunday",
)
CALENDAR_ENDS = (date.min, date(1, 1, 7), date(1, 3, 1), date(9999, 12, 25), date.max, None)


@pytest.mark.parametrize("published", CALENDAR_ENDS, ids=str)
@pytest.mark.parametrize("text", ABSURD_TEXTS)
def test_resolver_never_raises_at_the_calendar_ends(text: str, published: date | None) -> None:
    resolved = resolve_date(text, published)
    assert resolved is None or date.min <= resolved.day <= date.max
    parse_absolute_date(text, published)
    find_numeric_date(text)


@pytest.mark.parametrize(("year", "month", "day"), [
    (99_999_999, 1, 1), (0, 1, 1), (-1, 1, 1), (2024, 10**20, 1), (2024, 1, 10**20), (10**30, 10**30, 10**30),
    (2024, 2, 30), (2023, 2, 29),
])
def test_impossible_days_are_none(year: int, month: int, day: int) -> None:
    assert dates._build(year, month, day) is None


def test_resolution_off_the_calendar_is_none_not_a_wrong_day() -> None:
    assert resolve_date("yesterday", date.min) is None
    assert resolve_date("last week", date(1, 1, 3)) is None
    assert resolve_date("in March", date(1, 2, 1)) is None  # would be March of year 0
    assert resolve_date("yesterday", date.max).day == date(9999, 12, 30)  # type: ignore[union-attr]
    assert resolve_date("on 5 March", date.max).day == date(9999, 3, 5)  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=st.one_of(st.sampled_from(ABSURD_TEXTS), st.text(max_size=60),
                      st.builds("on {} {} {}".format, st.integers(), st.sampled_from(list(dates.MONTHS)),
                                st.integers())),
       published=st.one_of(st.none(), st.dates()))
def test_resolver_never_raises_on_any_text_and_day(text: str, published: date | None) -> None:
    resolved = resolve_date(text, published)
    assert resolved is None or isinstance(resolved.day, date)
    parse_absolute_date(text, published, whole=True)
    find_numeric_date(text)
