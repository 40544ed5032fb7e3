"""The office and the server as the kiosk tests see them: queue messages, read results."""

from __future__ import annotations

from itertools import count
from typing import Any

import requests
from argon2 import PasswordHasher
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from desk.sync.http import ServerApi
from tests.support.factories import PASSWORD, CentreIds

ADMIN_PIN = "417093"
_ADMIN_PIN_HASH = PasswordHasher().hash(ADMIN_PIN)  # slow on purpose: hash once


def give_admin_pin(database: Database, centre: CentreIds) -> None:
    """Give the centre's admin the kiosk unlock PIN `ADMIN_PIN`, as the office would."""
    with database.writing() as session:
        session.get_one(orm.Staff, centre.admin).admin_pin_hash = _ADMIN_PIN_HASH
        stamp(session, centre.centre)


class OfficeClient:
    """The centre's admin at the office, sending commands straight to the server."""

    def __init__(self, server_url: str, centre: CentreIds) -> None:
        self.url = server_url
        self.api = ServerApi(server_url)
        self.api.token = self.api.login(centre.usernames["admin"], PASSWORD)["token"]
        self.client_id = new_id()
        self._seq = count(1)

    def enrollment_code(self) -> str:
        """A one-time kiosk enrollment code."""
        answer = requests.post(
            f"{self.url}/api/v1/kiosk/enrollment-codes",
            headers={"Authorization": f"Bearer {self.api.token}"},
            timeout=10,
        )
        answer.raise_for_status()
        return str(answer.json()["code"])

    def run(self, name: str, **args: Any) -> dict[str, Any]:
        """Apply one command; answers its outcome."""
        command = {"command_id": new_id(), "seq": next(self._seq), "name": name, "args": args}
        [result] = self.api.push(self.client_id, [command])["results"]
        return dict(result)

    def queue(self, guardian_id: str, body: str) -> str:
        """Queue a kiosk message; answers its id."""
        message_id = new_id()
        result = self.run(
            "queue_kiosk_message", kiosk_message_id=message_id, guardian_id=guardian_id, body=body
        )
        assert result["status"] == "applied", result
        return message_id

    def close(self) -> None:
        self.api.close()

    def __enter__(self) -> OfficeClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def kiosk_message(database: Database, message_id: str) -> orm.KioskMessage:
    """A kiosk message as the server holds it."""
    with database.reading() as session:
        message = session.get_one(orm.KioskMessage, message_id)
        session.expunge(message)
        return message


def attendance(database: Database, student_id: str) -> list[tuple[str, str | None, str | None]]:
    """(kind, guardian id, device id) of a student's attendance events, oldest first."""
    with database.reading() as session:
        rows = session.execute(
            select(
                orm.AttendanceEvent.kind,
                orm.AttendanceEvent.guardian_id,
                orm.AttendanceEvent.device_id,
            )
            .where(orm.AttendanceEvent.student_id == student_id)
            .order_by(orm.AttendanceEvent.at)
        )
        return [(str(kind), guardian, device) for kind, guardian, device in rows]


def audit_count(database: Database, centre: CentreIds, action: str) -> int:
    """How many audit events of this action the centre has."""
    with database.reading() as session:
        query = select(func.count()).where(
            orm.AuditEvent.centre_id == centre.centre, orm.AuditEvent.action == action
        )
        return int(session.scalar(query) or 0)
