"""Reads for the first windows: family list, inbox, one thread, the badge counters.

Each returns small frozen dataclasses rather than ORM objects: Qt item models keep
them across a sync without holding a session open, and a row cannot be modified
by accident behind the cache's back. Times are fixed-width UTC text
(`desk.core.wire.parse_utc` turns them into datetimes for display).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import column, func, select, table, text
from sqlalchemy.orm import Session

from desk.core.status import Counters
from desk.models.inbox_sql import COUNTERS_OF_KIND, COUNTERS_SQL
from desk.models.local import PersonIndex
from desk.models.messaging import Message, Thread
from desk.models.people import Family, Guardian, Student
from desk.models.search import people_match


@dataclass(frozen=True)
class FamilyRow:
    """One line of the family list."""

    id: str
    name: str
    guardians: int
    students: int


@dataclass(frozen=True)
class ThreadRow:
    """One line of the inbox, from the thread's denormalised summary."""

    id: str
    kind: str  # ThreadKind
    status: str  # ThreadStatus
    title: str
    family_id: str | None
    guardian_id: str | None
    room_id: str | None
    phone: str | None
    stopped: bool
    last_message_at: str | None
    last_message_preview: str
    message_count: int
    unread_count: int


@dataclass(frozen=True)
class MessageRow:
    """One message in a thread view."""

    id: str
    thread_id: str
    direction: str  # Direction
    author_kind: str | None
    author_id: str | None
    from_phone: str | None
    subject: str
    body: str
    state: str  # MessageState
    error: str
    emergency_sms: bool
    show_at_kiosk: bool
    created_at: str


# The FTS5 table as a Core construct: its hidden column of the same name takes MATCH.
_PEOPLE_SEARCH = table("people_search", column("rowid"), column("people_search"))

_THREAD_COLUMNS = tuple(Thread.__table__.c[f.name] for f in fields(ThreadRow))
_MESSAGE_COLUMNS = tuple(Message.__table__.c[f.name] for f in fields(MessageRow))


def list_families(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> list[FamilyRow]:
    """Families in name order, optionally only those matching `search`.

    A search matches the family name or the name or phone digits of any of its
    guardians and students, through the `people_search` index (see
    `desk.models.search.search_people`).
    """
    guardians = select(func.count()).where(Guardian.family_id == Family.id).scalar_subquery()
    students = select(func.count()).where(Student.family_id == Family.id).scalar_subquery()
    query = select(Family.id, Family.name, guardians, students)
    if search:
        match = people_match(search)
        if match is None:
            return []
        hits = (
            select(PersonIndex.family_id)
            .join(_PEOPLE_SEARCH, _PEOPLE_SEARCH.c.rowid == PersonIndex.rowid)
            .where(_PEOPLE_SEARCH.c.people_search.match(match))
        )
        query = query.where(Family.id.in_(hits))
    query = query.order_by(Family.name.collate("NOCASE"), Family.id).limit(limit).offset(offset)
    return [FamilyRow(*row) for row in session.execute(query)]


def list_threads(
    session: Session,
    *,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ThreadRow]:
    """Threads with the most recent activity first; threads without messages last.

    Served by `ix_thread_recent` or `ix_thread_kind_status_recent` without a sort.
    """
    query = select(*_THREAD_COLUMNS)
    if kind is not None:
        query = query.where(Thread.kind == kind)
    if status is not None:
        query = query.where(Thread.status == status)
    query = query.order_by(Thread.last_message_at.desc(), Thread.id.desc())
    return [ThreadRow(*row) for row in session.execute(query.limit(limit).offset(offset))]


def thread_messages(session: Session, thread_id: str, limit: int = 500) -> list[MessageRow]:
    """The newest `limit` messages of a thread, oldest first as a conversation reads."""
    query = (
        select(*_MESSAGE_COLUMNS)
        .where(Message.thread_id == thread_id)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(limit)
    )
    rows = [MessageRow(*row) for row in session.execute(query)]
    rows.reverse()
    return rows


def counters(session: Session, kind: str | None = None) -> Counters:
    """The red and grey badge numbers (seed 001), for one kind of thread or all.

    The same rule as `desk.core.status.counters`, computed in SQL: unread messages
    count only on Unread threads, and open conversations are threads with status
    Open. The statement is `inbox_sql.COUNTERS_SQL`, which the start-up snapshot
    runs too, so the first paint and the live window show the same numbers.
    """
    if kind is None:
        found = session.execute(text(COUNTERS_SQL))
    else:
        found = session.execute(text(COUNTERS_SQL + COUNTERS_OF_KIND), {"kind": kind})
    unread, open_ = found.one()
    return Counters(unread_messages=unread, open_conversations=open_)
