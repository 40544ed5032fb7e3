"""Malformed requests get a 4xx with a readable reason and change nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from tests.support.callers import Caller
from tests.support.factories import CentreIds
from tests.support.server_rows import count


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[]",
        b"null",
        b'{"client_id": 5, "commands": []}',
        b"\xff\xfe",
        b'{"commands": []}',
        b'{"client_id": "c", "commands": [{"command_id": "x", "seq": 1, "name": "open_thread",'
        b' "args": {"n": 123456789012345678901234567890}}]}',
    ],
    ids=["truncated", "array", "null", "wrong-type", "not-utf8", "missing-field", "huge-int"],
)
def test_malformed_command_batches_are_refused(admin: Caller, body: bytes) -> None:
    answer = admin.api.post(
        "/api/v1/commands",
        content=body,
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"]


def test_over_long_fields_are_refused(
    api: TestClient, admin: Caller, centre: CentreIds, database: Database
) -> None:
    login = api.post("/api/v1/auth/login", json={"username": "x" * 101, "password": "p"})
    assert login.status_code == 422
    too_big = admin.post("/api/v1/commands", json={"client_id": "c" * 37, "commands": []})
    assert too_big.status_code == 422
    message_id = new_id()
    answer = admin.post(
        "/api/v1/commands",
        json={
            "client_id": new_id(),
            "commands": [
                {
                    "command_id": new_id(),
                    "seq": 1,
                    "name": "send_message",
                    "args": {
                        "message_id": message_id,
                        "thread_id": centre.threads["office"],
                        "body": "x" * 10_001,
                    },
                }
            ],
        },
    )
    assert answer.json()["results"][0]["status"] == "rejected"
    assert count(database, orm.Message, id=message_id) == 0


def test_unknown_ids_are_refused_by_name(admin: Caller) -> None:
    answer = admin.post(
        "/api/v1/commands",
        json={
            "client_id": new_id(),
            "commands": [
                {
                    "command_id": new_id(),
                    "seq": 1,
                    "name": "close_thread",
                    "args": {"thread_id": "no-such-thread"},
                }
            ],
        },
    )
    result = answer.json()["results"][0]
    assert result["status"] == "rejected"
    assert result["error"] == "conversation no-such-thread does not exist"


def test_wrong_query_types_are_refused(admin: Caller) -> None:
    for params in ({"limit": "many"}, {"limit": 0}, {"wait": -1}, {"after": "x" * 200}):
        answer = admin.get("/api/v1/changes", params=params)
        assert answer.status_code == 422, params
