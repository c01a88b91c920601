"""Planning a batch run: inputs cut into partitions of about N records.

A *record* is one line of a JSONL file (blank lines included, so line
numbers stay those of the file), one record of a WARC file, or one plain
text/HTML file. Planning counts them, and notes where each begins in
plain JSONL and in WARC files, so a partition's reader seeks straight to
its first record (a gzipped JSONL file is read from its start). A partition is a list of slices — (file, first record,
end record) — so a large file spreads over several partitions and many
small files share one. The plan depends only on the inputs and the
partition size, and is saved as `manifest.json` in the output folder, so
a rerun finds the same partitions (and skips the finished ones).
"""
from __future__ import annotations

import gzip
import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from eventsift.errors import EventsiftError, InputError
from eventsift.ingest import iter_files

SliceKind = Literal["jsonl", "warc", "file"]
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json")  # as eventsift.ingest.readers.read_file
WARC_SUFFIXES = (".warc", ".warc.gz")
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


class BatchError(EventsiftError):
    """A batch run cannot start or go on (e.g. its output folder holds another run)."""


@dataclass(frozen=True)
class Slice:
    """Records [start, stop) of one input file; record `start` begins at byte `offset`.

    offset 0 with start > 0 means the file cannot be entered mid-way (a
    gzipped JSONL file): the reader skips the first `start` records.
    """

    path: str
    kind: SliceKind
    start: int
    stop: int
    offset: int = 0

    @property
    def records(self) -> int:
        return self.stop - self.start


@dataclass(frozen=True)
class Partition:
    index: int
    slices: tuple[Slice, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    @property
    def records(self) -> int:
        return sum(s.records for s in self.slices)


@dataclass(frozen=True)
class Plan:
    partitions: tuple[Partition, ...]
    errors: tuple[InputError, ...]  # inputs that could not even be counted
    inputs: tuple[str, ...]
    partition_size: int
    fingerprint: tuple[tuple[str, int, int], ...]  # (file, size, mtime_ns) of every file read


def kind_of(path: Path) -> SliceKind:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return "file"


Offsets = Sequence[int] | None  # byte offset of each record, when the file can be entered there


def count_lines(path: Path) -> tuple[int, Offsets]:
    """Lines of a text file and where each begins (a gzipped file: the count only)."""
    if path.name.lower().endswith(".gz"):
        count, last = 0, b"\n"
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk[-1:]
        return count + (last != b"\n"), None
    starts = array("q", [0])
    position = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            found = chunk.find(b"\n")
            while found != -1:
                starts.append(position + found + 1)
                found = chunk.find(b"\n", found + 1)
            position += len(chunk)
    if starts[-1] == position:  # the file ends with a newline: no line starts there
        starts.pop()
    return len(starts) if position else 0, starts


def count_warc_records(path: Path) -> tuple[int, Offsets]:
    """Records of a WARC file and their offsets (each record of a .warc.gz is its own gzip member)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        offsets = array("q", (iterator.get_record_offset() for _ in iterator))
    return len(offsets), offsets


def count_records(path: Path, kind: SliceKind) -> tuple[int, Offsets]:
    """How many records a file holds (and where); InputError when it cannot be read at all."""
    try:
        if kind == "jsonl":
            return count_lines(path)
        if kind == "warc":
            return count_warc_records(path)
        return 1, None
    except (OSError, EOFError, ValueError) as exc:  # gzip.BadGzipFile is an OSError
        raise InputError(str(path), f"cannot read ({str(exc)[:80]})") from None
    except Exception as exc:  # warcio's ArchiveLoadFailed and other reader failures
        raise InputError(str(path), f"not a readable WARC file ({str(exc)[:80]})") from None


def _slices(paths: Iterable[str | Path], errors: list[InputError],
            fingerprint: list[tuple[str, int, int]]) -> Iterator[tuple[Slice, Offsets]]:
    """One slice per readable file, covering all its records, with the records' offsets."""
    for path in iter_files(paths):
        if isinstance(path, InputError):
            errors.append(path)
            continue
        kind = kind_of(path)
        try:
            records, offsets = count_records(path, kind)
        except InputError as error:
            errors.append(error)
            continue
        stat = path.stat()
        fingerprint.append((str(path), stat.st_size, stat.st_mtime_ns))
        if records:
            yield Slice(str(path), kind, 0, records), offsets


def pack(slices: Iterable[tuple[Slice, Offsets]], partition_size: int) -> list[Partition]:
    """Cut slices into partitions of `partition_size` records (the last may be smaller)."""
    if partition_size < 1:
        raise BatchError(f"partition size must be at least 1 (got {partition_size})")
    partitions: list[Partition] = []
    current: list[Slice] = []
    room = partition_size
    for whole, offsets in slices:
        start = whole.start
        while start < whole.stop:
            take = min(room, whole.stop - start)
            offset = offsets[start] if offsets is not None else 0
            current.append(Slice(whole.path, whole.kind, start, start + take, offset))
            start += take
            room -= take
            if room == 0:
                partitions.append(Partition(len(partitions), tuple(current)))
                current, room = [], partition_size
    if current:
        partitions.append(Partition(len(partitions), tuple(current)))
    return partitions


def make_plan(paths: Iterable[str | Path], partition_size: int) -> Plan:
    inputs = tuple(str(p) for p in paths)
    errors: list[InputError] = []
    fingerprint: list[tuple[str, int, int]] = []
    partitions = pack(_slices(inputs, errors, fingerprint), partition_size)
    return Plan(tuple(partitions), tuple(errors), inputs, partition_size, tuple(fingerprint))


# --- the manifest ----------------------------------------------------------------------


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return {
        "version": MANIFEST_VERSION,
        "inputs": list(plan.inputs),
        "partition_size": plan.partition_size,
        "files": [list(f) for f in plan.fingerprint],
        "errors": [{"source": e.source, "reason": e.reason} for e in plan.errors],
        "partitions": [{"name": p.name, "slices": [asdict(s) for s in p.slices]} for p in plan.partitions],
    }


def plan_from_json(data: dict[str, Any]) -> Plan:
    partitions = tuple(
        Partition(i, tuple(Slice(**s) for s in p["slices"])) for i, p in enumerate(data["partitions"])
    )
    return Plan(
        partitions=partitions,
        errors=tuple(InputError(e["source"], e["reason"]) for e in data.get("errors", [])),
        inputs=tuple(data["inputs"]),
        partition_size=int(data["partition_size"]),
        fingerprint=tuple((f[0], int(f[1]), int(f[2])) for f in data.get("files", [])),
    )


def _unchanged(plan: Plan) -> bool:
    for name, size, mtime in plan.fingerprint:
        try:
            stat = Path(name).stat()
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            return False
    return True


def load_or_make_plan(out_dir: Path, paths: Iterable[str | Path], partition_size: int) -> tuple[Plan, bool]:
    """The run's plan: the saved one when this folder holds the same run, else a new one.

    Returns (plan, resumed). A folder holding a run of other inputs, another
    partition size, or inputs changed since, is refused: its partitions
    would not match.
    """
    inputs = tuple(str(p) for p in paths)
    manifest = out_dir / MANIFEST
    if manifest.is_file():
        try:
            saved = plan_from_json(json.loads(manifest.read_text("utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise BatchError(f"{manifest}: unreadable manifest ({exc}); use another --out or --fresh") from None
        if saved.inputs != inputs or saved.partition_size != partition_size:
            raise BatchError(
                f"{out_dir} holds a run of other inputs or another partition size; "
                "use another --out, or --fresh to start it over"
            )
        if not _unchanged(saved):
            raise BatchError(f"inputs changed since {out_dir} was started; use another --out or --fresh")
        return saved, True
    plan = make_plan(inputs, partition_size)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json_atomic(manifest, plan_to_json(plan))
    return plan, False


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON under a temporary name, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    tmp.replace(path)
