"""Export downloads for the current filter, written by `eventsift.export`.

The file is built in a spooled temporary file (memory, then disk past
EXPORT_SPOOL_BYTES) and streamed back. Its name comes from
`export.suggested_filename`, never from the request, and nothing is
written beside the database.
"""
from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO, Literal

from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from eventsift.export import WRITERS, What, suggested_filename
from eventsift.store import Store
from eventsift.web.filters import ViewFilter

ExportFormat = Literal["csv", "geojson", "jsonl"]
WRITER_NAMES: dict[str, str] = {"csv": "acled-csv", "geojson": "geojson", "jsonl": "jsonl"}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
               "jsonl": "application/x-ndjson"}
EXPORT_SPOOL_BYTES = 16 * 1024 * 1024
CHUNK_BYTES = 64 * 1024


def export_response(db_path: Path, view: ViewFilter, fmt: ExportFormat,
                    what: What = "incidents") -> StreamingResponse:
    """The incidents (or events) matching `view` as a download."""
    writer_name = WRITER_NAMES[fmt]
    query = view.store_query()
    spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_BYTES)
    with Store(db_path, readonly=True) as store:
        WRITERS[writer_name](store, what, query, spool)
    spool.seek(0)
    filename = suggested_filename(what, writer_name, query)
    return StreamingResponse(
        _chunks(spool),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{filename}"'},
        background=BackgroundTask(spool.close),
    )


async def _chunks(stream: IO[bytes]) -> AsyncIterator[bytes]:
    """The finished file, read on the event loop: from memory, or past EXPORT_SPOOL_BYTES from a
    temporary file just written (the page cache). A sync iterator would take a worker-thread
    trip per chunk, each waiting behind every queued request."""
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk
