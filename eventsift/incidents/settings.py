"""The merge settings: eventsift/store/data/incidents.toml and its stop words."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class MergeSettings:
    max_km: dict[int, float]
    join_km: dict[int, float]
    country_km: float
    half_window_days: dict[int, int]
    undated_lookback_days: int
    join_min: float
    candidate_min: float
    max_links: int
    neutral: float
    certainty_weight: dict[str, float]
    certainty_order: tuple[str, ...]
    stop_words: frozenset[str]


@cache
def settings() -> MergeSettings:
    """The merge settings of `eventsift/store/data/incidents.toml` and its stop words."""
    data = resources.files("eventsift.store").joinpath("data")
    raw = tomllib.loads(data.joinpath("incidents.toml").read_text("utf-8"))
    stop_lines = data.joinpath("stop_words.txt").read_text("utf-8").splitlines()
    stop_words = {w for line in stop_lines if not line.startswith("#") for w in line.split()}
    return MergeSettings(
        max_km={int(k): float(v) for k, v in raw["place"]["max_km"].items()},
        join_km={int(k): float(v) for k, v in raw["place"]["join_km"].items()},
        country_km=float(raw["place"]["country_km"]),
        half_window_days={int(k): int(v) for k, v in raw["date"]["half_window_days"].items()},
        undated_lookback_days=int(raw["date"]["undated_lookback_days"]),
        join_min=float(raw["evidence"]["join_min"]),
        candidate_min=float(raw["evidence"]["candidate_min"]),
        max_links=int(raw["evidence"]["max_links"]),
        neutral=float(raw["evidence"]["neutral"]),
        certainty_weight=dict(raw["confidence"]["certainty_weight"]),
        certainty_order=tuple(raw["confidence"]["order"]),
        stop_words=frozenset(stop_words) | frozenset(raw["terms"]["extra_stop_words"]),
    )
