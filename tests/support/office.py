"""An office client signed in to a real server, and server-side facts to sync into it.

The people-screen tests (New Message, records, audit log) need a cache filled by the
real sync code from a real `desk server`, plus a few facts the plain test centre
lacks (an opted-out guardian, a shared number, a child signed in, texts). Facts are
written to the server's database and reach the cache only through the change feed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from desk.core.ids import new_id
from desk.core.kinds import (
    AttendanceKind,
    AuditAction,
    Channel,
    Direction,
    EnrollmentType,
    MessageState,
    ProgramKind,
    ThreadKind,
    ThreadStatus,
)
from desk.models.cache import Cache, open_cache
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from desk.services.account import adopt
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id
from desk.sync.pull import pull
from desk.sync.push import PushResult, push
from tests.support.factories import PASSWORD, CentreIds
from tests.support.server_process import ServerProcess


@dataclass
class Office:
    """One signed-in workstation: its cache and its connection (no engine)."""

    cache: Cache
    api: ServerApi

    def sync(self) -> PushResult:
        """Push the outbox, then pull everything new, as the engine would."""
        pushed = push(self.api, self.cache, client_id(self.cache))
        pull(self.api, self.cache)
        return pushed

    def close(self) -> None:
        """Close the connection and the cache."""
        self.api.close()
        self.cache.close()


def sign_in(server: ServerProcess, centre: CentreIds, role: str, path: Path) -> Office:
    """A workstation of `role` ("admin", "office" or "teacher") with a synced cache."""
    token = ServerApi(server.url).login(centre.usernames[role], PASSWORD)["token"]
    api = ServerApi(server.url, token)
    cache = open_cache(path)
    adopt(cache, api)
    office = Office(cache, api)
    office.sync()
    return office


SignIn = Callable[[str], Office]


@contextmanager
def offices(server: ServerProcess, centre: CentreIds, folder: Path) -> Iterator[SignIn]:
    """`sign_in(role)` for workstations of one centre, all closed on leaving."""
    opened: list[Office] = []

    def open_office(role: str) -> Office:
        opened.append(sign_in(server, centre, role, folder / f"{role}-{len(opened)}.db"))
        return opened[-1]

    try:
        yield open_office
    finally:
        for made in opened:
            made.close()


def opt_out(database: Database, centre: CentreIds, guardian: str) -> None:
    """The guardian replied STOP: their record is opted out of texts."""
    with database.writing() as s:
        s.get_one(orm.Guardian, centre.guardians[guardian]).sms_opt_in = False
        stamp(s, centre.centre)


def remove_phone(database: Database, centre: CentreIds, guardian: str) -> None:
    """The office has no number for this guardian."""
    with database.writing() as s:
        s.get_one(orm.Guardian, centre.guardians[guardian]).phone = None
        stamp(s, centre.centre)


def set_phone(database: Database, centre: CentreIds, guardian: str, phone: str) -> None:
    """The office changed this guardian's number (to share another's, say)."""
    with database.writing() as s:
        s.get_one(orm.Guardian, centre.guardians[guardian]).phone = phone
        stamp(s, centre.centre)


def add_group(database: Database, centre: CentreIds, name: str, staff_ids: list[str]) -> str:
    """A staff group with these members."""
    group_id = new_id()
    with database.writing() as s:
        s.add(orm.StaffGroup(id=group_id, centre_id=centre.centre, name=name))
        s.flush()
        for staff_id in staff_ids:
            s.add(
                orm.StaffGroupMember(
                    id=new_id(), centre_id=centre.centre, group_id=group_id, staff_id=staff_id
                )
            )
        stamp(s, centre.centre)
    return group_id


def sign_in_child(database: Database, centre: CentreIds, student: str, room_id: str) -> None:
    """The child was signed in to `room_id` a minute ago."""
    with database.writing() as s:
        s.add(
            orm.AttendanceEvent(
                id=new_id(),
                centre_id=centre.centre,
                student_id=centre.students[student],
                room_id=room_id,
                kind=AttendanceKind.SIGN_IN,
                at=utcnow() - timedelta(minutes=1),
            )
        )
        stamp(s, centre.centre)


def add_text(
    database: Database,
    centre: CentreIds,
    thread_id: str,
    body: str,
    *,
    inbound: bool,
    at: datetime | None = None,
    emergency: bool = False,
) -> str:
    """A text in a thread (inbound from the thread's number, or sent by the admin)."""
    message_id = new_id()
    with database.writing() as s:
        thread = s.get_one(orm.Thread, thread_id)
        s.add(
            orm.Message(
                id=message_id,
                centre_id=centre.centre,
                thread_id=thread_id,
                direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
                author_kind=None if inbound else "staff",
                author_id=None if inbound else centre.admin,
                from_phone=thread.phone if inbound else None,
                body=body,
                emergency_sms=emergency,
                state=MessageState.DELIVERED,
                created_at=at or utcnow(),
            )
        )
        thread.last_message_at = at or utcnow()
        thread.last_message_preview = body
        thread.message_count += 1
        stamp(s, centre.centre)
    return message_id


def add_sms_thread(database: Database, centre: CentreIds, phone: str) -> str:
    """A Messenger Center thread with a number (a staff member's, say)."""
    thread_id = new_id()
    with database.writing() as s:
        s.add(
            orm.Thread(
                id=thread_id,
                centre_id=centre.centre,
                kind=ThreadKind.SMS,
                phone=phone,
                status=ThreadStatus.OPEN,
                created_at=utcnow(),
                unread_count=0,
                message_count=0,
            )
        )
        stamp(s, centre.centre)
    return thread_id


def number_made_unread(
    database: Database, centre: CentreIds, thread: str, phone: str, at: datetime
) -> str:
    """The audit entry of an incoming text that made a thread Unread (seed 001)."""
    event_id = new_id()
    with database.writing() as s:
        s.add(
            orm.AuditEvent(
                id=event_id,
                centre_id=centre.centre,
                at=at,
                action=AuditAction.MARKED_UNREAD_BY_NUMBER,
                actor_kind="phone",
                actor_label=phone,
                thread_id=centre.threads[thread],
                phone=phone,
            )
        )
        stamp(s, centre.centre)
    return event_id


def set_quota(database: Database, centre: CentreIds, quota: int) -> None:
    """The centre's monthly text allowance."""
    with database.writing() as s:
        s.get_one(orm.Centre, centre.centre).sms_monthly_quota = quota
        stamp(s, centre.centre)


def task_failed(database: Database, centre: CentreIds, task: str, error: str, detail: str) -> None:
    """A background job the server gave up on (the Background Tasks view's rows)."""
    with database.writing() as s:
        s.add(
            orm.BackgroundTaskError(
                id=new_id(),
                centre_id=centre.centre,
                at=utcnow(),
                task=task,
                error=error,
                detail=detail,
            )
        )
        stamp(s, centre.centre)


def add_template(
    database: Database,
    centre: CentreIds,
    page: str,
    channel: Channel,
    name: str,
    title: str,
    body: str,
) -> None:
    """A saved template of one page and channel."""
    with database.writing() as s:
        s.add(
            orm.Template(
                id=new_id(),
                centre_id=centre.centre,
                page=page,
                channel=channel,
                name=name,
                title=title,
                body=body,
            )
        )
        stamp(s, centre.centre)


def add_device(
    database: Database, centre: CentreIds, family_id: str, *, active: bool = True
) -> None:
    """A phone of the family with the app installed."""
    with database.writing() as s:
        s.add(
            orm.Device(
                id=new_id(),
                centre_id=centre.centre,
                family_id=family_id,
                push_token=new_id(),
                active=active,
                registered_at=utcnow(),
            )
        )
        stamp(s, centre.centre)


def add_program(
    database: Database,
    centre: CentreIds,
    kind: ProgramKind,
    name: str,
    enrollments: dict[str, EnrollmentType],
    *,
    starts_on: date,
    ends_on: date | None = None,
) -> str:
    """A class or camp with the given students enrolled ({student key: type})."""
    program_id = new_id()
    with database.writing() as s:
        s.add(
            orm.Program(
                id=program_id,
                centre_id=centre.centre,
                kind=kind,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        )
        s.flush()
        for student, kind_of_enrollment in enrollments.items():
            s.add(
                orm.Enrollment(
                    id=new_id(),
                    centre_id=centre.centre,
                    program_id=program_id,
                    student_id=centre.students[student],
                    type=kind_of_enrollment,
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
            )
        stamp(s, centre.centre)
    return program_id
