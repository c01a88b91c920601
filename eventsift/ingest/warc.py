"""WARC files (news crawls): each HTTP response with an HTML body is one document."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from eventsift.errors import InputError
from eventsift.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from eventsift.ingest.readers import document_from_html
from eventsift.records import Document


def read_warc(path: Path, *, published: date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as handle:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if record.rec_type != "response":
                    continue
                content_type = record.http_headers.get_header("Content-Type") if record.http_headers else ""
                if content_type and "html" not in content_type.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                source = f"{path}#{number}"
                try:
                    raw = decode_bytes(record.content_stream().read(max_bytes + 1), source, max_bytes)
                    yield document_from_html(raw, url or source, source, published=published, url=url)
                except InputError as error:
                    yield error
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield InputError(str(path), f"not a readable WARC file ({str(exc)[:80]})")

