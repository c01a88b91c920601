"""WARC files (news crawls): each HTTP response with an HTML body is one document."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from eventsift.errors import InputError
from eventsift.ingest.controls import printable_name
from eventsift.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from eventsift.ingest.readers import DEFAULT_MAX_CHARS, document_from_html
from eventsift.records import Document


def read_warc(path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | InputError]:
    """Each HTML response of the file; a record that cannot be read is one error,
    a file that cannot be walked on ends with one."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as handle:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                source = printable_name(f"{path}#{number}")
                try:
                    item = _html_response(record, source, published, max_bytes, max_chars)
                except InputError as error:
                    item = error
                except Exception as exc:  # warcio raises many kinds on broken records
                    item = InputError(source, f"unreadable WARC record ({type(exc).__name__})")
                if item is not None:
                    yield item
    except Exception as exc:  # warcio raises many kinds on broken files
        yield InputError(printable_name(str(path)), f"not a readable WARC file ({type(exc).__name__}: "
                                                    f"{str(exc)[:80]})")


def _html_response(record: Any, source: str, published: date | None, max_bytes: int,
                   max_chars: int) -> Document | None:
    """The Document of an HTML response record; None for other records."""
    if record.rec_type != "response":
        return None
    content_type = record.http_headers.get_header("Content-Type") if record.http_headers else ""
    if content_type and "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    raw = decode_bytes(record.content_stream().read(max_bytes + 1), source, max_bytes)
    return document_from_html(raw, url or source, source, published=published, url=url, max_chars=max_chars)
