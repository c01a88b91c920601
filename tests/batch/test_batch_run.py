"""`eventsift batch` end to end on a few documents: local and Dask engines, restart, outputs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import batch_helpers
from batch_helpers import ATTACK, TESTS, fake_pipeline, failing_pipeline, write_inputs
from eventsift.batch import BatchError, run_batch
from eventsift.batch.merge import INCIDENT_SCHEMA, LINK_SCHEMA, MEMBER_SCHEMA
from eventsift.batch.tables import DOCUMENT_SCHEMA, EVENT_SCHEMA, event_from_row
from eventsift.cli import main


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("in")
    return folder, write_inputs(folder)


@pytest.fixture(scope="module")
def local_run(inputs: tuple[Path, dict[str, int]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("local") / "out"
    report = run_batch([inputs[0]], out, engine="local", partition_size=4, pipeline_factory=fake_pipeline)
    return out, report


def _events(out: Path) -> list[dict]:
    rows = [r for f in sorted((out / "events").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    return sorted(rows, key=lambda r: r["event_key"])


def test_report_counts_documents_events_and_errors(inputs, local_run) -> None:  # type: ignore[no-untyped-def]
    _folder, expected = inputs
    _out, report = local_run
    assert report["records"] == expected["records"]
    assert report["documents"] == expected["documents"]
    assert report["partitions"] == {"total": 4, "run": 4, "resumed": 0, "failed": []}
    assert report["errors"]["errors"] == expected["errors"]
    assert set(report["errors"]["by_reason"]) == {"error: malformed JSON", "error: binary data, not a text or HTML report"}
    assert {e["source"].rsplit("/", 1)[-1] for e in report["errors"]["items"]} == {"feed.jsonl:3", "zz_binary.txt"}
    assert 0 < report["parsed"] < report["documents"]  # the synthetic news is filtered out
    assert report["events"] >= 4
    assert {"plan_s", "partitions_s", "merge_s", "total_s", "worker_extract_s"} <= set(report["timings"])
    assert json.loads((_out / "run_report.json").read_text("utf-8")) == report


def test_parquet_files_have_the_documented_schemas(local_run) -> None:  # type: ignore[no-untyped-def]
    out, _report = local_run
    parts = sorted(p.stem for p in (out / "reports").glob("*.json"))
    assert parts == ["part-00000", "part-00001", "part-00002", "part-00003"]
    for name in parts:
        assert pq.read_schema(out / "events" / f"{name}.parquet") == EVENT_SCHEMA
        assert pq.read_schema(out / "documents" / f"{name}.parquet") == DOCUMENT_SCHEMA
    for name, schema in (("incidents", INCIDENT_SCHEMA), ("members", MEMBER_SCHEMA), ("links", LINK_SCHEMA)):
        assert pq.read_schema(out / "incidents" / f"{name}.parquet") == schema
    assert not list(out.rglob("*.tmp"))


def test_every_column_is_documented() -> None:
    doc = (TESTS.parent / "docs" / "batch.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `(\w+)`", doc, re.MULTILINE))
    for schema in (EVENT_SCHEMA, DOCUMENT_SCHEMA, INCIDENT_SCHEMA, MEMBER_SCHEMA, LINK_SCHEMA):
        assert set(schema.names) <= documented, set(schema.names) - documented


def test_events_are_the_pipelines_events(inputs, local_run) -> None:  # type: ignore[no-untyped-def]
    from eventsift.ingest import read_inputs

    out, _report = local_run
    pipeline = fake_pipeline()
    docs = [d for d in read_inputs([inputs[0]]) if hasattr(d, "text")]
    direct = sorted((e.to_contract() for _d, found in pipeline.extract_many(docs) for e in found),
                    key=lambda r: (r["doc"], r["event_id"]))
    stored = sorted((event_from_row(r).to_contract() for r in _events(out)), key=lambda r: (r["doc"], r["event_id"]))
    assert stored == direct
    documents = [r for f in sorted((out / "documents").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    assert len(documents) == len(docs)
    assert sum(r["events"] for r in documents) == len(stored)
    assert all(r["relevant"] for r in documents if r["events"])


def test_rerun_skips_complete_partitions(inputs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    first = run_batch([inputs[0]], out, engine="local", partition_size=4, pipeline_factory=fake_pipeline)
    kept = out / "events" / "part-00000.parquet"
    before = kept.stat().st_mtime_ns
    (out / "reports" / "part-00002.json").unlink()  # as if the run had died while writing part 2
    second = run_batch([inputs[0]], out, engine="local", partition_size=4, pipeline_factory=fake_pipeline)
    assert second["partitions"]["run"] == 1 and second["partitions"]["resumed"] == 3
    assert second["resumed"] is True
    assert kept.stat().st_mtime_ns == before
    for key in ("documents", "events", "records", "parsed"):
        assert second[key] == first[key]
    with pytest.raises(BatchError, match="other inputs"):
        run_batch([inputs[0]], out, engine="local", partition_size=3, pipeline_factory=fake_pipeline)
    third = run_batch([inputs[0]], out, engine="local", partition_size=3, fresh=True, pipeline_factory=fake_pipeline)
    assert third["partitions"]["run"] == third["partitions"]["total"] == 5


def test_a_document_the_pipeline_fails_on_is_reported_not_fatal(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": i, "text": ATTACK}) for i in ("ok-1", "boom-2", "ok-3")) + "\n")
    report = run_batch([feed], tmp_path / "out", engine="local", pipeline_factory=failing_pipeline)
    assert report["documents"] == 2
    assert report["errors"]["by_reason"] == {"error: extraction failed": 1}
    assert report["errors"]["items"][0]["source"].endswith("feed.jsonl:2")


def test_a_document_over_the_character_limit_is_refused_by_name(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "short", "text": ATTACK}) + "\n"
                    + json.dumps({"id": "long", "text": ATTACK * 20}) + "\n")
    report = run_batch([feed], tmp_path / "out", engine="local", max_chars=len(ATTACK) * 5,
                       pipeline_factory=fake_pipeline)
    assert report["documents"] == 1
    [item] = report["errors"]["items"]
    assert item["source"].endswith("feed.jsonl:2") and "characters" in item["reason"]


def test_the_same_attack_in_two_partitions_is_one_incident(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [{"id": f"r{i}", "url": f"https://outlet{i}.example.org/story", "published": "2024-03-05",
                "text": ATTACK} for i in range(2)]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    report = run_batch([feed], tmp_path / "out", engine="local", partition_size=1, pipeline_factory=fake_pipeline)
    assert report["partitions"]["total"] == 2 and report["events"] == 2
    assert report["incidents"]["incidents"] == 1
    incident = pq.read_table(tmp_path / "out" / "incidents" / "incidents.parquet").to_pylist()[0]
    assert incident["n_sources"] == 2 and incident["location_name"] == "Mosul" and incident["date"] == "2024-03-04"


def test_dask_engine_with_one_worker_gives_the_local_output(inputs, local_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, local = local_run
    report = run_batch([inputs[0]], tmp_path / "dask", engine="dask", workers=1, partition_size=4,
                       pipeline_factory=fake_pipeline)
    assert report["workers"] == 1 and "cluster_start_s" in report["timings"]
    for key in ("documents", "events", "parsed", "records", "incidents"):
        assert report[key] == local[key]
    strip = [{k: v for k, v in r.items()} for r in _events(out)]
    assert _events(tmp_path / "dask") == strip
    workers = {json.loads(p.read_text())["worker"] for p in (tmp_path / "dask" / "reports").glob("*.json")}
    assert len(workers) == 1


def test_cli_batch_runs_and_resumes(inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eventsift.batch.worker.default_pipeline", batch_helpers.fake_pipeline)
    out = tmp_path / "out"
    args = ["batch", str(inputs[0]), str(tmp_path / "missing.jsonl"), "--out", str(out), "--engine", "local",
            "--partition-size", "5", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output  # missing.jsonl named, the rest processed
    assert "planned 3 partitions" in result.output
    assert "1 × error: no such file or folder" in result.output
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 2 and "0 partitions run, 3 resumed" in again.output


def test_cli_exit_code_when_nothing_could_be_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o"),
                                       "--engine", "local", "-q"])
    assert result.exit_code == 1
    refused = CliRunner().invoke(main, ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--engine", "local",
                                        "--scheduler", "tcp://127.0.0.1:1"])
    assert refused.exit_code == 1 and "--scheduler needs --engine dask" in refused.output
