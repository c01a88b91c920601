"""The readers' limits and defences, on the library: sizes, lines, records, encodings, scripts."""
from __future__ import annotations

import gzip
import os
import tracemalloc
from pathlib import Path

import pytest

from eventsift.errors import InputError, SkippedInput
from eventsift.ingest import DEFAULT_MAX_CHARS, document_from_html, document_from_text, read_inputs
from eventsift.ingest.controls import printable_name, strip_controls
from eventsift.ingest.decode import decode_bytes, utf16_without_bom
from eventsift.ingest.language import is_english
from eventsift.records import Document
from hostile_corpus import ATTACK, SECOND


def read_all(*paths: Path, **limits: int) -> list[Document | InputError]:
    return list(read_inputs(paths, **limits))


def warc_record(uri: str | None, body: bytes, content_type: str = "text/html") -> bytes:
    """One WARC response record, written by hand (no clock, no random ids)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n\r\n" + body
    target = f"WARC-Target-URI: {uri}\r\n".encode() if uri else b""
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n" + target
            + b"WARC-Date: 2024-10-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            + f"Content-Length: {len(http)}\r\n\r\n".encode())
    return head + http + b"\r\n\r\n"


def test_text_over_the_character_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text((ATTACK + " ") * 200)
    [error] = read_all(path, max_chars=5_000)
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: text too long (") and "limit 5,000" in str(error)
    [doc] = read_all(path)
    assert isinstance(doc, Document) and len(doc.text) < DEFAULT_MAX_CHARS


@pytest.mark.parametrize("make", [
    lambda text: document_from_text(text, "post", "POST /api/documents post", max_chars=1_000),
    lambda text: document_from_html(f"<html><body><article><p>{text}</p></article></body></html>", "post",
                                    "POST /api/documents post", max_chars=1_000),
])
def test_every_reader_applies_the_character_limit(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="text too long"):
        make(" ".join(f"{ATTACK} Bulletin {i}." for i in range(40)))


def test_an_overlong_jsonl_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"id": "a", "text": "' + ATTACK.encode() + b'"}\n')
        handle.write(b'{"id": "huge", "text": "' + b"x" * (30 * 1024 * 1024) + b'"}\n')
        handle.write(b'{"id": "c", "text": "' + SECOND.encode() + b' A rocket hit a depot."}\n')
    tracemalloc.start()
    try:
        items = read_all(path, max_bytes=1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [getattr(i, "doc_id", None) for i in items] == ["a", None, "c"]
    assert str(items[1]) == f"{path}:2: line too long (over 1,048,576 bytes; raise --max-bytes)"
    assert peak < 8 * 1024 * 1024, peak  # the 30 MB line never sat in memory


def test_a_gzip_bomb_line_is_cut_at_the_byte_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "' + b"A" * (64 * 1024 * 1024) + b'"}\n', mtime=0))
    assert path.stat().st_size < 200_000
    [error] = read_all(path, max_bytes=2 * 1024 * 1024)
    assert isinstance(error, InputError) and "line too long" in str(error)


def test_a_broken_warc_record_is_one_error_after_the_good_ones(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{ATTACK}</p></article></body></html>"
    good = warc_record("https://example.com/a", page.encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(good + warc_record(None, b"<html><body><p>no target</p></body></html>"))
    items = read_all(path)
    assert isinstance(items[0], Document) and items[0].url == "https://example.com/a"
    assert len(items) == 2 and isinstance(items[1], InputError)
    assert str(items[1]).startswith(f"{path}: not a readable WARC file")


def test_a_batch_slice_of_a_broken_warc_is_one_error_too(tmp_path: Path) -> None:
    from eventsift.batch.plan import Slice
    from eventsift.batch.slices import read_slice

    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_record(None, b"<html><body><p>no target</p></body></html>"))
    [error] = list(read_slice(Slice(path=str(path), kind="warc", start=0, stop=10)))
    assert isinstance(error, InputError) and "not a readable WARC file" in str(error)


def test_non_html_warc_records_are_passed_over(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_record("https://example.com/img", os.urandom(64), "image/png")
                     + warc_record("https://example.com/b", f"<p>{ATTACK}</p><p>{SECOND}</p>".encode()))
    [doc] = read_all(path)
    assert isinstance(doc, Document) and doc.doc_id == "https://example.com/b"


def test_pipes_and_devices_are_named_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [error] = read_all(fifo)  # reading a FIFO would block forever
    assert isinstance(error, InputError) and "not a regular file" in str(error)
    (tmp_path / "ok.txt").write_text(ATTACK)
    assert [type(i).__name__ for i in read_all(tmp_path)] == ["Document"]  # folders skip them


def test_names_with_line_breaks_and_escapes_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a\nb\x1b[31m\u202e.txt"
    path.write_bytes(b"")
    [error] = read_all(path)
    assert "\n" not in str(error) and "\x1b" not in str(error) and "\u202e" not in str(error)
    assert "a\\nb\\x1b[31m\\u202e.txt: empty input" in str(error)
    assert printable_name("plain name.txt") == "plain name.txt"


def test_control_characters_and_bidi_overrides_leave_the_text() -> None:
    assert strip_controls("a\x1b[2Jb\x07c\u202ed\u2066e\u2069\tf\ng\u200fh") == "a [2Jb cde\tf\ng\u200fh"


def test_utf16_without_a_byte_order_mark_is_recognised() -> None:
    text = ATTACK + " " + SECOND
    assert utf16_without_bom(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(text.encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(text.encode("utf-8")) is None
    assert utf16_without_bom(bytes(range(256)) * 4) is None
    assert decode_bytes(text.encode("utf-16-be"), "x") == text


def test_latin_code_pages_do_not_garble_english_reports() -> None:
    """A short latin-1 report is windows-1252, not whatever code page a guesser prefers."""
    raw = f"{ATTACK} Residents of Sa\u00efda and M\u00fcnster fled.".encode("latin-1")
    assert "Sa\u00efda and M\u00fcnster" in decode_bytes(raw, "x")
    koi8 = "Беспилотник атаковал военную базу возле Мосула, погибли три солдата.".encode("koi8-r")
    assert not is_english(decode_bytes(koi8, "x"))[0]  # whatever the guess, never read as English


@pytest.mark.parametrize("text, english", [
    (ATTACK, True),
    (ATTACK + " Residents shouted «Слава Україні» and \u0627\u0644\u0644\u0647 \u0623\u0643\u0628\u0631.", True),
    ("Kharkiv \u0425\u0430\u0440\u043a\u0456\u0432 ok", True),  # too short to tell, Latin: benefit of the doubt
    ("周一，一架无人机袭击了摩苏尔附近的一个军事基地，造成三名士兵死亡。", False),  # short but plainly not Latin
    ("قصفت طائرة مسيرة قاعدة عسكرية قرب الموصل. A drone hit a base near Mosul.", False),
    ("Un drone a frappé une base militaire près de Mossoul lundi, tuant trois soldats.", False),
])
def test_language_is_decided_by_script_then_by_the_latin_part(text: str, english: bool) -> None:
    assert is_english(text)[0] is english


def test_non_english_is_skipped_never_coded(tmp_path: Path) -> None:
    for code, text in {"de": "Ein Drohnenangriff traf am Montag einen Militärstützpunkt bei Mossul und "
                             "tötete drei Soldaten, sagten Beamte.",
                       "uk": "Російська ракета влучила в житловий будинок у Харкові в понеділок, "
                             "загинули троє людей."}.items():
        (tmp_path / f"{code}.txt").write_text(text)
    items = read_all(tmp_path)
    assert all(isinstance(i, SkippedInput) for i in items)
    assert [str(i).split(": ", 1)[1] for i in items] == ["not English (detected 'de'); skipped",
                                                         "not English (detected 'uk'); skipped"]
