"""Shared fixtures: paths to the seeds and the dev set, a fake place service."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventsift.records import Place

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV = ROOT / "tests" / "data" / "dev"
SCORER = SHARED / "eval" / "score.py"


@dataclass(frozen=True)
class FakeMention:
    start: int
    end: int
    text: str
    hint: str | None = None


class FakePlaces:
    """A place service that knows only the names it is given (for unit tests)."""

    def __init__(self, places: dict[str, Place]) -> None:
        self.places = places

    def find_mentions(self, text: str, ents=None) -> list[FakeMention]:
        found = []
        for name in self.places:
            for match in re.finditer(re.escape(name), text):
                found.append(FakeMention(match.start(), match.end(), name))
        return sorted(found, key=lambda m: m.start)

    def is_country(self, text: str) -> bool:
        place = self.places.get(text)
        return place is not None and place.feature == "country"

    def start_document(self, doc, parse, sentence_places=None) -> None:
        return None

    def resolve(self, span, mention, known) -> Place | None:
        return self.places.get(span.text)


@pytest.fixture
def fake_places() -> FakePlaces:
    return FakePlaces({
        "Syria": Place("Syria", 35.0, 38.0, "SY", None, 163843, 3, "country"),
        "Iraq": Place("Iraq", 33.0, 44.0, "IQ", None, 99237, 3, "country"),
        "Kharkiv": Place("Kharkiv", 49.99, 36.23, "UA", "Kharkiv", 706483, 1, "city"),
        "Odesa": Place("Odesa", 46.48, 30.72, "UA", "Odesa", 698740, 1, "city"),
        "Mosul": Place("Mosul", 36.34, 43.12, "IQ", "Nineveh", 99072, 1, "city"),
        "Zummar": Place("Zummar", 36.64, 42.45, "IQ", "Nineveh", None, 1, "town"),
        "Hama": Place("Hama", 35.13, 36.75, "SY", "Hama", 170017, 1, "city"),
        "Ukraine": Place("Ukraine", 49.0, 32.0, "UA", None, 690791, 3, "country"),
    })


def scorer():
    """The project's scorer (standard library only), imported from shared/eval."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eventsift_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module
