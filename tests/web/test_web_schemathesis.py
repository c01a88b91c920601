"""schemathesis against /api/openapi.json: no generated request makes a server error.

Every operation gets a bounded number of generated requests (valid and
invalid ones), sent in-process to the app on a copy of the hand-made
database, with the write token so that POST /api/documents is exercised
past its guard.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from eventsift.web.app import WebSettings, create_app
from conftest import TOKEN, sentence_extractor
from web_factories import fill_database

MAX_EXAMPLES = 40


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("schemathesis") / "api.db"
    fill_database(path)
    app = create_app(WebSettings(db_path=path, token=TOKEN, allowed_hosts=("testserver", "localhost")),
                     extractor=sentence_extractor)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def server_errors(operation: Any, mode: GenerationMode) -> list[str]:
    """Requests for one operation that got a 5xx answer (hypothesis shrinks to the simplest)."""
    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])

    try:
        run()
    except Exception as failure:  # schemathesis raises its own failure types
        found.append(f"{operation.method.upper()} {operation.path} ({mode}): {failure}")
    return found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_makes_a_server_error(api_schema: Any, mode: GenerationMode) -> None:
    failures = [failure for result in api_schema.get_all_operations()
                for failure in server_errors(result.ok(), mode)]
    assert not failures, "\n\n".join(failures)


def test_the_spec_is_valid_openapi(api_schema: Any) -> None:
    operations = {f"{op.method.upper()} {op.path}" for op in
                  (result.ok() for result in api_schema.get_all_operations())}
    assert "POST /api/documents" in operations and "GET /api/incidents" in operations
    assert len(operations) == 9
