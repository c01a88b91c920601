"""POST /api/documents: documents in, events stored and merged."""
from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from eventsift.web.schemas import DocumentIn


def ingest_documents(state: Any, documents: list[DocumentIn]) -> dict[str, Any]:
    raise HTTPException(503, "ingest is not available yet")
