"""Soak: thousands of mixed good and bad inputs through `eventsift run`, killed and
restarted again and again while the web app serves reads; then the tally.

    python benchmarks/soak.py [--docs 6000] [--kills 8] [--readers 8] [--fuzz-examples 0] [--seed 1]

1. Writes a crawl (seeded): text reports (one in eight an attack), JSONL
   feeds with malformed lines and verbatim copies, and the hostile corpus
   of tests/reliability/hostile_corpus.py repeated under many names.
2. Runs `eventsift run` on it uninterrupted: the reference database.
3. Serves a second database with `eventsift serve` and reads it with
   READERS clients the whole time, while `eventsift run` on the same crawl
   is SIGKILLed KILLS times at random points (by time or by stored
   documents), `PRAGMA integrity_check` and the other consistency checks
   run after each kill, and a last run finishes the job.
4. Optionally runs the reliability fuzz tests with FUZZ_EXAMPLES fresh
   random examples each (EVENTSIFT_FUZZ_EXAMPLES).
`--document-times` instead times the extraction of single long documents.
Prints inputs tried, error lines, crashes (tracebacks, undocumented exit
codes), documents and events lost or duplicated against the reference,
incidents that differ, and the readers' errors and latencies.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from hostile_corpus import hostile_cases, write_cases  # noqa: E402
from load import LoadReport, run_load  # noqa: E402
from reliability_helpers import (  # noqa: E402
    consistency_problems, eventsift, kill_at, served, snapshot, start_eventsift,
)

CALM = (
    "The city council met to discuss the budget for the new library and the repair of two bridges.",
    "Local farmers expect a good harvest this year after steady rains in the spring months.",
    "The football club announced the signing of a young midfielder from a rival team.",
    "Shares in the telecom company rose after it reported higher quarterly profits.",
    "A new exhibition of modern paintings opened at the national museum on Friday.",
)
ATTACKS = (
    "A drone attack struck a military base near {city} on {day}, killing {n} soldiers, officials said.",
    "Rockets hit a market in {city} on {day}, wounding {n} civilians, police said.",
    "A roadside bomb exploded near a checkpoint outside {city} on {day}, killing {n} policemen.",
    "Artillery shells struck a village east of {city} on {day}, killing {n} people, the governor said.",
)
CITIES = ("Mosul", "Kharkiv", "Aleppo", "Odesa", "Erbil", "Kherson", "Hama", "Kirkuk", "Gao", "Mogadishu")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def report(rng: random.Random, number: int) -> str:
    if rng.random() < 0.125:
        body = rng.choice(ATTACKS).format(city=rng.choice(CITIES), day=rng.choice(DAYS), n=rng.randint(1, 40))
    else:
        body = " ".join(rng.sample(CALM, 2))
    return f"date 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n\nBulletin {number}. {body}\n"


def write_crawl(folder: Path, docs: int, seed: int) -> dict[str, int]:
    """The mixed crawl; returns how many inputs of each kind it holds."""
    rng = random.Random(seed)
    counts = {"text files": 0, "jsonl lines": 0, "malformed jsonl lines": 0, "hostile files": 0}
    pages = folder / "pages"
    pages.mkdir(parents=True)
    n_files = docs * 7 // 10
    for number in range(n_files):
        (pages / f"page{number:06d}.txt").write_text(report(rng, number), encoding="utf-8")
    counts["text files"] = n_files
    number = n_files
    for feed in range(max(1, (docs - n_files) // 500)):
        lines = []
        for _ in range(min(500, docs - number)):
            lines.append(json.dumps({"id": f"feed-{number}", "text": report(rng, number)}))
            number += 1
            if rng.random() < 0.05:
                lines.append(rng.choice(("{broken", "[1, 2]", '{"text": 7}', '{"title": "no body"}')))
                counts["malformed jsonl lines"] += 1
        lines.append(json.dumps({"id": f"copy-{feed}", "text": (pages / "page000000.txt").read_text()}))
        (folder / f"feed{feed:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        counts["jsonl lines"] += len(lines)
    cases = [c for c in hostile_cases(seed) if c.name != "nested.html"]
    for copy in range(max(1, docs // 200)):
        write_cases(folder / "hostile" / f"set{copy:03d}", cases)
        counts["hostile files"] += len(cases)
    return counts


def read_continuously(url: str, readers: int, stop: threading.Event, out: list[LoadReport]) -> None:
    out.append(run_load(url, clients=readers, seconds=3600, until=stop.is_set, seed=11))


def crashes_in(result_stderr: str, code: int) -> int:
    return int("Traceback" in result_stderr) + int(code not in (0, 1, 2))  # 2: some inputs named, rest stored


def soak(args: argparse.Namespace, scratch: Path) -> None:
    crawl, reference, crashed = scratch / "crawl", scratch / "reference.db", scratch / "soak.db"
    counts = write_crawl(crawl, args.docs, args.seed)
    print("inputs tried:", ", ".join(f"{n} {kind}" for kind, n in counts.items()))

    started = time.monotonic()
    whole = eventsift("run", "--no-progress", "--db", str(reference), str(crawl), limit_s=3600)
    print(f"reference run: exit {whole.code}, {time.monotonic() - started:.0f} s, "
          f"{len(whole.error_lines)} error lines; {whole.stderr.strip().splitlines()[-3]}")
    crashes = crashes_in(whole.stderr, whole.code)
    expected = snapshot(reference)
    total = len(expected["documents"])  # type: ignore[arg-type]

    rng, kills, problems = random.Random(args.seed), 0, []
    stop, loads = threading.Event(), []
    with served(crashed) as server:
        readers = threading.Thread(target=read_continuously, args=(server.url, args.readers, stop, loads))
        readers.start()
        try:
            for _ in range(args.kills):
                at_docs = rng.randrange(1, total) if rng.random() < 0.7 else None
                at_time = None if at_docs else rng.uniform(0.0, 8.0)
                log = scratch / f"run-{kills}.log"
                with log.open("wb") as stderr:  # a file, not a pipe: a full pipe would stall the run
                    running = start_eventsift("run", "--no-progress", "--db", str(crashed), str(crawl),
                                              stderr=stderr.fileno())
                kills += kill_at(running, crashed, at_docs, at_time, limit_s=3600)
                crashes += crashes_in(log.read_text("utf-8", "replace"), 0)
                problems += [f"after kill {kills}: {p}" for p in consistency_problems(crashed)]
            final = eventsift("run", "--no-progress", "--db", str(crashed), str(crawl), limit_s=3600)
        finally:
            stop.set()
            readers.join()
        crashes += crashes_in(final.stderr, final.code) + crashes_in(server.stderr(), 0)
    problems += consistency_problems(crashed)
    report_tally(expected, snapshot(crashed), kills, crashes, problems, loads[0] if loads else None)


def report_tally(expected: dict[str, object], got: dict[str, object], kills: int, crashes: int,
                 problems: list[str], load: LoadReport | None) -> None:
    def diff(key: str) -> tuple[int, int]:
        want, have = list(expected[key]), list(got[key])  # type: ignore[call-overload]
        lost = len(set(want) - set(have))
        duplicated = len(have) - len(set(have)) + len(set(have) - set(want))
        return lost, duplicated

    docs_lost, docs_dup = diff("documents")
    events_lost, events_dup = diff("events")
    print(f"kills: {kills} (SIGKILL), then a final run; crashes: {crashes}")
    sizes = {key: len(got[key]) for key in ("documents", "events", "incidents")}  # type: ignore[arg-type]
    print(f"documents: {sizes['documents']} stored, {docs_lost} lost, {docs_dup} duplicated or extra")
    print(f"events: {sizes['events']} stored, {events_lost} lost, {events_dup} duplicated or extra")
    print(f"incidents: {sizes['incidents']}, identical to the reference: {got['incidents'] == expected['incidents']}")
    print(f"consistency problems: {len(problems)}" + (f" ({problems[:5]})" if problems else ""))
    if load:
        print("readers during the soak:")
        for line in load.lines():
            print("  " + line)


def document_times(lengths: tuple[int, ...] = (10_000, 25_000, 50_000, 100_000)) -> None:
    """Extraction time of one document by its length: the per-document cost the character
    limit (eventsift.ingest.DEFAULT_MAX_CHARS) bounds. Dense: every sentence an attack on a
    named place; reports: the dev set's reports end to end."""
    from eventsift.pipeline import Pipeline
    from eventsift.records import Document

    pipeline = Pipeline()
    rng = random.Random(3)
    dense = " ".join(rng.choice(ATTACKS).format(city=rng.choice(CITIES), day=rng.choice(DAYS), n=rng.randint(1, 40))
                     for _ in range(3_000))
    reports = "\n\n".join(p.read_text() for p in sorted((ROOT / "tests" / "data" / "dev").glob("*.txt")))
    pipeline.extract(Document(doc_id="warm", text=ATTACKS[0].format(city="Mosul", day="Monday", n=3)))
    for name, text in (("dense", dense), ("reports", reports * 3)):
        for length in lengths:
            started = time.perf_counter()
            events = pipeline.extract(Document(doc_id=f"{name}-{length}", text=text[:length]))
            print(f"extraction of one {name} document of {length:,} characters: "
                  f"{time.perf_counter() - started:.1f} s, {len(events)} events")


def fuzz(examples: int) -> None:
    env = {**os.environ, "EVENTSIFT_FUZZ_EXAMPLES": str(examples)}
    tests = ["tests/reliability/test_fuzz_inputs.py", "tests/reliability/test_absurd_text.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    print(f"fuzz ({examples} fresh examples per property): {done.stdout.strip().splitlines()[-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=6_000, help="good documents in the crawl")
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--readers", type=int, default=8, help="concurrent web clients during the soak")
    parser.add_argument("--fuzz-examples", type=int, default=0, help="also fuzz with this many examples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--document-times", action="store_true",
                        help="only time the extraction of single long documents")
    args = parser.parse_args()
    if args.document_times:
        document_times()
        return
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        soak(args, Path(scratch))
    if args.fuzz_examples:
        fuzz(args.fuzz_examples)
    print(f"soak time: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
