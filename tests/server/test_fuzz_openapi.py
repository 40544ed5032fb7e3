"""Schemathesis fuzzes every documented endpoint: bad input gets a 4xx, never a 500.

Requests carry an admin's token so generated input gets past authentication and
reaches validation and the handlers. The strategies are driven directly with
Hypothesis because schemathesis' pytest plugin does not support pytest 9 yet.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from desk.server.app import create_app
from desk.server.config import ServerSettings
from tests.support.callers import Caller

# The document does not depend on the database, so it can be read at collection time.
_SPEC = create_app(ServerSettings(database_url="sqlite://")).openapi()
OPERATIONS = [(path, method) for path, ops in _SPEC["paths"].items() for method in ops]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_generated_input_makes_the_server_fail(
    api: TestClient, admin: Caller, path: str, method: str
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    operation = schema[path][method.upper()]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def check(case: Any) -> None:
        response = case.call(headers=admin.headers)
        case.validate_response(response, checks=[not_a_server_error])
        if 400 <= response.status_code < 500:
            assert response.json().get("detail"), f"{response.status_code} without a detail"

    check()
