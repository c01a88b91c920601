"""Throughput of eventsift: documents/s, words/s and peak memory, side by side in one run.

    python benchmarks/throughput.py                 # about 3-4 minutes on 2 cores
    python benchmarks/throughput.py --docs 400 --quick

Corpora (built here, nothing downloaded):
- *mixed*: `--docs` news-length documents, 1 in 10 about attacks. The attack
  reports are the dev set's (tests/data/dev, those with gold events, cycled);
  the others are synthetic non-attack news of 400-800 words
  (eventsift.batch.corpus: economy, sport, politics, science, weather...).
- *attack*: only the dev set's attack reports (cycled to `--attack-docs`).

Measured, each in a fresh process (so peak RSS is that configuration's own):
- the full pipeline on 1 process: JSONL read -> clean -> relevance filter ->
  spaCy -> events, with the real gazetteer (loaded before the clock starts);
- the same on Dask LocalClusters of 1 and of `--workers` worker processes
  (workers warmed up first: each loads spaCy and the gazetteer once);
- baselines on the same texts: trafilatura alone (the mixed corpus as HTML
  pages) and spaCy's pipeline alone (nlp.pipe; batch sizes and n_process
  variants as cheap-win candidates).
Figures are printed, never asserted; the machine's load is printed with
them, since other processes share the cores.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"


@dataclass
class Figure:
    name: str
    docs: int
    words: int
    seconds: float
    peak_rss_mb: float
    note: str = ""
    cpu_s: float = 0.0  # CPU time used (all processes of the measurement): robust to a shared machine

    @property
    def docs_per_cpu_s(self) -> float:
        return self.docs / self.cpu_s if self.cpu_s else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (nlp.pipe's n_process)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# --- corpora -----------------------------------------------------------------------------


def attack_records() -> list[dict[str, Any]]:
    """The dev set's reports that have gold events, as JSONL input records."""
    from eventsift.errors import InputError
    from eventsift.ingest import read_inputs

    with_events = {
        g["doc"] for name in ("gold_a.jsonl", "gold_b.jsonl")
        for g in map(json.loads, (DEV / name).read_text("utf-8").splitlines()) if g["events"]
    }
    docs = [d for d in read_inputs([DEV]) if not isinstance(d, InputError) and d.doc_id in with_events]
    return [{"id": d.doc_id, "title": d.title, "text": d.text,
             "published": d.published.isoformat() if d.published else None} for d in docs]


def build_corpora(n_docs: int, attack_share: float, n_attack: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    from eventsift.batch.corpus import non_attack_articles

    reports = attack_records()
    n_reports = round(n_docs * attack_share)
    cycled = [dict(reports[i % len(reports)], id=f"{reports[i % len(reports)]['id']}#{i}") for i in range(n_reports)]
    news = [a.to_record() for a in non_attack_articles(n_docs - n_reports, seed=seed)]
    mixed = cycled + news
    random.Random(seed).shuffle(mixed)
    attack = [dict(reports[i % len(reports)], id=f"{reports[i % len(reports)]['id']}#{i}") for i in range(n_attack)]
    return {"mixed": mixed, "attack": attack}


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def words_of(records: list[dict[str, Any]]) -> int:
    return sum(len(r["text"].split()) for r in records)


# --- measurements (each runs in its own process) ----------------------------------------


def run_pipeline(path: str, name: str) -> Figure:
    """read_inputs + Pipeline.extract_many over a JSONL file, the pipeline loaded first."""
    from eventsift.ingest import read_inputs
    from eventsift.pipeline import Pipeline

    pipeline = Pipeline()
    for warm in read_inputs([path]):  # warm up on the first document
        pipeline.extract(warm)  # type: ignore[arg-type]
        break
    start, cpu = time.perf_counter(), cpu_seconds()
    docs = words = events = 0
    parsed0 = pipeline.stats.parsed
    for doc, found in pipeline.extract_many(d for d in read_inputs([path]) if hasattr(d, "text")):
        docs += 1
        words += len(doc.text.split())
        events += len(found)
    seconds = time.perf_counter() - start
    note = f"{pipeline.stats.parsed - parsed0} parsed, {events} events"
    return Figure(name, docs, words, seconds, peak_rss_mb(), note, cpu_seconds() - cpu)


def run_spacy(texts: list[str], name: str, batch_size: int = 16, n_process: int = 1) -> Figure:
    """spaCy's own pipeline (eventsift's model and line-break rule), nothing else."""
    from eventsift import nlp

    model = nlp.load_pipeline()
    list(model.pipe(texts[:2]))  # warm up
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in model.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return Figure(name, len(texts), words, seconds, peak_rss_mb(), f"batch_size={batch_size}, n_process={n_process}",
                  cpu_seconds() - cpu)


def run_trafilatura(records: list[dict[str, Any]], name: str) -> Figure:
    """trafilatura.bare_extraction on each text as a news page (ingest's settings)."""
    import trafilatura

    from eventsift.batch.corpus import article_html

    pages = [article_html(title=r.get("title") or "", text=r["text"]) for r in records]
    trafilatura.bare_extraction(pages[0], with_metadata=True)  # warm up
    start, cpu = time.perf_counter(), cpu_seconds()
    words = 0
    for page in pages:
        result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
        data = result if isinstance(result, dict) else result.as_dict()
        words += len((data.get("text") or "").split())
    return Figure(name, len(pages), words, time.perf_counter() - start, peak_rss_mb(), "", cpu_seconds() - cpu)


def _warm_worker() -> float:
    from eventsift.batch.worker import pipeline_for

    return pipeline_for(None)[1]


def _worker_usage() -> tuple[float, float]:
    return peak_rss_mb(), cpu_seconds()


def run_dask(path: str, workers: int, partition_size: int, name: str) -> Figure:
    """Partitions of the JSONL file on a LocalCluster with warmed-up workers."""
    from distributed import Client, LocalCluster, wait

    from eventsift.batch.plan import make_plan
    from eventsift.batch.worker import WorkSettings, process_partition

    with tempfile.TemporaryDirectory() as out, LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
        local_directory=out, silence_logs=40,
    ) as cluster, Client(cluster) as client:
        addresses = list(client.scheduler_info()["workers"])
        wait([client.submit(_warm_worker, workers=[a], pure=False) for a in addresses])
        plan = make_plan([path], partition_size)
        work = WorkSettings(str(Path(out) / "run"))
        before = client.run(_worker_usage)
        start, cpu = time.perf_counter(), cpu_seconds()
        reports = client.gather(client.map(process_partition, plan.partitions, settings=work, pure=False))
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        after = client.run(_worker_usage)
    docs = sum(r.documents for r in reports)
    words = sum(r.words for r in reports)
    workers_cpu = sum(after[w][1] - before[w][1] for w in after)
    rss = sorted(round(v[0]) for v in after.values())
    note = (f"{len(plan.partitions)} partitions of {partition_size}; worker peak RSS {rss} MB; "
            f"CPU s: workers {workers_cpu:.1f}, scheduler+client {cpu:.1f}")
    cpu += workers_cpu
    return Figure(name, docs, words, seconds, max(rss), note, cpu)


def in_fresh_process(function: Callable[..., Figure], *args: Any, **kwargs: Any) -> Figure:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args, **kwargs).result()


# --- the run -----------------------------------------------------------------------------


def print_table(figures: list[Figure]) -> None:
    print(f"{'measurement':<38} {'docs':>6} {'words':>9} {'s':>7} {'docs/s':>8} {'words/s':>9} "
          f"{'CPU s':>7} {'docs/CPU-s':>10} {'peak RSS MB':>11}  note")
    for f in figures:
        print(f"{f.name:<38} {f.docs:>6} {f.words:>9} {f.seconds:>7.2f} {f.docs_per_s:>8.1f} "
              f"{f.words_per_s:>9.0f} {f.cpu_s:>7.2f} {f.docs_per_cpu_s:>10.1f} {f.peak_rss_mb:>11.0f}  {f.note}")


def print_goals(by: dict[str, Figure], workers: int) -> None:
    mixed, attack = by["pipeline, mixed, 1 process"], by["pipeline, attack, 1 process"]
    spacy_attack = by["spaCy alone, attack"]
    print("\ngoals (issue #6):")
    print(f"  mixed corpus >= 100 docs/s:            {mixed.docs_per_s:.1f} docs/s on 1 process", end="")
    if f"pipeline, mixed, dask {workers} workers" in by:
        print(f"; {by[f'pipeline, mixed, dask {workers} workers'].docs_per_s:.1f} on {workers} Dask workers")
    else:
        print()
    print(f"  all-attack corpus >= 20 docs/s:        {attack.docs_per_s:.1f} docs/s on 1 process", end="")
    if f"pipeline, attack, dask {workers} workers" in by:
        print(f"; {by[f'pipeline, attack, dask {workers} workers'].docs_per_s:.1f} on {workers} Dask workers")
    else:
        print()
    ratio = (attack.seconds / attack.docs) / (spacy_attack.seconds / spacy_attack.docs)
    print(f"  pipeline <= 1.5x spaCy alone (attack): {ratio:.2f}x the time per document")
    if "spaCy alone, mixed sample" in by:
        s = by["spaCy alone, mixed sample"]
        print(f"  (mixed: the pipeline takes {(mixed.seconds / mixed.docs) / (s.seconds / s.docs):.2f}x spaCy's time per document, thanks to the filter)")
    one, many = by.get("pipeline, mixed, dask 1 worker"), by.get(f"pipeline, mixed, dask {workers} workers")
    if one and many:
        print(f"  {workers} Dask workers >= 1.7x one:          {many.docs_per_s / one.docs_per_s:.2f}x (mixed)", end="")
        one_a, many_a = by.get("pipeline, attack, dask 1 worker"), by.get(f"pipeline, attack, dask {workers} workers")
        print(f", {many_a.docs_per_s / one_a.docs_per_s:.2f}x (attack)" if one_a and many_a else "")
        print(f"  peak RSS per worker < 1.5 GB:          {many.peak_rss_mb:.0f} MB")
        print(f"  CPU per document, {workers} workers / 1:       {(many.cpu_s / many.docs) / (one.cpu_s / one.docs):.2f} "
              f"(1.00: the workers add no work; their wall-clock speed-up is then bounded by the free cores)")
    print("\nload-independent (docs per CPU-second; the machine is shared):")
    print(f"  mixed, 1 process: {mixed.docs_per_cpu_s:.1f}; attack, 1 process: {attack.docs_per_cpu_s:.1f}; "
          f"spaCy alone, attack: {spacy_attack.docs_per_cpu_s:.1f}")
    print(f"  pipeline / spaCy CPU time per document (attack): "
          f"{(attack.cpu_s / attack.docs) / (spacy_attack.cpu_s / spacy_attack.docs):.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the mixed corpus")
    parser.add_argument("--attack-share", type=float, default=0.1)
    parser.add_argument("--attack-docs", type=int, default=150, help="documents in the all-attack corpus")
    parser.add_argument("--spacy-sample", type=int, default=150, help="mixed documents spaCy alone parses")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="skip the Dask runs and the spaCy variants")
    parser.add_argument("--only", help="run only the measurements whose name contains this")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    corpora = build_corpora(args.docs, args.attack_share, args.attack_docs, args.seed)
    mixed, attack = corpora["mixed"], corpora["attack"]
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    print(f"mixed corpus: {len(mixed)} docs, {words_of(mixed):,} words "
          f"({sum('#' in r['id'] for r in mixed)} attack reports); "
          f"attack corpus: {len(attack)} docs, {words_of(attack):,} words\n")
    sample = random.Random(args.seed).sample(mixed, min(args.spacy_sample, len(mixed)))
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        mixed_path = str(write_jsonl(mixed, Path(tmp) / "mixed.jsonl"))
        attack_path = str(write_jsonl(attack, Path(tmp) / "attack.jsonl"))
        plan: list[tuple[Callable[..., Figure], tuple[Any, ...], dict[str, Any]]] = [
            (run_trafilatura, (mixed, "trafilatura alone, mixed (HTML)"), {}),
            (run_spacy, ([r["text"] for r in sample], "spaCy alone, mixed sample"), {}),
            (run_spacy, ([r["text"] for r in attack], "spaCy alone, attack"), {}),
            (run_pipeline, (mixed_path, "pipeline, mixed, 1 process"), {}),
            (run_pipeline, (attack_path, "pipeline, attack, 1 process"), {}),
        ]
        if not args.quick:
            texts = [r["text"] for r in attack]
            plan += [
                (run_spacy, (texts, "spaCy alone, attack, batch 64"), {"batch_size": 64}),
                (run_spacy, (texts, "spaCy alone, attack, batch 256"), {"batch_size": 256}),
                (run_spacy, (texts, f"spaCy alone, attack, n_process {args.workers}"), {"n_process": args.workers}),
                (run_dask, (mixed_path, 1, args.partition_size, "pipeline, mixed, dask 1 worker"), {}),
                (run_dask, (mixed_path, args.workers, args.partition_size,
                            f"pipeline, mixed, dask {args.workers} workers"), {}),
                (run_dask, (attack_path, 1, max(10, args.attack_docs // 10), "pipeline, attack, dask 1 worker"), {}),
                (run_dask, (attack_path, args.workers, max(10, args.attack_docs // 10),
                            f"pipeline, attack, dask {args.workers} workers"), {}),
            ]
        for function, fargs, kwargs in plan:
            if args.only and args.only not in fargs[-1]:
                continue
            figure = in_fresh_process(function, *fargs, **kwargs)
            figures.append(figure)
            print(f"  {figure.name}: {figure.docs_per_s:.1f} docs/s", file=sys.stderr, flush=True)
    print()
    print_table(figures)
    if not args.only:
        print_goals({f.name: f for f in figures}, args.workers)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps([{**asdict(f), "docs_per_s": f.docs_per_s, "words_per_s": f.words_per_s,
                                          "docs_per_cpu_s": f.docs_per_cpu_s}
                                         for f in figures], indent=1), "utf-8")


if __name__ == "__main__":
    main()
