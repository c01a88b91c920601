"""Reading inputs: files and folders in, Documents (or InputErrors) out.

    for item in read_inputs(["reports/", "feed.jsonl"]):
        if isinstance(item, InputError): print(item)   # one line, names the input
        else: ...                                       # a cleaned Document
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from eventsift.errors import InputError
from eventsift.ingest.controls import printable_name
from eventsift.ingest.decode import DEFAULT_MAX_BYTES
from eventsift.ingest.readers import DEFAULT_MAX_CHARS, document_from_html, document_from_text, read_file
from eventsift.records import Document

__all__ = ["read_inputs", "iter_files", "document_from_text", "document_from_html", "DEFAULT_MAX_BYTES",
           "DEFAULT_MAX_CHARS"]

SKIPPED_NAMES = {".git", "__pycache__", ".venv", "node_modules"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named, and files inside folders named (sorted, hidden files skipped)."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not _hidden(child.relative_to(path)):
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputError(printable_name(str(path)), "not a regular file or folder (a device, pipe or socket)")
        else:
            yield InputError(printable_name(str(path)), "no such file or folder")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part in SKIPPED_NAMES for part in relative.parts)


def read_inputs(paths: Iterable[str | Path], published: date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | InputError]:
    """Every document in the given files and folders, in a stable order.

    Limits per document: `max_bytes` of input (file, JSONL line or WARC
    record) and `max_chars` of cleaned text; larger ones are InputErrors.
    """
    for path in iter_files(paths):
        if isinstance(path, InputError):
            yield path
            continue
        yield from read_file(path, published=published, max_bytes=max_bytes, max_chars=max_chars)
