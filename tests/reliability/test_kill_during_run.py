"""SIGKILL `eventsift run` at random points, again and again, then finish: the
database must equal the one an uninterrupted run builds.

The store's own test (tests/store/test_store_crash.py) kills one run of
10,000 plain reports once, midway. This one mixes the inputs a crawl
delivers (text files, a JSONL feed with bad lines and a verbatim copy,
hostile files, non-English pages) and kills several times at random:
while the model loads, just after the file is created, and at random
document counts. After every kill `PRAGMA integrity_check` must pass; at
the end every document is stored exactly once, every event once, and the
incidents are the ones the uninterrupted run made.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from hostile_corpus import hostile_cases, write_cases
from reliability_helpers import (
    consistency_problems, eventsift, kill_at, snapshot, start_eventsift, stored_documents,
)

SEED = 20241001
N_FILES = 2_000
N_LINES = 600
CALM = (
    "The city council met to discuss the budget for the new library and the repair of two bridges.",
    "Local farmers expect a good harvest this year after steady rains in the spring months.",
    "The football club announced the signing of a young midfielder from a rival team.",
    "Shares in the telecom company rose after it reported higher quarterly profits.",
)
ATTACKS = (
    "A drone attack struck a military base near {city} on Monday, killing {n} soldiers, officials said.",
    "Rockets hit a market in {city} on Tuesday, wounding {n} civilians, police said.",
    "Artillery shells struck a village outside {city} on Sunday, killing {n} people, the governor said.",
)
CITIES = ("Mosul", "Kharkiv", "Aleppo", "Odesa", "Erbil", "Kherson", "Hama", "Kirkuk")


def report(rng: random.Random, number: int) -> str:
    if number % 12 == 0:
        body = rng.choice(ATTACKS).format(city=rng.choice(CITIES), n=rng.randint(2, 30))
    else:
        body = " ".join(rng.sample(CALM, 2))
    return f"date 2024-10-{1 + number % 28:02d}\n\nBulletin {number}. {body}\n"


def write_crawl(folder: Path) -> None:
    """Text files, a JSONL feed (with bad lines and a verbatim copy), hostile files."""
    rng = random.Random(SEED)
    pages = folder / "pages"
    pages.mkdir(parents=True)
    for number in range(N_FILES):
        (pages / f"page{number:05d}.txt").write_text(report(rng, number), encoding="utf-8")
    lines = []
    for number in range(N_FILES, N_FILES + N_LINES):
        lines.append(json.dumps({"id": f"feed-{number}", "text": report(rng, number)}))
        if number % 50 == 0:
            lines.append("{broken line")
    lines.append(json.dumps({"id": "copy-of-page-0", "text": report(random.Random(SEED), 0)}))
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_cases(folder / "hostile", [c for c in hostile_cases() if c.name not in {"nested.html", "lines.jsonl"}])


@pytest.mark.slow
def test_random_kills_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    crawl, reference, crashed = tmp_path / "crawl", tmp_path / "reference.db", tmp_path / "crashed.db"
    write_crawl(crawl)
    whole = eventsift("run", "--no-progress", "--db", str(reference), str(crawl))
    assert whole.code == 2 and "Traceback" not in whole.stderr, whole.stderr
    expected = snapshot(reference)
    total = len(expected["documents"])  # type: ignore[arg-type]
    assert total > N_FILES + N_LINES - 50 and len(expected["events"]) > 100  # type: ignore[arg-type]

    rng = random.Random(SEED)
    kill_points = [(None, rng.uniform(0.0, 1.5)),  # while Python and the model load
                   (1, None),  # as soon as the first document is in
                   *sorted((rng.randrange(10, total - 200), None) for _ in range(3))]
    for documents, after_s in kill_points:
        running = start_eventsift("run", "--no-progress", "--db", str(crashed), str(crawl))
        assert kill_at(running, crashed, documents, after_s), "the run ended before the kill point"
        if crashed.exists():
            assert consistency_problems(crashed) == []

    stored_before = stored_documents(crashed)
    assert 0 < stored_before < total
    final = eventsift("run", "--no-progress", "--db", str(crashed), str(crawl))
    assert final.code == 2 and "Traceback" not in final.stderr, final.stderr
    assert f"new: {total - stored_before}," in final.stderr
    assert final.error_lines == whole.error_lines  # every bad input named again, once
    assert consistency_problems(crashed) == []
    assert snapshot(crashed) == expected
