"""Property tests: whatever bytes arrive, reading yields Documents or one-line InputErrors.

Hypothesis generates raw bytes, text in several encodings, tag soup and
JSONL lines of any JSON value; the readers must never raise anything
else, and what they yield must keep the contract: errors on one line
naming the input, documents English, within the limits, free of control
characters. Derandomized, so CI runs the same examples each time (the soak
benchmark fuzzes with fresh seeds: EVENTSIFT_FUZZ_EXAMPLES).
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventsift.errors import InputError
from eventsift.ingest import DEFAULT_MAX_CHARS, document_from_html, read_inputs
from eventsift.ingest.decode import decode_bytes
from eventsift.records import Document
from hostile_corpus import ATTACK, SECOND

# EVENTSIFT_FUZZ_EXAMPLES=N: N fresh random examples per test instead (benchmarks/soak.py sets it)
EXAMPLES = int(os.environ.get("EVENTSIFT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 120, deadline=None, derandomize=not EXAMPLES, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CONTROL_CHARS = {chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), *range(127, 160))} | {
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json", ".jsonl.gz", ".warc", ".warc.gz", ".md", "")
ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "koi8-r", "shift_jis")
TAGS = ("<html>", "</html>", "<body>", "<article>", "</article>", "<p>", "</p>", "<div>", "</div>",
        "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<title>", "</title>",
        "<img src=x onerror=alert(1)>", "<a href='javascript:x'>", "&amp;", "&#0;", "&#xD800;",
        "&nbsp;", "<br/>", "<table><tr><td>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "\x00", "\ufeff")

encoded_text = st.tuples(st.text(max_size=600), st.sampled_from(ENCODINGS)).map(
    lambda pair: pair[0].encode(pair[1], errors="ignore"))
tag_soup = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=40),
                              st.sampled_from((ATTACK, SECOND))), max_size=60).map("".join)
MAGIC = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x1f\x8b", b"WARC/1.0\r\n")  # BOMs, gzip, WARC
any_bytes = st.one_of(st.binary(max_size=3000), encoded_text,
                      tag_soup.map(lambda s: s.encode("utf-8", "surrogatepass")),
                      st.tuples(st.sampled_from(MAGIC), st.binary(max_size=2000)).map(b"".join))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=80)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
report_records = st.fixed_dictionaries(
    {"text": st.one_of(st.just(f"{ATTACK} {SECOND}"), st.text(max_size=300))},
    optional={"id": json_values, "url": json_values, "title": json_values, "published": json_values,
              "html": st.one_of(st.none(), tag_soup)})
jsonl_line = st.one_of(json_values.map(json.dumps), report_records.map(json.dumps),
                       st.binary(max_size=200).filter(lambda b: b"\n" not in b).map(lambda b: b.decode("latin-1")))


def assert_contract(item: Document | InputError, name: str) -> None:
    if isinstance(item, InputError):
        message = str(item)
        assert "\n" not in message and "\r" not in message and not CONTROL_CHARS & set(message), message
        assert message.startswith(name) and item.reason, message
        return
    assert isinstance(item, Document) and item.language == "en"
    assert len(item.text) <= DEFAULT_MAX_CHARS and len(item.text.strip()) >= 20
    for value in (item.text, item.doc_id, item.title or "", item.outlet or "", item.url or ""):
        assert not CONTROL_CHARS & set(value), repr(value)
    for value in (item.doc_id, item.title or "", item.url or ""):
        assert "\n" not in value


@FUZZ
@given(data=any_bytes)
def test_decoding_any_bytes_gives_text_or_a_named_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "input.bin")
    except InputError as error:
        assert str(error).startswith("input.bin: ") and "\n" not in str(error)
    else:
        assert isinstance(text, str) and text.strip()


@FUZZ
@given(data=any_bytes, suffix=st.sampled_from(SUFFIXES))
def test_reading_any_file_yields_documents_or_one_line_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([path]))
    if suffix not in (".jsonl", ".json", ".jsonl.gz", ".warc", ".warc.gz"):
        assert len(items) == 1  # one file, one outcome
    for item in items:
        assert_contract(item, str(path))


@FUZZ
@given(lines=st.lists(jsonl_line, max_size=12))
def test_every_jsonl_line_has_exactly_one_outcome(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
        items = list(read_inputs([path]))
    numbered = [n for n, line in enumerate("\n".join(lines).split("\n"), start=1)
                if line.encode("utf-8", "surrogatepass").strip()]
    assert len(items) == len(numbered)
    for number, item in zip(numbered, items):
        assert_contract(item, f"{path}:{number}" if isinstance(item, InputError) else "")


@FUZZ
@given(page=tag_soup)
def test_tag_soup_gives_a_document_or_a_named_error(page: str) -> None:
    try:
        doc = document_from_html(page, "soup.html", "soup.html")
    except InputError as error:
        assert_contract(error, "soup.html")
    else:
        assert_contract(doc, "soup.html")
