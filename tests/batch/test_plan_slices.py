"""Planning partitions and reading slices: the same documents as eventsift.ingest, cut anywhere."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batch_helpers import write_inputs, write_jsonl_gz, write_warc
from eventsift.batch.plan import (
    BatchError, Slice, load_or_make_plan, make_plan, pack, plan_from_json, plan_to_json,
)
from eventsift.batch.slices import read_slice
from eventsift.errors import InputError
from eventsift.ingest import read_inputs


def _key(item: object) -> tuple:
    if isinstance(item, InputError):
        return ("error", item.source, item.reason)
    return ("doc", item.doc_id, item.source, item.text, item.title, item.published, item.url)  # type: ignore[attr-defined]


def _read_plan(paths: list[Path], size: int) -> list[tuple]:
    plan = make_plan(paths, size)
    items = [_key(e) for e in plan.errors]
    for partition in plan.partitions:
        assert partition.records <= size
        for part in partition.slices:
            items.extend(_key(i) for i in read_slice(part))
    return items


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    write_inputs(folder)
    texts = ["Markets rose on Monday as investors cheered the data.",
             "A rocket attack hit Mosul on Monday, killing two civilians."]
    write_jsonl_gz(folder / "more.jsonl.gz", [{"id": f"g{i}", "text": t} for i, t in enumerate(texts)])
    write_warc(folder / "crawl.warc.gz", [(f"https://news.example.org/{i}", t) for i, t in enumerate(texts)])
    return folder


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_slices_read_what_ingest_reads(inputs: Path, size: int) -> None:
    expected = [_key(i) for i in read_inputs([inputs])]
    assert _read_plan([inputs], size) == expected
    assert sum(k[0] == "doc" for k in expected) >= 14


def test_warc_records_are_counted_and_sliced(inputs: Path) -> None:
    plan = make_plan([inputs / "crawl.warc.gz"], 2)
    assert sum(p.records for p in plan.partitions) == 5  # 2 x (request, response) + a PNG response
    docs = [i for p in plan.partitions for s in p.slices for i in read_slice(s)]
    assert [d.url for d in docs] == ["https://news.example.org/0", "https://news.example.org/1"]
    assert docs[0].source.endswith("crawl.warc.gz#2")


def test_plain_files_are_entered_at_their_slice_gzipped_jsonl_is_skipped_through(inputs: Path) -> None:
    plan = make_plan([inputs], 3)
    later = [s for p in plan.partitions for s in p.slices if s.start > 0]
    assert {Path(s.path).name for s in later} == {"feed.jsonl", "crawl.warc.gz"}  # more.jsonl.gz has 2 lines
    for part in later:
        assert part.offset > 0
        with open(part.path, "rb") as handle:
            handle.seek(part.offset - 1)
            before, first = handle.read(1), handle.read(2)
        if part.kind == "jsonl":
            assert before == b"\n"  # a line starts there
        else:
            assert first == b"\x1f\x8b"  # a gzip member (one WARC record) starts there
    gz = make_plan([inputs / "more.jsonl.gz"], 1)
    assert [(s.start, s.offset) for p in gz.partitions for s in p.slices] == [(0, 0), (1, 0)]


def test_missing_and_broken_inputs_are_planning_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl.gz").write_bytes(b"not gzip at all")
    plan = make_plan([tmp_path / "nope.jsonl", tmp_path / "bad.jsonl.gz"], 10)
    assert plan.partitions == ()
    assert [e.reason.split(" (")[0] for e in plan.errors] == ["no such file or folder", "cannot read"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=9), max_size=8), st.integers(min_value=1, max_value=6))
def test_pack_covers_every_record_once(sizes: list[int], size: int) -> None:
    slices = [Slice(f"f{i}", "jsonl", 0, n) for i, n in enumerate(sizes) if n]
    partitions = pack([(s, None) for s in slices], size)
    covered = [(s.path, r) for p in partitions for s in p.slices for r in range(s.start, s.stop)]
    assert covered == [(s.path, r) for s in slices for r in range(s.stop)]
    assert all(p.records == size for p in partitions[:-1])
    assert [p.index for p in partitions] == list(range(len(partitions)))


def test_pack_refuses_a_zero_size() -> None:
    with pytest.raises(BatchError):
        pack([], 0)


def test_manifest_round_trip_and_resume(inputs: Path, tmp_path: Path) -> None:
    plan, resumed = load_or_make_plan(tmp_path, [inputs], 4)
    assert not resumed
    assert plan_from_json(json.loads(json.dumps(plan_to_json(plan)))) == plan
    again, resumed = load_or_make_plan(tmp_path, [inputs], 4)
    assert resumed and again == plan
    with pytest.raises(BatchError, match="other inputs"):
        load_or_make_plan(tmp_path, [inputs], 5)


def test_changed_inputs_are_refused(tmp_path: Path) -> None:
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text('{"text": "one"}\n', "utf-8")
    load_or_make_plan(tmp_path / "out", [feed], 4)
    feed.write_text('{"text": "one"}\n{"text": "two"}\n', "utf-8")
    with pytest.raises(BatchError, match="changed"):
        load_or_make_plan(tmp_path / "out", [feed], 4)
