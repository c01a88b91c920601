"""Inputs and a pipeline for batch tests (importable by Dask worker processes too)."""
from __future__ import annotations

import gzip
import io
import json
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from eventsift.batch.corpus import article_html, non_attack_articles
from eventsift.records import Place

if TYPE_CHECKING:
    from eventsift.pipeline import Pipeline

TESTS = Path(__file__).resolve().parent.parent
DEV = TESTS / "data" / "dev"


def _root_conftest() -> ModuleType:
    """tests/conftest.py by its path: other folders have a conftest.py too, and a Dask
    worker process sees them all on sys.path."""
    name = "eventsift_tests_root_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TESTS / "conftest.py")
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


FakePlaces = _root_conftest().FakePlaces

PLACES = {
    "Mosul": Place("Mosul", 36.34, 43.12, "IQ", "Nineveh", 99072, 1, "city"),
    "Kabul": Place("Kabul", 34.53, 69.17, "AF", "Kabul", 1138958, 1, "city"),
    "Baghdad": Place("Baghdad", 33.34, 44.4, "IQ", "Baghdad", 98182, 1, "city"),
    "Kherson": Place("Kherson", 46.64, 32.61, "UA", "Kherson", 706448, 1, "city"),
}

ATTACK = ("A rocket attack hit a market in Mosul on Monday, killing two civilians and wounding five, "
          "police officials said.")

DEV_REPORTS = ("a_01_kabul-mortars-airport.txt", "a_12_abu-ghraib-ied-bus.txt",
               "b_04_kherson-shelling-bilozerka.txt", "b_16_under11s-football-match-report.txt")


def fake_pipeline() -> Pipeline:
    """The real pipeline with a place service that knows only PLACES (no gazetteer build)."""
    from eventsift.pipeline import Pipeline

    return Pipeline(places=FakePlaces(PLACES))


def failing_pipeline() -> Pipeline:
    """A pipeline that fails on documents whose id contains 'boom'."""
    from eventsift.pipeline import Pipeline

    class Failing(Pipeline):
        def events_from_parse(self, doc, parse):  # type: ignore[no-untyped-def]
            if "boom" in doc.doc_id:
                raise RuntimeError("parser exploded")
            return super().events_from_parse(doc, parse)

    return Failing(places=FakePlaces(PLACES))


def write_inputs(folder: Path) -> dict[str, int]:
    """A JSONL file (dev reports, news, a bad line, a blank line), a text report, a binary file.

    Returns the expected counts: records, documents, errors.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": name, "text": (DEV / name).read_text("utf-8")}) for name in DEV_REPORTS]
    lines += [json.dumps(a.to_record()) for a in non_attack_articles(5, seed=3)]
    lines.insert(2, "{not json")
    lines.insert(4, "")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "report.txt").write_text("Mosul attack\n\n" + ATTACK + "\n", "utf-8")
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return {"records": len(lines) + 2, "documents": len(DEV_REPORTS) + 5 + 1, "errors": 2}


def write_jsonl_gz(path: Path, records: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A WARC with one HTML response per (url, text), a request record and a non-HTML response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, text in pages:
            page = article_html(title=text.split(".")[0], text=text).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page),
                                                          http_headers=headers))
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=png))
