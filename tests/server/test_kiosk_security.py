"""Issue 12 on the server: kiosk messages, kiosk tokens and the kiosk feed.

Who receives kiosk messages, in which order, and what a kiosk's token and feed give
away. Every test talks HTTP to the shared real `desk server` process
(`tests/conftest.py::server`), once on SQLite and once on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import orjson
from argon2.low_level import Type, hash_secret_raw

from desk.core.ids import new_id
from desk.core.pins import pin_lookup_key
from desk.core.wire import format_utc
from desk.server import orm
from desk.server.db import Database
from desk.server.security import token_digest
from tests.support.callers import Caller, enroll_kiosk
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all

BILLING = "Billing: the Diaz invoice is overdue, please see the office"


def _kiosk_bodies(caller: Caller, path: str = "/api/v1/changes") -> list[str]:
    tables, _ = pull_all(caller, path)
    return [row["body"] for row in tables.get("kiosk_message", [])]


def test_a_teacher_gets_no_kiosk_copy_of_an_office_chat_message(
    served_admin: Caller,
    served_teacher: Caller,
    served_office: Caller,
    served_centre: CentreIds,
) -> None:
    """Regression, issue 12 item 1: a kiosk copy reached every staff member's feed.

    A message sent in Office Chat with "Show at Sign In-Out Kiosk" reached them all
    through `kiosk_message`. Failed before the fix: the teacher's feed held the
    billing text.
    """
    admin, teacher, office, centre = served_admin, served_teacher, served_office, served_centre
    desk = Pusher(admin)
    for channel, body in (("office", BILLING), ("classroom", "Leo's class photo is Friday")):
        sent = desk.run(
            "send_new_message",
            student_ids=[centre.students["leo"]],
            channel=channel,
            body=body,
            show_at_kiosk=True,
        )
        assert sent["status"] == "applied", sent
    alone = desk.run(
        "queue_kiosk_message",
        kiosk_message_id=new_id(),
        guardian_id=centre.guardians["maria"],
        body="Please pick up the lost mitten",
    )
    assert alone["status"] == "applied", alone

    seen_by_teacher = _kiosk_bodies(teacher)
    assert BILLING not in seen_by_teacher
    # Leo is in the teacher's room: the classroom message and the kiosk-only one stay.
    assert "Leo's class photo is Friday" in seen_by_teacher
    assert "Please pick up the lost mitten" in seen_by_teacher
    assert BILLING not in str(pull_all(teacher)[0])
    # Office staff without full messaging read no Office Chat either; the admin does.
    assert BILLING not in _kiosk_bodies(office)
    assert BILLING in _kiosk_bodies(admin)


def test_kiosk_messages_are_ordered_by_when_staff_entered_them(
    served_admin: Caller, served_kiosk: Caller, served_centre: CentreIds
) -> None:
    """Regression, issue 12 item 8: the server numbered kiosk messages on arrival.

    So one typed offline earlier showed after one typed later online. Failed before
    the fix: `entered_at` was the arrival time.
    """
    admin, kiosk, centre = served_admin, served_kiosk, served_centre
    now = datetime.now(UTC)
    online, offline = Pusher(admin), Pusher(admin)
    maria = centre.guardians["maria"]
    typed = {
        "first, typed offline an hour ago": now - timedelta(hours=1),
        "second, typed online a minute ago": now - timedelta(minutes=1),
    }
    for pusher, body in zip((online, offline), reversed(typed), strict=True):
        outcome = pusher.run(
            "queue_kiosk_message",
            kiosk_message_id=new_id(),
            guardian_id=maria,
            body=body,
            entered_at=format_utc(typed[body]),
        )
        assert outcome["status"] == "applied", outcome
    # A fast clock says "tomorrow", a stopped one "last year": both stay in bounds.
    for body, when in (
        ("fast clock", now + timedelta(days=1)),
        ("old clock", now - timedelta(days=365)),
    ):
        assert (
            online.run(
                "queue_kiosk_message",
                kiosk_message_id=new_id(),
                guardian_id=maria,
                body=body,
                entered_at=format_utc(when),
            )["status"]
            == "applied"
        )

    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    rows = [r for r in tables["kiosk_message"] if r["guardian_id"] == maria]
    ordered = [r["body"] for r in sorted(rows, key=lambda r: (r["entered_at"], r["entered_seq"]))]
    assert ordered == [
        "old clock",
        "first, typed offline an hour ago",
        "second, typed online a minute ago",
        "fast clock",
    ]
    entered = {r["body"]: datetime.fromisoformat(r["entered_at"]) for r in rows}
    assert abs(
        entered["first, typed offline an hour ago"] - typed["first, typed offline an hour ago"]
    ) < timedelta(seconds=1)
    assert entered["fast clock"] <= datetime.now(UTC)
    assert entered["old clock"] >= now - timedelta(days=3)


def test_a_stolen_kiosk_holds_only_memory_hard_pin_verifiers(
    http: httpx.Client, served_admin: Caller, served_centre: CentreIds
) -> None:
    """Regression, issue 12 item 2: a kiosk got what it needs to sweep every PIN.

    Enrolling answered the centre's PIN secret and the kiosk feed carried every
    guardian's HMAC lookup key and all staff names, so the 10^6 PINs could be swept
    offline in a second. Failed before the fix: the enrollment answer held
    `pin_secret` and the feed `kiosk_pin_key`.
    """
    api, admin, centre = http, served_admin, served_centre
    code = admin.post("/api/v1/kiosk/enrollment-codes").json()["code"]
    answer = api.post("/api/v1/kiosk/enroll", json={"code": code, "name": "Door"})
    assert answer.status_code == 201, answer.text
    assert set(answer.json()) == {"device_id", "centre_id", "token"}
    kiosk = Caller(api, answer.json()["token"], answer.json())
    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    raw = orjson.dumps(tables).decode()
    assert centre.secret.hex() not in raw
    for pin in centre.pins.values():
        assert pin_lookup_key(centre.secret, pin) not in raw
    # What it shows or checks, nothing else: no staff names, only the admins' hashes.
    assert {name for row in tables["staff"] for name in row} == {
        "id",
        "version",
        "deleted",
        "admin_pin_hash",
    }
    [salt] = [row["kiosk_pin_salt"] for row in tables["centre"]]
    verifiers = {row["id"]: row["kiosk_pin_verifier"] for row in tables["guardian"]}
    for key, pin in centre.pins.items():
        # argon2id with 12 MiB per guess: a sweep of all PINs costs hours, not seconds.
        expected = hash_secret_raw(
            pin.encode(), bytes.fromhex(salt), 1, 12 * 1024, 1, 32, Type.ID
        ).hex()
        assert verifiers[centre.guardians[key]] == expected


def test_admins_list_kiosks_and_a_revoked_kiosk_gets_401(
    http: httpx.Client, served_admin: Caller, served_teacher: Caller
) -> None:
    """Regression, issue 12 item 3: kiosks could not be listed or revoked.

    Failed before the fix: `GET /kiosk/devices` answered 404.
    """
    api, admin, teacher = http, served_admin, served_teacher
    door = enroll_kiosk(api, admin, "Front door")
    back = enroll_kiosk(api, admin, "Back door")
    assert door.get("/api/v1/kiosk/changes", params={"after": "0"}).status_code == 200
    listed = admin.get("/api/v1/kiosk/devices")
    assert listed.status_code == 200, listed.text
    kiosks = {k["name"]: k for k in listed.json()["kiosks"]}
    assert set(kiosks) == {"Front door", "Back door"}
    assert kiosks["Front door"]["enrolled_by"] == "Admin Staff"
    assert kiosks["Front door"]["last_seen_at"] is not None
    assert kiosks["Back door"]["last_seen_at"] is None
    assert teacher.get("/api/v1/kiosk/devices").status_code == 403

    device_id = kiosks["Front door"]["id"]
    assert teacher.post(f"/api/v1/kiosk/devices/{device_id}/revoke").status_code == 403
    revoked = admin.post(f"/api/v1/kiosk/devices/{device_id}/revoke")
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked"] is True
    assert door.get("/api/v1/kiosk/changes", params={"after": "0"}).status_code == 401
    assert door.post("/api/v1/kiosk/token").status_code == 401
    assert back.get("/api/v1/kiosk/changes", params={"after": "0"}).status_code == 200
    assert admin.post("/api/v1/kiosk/devices/nope/revoke").status_code == 404
    again = {k["name"]: k["revoked"] for k in admin.get("/api/v1/kiosk/devices").json()["kiosks"]}
    assert again == {"Front door": True, "Back door": False}


def test_the_office_learns_when_its_enrollment_code_was_used(
    http: httpx.Client, served_admin: Caller, served_teacher: Caller
) -> None:
    """The Enroll a kiosk dialog marks a used code as used (issue 15 item 5)."""
    code = served_admin.post("/api/v1/kiosk/enrollment-codes").json()["code"]
    state = served_admin.post("/api/v1/kiosk/enrollment-codes/state", json={"code": code})
    assert state.status_code == 200, state.text
    assert (state.json()["used"], state.json()["expired"]) == (False, False)
    assert http.post("/api/v1/kiosk/enroll", json={"code": code, "name": "Door"}).status_code == 201
    used = served_admin.post("/api/v1/kiosk/enrollment-codes/state", json={"code": code})
    assert used.json()["used"] is True
    refused = served_teacher.post("/api/v1/kiosk/enrollment-codes/state", json={"code": code})
    assert refused.status_code == 403
    unknown = served_admin.post("/api/v1/kiosk/enrollment-codes/state", json={"code": "ZZZZZZZZ"})
    assert unknown.status_code == 404


def test_kiosk_tokens_are_short_lived_and_rotation_cuts_off_a_copy(
    http: httpx.Client, served_admin: Caller, served_database: Database
) -> None:
    """Regression, issue 12 item 3: kiosk tokens lived 3,650 days and never changed.

    So a copied token worked for ten years. Failed before the fix: no
    `/kiosk/token`, and the enrollment token expired in 3,650 days.
    """
    api, admin, database = http, served_admin, served_database
    kiosk = enroll_kiosk(api, admin)
    copied = kiosk.token
    rotated = kiosk.post("/api/v1/kiosk/token")
    assert rotated.status_code == 200, rotated.text
    fresh = Caller(api, rotated.json()["token"], {})
    assert fresh.get("/api/v1/kiosk/changes", params={"after": "0"}).status_code == 200
    now = datetime.now(UTC)
    with database.reading() as session:
        old = session.get_one(orm.ApiToken, token_digest(copied))
        new = session.get_one(orm.ApiToken, token_digest(fresh.token))
        assert old.expires_at <= now + timedelta(hours=1, minutes=1)  # a copy dies soon
        assert new.expires_at <= now + timedelta(days=31)
    # After the grace period the copy is refused.
    with database.writing() as session:
        session.get_one(orm.ApiToken, token_digest(copied)).expires_at = now
    assert kiosk.get("/api/v1/kiosk/changes", params={"after": "0"}).status_code == 401
    assert fresh.get("/api/v1/kiosk/changes", params={"after": "0"}).status_code == 200
