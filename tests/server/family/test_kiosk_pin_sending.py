"""A new kiosk PIN sent to its guardian by SMS or email (issue 15 item 6).

Runs on the family folder's real server, whose providers write every text and
email to a log file through a real delivery worker: the PIN must reach that log
and be found nowhere else the server keeps or serves.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select, update

from desk.core.kinds import AuditAction
from desk.core.pins import pin_verifier
from desk.server.db import Database
from desk.server.orm import AuditEvent, Centre, Guardian, Job
from tests.support.callers import Caller, sign_in
from tests.support.factories import CentreIds
from tests.support.family_app import FamilyServer
from tests.support.polling import wait_until
from tests.support.server_calls import pull_all

_PIN = re.compile(r"\b(\d{6})\b")


@pytest.fixture
def admin(family: FamilyServer, family_centre: CentreIds) -> Iterator[Caller]:
    """The admin of a fresh centre on the family server."""
    with httpx.Client(base_url=family.url, timeout=30) as client:
        yield sign_in(client, family_centre.usernames["admin"])


def _own_contacts(db: Database, guardian_id: str, *, opted_in: bool = True) -> tuple[str, str]:
    """Give the guardian a phone and address no other test's centre has."""
    phone = f"+1555{secrets.randbelow(10**7):07d}"
    email = f"pin-{secrets.token_hex(4)}@example.org"
    with db.writing() as session:
        session.execute(
            update(Guardian)
            .where(Guardian.id == guardian_id)
            .values(phone=phone, email=email, sms_opt_in=opted_in)
        )
    return phone, email


def _pins_sent(family: FamilyServer, address: str) -> list[dict[str, str]]:
    return [
        line
        for line in family.sent_to(address)
        if str(line.get("idempotency_key", "")).startswith("kiosk-pin-")
    ]


def _verifier(db: Database, centre_id: str, guardian_id: str) -> tuple[str, str | None]:
    with db.reading() as session:
        salt = session.get_one(Centre, centre_id).kiosk_pin_salt
        return salt, session.get_one(Guardian, guardian_id).kiosk_pin_verifier


def _audit(db: Database, centre_id: str) -> list[str]:
    with db.reading() as session:
        return list(
            session.scalars(
                select(AuditEvent.detail).where(
                    AuditEvent.centre_id == centre_id,
                    AuditEvent.action == AuditAction.KIOSK_PIN_RESET,
                )
            )
        )


def _pin_jobs(db: Database, centre_id: str) -> list[tuple[str, str]]:
    """(state, payload) of the centre's `kiosk_pin` jobs."""
    with db.reading() as session:
        rows = session.execute(
            select(Job.state, Job.payload).where(
                Job.centre_id == centre_id, Job.kind == "kiosk_pin"
            )
        )
        return [(state, payload) for state, payload in rows]


def _holds(text: str, pin: str) -> bool:
    """Whether `text` holds `pin` as a number of its own (not inside an id or a time)."""
    return re.search(rf"(?<![0-9A-Za-z.:]){pin}(?![0-9A-Za-z])", text) is not None


def test_a_pin_sent_by_sms_reaches_the_phone_and_nowhere_else(
    family: FamilyServer, family_database: Database, family_centre: CentreIds, admin: Caller
) -> None:
    maria = family_centre.guardians["maria"]
    phone, _ = _own_contacts(family_database, maria)
    answer = admin.post(f"/api/v1/guardians/{maria}/kiosk-pin", json={"send_by": "sms"})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"guardian_id": maria, "pin": None, "sent_by": "sms"}

    wait_until(lambda: bool(_pins_sent(family, phone)), "the PIN texted to Maria")
    [text] = _pins_sent(family, phone)
    match = _PIN.search(text["body"])
    assert match is not None, text
    pin = match.group(1)
    salt, stored = _verifier(family_database, family_centre.centre, maria)
    assert stored == pin_verifier(salt, pin)  # the PIN texted is the one kiosks accept

    assert _audit(family_database, family_centre.centre) == ["Maria Diaz, sent by SMS"]
    tables, _ = pull_all(admin)
    assert not _holds(json.dumps(tables), pin)  # no synced row holds it: no message, no feed
    wait_until(
        lambda: _pin_jobs(family_database, family_centre.centre)[0][0] == "done",
        "the PIN job settled",
    )
    [(_, payload)] = _pin_jobs(family_database, family_centre.centre)
    assert not _holds(payload, pin)  # blanked once sent


def test_a_pin_sent_by_email_goes_in_the_guardians_language(
    family: FamilyServer, family_database: Database, family_centre: CentreIds, admin: Caller
) -> None:
    ann = family_centre.guardians["ann"]
    _, email = _own_contacts(family_database, ann)
    with family_database.writing() as session:
        session.execute(update(Guardian).where(Guardian.id == ann).values(language="es"))
    answer = admin.post(f"/api/v1/guardians/{ann}/kiosk-pin", json={"send_by": "email"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["pin"] is None

    wait_until(lambda: bool(_pins_sent(family, email)), "the PIN emailed to Ann")
    [mail] = _pins_sent(family, email)
    assert mail["subject"].startswith("Su nuevo PIN")
    assert _PIN.search(mail["body_text"]) is not None
    assert _audit(family_database, family_centre.centre) == ["Ann Lee, sent by email"]


@pytest.mark.parametrize(
    ("send_by", "change"),
    [
        ("sms", {"phone": None}),
        ("sms", {"sms_opt_in": False}),
        ("email", {"email": None}),
    ],
)
def test_a_way_the_record_does_not_allow_is_refused_and_keeps_the_old_pin(
    family_database: Database,
    family_centre: CentreIds,
    admin: Caller,
    send_by: str,
    change: dict[str, object],
) -> None:
    ben = family_centre.guardians["ben"]
    _own_contacts(family_database, ben)
    with family_database.writing() as session:
        session.execute(update(Guardian).where(Guardian.id == ben).values(**change))
    before = _verifier(family_database, family_centre.centre, ben)
    answer = admin.post(f"/api/v1/guardians/{ben}/kiosk-pin", json={"send_by": send_by})
    assert answer.status_code == 409, answer.text
    assert "on file" in answer.json()["detail"]
    assert _verifier(family_database, family_centre.centre, ben) == before
    assert _pin_jobs(family_database, family_centre.centre) == []
    assert _audit(family_database, family_centre.centre) == []


def test_an_unknown_way_is_refused(family_centre: CentreIds, admin: Caller) -> None:
    maria = family_centre.guardians["maria"]
    answer = admin.post(f"/api/v1/guardians/{maria}/kiosk-pin", json={"send_by": "fax"})
    assert answer.status_code == 422
