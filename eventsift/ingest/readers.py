"""One reader per input kind: plain text, HTML, JSONL (optionally gzipped), WARC.

Each reader turns raw content into Documents. Refusals are InputErrors
naming the input; the caller decides to print them and go on.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from eventsift.errors import InputError, SkippedInput
from eventsift.ingest.clean import clean_text
from eventsift.ingest.controls import clean_field, printable_name
from eventsift.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from eventsift.ingest.language import is_english
from eventsift.records import Document

MIN_BODY_CHARS = 20
# A publication day outside these years is a broken header or record, not news:
# it is treated as not stated (relative dates are resolved against it).
PLAUSIBLE_YEARS = range(1800, 2200)
# Extraction time grows a little faster than the length of a text (one core, text
# dense with attacks on named places: 1.2 s at 25,000 characters, 2.6 s at 50,000,
# 6.1 s at 100,000; the dev reports end to end: 1.3 s, 2.8 s, 5.7 s;
# `python benchmarks/soak.py --document-times`). 100,000 characters is about 16,000
# words, longer than nearly all news articles. Longer texts are refused, by name.
DEFAULT_MAX_CHARS = 100_000


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in text[:20000].lower() or "<p>" in text[:20000].lower())
    )


def document_from_text(raw: str, doc_id: str, source: str, *, published: date | None = None,
                       url: str | None = None, title: str | None = None,
                       max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """A plain-text report: furniture stripped, header date and byline read.

    A first line read as the headline stays in the text when too little
    follows it to be a report of its own.
    """
    cleaned = clean_text(raw)
    text, headline = cleaned.text, cleaned.title
    if headline and len(text.strip()) < MIN_BODY_CHARS:
        text, headline = f"{headline}\n{text}".strip(), None
    return _finish(Document(
        doc_id=doc_id,
        text=text,
        title=title or headline,
        published=published or cleaned.published or date_in_url(url),
        url=url,
        outlet=cleaned.byline or _outlet_from_url(url),
        source=source,
        raw_chars=len(raw),
    ), max_chars)


def document_from_html(raw: str, doc_id: str, source: str, *, published: date | None = None,
                       url: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """An HTML page through trafilatura (body, title, date, site name), then text cleaning."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(printable_name(source), f"HTML could not be parsed ({type(exc).__name__})") from None
    if result is None:
        raise InputError(printable_name(source), "no article text found in the HTML page")
    data: dict[str, Any] = result if isinstance(result, dict) else result.as_dict()
    body = data.get("text") or ""
    cleaned = clean_text(body)
    page_date = _iso_day(data.get("date"))
    return _finish(Document(
        doc_id=doc_id,
        text=cleaned.text,
        title=data.get("title") or cleaned.title,
        published=published or page_date or cleaned.published or date_in_url(url or data.get("url")),
        url=url or data.get("url"),
        outlet=data.get("sitename") or _outlet_from_url(url or data.get("url")),
        source=source,
        raw_chars=len(raw),
    ), max_chars)


def _finish(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Checks every reader shares: some text, not too long, English; metadata on one line,
    a publication day only when plausible."""
    name = printable_name(doc.source or doc.doc_id)
    if len(doc.text.strip()) < MIN_BODY_CHARS:
        raise InputError(name, "no article text after cleaning")
    if len(doc.text) > max_chars:
        raise InputError(name, f"text too long ({len(doc.text):,} characters > limit {max_chars:,}; "
                               "raise max_chars)")
    english, code = is_english(doc.text)
    if not english:
        raise SkippedInput(name, f"not English (detected '{code}'); skipped")
    return Document(**{
        **doc.__dict__,
        "doc_id": printable_name(doc.doc_id),
        "source": None if doc.source is None else printable_name(doc.source),
        "title": clean_field(doc.title),
        "outlet": clean_field(doc.outlet),
        "url": None if doc.url is None else printable_name(doc.url),
        "published": doc.published if doc.published and doc.published.year in PLAUSIBLE_YEARS else None,
        "language": "en",
    })


def _iso_day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)|/((?:19|20)\d\d)(\d\d)(\d\d)(?=/)")


def date_in_url(url: str | None) -> date | None:
    """The day many news sites put in their article paths ('/2023/02/15/...', '/2024-01-04-...'):
    the publication day of last resort, when neither the page nor its text gives one."""
    match = _URL_DAY.search(urlparse(url).path) if url else None
    if match is None:
        return None
    year, month, day = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def read_file(path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | InputError]:
    """All documents in one file; JSONL files may hold many."""
    name = path.name.lower()
    limits = {"published": published, "max_bytes": max_bytes, "max_chars": max_chars}
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
        yield from read_jsonl(path, **limits)
        return
    if name.endswith((".warc", ".warc.gz")):
        from eventsift.ingest.warc import read_warc

        yield from read_warc(path, **limits)
        return
    source = printable_name(str(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"too large ({size:,} bytes > limit {max_bytes:,}; raise --max-bytes)")
        raw = decode_bytes(path.read_bytes(), source, max_bytes)
        if name.endswith((".html", ".htm", ".xhtml")) or looks_like_html(raw):
            yield document_from_html(raw, path.name, str(path), published=published, max_chars=max_chars)
        else:
            yield document_from_text(raw, path.name, str(path), published=published, max_chars=max_chars)
    except InputError as error:
        yield error
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")


def read_jsonl(path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | InputError]:
    """One report per line: keys text or html, and optionally id, url, title, published.

    A line longer than `max_bytes` is refused without being read into memory.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:  # type: ignore[operator]
            for number, line in _numbered_lines(handle, max_bytes):
                source = printable_name(f"{path}:{number}")
                if line is None:
                    yield InputError(source, f"line too long (over {max_bytes:,} bytes; raise --max-bytes)")
                    continue
                if not line.strip():
                    continue
                try:
                    yield document_from_record(_parse_json_line(line, source), source, path.name, number,
                                               published=published, max_bytes=max_bytes, max_chars=max_chars)
                except InputError as error:
                    yield error
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputError(printable_name(str(path)), f"cannot read ({exc})")


def _numbered_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line; None in place of a line over `max_bytes`, skipped unread."""
    number = 0
    while line := handle.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _parse_json_line(line: bytes, source: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(source, f"malformed JSON ({str(exc)[:80]})") from None
    if not isinstance(record, dict):
        raise InputError(source, "JSON line is not an object")
    return record


def document_from_record(record: dict[str, Any], source: str, file_name: str, number: int, *,
                         published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                         max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """A JSON object with text/html and metadata keys as a Document."""
    url = record.get("url") if isinstance(record.get("url"), str) else None
    doc_id = str(record.get("id") or url or f"{file_name}:{number}")
    day = _iso_day(record.get("published") or record.get("date")) or published
    for key in ("html", "text"):
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(printable_name(source), f"'{key}' is not a string")
        if len(value) > max_bytes:
            raise InputError(printable_name(source), f"too large ({len(value):,} chars > limit {max_bytes:,})")
        if key == "html" or looks_like_html(value):
            return document_from_html(value, doc_id, source, published=day, url=url, max_chars=max_chars)
        title = record.get("title") if isinstance(record.get("title"), str) else None
        return document_from_text(value, doc_id, source, published=day, url=url, title=title,
                                  max_chars=max_chars)
    raise InputError(printable_name(source), "no 'text' or 'html' key")
