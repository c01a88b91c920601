"""The extraction lexicons (data/lexicon.toml), loaded once and compiled."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries, longest first."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)


_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october|november|december|"
                "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# "since April 2023", "since late April", "since 2019": a period, so an aggregate
SINCE_PERIOD = rf"\b(?:\d+|several|many|multiple|numerous)\s+times\b|\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{_MONTH_NAMES})\b|(?:19|20)\d\d\b)"


@dataclass(frozen=True)
class Lexicon:
    trigger_nouns: frozenset[str]
    trigger_verbs: frozenset[str]
    weak_nouns: frozenset[str]
    weak_verbs: frozenset[str]
    weapons: dict[str, str]
    weapon_pattern: re.Pattern[str]
    weak_weapons: dict[str, str]
    weak_weapon_pattern: re.Pattern[str]
    sub_event_order: tuple[tuple[str, str, str], ...]
    air_launched: re.Pattern[str]
    clash_pattern: re.Pattern[str]
    intercepted_pattern: re.Pattern[str]
    damage_pattern: re.Pattern[str]
    civilian_words: frozenset[str]
    force_words: frozenset[str]
    ground_triggers: frozenset[str]
    new_event: frozenset[str]
    new_event_pattern: re.Pattern[str]
    aggregate: frozenset[str]
    aggregate_phrases: re.Pattern[str]
    hypothetical: frozenset[str]
    negations: frozenset[str]
    prior_event: frozenset[str]
    prior_pattern: re.Pattern[str]
    launch_pattern: re.Pattern[str]
    near_pattern: re.Pattern[str]
    unverified_pattern: re.Pattern[str]
    caveat_pattern: re.Pattern[str]
    claim_verbs: frozenset[str]
    officials: frozenset[str]
    report_verbs: frozenset[str]
    source_nouns: frozenset[str]
    killed: frozenset[str]
    injured: frozenset[str]
    people: frozenset[str]
    vague_counts: dict[str, int]
    not_names: frozenset[str]
    attach_nouns: frozenset[str]
    container_nouns: frozenset[str]
    outlets: frozenset[str]

    @property
    def all_trigger_words(self) -> frozenset[str]:
        return self.trigger_nouns | self.trigger_verbs


def _outlets() -> list[str]:
    raw = resources.files("eventsift.extract").joinpath("data/outlets.txt").read_text("utf-8")
    names = [line.split("#")[0].strip() for line in raw.splitlines()]
    return [re.sub(r"[^a-z0-9]+", " ", n.lower()).strip() for n in names if n]


@lru_cache(maxsize=1)
def lexicon_data() -> dict[str, Any]:
    """data/lexicon.toml, parsed once: `load_lexicon` and the modules that keep word lists
    of their own (`phrases.argument_words`, `background.background_words`, ...) read it.
    Shared by all of them: read it, never change it."""
    raw = resources.files("eventsift.extract").joinpath("data/lexicon.toml").read_text("utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = lexicon_data()
    trig, weap, weak, sub, mark, cert, cas = (
        data["triggers"], data["weapons"], data["weapons_weak"], data["sub_event"],
        data["markers"], data["certainty"], data["casualties"],
    )
    return Lexicon(
        trigger_nouns=frozenset(trig["nouns"]),
        trigger_verbs=frozenset(trig["verbs"]),
        weak_nouns=frozenset(trig["weak_nouns"]),
        weak_verbs=frozenset(trig["weak_verbs"]),
        weapons={k.lower(): v for k, v in weap.items()},
        weapon_pattern=phrase_pattern(list(weap)),
        weak_weapons={k.lower(): v for k, v in weak.items()},
        weak_weapon_pattern=phrase_pattern(list(weak)),
        sub_event_order=tuple(tuple(row) for row in sub["order"]),  # type: ignore[misc]
        air_launched=phrase_pattern(sub["air_launched"]),
        clash_pattern=phrase_pattern(sub["clash_words"]),
        intercepted_pattern=phrase_pattern(sub["intercepted"]),
        damage_pattern=phrase_pattern(sub["damage"]),
        civilian_words=frozenset(sub["civilian_words"]),
        force_words=frozenset(sub["force_words"]),
        ground_triggers=frozenset(sub["ground_triggers"]),
        new_event=frozenset(mark["new_event"]),
        new_event_pattern=phrase_pattern(mark["new_event_phrases"]),
        aggregate=frozenset(mark["aggregate"]),
        aggregate_phrases=re.compile(phrase_pattern(mark["aggregate_phrases"]).pattern + "|" + SINCE_PERIOD,
                                     re.IGNORECASE),
        hypothetical=frozenset(mark["hypothetical"]),
        negations=frozenset(mark["negations"]),
        prior_event=frozenset(mark["prior_event"]),
        prior_pattern=phrase_pattern(mark["prior_phrases"]),
        launch_pattern=phrase_pattern(mark["launch"]),
        near_pattern=phrase_pattern(mark["near"]),
        unverified_pattern=phrase_pattern(cert["unverified"]),
        caveat_pattern=phrase_pattern(cert["caveats"]),
        claim_verbs=frozenset(cert["claim_verbs"]),
        officials=frozenset(cert["officials"]),
        report_verbs=frozenset(cert["report_verbs"]),
        source_nouns=frozenset(cert["source_nouns"]),
        killed=frozenset(cas["killed"]),
        injured=frozenset(cas["injured"]),
        people=frozenset(cas["people"]),
        vague_counts={k.lower(): int(v) for k, v in cas["vague"].items()},
        not_names=frozenset(data["actors"]["not_names"]),
        attach_nouns=frozenset(data["places"]["attach_nouns"]),
        container_nouns=frozenset(data["places"]["container_nouns"]),
        outlets=frozenset(_outlets()),
    )
