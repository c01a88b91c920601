"""Look-up and resolution speed of the default gazetteer on one core.

    python benchmarks/geo_lookup.py [--n 50000]

Measures (1) raw name look-ups of distinct names (SQLite indexed query, cold
LRU cache), (2) the same names again (warm cache, the common case in a
corpus where names repeat), (3) resolve() with a country prior, and
(4) find_mentions() on a sentence.
"""
from __future__ import annotations

import argparse
import random
import time

from eventsift.geo import PlaceResolver, ResolveContext

SENTENCE = ("US occupation bases in the Conoco and al-Omar oil fields in Syria's Deir Ezzor "
            "governorate have been targeted by missiles, according to a Syrian field source.")


def sample_names(resolver: PlaceResolver, n: int, seed: int = 7) -> list[str]:
    rows = resolver.gazetteer.conn.execute("SELECT name FROM places").fetchall()
    rng = random.Random(seed)
    return [rng.choice(rows)[0] for _ in range(n)]


def rate(label: str, count: int, seconds: float) -> None:
    print(f"{label:44} {count / seconds:12,.0f} /s  ({count} in {seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    args = parser.parse_args()
    started = time.perf_counter()
    resolver = PlaceResolver.open_default()
    print(f"open: {time.perf_counter() - started:.2f} s ({resolver.gazetteer.path})")
    names = sample_names(resolver, args.n)
    resolver.gazetteer.clear_cache()

    t = time.perf_counter()
    for name in names:
        resolver.lookup(name)
    rate("lookup, distinct names, cold cache", len(names), time.perf_counter() - t)

    t = time.perf_counter()
    for name in names:
        resolver.lookup(name)
    rate("lookup, same names, warm cache", len(names), time.perf_counter() - t)

    context = ResolveContext(countries=("SY", "IQ"))
    subset = names[: max(1, args.n // 5)]
    t = time.perf_counter()
    for name in subset:
        resolver.resolve(name, context)
    rate("resolve(name, country prior)", len(subset), time.perf_counter() - t)

    t = time.perf_counter()
    rounds = 2_000
    for _ in range(rounds):
        resolver.find_mentions(SENTENCE)
    rate("find_mentions(25-word sentence)", rounds, time.perf_counter() - t)


if __name__ == "__main__":
    main()
