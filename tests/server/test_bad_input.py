"""Malformed requests get a 4xx with a readable reason and change nothing."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi.testclient import TestClient

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from tests.support.callers import Caller, sign_in
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher
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
    ],
    ids=["truncated", "array", "null", "wrong-type", "not-utf8", "missing-field"],
)
def test_malformed_command_batches_are_refused(admin: Caller, body: bytes) -> None:
    answer = admin.api.post(
        "/api/v1/commands",
        content=body,
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"]


def test_a_command_with_a_number_beyond_64_bits_is_rejected_not_the_batch(
    admin: Caller,
) -> None:
    """The command log cannot hold such a number; the command is rejected with a reason.

    The client's queue then moves on: until issue 12 item 7 the whole batch was answered
    422, and the client resent it forever.
    """
    body = (
        b'{"client_id": "c-%s", "commands": [{"command_id": "x-%s", "seq": 1,'
        b' "name": "open_thread", "args": {"n": 123456789012345678901234567890}}]}'
    ) % (new_id()[:30].encode(), new_id()[:30].encode())
    answer = admin.api.post(
        "/api/v1/commands",
        content=body,
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "rejected"
    assert (
        result["error"]
        == "invalid arguments: a number is beyond the 64-bit range the server stores"
    )


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


# -- against the real server process, on SQLite and PostgreSQL (issue 12) -------------------


def _raw(caller: httpx.Client, path: str, body: object, headers: dict[str, str]) -> httpx.Response:
    r"""POST `body` as the standard library writes it: `\ud800` and NaN stay as typed."""
    return caller.post(
        path,
        content=json.dumps(body).encode(),
        headers={**headers, "Content-Type": "application/json"},
    )


def _send(message_id: str, thread_id: str, body: str, seq: int = 1) -> dict[str, object]:
    args = {"message_id": message_id, "thread_id": thread_id, "body": body}
    return {"command_id": new_id(), "seq": seq, "name": "send_message", "args": args}


@pytest.mark.parametrize(
    "shape", ["login-username", "login-password", "client-id", "command-id", "seq-nan", "enroll"]
)
def test_malformed_text_and_numbers_get_a_4xx_with_a_detail(
    http: httpx.Client, served_admin: Caller, served_centre: CentreIds, shape: str
) -> None:
    """Regression (issue 12 item 13): each of these answered 500 on SQLite.

    The driver or the validation error handler choked on an unpaired surrogate or a NaN
    while echoing the input.
    """
    thread = served_centre.threads["office"]
    batch: dict[str, object] = {"client_id": new_id(), "commands": [_send(new_id(), thread, "hi")]}
    path, body, headers = "/api/v1/commands", batch, served_admin.headers
    if shape.startswith("login"):
        path, headers = "/api/v1/auth/login", {}
        body = {"username": served_centre.usernames["admin"], "password": "guess"}
        body["username" if shape == "login-username" else "password"] = "adm\ud800in"
    elif shape == "client-id":
        batch["client_id"] = "\ud800"
    elif shape == "command-id":
        batch["commands"] = [{**_send(new_id(), thread, "hi"), "command_id": "\ud800"}]
    elif shape == "seq-nan":
        batch["commands"] = [{**_send(new_id(), thread, "hi"), "seq": float("nan")}]
    elif shape == "enroll":
        path, headers, body = "/api/v1/kiosk/enroll", {}, {"code": "AB\ud800CD", "name": "\ud800"}
    answer = _raw(http, path, body, headers)
    assert answer.status_code == 422, answer.text
    assert isinstance(answer.json()["detail"], str)
    assert answer.json()["detail"]


@pytest.mark.parametrize(
    "text", ["before\x00after", "lone \ud800 surrogate"], ids=["nul", "surrogate"]
)
def test_unstorable_text_in_a_command_is_rejected_and_the_queue_moves_on(
    http: httpx.Client,
    served_admin: Caller,
    served_centre: CentreIds,
    served_database: Database,
    text: str,
) -> None:
    """Regression (issue 12 items 7 and 13): a NUL or lone surrogate in a body is rejected.

    A NUL in a message body answered 400 on PostgreSQL (so the client resent it forever,
    holding up everything queued behind it) and was stored on SQLite; an unpaired
    surrogate answered 500. Both backends now record the command as rejected, with a
    reason, and apply the next one.
    """
    thread, bad, good = served_centre.threads["office"], new_id(), new_id()
    batch = {
        "client_id": new_id(),
        "commands": [_send(bad, thread, text, 1), _send(good, thread, "fine", 2)],
    }
    answer = _raw(http, "/api/v1/commands", batch, served_admin.headers)
    assert answer.status_code == 200, answer.text
    first, second = answer.json()["results"]
    assert first["status"] == "rejected"
    assert first["error"].startswith("invalid arguments: args.body: text must")
    assert second["status"] == "applied"
    assert answer.json()["last_seq"] == 2
    assert count(served_database, orm.Message, id=bad) == 0
    assert count(served_database, orm.Message, id=good) == 1


def test_a_resent_rejected_command_answers_rejected_with_its_reason(
    served_admin: Caller,
) -> None:
    """Regression (issue 12 item 6): a resent refused command came back `duplicate`.

    Clients count that as success, so a client that lost the first answer dropped the
    user's message and its refusal reason unseen.
    """
    pusher = Pusher(served_admin)
    command = pusher.command("close_thread", thread_id="no-such-thread")
    first = pusher.send(command).json()["results"][0]
    again = pusher.send(command)
    assert again.status_code == 200, again.text
    assert first["status"] == "rejected"
    assert again.json()["results"][0]["status"] == "rejected"
    assert again.json()["results"][0]["error"] == first["error"]
    assert again.json()["last_seq"] == 1


def test_deliveries_of_a_message_the_caller_may_not_read_are_not_found(
    http: httpx.Client, served_admin: Caller, served_centre: CentreIds
) -> None:
    """Regression (issue 12 item 15): a teacher got 409 for Office Chat deliveries.

    A teacher asking for an Office Chat message's deliveries got 409, where every other
    endpoint answers 403 or 404.
    """
    message_id = new_id()
    sent = Pusher(served_admin).run(
        "send_message", message_id=message_id, thread_id=served_centre.threads["office"], body="hi"
    )
    assert sent["status"] == "applied"
    teacher = sign_in(http, served_centre.usernames["teacher"])
    answer = teacher.get(f"/api/v1/messages/{message_id}/deliveries")
    assert answer.status_code == 404
    assert answer.json()["detail"] == f"message {message_id} does not exist"
    assert served_admin.get(f"/api/v1/messages/{message_id}/deliveries").status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/messages/a%00b/deliveries", "/api/v1/changes?client_id=a%00b"]
)
def test_a_nul_in_the_address_gets_the_same_422_on_every_backend(
    served_admin: Caller, path: str
) -> None:
    """Regression (issue 12 item 7): a NUL in a path or query parameter reached the database.

    SQLite accepted it and PostgreSQL refused it as a data conflict.
    """
    answer = served_admin.get(path)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "the address must not contain a NUL character"
