"""One centre's data is never visible to, nor changed by, another centre's callers.

Centre A's admin, office, teacher and kiosk call every endpoint of the app (the routes
are enumerated, so a new endpoint fails here until it says how to aim it at another
centre) and every command of the registry (likewise), each time with centre B's ids.
Nothing of B may come back (none of B's ids, unless the caller sent it, nor its name
or usernames), B's version counter must not move (every write to a centre stamps it),
and A's own feed must hold nothing that names B's rows. A Twilio webhook to A's
number from a phone that B also knows lands in A and touches nothing of B.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.commands.registry import REGISTRY
from desk.server.db import Database
from desk.server.orm.base import Synced
from desk.server.versioning import current_version
from tests.support.callers import Caller, enroll_kiosk, sign_in
from tests.support.factories import CentreIds, make_centre
from tests.support.polling import wait_until
from tests.support.server_calls import Pusher, pull_all
from tests.support.texting_server import TextingServer


@dataclass
class Other:
    """Centre B: its rows' ids, and every string that would betray it in an answer."""

    ids: CentreIds
    message: str
    delivery: str
    kiosk_message: str
    kiosk_device: str
    template: str
    attachment: str
    blob: str
    secrets: frozenset[str]


def _make_other(api: TestClient, database: Database) -> Other:
    """A centre with a message, its deliveries, a kiosk, a kiosk message and a template."""
    ids = make_centre(database)
    admin = sign_in(api, ids.usernames["admin"])
    enroll_kiosk(api, admin, name=f"B door {ids.centre[:8]}")
    pusher = Pusher(admin)
    message, kiosk_message, template = new_id(), new_id(), new_id()
    blob = b"B's notes " + ids.centre.encode()
    sha = hashlib.sha256(blob).hexdigest()
    uploaded = api.put(
        f"/api/v1/blobs/{sha}", content=blob, headers={**admin.headers, "X-File-Name": "b.txt"}
    )
    assert uploaded.status_code == 201, uploaded.text
    files = [{"sha256": sha, "name": "b.txt"}]
    for name, args in (
        ("send_message", {"message_id": message, "thread_id": ids.threads["sms"], "body": "B"}),
        (
            "send_message",
            {"message_id": new_id(), "thread_id": ids.threads["office"], "attachments": files},
        ),
        (
            "queue_kiosk_message",
            {"kiosk_message_id": kiosk_message, "guardian_id": ids.guardians["maria"], "body": "B"},
        ),
        (
            "save_template",
            {
                "template_id": template,
                "page": "messenger",
                "channel": "sms",
                "template_name": "B template",
                "body": "B",
            },
        ),
    ):
        assert pusher.run(name, **args)["status"] == "applied", name
    with database.reading() as session:
        delivery = session.scalars(
            select(orm.Delivery.id).where(orm.Delivery.message_id == message)
        ).first()
        device = session.scalars(
            select(orm.KioskDevice.id).where(orm.KioskDevice.centre_id == ids.centre)
        ).one()
        attachment = session.scalars(
            select(orm.Attachment.id).where(orm.Attachment.centre_id == ids.centre)
        ).one()
        rows: set[str] = set()
        for mapper in orm.Base.registry.mappers:
            model = mapper.class_
            if isinstance(model, type) and issubclass(model, Synced):
                rows.update(session.scalars(select(model.id).where(model.centre_id == ids.centre)))
        centre_name = session.get_one(orm.Centre, ids.centre).name
    assert delivery is not None
    return Other(
        ids,
        message,
        delivery,
        kiosk_message,
        device,
        template,
        attachment,
        sha,
        frozenset(rows | {centre_name, *ids.usernames.values()}),
    )


def _leaks(other: Other, sent: str, answer: str) -> set[str]:
    """B's strings in `answer` that the caller did not send itself."""
    return {secret for secret in other.secrets if secret in answer and secret not in sent}


# -- what to send to each endpoint, aimed at centre B ---------------------------------

PATH_IDS: dict[str, Callable[[Other], str]] = {
    "guardian_id": lambda b: b.ids.guardians["maria"],
    "message_id": lambda b: b.message,
    "delivery_id": lambda b: b.delivery,
    "device_id": lambda b: b.kiosk_device,
    "centre_id": lambda b: b.ids.centre,
    "attachment_id": lambda b: b.attachment,
    "sha256": lambda b: b.blob,
}
"""B's id for each path parameter of the API."""


def _commands_body(b: Other) -> dict[str, Any]:
    commands = [
        {"command_id": new_id(), "seq": 1, "name": "send_message", "args": _ARGS["send_message"](b)}
    ]
    return {"client_id": new_id(), "commands": commands}


BODIES: dict[tuple[str, str], Callable[[Other], dict[str, Any] | None]] = {
    ("POST", "/api/v1/auth/login"): lambda b: {
        "username": b.ids.usernames["admin"],
        "password": "not the password",
    },
    ("POST", "/api/v1/auth/logout"): lambda b: None,
    ("POST", "/api/v1/commands"): _commands_body,
    ("POST", "/api/v1/kiosk/commands"): _commands_body,
    ("POST", "/api/v1/guardians/{guardian_id}/kiosk-pin"): lambda b: None,
    ("POST", "/api/v1/push/estimate"): lambda b: {
        "source": "families",
        "ids": [b.ids.family, b.ids.split_family],
    },
    ("POST", "/api/v1/kiosk/enrollment-codes"): lambda b: None,
    ("POST", "/api/v1/kiosk/enroll"): lambda b: {"code": "ABCD-EFGH", "name": "x"},
    ("POST", "/api/v1/kiosk/token"): lambda b: None,
    # Bytes that do not hash to B's file: the upload is refused, and B's copy untouched.
    ("PUT", "/api/v1/blobs/{sha256}"): lambda b: None,
    ("POST", "/api/v1/kiosk/devices/{device_id}/revoke"): lambda b: None,
    # Unsigned: a webhook is the provider's, never a centre caller's. A signed Twilio
    # text is tried across centres below; an email reply is bound to the one delivery
    # its signed reply address names (tests/server/delivery/test_email_replies.py).
    ("POST", "/api/v1/webhooks/email/inbound"): lambda b: None,
    ("POST", "/api/v1/webhooks/twilio/inbound/{centre_id}"): lambda b: None,
    ("POST", "/api/v1/webhooks/twilio/status/{delivery_id}"): lambda b: None,
}
"""The body of every endpoint that takes one (GETs take none)."""

QUERIES: dict[str, dict[str, str]] = {
    "/api/v1/changes": {"after": "0", "limit": "5000"},
    "/api/v1/kiosk/changes": {"after": "0", "limit": "5000"},
}


def _person(b: Other) -> dict[str, str]:
    return {"kind": "guardian", "id": b.ids.guardians["maria"]}


_ARGS: dict[str, Callable[[Other], dict[str, Any]]] = {
    "ack_kiosk_message": lambda b: {"kiosk_message_id": b.kiosk_message},
    "add_participant": lambda b: {"thread_id": b.ids.threads["office"], "participant": _person(b)},
    "archive_conversation": lambda b: {"thread_id": b.ids.threads["office"], "on": True},
    "cancel_kiosk_message": lambda b: {"kiosk_message_id": b.kiosk_message},
    "close_thread": lambda b: {"thread_id": b.ids.threads["office"]},
    "create_conversation": lambda b: {
        "thread_id": new_id(),
        "title": "Across centres",
        "participants": [_person(b), {"kind": "staff", "id": b.ids.teacher}],
    },
    "delete_template": lambda b: {"template_id": b.template},
    "link_number": lambda b: {
        "thread_id": b.ids.threads["sms"],
        "guardian_id": b.ids.guardians["ann"],
        "replace": True,
    },
    "mark_seen": lambda b: {"message_ids": [b.message]},
    "mute_conversation": lambda b: {"thread_id": b.ids.threads["office"], "on": True},
    "open_thread": lambda b: {"thread_id": b.ids.threads["office"]},
    "queue_kiosk_message": lambda b: {
        "kiosk_message_id": new_id(),
        "guardian_id": b.ids.guardians["maria"],
        "body": "Across centres",
    },
    "record_attendance": lambda b: {
        "event_id": new_id(),
        "student_id": b.ids.students["leo"],
        "guardian_id": b.ids.guardians["maria"],
        "kind": "sign_in",
    },
    "remove_participant": lambda b: {
        "thread_id": b.ids.threads["office"],
        "participant": _person(b),
    },
    "rename_conversation": lambda b: {"thread_id": b.ids.threads["office"], "title": "Mine"},
    "reopen_thread": lambda b: {"thread_id": b.ids.threads["office"]},
    "report_kiosk_lockout": lambda b: {"failures": 5},
    "reset_channel": lambda b: {
        "person_kind": "guardian",
        "person_id": b.ids.guardians["maria"],
        "channel": "sms",
    },
    "reset_fallback": lambda b: {"person_kind": "guardian", "person_id": b.ids.guardians["maria"]},
    "retry_delivery": lambda b: {"message_id": b.message},
    "save_contact": lambda b: {
        "thread_id": b.ids.threads["sms"],
        "guardian_id": b.ids.guardians["maria"],
        "family_id": b.ids.family,
        "first_name": "Maria",
        "last_name": "Diaz",
    },
    "save_template": lambda b: {
        "template_id": b.template,
        "page": "messenger",
        "channel": "sms",
        "template_name": "Overwritten",
        "body": "Overwritten",
    },
    "send_message": lambda b: {
        "message_id": new_id(),
        "thread_id": b.ids.threads["office"],
        "body": "Across centres",
    },
    "send_new_message": lambda b: {
        "recipients": [
            {"kind": "student", "id": b.ids.students["leo"]},
            {"kind": "guardian", "id": b.ids.guardians["ann"]},
            {"kind": "family", "id": b.ids.family},
            {"kind": "staff", "id": b.ids.teacher},
            {"kind": "room", "id": b.ids.room_a},
        ],
        "channel": "office",
        "body": "Across centres",
    },
    "send_push": lambda b: {
        "notification_id": new_id(),
        "audience": {"source": "families", "ids": [b.ids.family]},
        "title": "Across centres",
        "body": "Across centres",
    },
    "set_centre_settings": lambda b: {"students_in_conversations": True},
    "set_contact_preferences": lambda b: {
        "person_kind": "guardian",
        "person_id": b.ids.guardians["maria"],
        "preferred_channel": "email",
        "language": "es",
    },
    "set_private_messaging": lambda b: {"guardian_id": b.ids.guardians["maria"], "on": True},
    "set_staff_capabilities": lambda b: {"staff_id": b.ids.teacher, "capabilities": ["admin"]},
    "stop_conversation": lambda b: {"thread_id": b.ids.threads["sms"]},
}
"""Every command, aimed at B's rows where it names any."""

OWN_CENTRE_ONLY = frozenset({"report_kiosk_lockout", "set_centre_settings"})
"""Commands that name no row: they act on the caller's own centre, and may apply."""


# -- fixtures -------------------------------------------------------------------------


@pytest.fixture
def other(api: TestClient, database: Database) -> Other:
    return _make_other(api, database)


@pytest.fixture
def callers(api: TestClient, centre: CentreIds) -> dict[str, Caller]:
    """Centre A's admin, office, teacher and kiosk, signed in."""
    staff = {role: sign_in(api, centre.usernames[role]) for role in ("admin", "office", "teacher")}
    return {**staff, "kiosk": enroll_kiosk(api, staff["admin"])}


def _version(database: Database, centre_id: str) -> int:
    with database.reading() as session:
        return current_version(session, centre_id)


def _routes(api: TestClient) -> Iterator[tuple[str, str]]:
    """(method, path template) of every endpoint; logging out comes last.

    From the app's OpenAPI document, which lists every route of every router it
    includes, prefixed, with its methods; plus the one route kept out of it.
    """
    paths: dict[str, dict[str, Any]] = api.app.openapi()["paths"]  # type: ignore[attr-defined]
    found = [(method.upper(), path) for path, item in paths.items() for method in item]
    found.append(("GET", "/metrics"))
    yield from sorted(found, key=lambda r: (r[1].endswith("/logout"), r))


# -- tests ----------------------------------------------------------------------------


def test_every_endpoint_with_another_centre_s_ids_answers_nothing_of_it(
    api: TestClient,
    database: Database,
    centre: CentreIds,
    other: Other,
    callers: dict[str, Caller],
) -> None:
    before = _version(database, other.ids.centre)
    failures: list[str] = []
    covered = 0
    for method, template in _routes(api):
        params = [part[1:-1] for part in template.split("/") if part.startswith("{")]
        unknown = [name for name in params if name not in PATH_IDS]
        assert not unknown, f"{method} {template}: give PATH_IDS an id of centre B for {unknown}"
        if method != "GET":
            assert (method, template) in BODIES, (
                f"{method} {template} is new: say in BODIES how to aim it at centre B"
            )
        path = template.format(**{name: PATH_IDS[name](other) for name in params})
        for who, caller in callers.items():
            body = BODIES[(method, template)](other) if method != "GET" else None
            answer = caller.api.request(
                method,
                path,
                headers=caller.headers,
                params=QUERIES.get(template),
                json=body,
            )
            covered += 1
            sent = path + json.dumps(body)
            if answer.status_code >= 500:
                failures.append(f"{who} {method} {path}: {answer.status_code} {answer.text[:200]}")
            if leaked := _leaks(other, sent, answer.text):
                failures.append(f"{who} {method} {path} answered B's {sorted(leaked)[:3]}")
    assert not failures, "\n".join(failures)
    assert covered >= 4 * 20
    assert _version(database, other.ids.centre) == before, "a call of A's wrote into centre B"


def test_every_command_aimed_at_another_centre_s_rows_is_refused(
    api: TestClient,
    database: Database,
    centre: CentreIds,
    other: Other,
    callers: dict[str, Caller],
) -> None:
    missing = set(REGISTRY) - set(_ARGS)
    assert not missing, f"new commands: say in _ARGS how to aim them at centre B: {missing}"
    before = _version(database, other.ids.centre)
    failures: list[str] = []
    for who, caller in callers.items():
        kind = "kiosk" if who == "kiosk" else "staff"
        path = "/api/v1/kiosk/commands" if kind == "kiosk" else "/api/v1/commands"
        for name, spec in sorted(REGISTRY.items()):
            if kind not in {str(p) for p in spec.principals}:
                continue
            args = _ARGS[name](other)
            pusher = Pusher(caller, path)
            answer = pusher.send(pusher.command(name, **args))
            sent = json.dumps(args)
            if answer.status_code != 200:
                failures.append(f"{who} {name}: HTTP {answer.status_code} {answer.text[:200]}")
                continue
            result = answer.json()["results"][0]
            if result["status"] == "applied" and name not in OWN_CENTRE_ONLY:
                failures.append(f"{who} {name} was applied to centre B's rows: {result}")
            if leaked := _leaks(other, sent, answer.text):
                failures.append(f"{who} {name} answered B's {sorted(leaked)[:3]}")
    assert not failures, "\n".join(failures)
    assert _version(database, other.ids.centre) == before, "a command of A's wrote into B"
    for caller in (callers["admin"], callers["kiosk"]):
        feed = "/api/v1/kiosk/changes" if caller is callers["kiosk"] else "/api/v1/changes"
        tables, _ = pull_all(caller, feed)
        assert not _leaks(other, "", json.dumps(tables)), "A's feed names B's rows"


@pytest.mark.parametrize("database_backend", ["sqlite", "postgres"], indirect=True, scope="session")
def test_a_text_to_one_centre_from_a_number_another_knows_stays_in_the_first(
    texting: TextingServer, texting_database: Database
) -> None:
    """Both centres know +15555550101 (make_centre gives every centre the Diaz phone)."""
    first, second = make_centre(texting_database), make_centre(texting_database)
    before = _version(texting_database, second.centre)
    answer = texting.text(first.centre, "+15555550101", "Running late")
    assert answer.status_code == 200, answer.text
    assert second.centre not in answer.text
    assert _version(texting_database, second.centre) == before
    with texting_database.reading() as session:
        landed = session.scalars(
            select(orm.Message.centre_id).where(orm.Message.body == "Running late")
        ).all()
    assert set(landed) == {first.centre}
    with httpx.Client(base_url=texting.url, timeout=30) as http:
        reader = sign_in(http, second.usernames["admin"])
        tables, _ = pull_all(reader)
    assert "Running late" not in json.dumps(tables)


def test_a_busy_centre_wakes_no_client_of_another(
    http: httpx.Client, served_database: Database
) -> None:
    """Per-centre versions: A's burst of commands neither wakes nor bumps B's clients.

    B's long-poll stays held through A's burst (so B's clients run no feed query for
    A's work), then wakes for B's own write with exactly that write.
    """
    busy, quiet = make_centre(served_database), make_centre(served_database)
    busy_admin = sign_in(http, busy.usernames["admin"])
    quiet_admin = sign_in(http, quiet.usernames["admin"])
    _, cursor = pull_all(quiet_admin)
    quiet_before = _version(served_database, quiet.centre)
    held_before = _held(http)
    with ThreadPoolExecutor(max_workers=1) as pool:
        poll = pool.submit(quiet_admin.get, "/api/v1/changes", params={"after": cursor, "wait": 60})
        wait_until(lambda: _held(http) == held_before + 1, "the quiet centre's poll is held")
        pusher = Pusher(busy_admin)
        for number in range(20):
            sent = pusher.run(
                "send_message",
                message_id=new_id(),
                thread_id=busy.threads["office"],
                body=f"Busy {number}",
            )
            assert sent["status"] == "applied", sent
        assert not poll.done()
        assert _held(http) == held_before + 1
        assert _version(served_database, quiet.centre) == quiet_before
        mine = new_id()
        sent = Pusher(quiet_admin).run(
            "send_message", message_id=mine, thread_id=quiet.threads["office"], body="Quiet"
        )
        assert sent["status"] == "applied", sent
        answer = poll.result(timeout=60)
    assert answer.status_code == 200, answer.text
    messages = [table for table in answer.json()["tables"] if table["name"] == "message"]
    assert [row[messages[0]["columns"].index("id")] for row in messages[0]["rows"]] == [mine]


def _held(http: httpx.Client) -> int:
    text = http.get("/metrics").text
    return int(
        sum(
            float(line.split()[-1])
            for line in text.splitlines()
            if line.startswith("desk_long_polls_held")
        )
    )
