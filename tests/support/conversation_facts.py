"""Facts the conversation tests arrange on a server database, and reads of what resulted.

Staff who can sign in, attendance at a chosen time, and the rows a command wrote,
read back per table. Everything is written with a new sync version, so clients
receive it through the feed as they would any change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from desk.core.ids import new_id
from desk.core.kinds import AttendanceKind, StaffRole
from desk.core.permissions import ROLE_DEFAULTS, format_capabilities
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from tests.support.factories import CentreIds, password_hash

CONVERSATION_TABLES = (
    "thread",
    "participant",
    "message",
    "attachment",
    "delivery",
    "receipt",
    "kiosk_message",
)
"""The feed's tables that belong to conversations (the rest is the directory)."""


def add_staff(
    database: Database,
    centre: CentreIds,
    first_name: str,
    *,
    role: StaffRole = StaffRole.TEACHER,
    room_id: str | None = None,
    phone: str | None = None,
    opted_in: bool = True,
) -> str:
    """A staff member who can sign in (and may share a family's phone); answers their id.

    Their username is listed in `centre.usernames` under `first_name`.
    """
    staff_id = new_id()
    username = f"{first_name.lower()}-{staff_id[:8]}"
    centre.usernames[first_name] = username
    with database.writing() as s:
        s.add(
            orm.Staff(
                id=staff_id,
                centre_id=centre.centre,
                first_name=first_name,
                last_name="Staff",
                username=username,
                role=role,
                capabilities=format_capabilities(ROLE_DEFAULTS[role]),
                password_hash=password_hash(),
                phone=phone,
                sms_opt_in=opted_in,
            )
        )
        s.flush()
        if room_id is not None:
            s.add(
                orm.StaffRoom(
                    id=new_id(), centre_id=centre.centre, staff_id=staff_id, room_id=room_id
                )
            )
        stamp(s, centre.centre)
    return staff_id


def attendance(
    database: Database, centre: CentreIds, student: str, kind: AttendanceKind, at: datetime
) -> None:
    """The child was signed in or out at `at`."""
    with database.writing() as s:
        s.add(
            orm.AttendanceEvent(
                id=new_id(),
                centre_id=centre.centre,
                student_id=centre.students[student],
                kind=kind,
                at=at,
            )
        )
        stamp(s, centre.centre)


def rows_of(database: Database, model: type[Any], **where: Any) -> list[Any]:
    """Detached rows of `model` matching `where` (column name = value, or a list)."""
    with database.reading() as session:
        query = select(model)
        for name, value in where.items():
            column = getattr(model, name)
            query = query.where(column.in_(value) if isinstance(value, list) else column == value)
        found = list(session.scalars(query))
        session.expunge_all()
        return found


def set_columns(
    database: Database, centre: CentreIds, model: type[Any], row_id: str, **values: Any
) -> None:
    """Change some columns of one row, stamped so clients receive it."""
    with database.writing() as s:
        row = s.get_one(model, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        stamp(s, centre.centre)
