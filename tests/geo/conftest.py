"""A small gazetteer built once per session from fixtures and bundled data."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventsift.geo import sources
from eventsift.geo.gazetteer import Gazetteer, write_database
from eventsift.geo.resolve import PlaceResolver

DATA = Path(__file__).parent.parent / "data" / "geo"
COUNTRIES = {"IQ", "SY", "PS", "IL", "LB", "UA", "LY", "US", "FR", "JO", "YE", "IR", "GB", "RU", "EG"}


def fixture_records() -> list[sources.PlaceRecord]:
    admin1 = {k: v for k, v in sources.read_admin1_names().items() if k[0] in COUNTRIES}
    cities = sources.read_cities(admin1, DATA / "cities_sample.json")
    airports = [a for a in sources.airport_records(admin1) if a.country in {"IQ", "SY"}]
    return [
        *sources.country_records(cities),
        *sources.admin1_records(admin1, cities),
        *(a for a in sources.read_admin2(admin1) if a.country in COUNTRIES),
        *cities,
        *airports,
        *sources.read_facilities(),
    ]


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geo") / "gazetteer.sqlite"
    write_database(path, fixture_records(), "test")
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path: Path) -> Gazetteer:
    return Gazetteer(gazetteer_path)


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)
