"""Reading one slice of an input: the documents of records [start, stop).

The readers of eventsift.ingest read whole files; a partition needs only
its own records, so these seek to the slice's first record (plain JSONL,
WARC) or skip the records before it (gzipped JSONL: a line each, never a
parse), and stop at the slice's end. Documents and errors are the same
as eventsift.ingest's for the same records, with the same sources
(`file:line` for JSONL, `file#record` for WARC).
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from eventsift.batch.plan import Slice
from eventsift.errors import InputError
from eventsift.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from eventsift.ingest.decode import decode_bytes
from eventsift.ingest.readers import document_from_html, document_from_record, read_file
from eventsift.records import Document

Item = Document | InputError


def read_slice(part: Slice, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    path = Path(part.path)
    if part.kind == "jsonl":
        yield from _jsonl(path, part, published, max_bytes, max_chars)
    elif part.kind == "warc":
        yield from _warc(path, part, published, max_bytes, max_chars)
    else:
        yield from read_file(path, published=published, max_bytes=max_bytes, max_chars=max_chars)


def _jsonl(path: Path, part: Slice, published: date | None, max_bytes: int, max_chars: int) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    seek = part.offset > 0 or part.start == 0
    try:
        with opener(path, "rb") as handle:  # type: ignore[operator]
            if seek:
                handle.seek(part.offset)
            first = part.start if seek else 0
            for index, line in enumerate(handle, start=first):
                if index >= part.stop:
                    break
                if index < part.start or not line.strip():
                    continue
                number = index + 1
                source = f"{path}:{number}"
                try:
                    record = _json_object(line, source)
                    yield document_from_record(record, source, path.name, number, published=published,
                                               max_bytes=max_bytes, max_chars=max_chars)
                except InputError as error:
                    yield error
    except (OSError, EOFError) as exc:
        yield InputError(str(path), f"cannot read ({exc})")


def _json_object(line: bytes, source: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(source, f"malformed JSON ({str(exc)[:80]})") from None
    if not isinstance(record, dict):
        raise InputError(source, "JSON line is not an object")
    return record


def _warc(path: Path, part: Slice, published: date | None, max_bytes: int, max_chars: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seek = part.offset > 0 or part.start == 0
    try:
        with open(path, "rb") as handle:
            if seek:
                handle.seek(part.offset)
            for index, record in enumerate(ArchiveIterator(handle), start=part.start if seek else 0):
                if index >= part.stop:
                    break
                if index >= part.start:
                    item = _warc_document(record, f"{path}#{index + 1}", published, max_bytes, max_chars)
                    if item is not None:
                        yield item
    except (ArchiveLoadFailed, OSError, ValueError, AttributeError) as exc:  # no target URI: AttributeError
        yield InputError(str(path), f"not a readable WARC file ({str(exc)[:80]})")


def _warc_document(record: Any, source: str, published: date | None, max_bytes: int,
                   max_chars: int) -> Item | None:
    """An HTML response as a Document (as eventsift.ingest.warc does); other records: None."""
    if record.rec_type != "response":
        return None
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else ""
    if content_type and "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        raw = decode_bytes(record.content_stream().read(max_bytes + 1), source, max_bytes)
        return document_from_html(raw, url or source, source, published=published, url=url, max_chars=max_chars)
    except InputError as error:
        return error
