"""One reader per input kind: plain text, HTML, JSONL (optionally gzipped), WARC.

Each reader turns raw content into Documents. Refusals are InputErrors
naming the input; the caller decides to print them and go on.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from eventsift.errors import InputError, SkippedInput
from eventsift.ingest.clean import clean_text
from eventsift.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from eventsift.ingest.language import is_english
from eventsift.records import Document

MIN_BODY_CHARS = 20


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in text[:20000].lower() or "<p>" in text[:20000].lower())
    )


def document_from_text(raw: str, doc_id: str, source: str, *, published: date | None = None,
                       url: str | None = None, title: str | None = None) -> Document:
    """A plain-text report: furniture stripped, header date and byline read."""
    cleaned = clean_text(raw)
    return _finish(Document(
        doc_id=doc_id,
        text=cleaned.text,
        title=title or cleaned.title,
        published=published or cleaned.published,
        url=url,
        outlet=cleaned.byline or _outlet_from_url(url),
        source=source,
        raw_chars=len(raw),
    ))


def document_from_html(raw: str, doc_id: str, source: str, *, published: date | None = None,
                       url: str | None = None) -> Document:
    """An HTML page through trafilatura (body, title, date, site name), then text cleaning."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from None
    if result is None:
        raise InputError(source, "no article text found in the HTML page")
    data: dict[str, Any] = result if isinstance(result, dict) else result.as_dict()
    body = data.get("text") or ""
    cleaned = clean_text(body)
    page_date = _iso_day(data.get("date"))
    return _finish(Document(
        doc_id=doc_id,
        text=cleaned.text,
        title=data.get("title") or cleaned.title,
        published=published or page_date or cleaned.published,
        url=url or data.get("url"),
        outlet=data.get("sitename") or _outlet_from_url(url or data.get("url")),
        source=source,
        raw_chars=len(raw),
    ))


def _finish(doc: Document) -> Document:
    if len(doc.text.strip()) < MIN_BODY_CHARS:
        raise InputError(doc.source or doc.doc_id, "no article text after cleaning")
    english, code = is_english(doc.text)
    if not english:
        raise SkippedInput(doc.source or doc.doc_id, f"not English (detected '{code}'); skipped")
    return Document(**{**doc.__dict__, "language": "en"})


def _iso_day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def read_file(path: Path, *, published: date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """All documents in one file; JSONL files may hold many."""
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
        yield from read_jsonl(path, published=published, max_bytes=max_bytes)
        return
    if name.endswith((".warc", ".warc.gz")):
        from eventsift.ingest.warc import read_warc

        yield from read_warc(path, published=published, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"too large ({size:,} bytes > limit {max_bytes:,}; raise --max-bytes)")
        raw = decode_bytes(path.read_bytes(), str(path), max_bytes)
        if name.endswith((".html", ".htm", ".xhtml")) or looks_like_html(raw):
            yield document_from_html(raw, path.name, str(path), published=published)
        else:
            yield document_from_text(raw, path.name, str(path), published=published)
    except InputError as error:
        yield error
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror or exc})")


def read_jsonl(path: Path, *, published: date | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """One report per line: keys text or html, and optionally id, url, title, published."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:  # type: ignore[operator]
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                source = f"{path}:{number}"
                try:
                    yield document_from_record(_parse_json_line(line, source), source, path.name, number,
                                               published=published, max_bytes=max_bytes)
                except InputError as error:
                    yield error
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(str(path), f"cannot read ({exc})")


def _parse_json_line(line: bytes, source: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(source, f"malformed JSON ({str(exc)[:80]})") from None
    if not isinstance(record, dict):
        raise InputError(source, "JSON line is not an object")
    return record


def document_from_record(record: dict[str, Any], source: str, file_name: str, number: int, *,
                         published: date | None = None,
                         max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """A JSON object with text/html and metadata keys as a Document."""
    url = record.get("url") if isinstance(record.get("url"), str) else None
    doc_id = str(record.get("id") or url or f"{file_name}:{number}")
    day = _iso_day(record.get("published") or record.get("date")) or published
    for key in ("html", "text"):
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(source, f"'{key}' is not a string")
        if len(value) > max_bytes:
            raise InputError(source, f"too large ({len(value):,} chars > limit {max_bytes:,})")
        if key == "html" or looks_like_html(value):
            return document_from_html(value, doc_id, source, published=day, url=url)
        title = record.get("title") if isinstance(record.get("title"), str) else None
        return document_from_text(value, doc_id, source, published=day, url=url, title=title)
    raise InputError(source, "no 'text' or 'html' key")
