"""The SQLite store: documents, events, incidents, corrections (docs/schema.md).

    from eventsift.store import Store, Query
    with Store("eventsift.db") as store:
        store.add_document(doc, events)          # 'new' | 'unchanged' | 'updated'
        page = store.incidents(Query(country="SY", min_sources=2))
"""
from __future__ import annotations

from eventsift.store.analyst import Correction
from eventsift.store.fields import FIELDS as CORRECTABLE_FIELDS
from eventsift.store.fields import parse_value
from eventsift.store.database import AddResult, Store
from eventsift.store.queries import (
    CandidateLink,
    Incident,
    IncidentDetail,
    Page,
    Query,
    StoredEvent,
)

__all__ = [
    "AddResult", "CORRECTABLE_FIELDS", "CandidateLink", "Correction", "Incident", "IncidentDetail",
    "Page", "Query", "Store", "StoredEvent", "parse_value",
]
