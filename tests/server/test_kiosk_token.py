"""A kiosk's device token reads no office data and runs no office command.

No thread, message, family record, contact detail or audit entry, by any endpoint.

A kiosk stands in a hallway; whoever takes its token must get nothing beyond what the
kiosk itself shows or checks: names, PIN verifiers, children and rooms, kiosk messages.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from fastapi.testclient import TestClient

from desk.core.ids import new_id
from tests.support.callers import Caller
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all

# What a kiosk token may call; everything else must refuse it.
KIOSK_ENDPOINTS = {
    ("/api/v1/health", "get"),  # public: no data
    ("/api/v1/health/live", "get"),  # public: no data
    ("/api/v1/health/ready", "get"),  # public: schema revision only
    ("/api/v1/auth/login", "post"),  # takes no token
    ("/api/v1/auth/me", "get"),  # the kiosk's own identity
    ("/api/v1/auth/logout", "post"),  # revokes the token presented
    ("/api/v1/kiosk/enroll", "post"),  # takes no token
    ("/api/v1/kiosk/changes", "get"),
    ("/api/v1/kiosk/changes/stream", "get"),
    ("/api/v1/kiosk/commands", "post"),
    ("/api/v1/kiosk/token", "post"),  # trades its own token for a new one
}
KIOSK_TABLES = {
    "centre",
    "room",
    "guardian",
    "student",
    "authorized_pickup",
    "staff",
    "kiosk_message",
    "attendance_event",
}
SECRET_NOTE = "Billing: the invoice of the Diaz family is overdue"


def _fill(path: str, centre: CentreIds) -> str:
    """A path with every `{parameter}` set to a real id of the centre."""
    path = path.replace("{centre_id}", centre.centre)
    return re.sub(r"\{[^}]+\}", centre.guardians["maria"], path)


def test_every_office_endpoint_refuses_a_kiosk_token(
    api: TestClient, kiosk: Caller, centre: CentreIds
) -> None:
    spec = api.get("/openapi.json").json()
    checked = 0
    for path, operations in spec["paths"].items():
        for method in operations:
            if (path, method) in KIOSK_ENDPOINTS:
                continue
            answer = api.request(
                method.upper(), _fill(path, centre), headers=kiosk.headers, json={}
            )
            checked += 1
            if path.startswith("/api/v1/webhooks/"):
                # Provider callbacks are authenticated by signature, never by a token.
                assert answer.status_code >= 400, (method, path, answer.text)
            else:
                assert answer.status_code == 403, (method, path, answer.status_code, answer.text)
    assert checked >= 4  # /changes, /commands, enrollment codes, PIN resets at least


def test_the_kiosk_feed_holds_no_office_data(
    api: TestClient, admin: Caller, kiosk: Caller, centre: CentreIds
) -> None:
    office = Pusher(admin)
    sent = office.run(
        "send_message",
        message_id=new_id(),
        thread_id=centre.threads["office"],
        body=SECRET_NOTE,
    )
    assert sent["status"] == "applied", sent
    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    assert set(tables) <= KIOSK_TABLES  # no family, thread, message, audit, device rows
    raw = orjson.dumps(tables).decode()
    for secret in (
        SECRET_NOTE,
        "+15555550101",  # guardians' phones
        "maria@example.org",
        centre.usernames["admin"],
        centre.secret.hex(),  # the PIN secret travels only in the enrollment answer
        centre.threads["office"],
    ):
        assert secret not in raw, secret
    assert "entered_by" not in tables.get("kiosk_message", [{}])[0]
    me = kiosk.get("/api/v1/auth/me").json()
    assert (me["kind"], me["capabilities"], me["room_ids"]) == ("kiosk", ["kiosk_device"], [])


def test_a_kiosk_token_runs_no_office_command(kiosk: Caller, centre: CentreIds) -> None:
    device = Pusher(kiosk, "/api/v1/kiosk/commands")
    attempts: dict[str, dict[str, Any]] = {
        "send_message": {
            "message_id": new_id(),
            "thread_id": centre.threads["office"],
            "body": "hi",
        },
        "open_thread": {"thread_id": centre.threads["office"]},
        "queue_kiosk_message": {
            "kiosk_message_id": new_id(),
            "guardian_id": centre.guardians["maria"],
            "body": "x",
        },
        "mark_seen": {"message_ids": [new_id()]},
    }
    for name, args in attempts.items():
        outcome = device.run(name, **args)
        assert outcome["status"] == "rejected", (name, outcome)
        assert outcome["error"] == f"kiosk accounts cannot {name}"
    # A pickup's PIN signs only the children the family named for them.
    refused = device.run(
        "record_attendance",
        event_id=new_id(),
        student_id=centre.students["ava"],
        guardian_id=centre.guardians["rosa"],
        kind="sign_in",
    )
    assert refused["status"] == "rejected"
