"""Incremental merging speed: store N synthetic events one document at a time.

    python benchmarks/merge_speed.py                 # 100,000 events
    python benchmarks/merge_speed.py --events 20000 --db /tmp/speed.db

Synthetic attacks (seeded, reproducible) are spread over 2,000 places in
three regions and two years; each is told by 1-5 outlets with jittered
points, differing counts, sometimes a coarser place or no date. Every
document goes through `Store.add_document` (one transaction, blocking by
R*Tree, incident refresh), exactly as `eventsift run` stores them.
Prints events/s, peak RSS and how well the incidents match the truth.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from eventsift.records import Document, Event, Place
from eventsift.store import Store

REGIONS = [(33.0, 37.0, 36.0, 42.5, "SY"), (31.0, 36.5, 39.5, 46.5, "IQ"), (46.0, 51.5, 30.0, 40.0, "UA")]
TARGETS = ["US forces", "a military base", "a residential building", "a power station", "an army convoy",
           "a fuel depot", "a checkpoint", "a hospital", "a market", "an airfield"]
WEAPONS = ["drone", "missile", "rocket", "artillery", "airstrike", "mortar", "ied"]
SUBTYPES = {"drone": "Air/drone strike", "airstrike": "Air/drone strike", "ied": "Remote explosive/landmine/IED"}


def make_places(rng: random.Random, n: int) -> list[tuple[float, float, str, str]]:
    places = []
    for i in range(n):
        lat0, lat1, lon0, lon1, country = rng.choice(REGIONS)
        places.append((rng.uniform(lat0, lat1), rng.uniform(lon0, lon1), country, f"Place {i}"))
    return places


def report(rng: random.Random, truth: int, attack: dict, doc: str, n: int) -> Event:
    lat, lon, country, name = attack["place"]
    precision = 1 if rng.random() < 0.8 else 2
    jitter = 0.02 if precision == 1 else 0.15
    place = Place(name=name if rng.random() < 0.7 else f"near {name}", lat=lat + rng.uniform(-jitter, jitter),
                  lon=lon + rng.uniform(-jitter, jitter), country=country, admin1=f"{country}-{int(lat)}",
                  precision=precision)
    day = None if rng.random() < 0.04 else attack["day"].isoformat()
    weapon = attack["weapon"] if rng.random() < 0.9 else rng.choice(WEAPONS)
    fatalities = None if rng.random() < 0.3 else max(0, attack["fatalities"] + rng.choice([0, 0, 0, -1, 2]))
    words = f"A {weapon} attack hit {attack['target']} in {name}, killing {fatalities or 'several'} people."
    return Event(doc=doc, event_id=f"{doc}#{n}", event_type="Explosions/Remote violence",
                 sub_event_type=SUBTYPES.get(weapon, "Shelling/artillery/missile attack"), date=day,
                 weapons=(weapon,), location=place, target=attack["target"], fatalities=fatalities,
                 evidence=(words,), extras={"truth": truth})


def synthetic_documents(total_events: int, seed: int) -> list[tuple[Document, list[Event]]]:
    """Documents in arrival order (by publication day), each with 1-2 events."""
    rng = random.Random(seed)
    places = make_places(rng, 2000)
    start = date(2023, 1, 1)
    reports: list[tuple[date, int, dict]] = []
    truth = 0
    while len(reports) < total_events:
        attack = {"place": rng.choice(places), "day": start + timedelta(days=rng.randrange(730)),
                  "weapon": rng.choice(WEAPONS), "target": rng.choice(TARGETS), "fatalities": rng.randrange(0, 12)}
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 5])):
            reports.append((attack["day"] + timedelta(days=rng.randrange(0, 3)), truth, attack))
        truth += 1
    reports = sorted(reports[:total_events], key=lambda r: r[0])
    docs = []
    i = 0
    while i < len(reports):
        size = 2 if rng.random() < 0.15 else 1
        published = reports[i][0]
        outlet = f"outlet{rng.randrange(300)}.example"
        name = f"d{len(docs)}"
        events = [report(rng, t, a, name, k) for k, (_, t, a) in enumerate(reports[i : i + size], start=1)]
        docs.append((Document(doc_id=name, text=f"synthetic {name}", url=f"https://{outlet}/{name}",
                              published=published), events))
        i += size
    return docs


def pairwise(truth_of: dict[int, int], incident_of: dict[int, int]) -> tuple[float, float]:
    """Pairwise precision and recall of predicted incidents against the true attacks."""
    def pairs(groups: dict[int, list[int]]) -> int:
        return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())

    by_pred: dict[int, list[int]] = defaultdict(list)
    by_true: dict[int, list[int]] = defaultdict(list)
    both: dict[tuple[int, int], list[int]] = defaultdict(list)
    for event, t in truth_of.items():
        by_pred[incident_of[event]].append(event)
        by_true[t].append(event)
        both[(incident_of[event], t)].append(event)
    correct = pairs(both)
    return correct / max(1, pairs(by_pred)), correct / max(1, pairs(by_true))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None, help="database file (default: a temporary one)")
    args = parser.parse_args()

    docs = synthetic_documents(args.events, args.seed)
    n_events = sum(len(e) for _, e in docs)
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "speed.db"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Store(path) as store:
        started = time.perf_counter()
        for k, (doc, events) in enumerate(docs, start=1):
            store.add_document(doc, events)
            if k % 10_000 == 0:
                rate = sum(len(e) for _, e in docs[:k]) / (time.perf_counter() - started)
                print(f"  {k} documents, {rate:,.0f} events/s", file=sys.stderr)
        elapsed = time.perf_counter() - started
        counts = store.counts()
        rows = store._conn.execute(
            "SELECT m.event, m.incident, json_extract(e.extras, '$.truth') FROM incident_members m "
            "JOIN events e ON e.id = m.event").fetchall()
    precision, recall = pairwise({r[0]: r[2] for r in rows}, {r[0]: r[1] for r in rows})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sizes = Counter(min(n, 6) for n in Counter(r[1] for r in rows).values())
    print(f"events stored:      {n_events:,} in {len(docs):,} documents")
    print(f"time:               {elapsed:,.1f} s  ->  {n_events / elapsed:,.0f} events/s")
    print(f"peak RSS:           {peak / 1024:,.0f} MiB (before storing: {rss_before / 1024:,.0f} MiB)")
    print(f"incidents:          {counts['incidents']:,}; candidate links: {counts['candidate_links']:,}")
    print(f"incident sizes:     {dict(sorted(sizes.items()))} (6 = 6 or more)")
    print(f"pairwise vs truth:  precision {precision:.3f}, recall {recall:.3f}")
    folder.cleanup()


if __name__ == "__main__":
    main()
