"""Server-side facts for the inbox tests, written to the server's database.

They reach the office cache only through the real change feed, as production data
does. `incoming` plays the part of the server's inbound path (an SMS webhook, a
parent's app): the server cannot see who has a thread on screen, so it applies
seed 001's rule as "not being viewed"; the office that has the thread on screen
opens it again (see `desk.ui.inbox.thread_view`).
"""

from __future__ import annotations

from datetime import timedelta

from desk.core import status as status_rules
from desk.core.ids import new_id, parent_thread_id
from desk.core.kinds import Direction, MessageState, ThreadKind, ThreadStatus
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from tests.support.factories import CentreIds


def incoming(database: Database, centre: CentreIds, thread_id: str, body: str) -> str:
    """A family's message arrives on the server: the thread turns Unread."""
    message_id = new_id()
    now = utcnow()
    with database.writing() as s:
        thread = s.get_one(orm.Thread, thread_id)
        s.add(
            orm.Message(
                id=message_id,
                centre_id=centre.centre,
                thread_id=thread_id,
                direction=Direction.INBOUND,
                author_kind="guardian" if thread.phone is None else None,
                author_id=centre.guardians["maria"] if thread.phone is None else None,
                from_phone=thread.phone,
                body=body,
                state=MessageState.SENT,
                created_at=now,
            )
        )
        thread.status = status_rules.on_incoming_message(
            ThreadStatus(thread.status), being_viewed=False
        )
        thread.unread_count += 1
        thread.message_count += 1
        thread.last_message_at = now
        thread.last_message_preview = body
        stamp(s, centre.centre)
    return message_id


def private_threads(database: Database, centre: CentreIds) -> dict[str, str]:
    """The split Lee family's per-guardian Classroom Chat threads (seed 000)."""
    ids = {}
    now = utcnow()
    with database.writing() as s:
        for n, key in enumerate(("ann", "ben")):
            guardian = centre.guardians[key]
            thread_id = parent_thread_id(ThreadKind.CLASSROOM, centre.split_family, guardian)
            ids[key] = thread_id
            s.add(
                orm.Thread(
                    id=thread_id,
                    centre_id=centre.centre,
                    kind=ThreadKind.CLASSROOM,
                    room_id=centre.room_a,
                    family_id=centre.split_family,
                    guardian_id=guardian,
                    status=ThreadStatus.OPEN,
                    created_at=now,
                    last_message_at=now - timedelta(minutes=n),
                    last_message_preview=f"private note from {key}",
                    message_count=0,
                    unread_count=0,
                )
            )
        stamp(s, centre.centre)
    return ids


def many_threads(database: Database, centre: CentreIds, count: int) -> None:
    """`count` Classroom Chat threads with the Diaz family, one minute apart."""
    now = utcnow()
    with database.writing() as s:
        for n in range(count):
            s.add(
                orm.Thread(
                    id=new_id(),
                    centre_id=centre.centre,
                    kind=ThreadKind.CLASSROOM,
                    room_id=centre.room_a,
                    family_id=centre.family,
                    status=ThreadStatus.CLOSED if n % 3 == 0 else ThreadStatus.OPEN,
                    created_at=now,
                    last_message_at=now - timedelta(days=1, minutes=n),
                    last_message_preview=f"thread number {n}",
                    message_count=1,
                    unread_count=0,
                )
            )
        stamp(s, centre.centre)


def set_capabilities(database: Database, centre: CentreIds, role: str, capabilities: str) -> None:
    """Change what the staff member of `role` may do."""
    staff_id = {"admin": centre.admin, "office": centre.office, "teacher": centre.teacher}[role]
    with database.writing() as s:
        s.get_one(orm.Staff, staff_id).capabilities = capabilities
        stamp(s, centre.centre)


def thread_status(database: Database, thread_id: str) -> str:
    """The server's status of a thread."""
    with database.reading() as s:
        return str(s.get_one(orm.Thread, thread_id).status)


def messages_with_body(database: Database, thread_id: str, body: str) -> int:
    """How many messages in the thread carry exactly this text."""
    with database.reading() as s:
        return sum(1 for m in s.query(orm.Message).filter_by(thread_id=thread_id, body=body))
