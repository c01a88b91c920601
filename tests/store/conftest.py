"""Fixtures for the store tests: a fresh database file, and one filled with a few reports."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from eventsift.store import Store
from store_factories import ASAD, fixed_clock, make_doc, make_event


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.db", clock=fixed_clock) as opened:
        yield opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def populate() -> Callable[[Path], None]:
    """Fill a database file: one strike told by three outlets, one a day later, one in Iraq."""

    def fill(path: Path) -> None:
        with Store(path, clock=fixed_clock) as s:
            s.add_document(make_doc("a.txt", url="https://www.alpha.com/1", outlet="Alpha"),
                           [make_event("a.txt", fatalities=3)])
            s.add_document(make_doc("b.txt", url="https://beta.org/x", outlet="Beta"),
                           [make_event("b.txt", fatalities=5, weapons=("drone", "missile"))])
            s.add_document(make_doc("c.txt", url="https://gamma.net/y", outlet="Gamma"),
                           [make_event("c.txt", fatalities=3, certainty="confirmed")])
            s.add_document(make_doc("d.txt", url="https://alpha.com/2", published=date(2024, 10, 3)),
                           [make_event("d.txt", date="2024-10-02")])
            s.add_document(make_doc("e.txt", url="https://delta.iq/z"),
                           [make_event("e.txt", location=ASAD, weapons=("rocket",), target="Iraqi army",
                                       event_type="Explosions/Remote violence",
                                       sub_event_type="Shelling/artillery/missile attack",
                                       evidence=("Rockets hit Ain al-Asad air base.",))])

    return fill
