"""Export responses for the current filter (wired to eventsift.export)."""
from __future__ import annotations

from pathlib import Path

from fastapi import HTTPException
from fastapi.responses import StreamingResponse

from eventsift.web.filters import ViewFilter


def export_response(db_path: Path, view: ViewFilter, fmt: str) -> StreamingResponse:
    raise HTTPException(503, "export is not available yet")
