"""Which conversations a guardian may read, and what they may see of them.

The rule (docs/family-app.md): a guardian reads the Office Chat and Classroom Chat
threads of their own family (a split family's private thread only by the guardian
it is for; pickups have none, as `desk.core.fanout.parent_threads_for` says) and the
group conversations they are a participant of. Messenger Center threads are the
office's view of a phone number and are never shown. Every page and every post
asks `readable_thread`, so an id changed in a URL answers 404 like an id that does
not exist.

Blind: a guardian sees staff by first name and their own family by first name;
anyone else is "another family", never a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, and_, func, insert, or_, select
from sqlalchemy.orm import Session

from desk.core.ids import derived_id
from desk.core.kinds import GuardianKind, PersonKind, ThreadKind
from desk.server.conversations import members
from desk.server.orm import Attachment, Guardian, Message, Participant, Receipt, Room, Staff, Thread
from desk.server.versioning import next_version

PAGE = 100  # messages on one conversation page, newest


class NotReadable(Exception):
    """The thread, message or attachment does not exist for this guardian (404)."""


@dataclass(frozen=True)
class Row:
    """One conversation in the guardian's list."""

    thread: Thread
    unread: int


@dataclass(frozen=True)
class File:
    """One attachment as the page links it."""

    id: str
    filename: str
    mime_type: str


@dataclass(frozen=True)
class Shown:
    """One message as the guardian sees it.

    Plain columns, not ORM rows: a page shows a hundred messages, and building and
    tracking a hundred ORM instances cost more than the rest of the page together.
    """

    id: str
    author: str  # "you", "staff:<first name>", "family:<first name>", "another_family"
    subject: str
    body: str
    created_at: datetime
    files: list[File]
    mine: bool  # written by this guardian: no receipt of their own is owed


def _readable(guardian: Guardian) -> ColumnElement[bool]:
    own_family = and_(
        Thread.kind.in_((ThreadKind.OFFICE, ThreadKind.CLASSROOM)),
        Thread.family_id == guardian.family_id,
        or_(Thread.guardian_id.is_(None), Thread.guardian_id == guardian.id),
    )
    in_group = and_(
        Thread.kind == ThreadKind.GROUP,
        Thread.id.in_(
            select(Participant.thread_id).where(
                Participant.person_kind == PersonKind.GUARDIAN,
                Participant.person_id == guardian.id,
                ~Participant.deleted,
            )
        ),
    )
    rule = or_(own_family, in_group) if guardian.kind == GuardianKind.GUARDIAN else in_group
    return and_(Thread.centre_id == guardian.centre_id, ~Thread.deleted, rule)


def conversations(session: Session, guardian: Guardian) -> list[Row]:
    """The guardian's conversations, latest first, with what they have not seen."""
    threads = session.scalars(
        select(Thread)
        .where(_readable(guardian))
        .order_by(Thread.last_message_at.desc().nulls_last(), Thread.id)
    ).all()
    unseen = dict(
        session.execute(
            select(Message.thread_id, func.count())
            .where(
                Message.thread_id.in_([t.id for t in threads]),
                ~Message.deleted,
                _not_mine(guardian),
                ~select(Receipt.id)
                .where(Receipt.message_id == Message.id, Receipt.person_id == guardian.id)
                .exists(),
            )
            .group_by(Message.thread_id)
        ).all()
    )
    return [Row(t, int(unseen.get(t.id, 0))) for t in threads]


def readable_thread(session: Session, guardian: Guardian, thread_id: str) -> Thread:
    """The thread, if the guardian may read it.

    Raises:
        NotReadable: no such thread, or not theirs (the same answer).
    """
    thread = session.scalars(
        select(Thread).where(Thread.id == thread_id, _readable(guardian))
    ).first()
    if thread is None:
        raise NotReadable(thread_id)
    return thread


_SHOWN = (
    Message.id,
    Message.author_kind,
    Message.author_id,
    Message.direction,
    Message.subject,
    Message.body,
    Message.created_at,
)


def page(
    session: Session, thread: Thread, guardian: Guardian, before: str | None
) -> tuple[list[Shown], str | None]:
    """Up to `PAGE` messages before message `before` (newest when None), oldest first.

    Returns the messages and the id to ask for the page before them (None: no more).
    """
    query = select(*_SHOWN).where(Message.thread_id == thread.id, ~Message.deleted)
    if before is not None:
        anchor = session.execute(
            select(Message.thread_id, Message.created_at).where(Message.id == before)
        ).first()
        if anchor is None or anchor.thread_id != thread.id:
            raise NotReadable(before)
        query = query.where(
            or_(
                Message.created_at < anchor.created_at,
                and_(Message.created_at == anchor.created_at, Message.id < before),
            )
        )
    newest = session.execute(
        query.order_by(Message.created_at.desc(), Message.id.desc()).limit(PAGE + 1)
    ).all()
    more = len(newest) > PAGE
    rows = newest[:PAGE][::-1]
    files: dict[str, list[File]] = {}
    for message_id, *file in session.execute(
        select(Attachment.message_id, Attachment.id, Attachment.filename, Attachment.mime_type)
        .where(Attachment.message_id.in_([r.id for r in rows]), ~Attachment.deleted)
        .order_by(Attachment.id)
    ):
        files.setdefault(message_id, []).append(File(*file))
    names = _authors(session, guardian, rows)
    shown = [
        Shown(
            r.id,
            names(r),
            r.subject,
            r.body,
            r.created_at,
            files.get(r.id, []),
            r.author_kind == PersonKind.GUARDIAN and r.author_id == guardian.id,
        )
        for r in rows
    ]
    return shown, (rows[0].id if more and rows else None)


def unread(session: Session, guardian: Guardian, shown: Sequence[Shown]) -> list[str]:
    """The shown messages by others that the guardian holds no receipt for yet.

    Read before anything is written, so reopening a page the guardian has read
    takes no write transaction at all.
    """
    others = [s.id for s in shown if not s.mine]
    if not others:
        return []
    have = set(
        session.scalars(
            select(Receipt.message_id).where(
                Receipt.message_id.in_(others), Receipt.person_id == guardian.id
            )
        )
    )
    return [message_id for message_id in others if message_id not in have]


def mark_read(
    session: Session, centre_id: str, guardian_id: str, message_ids: Sequence[str], now: datetime
) -> int:
    """Write the guardian's receipts for `message_ids` (the office's seen-by); the version.

    Call it in a write transaction of its own and announce the version it answers.
    The centre's version is bumped first, which takes the centre's write lock
    (DESIGN.md §4): two first opens of one page at once then run one after the
    other, and the second finds the first's receipts (ids are derived from message
    and person, as `mark_seen` derives a staff member's) instead of colliding with
    them. The receipts go in as one multi-row insert already stamped: a page's
    hundred receipts through the ORM's unit of work cost more than the page.
    """
    version = next_version(session, centre_id)
    wanted = {derived_id("receipt", m, guardian_id): m for m in message_ids}
    have = set(session.scalars(select(Receipt.id).where(Receipt.id.in_(list(wanted)))))
    rows = [
        {
            "id": receipt_id,
            "centre_id": centre_id,
            "version": version,
            "deleted": False,
            "message_id": message_id,
            "person_kind": PersonKind.GUARDIAN,
            "person_id": guardian_id,
            "seen_at": now,
        }
        for receipt_id, message_id in wanted.items()
        if receipt_id not in have
    ]
    if rows:
        session.execute(insert(Receipt), rows)
    return version


def readable_attachment(session: Session, guardian: Guardian, attachment_id: str) -> Attachment:
    """The attachment, if its message is in a conversation the guardian may read.

    Raises:
        NotReadable: no such attachment, or not theirs.
    """
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.deleted or attachment.centre_id != guardian.centre_id:
        raise NotReadable(attachment_id)
    message = session.get(Message, attachment.message_id)
    if message is None or message.deleted:
        raise NotReadable(attachment_id)
    readable_thread(session, guardian, message.thread_id)
    return attachment


def people_of(session: Session, thread: Thread, guardian: Guardian) -> tuple[list[str], bool]:
    """Who a group conversation is with: staff first names, and whether other families are."""
    staff_ids = []
    others = False
    for member in members(session, thread.id):
        if member.person_kind == PersonKind.STAFF:
            staff_ids.append(member.person_id)
        elif member.person_id != guardian.id:
            others = True
    names = session.scalars(
        select(Staff.first_name).where(Staff.id.in_(staff_ids)).order_by(Staff.first_name)
    ).all()
    return list(names), others


def room_name(session: Session, thread: Thread) -> str:
    """The room of a Classroom Chat thread ("" when it has none)."""
    room = session.get(Room, thread.room_id) if thread.room_id else None
    return room.name if room is not None else ""


def _not_mine(guardian: Guardian) -> ColumnElement[bool]:
    return or_(
        Message.author_id.is_(None),
        Message.author_kind != PersonKind.GUARDIAN,
        Message.author_id != guardian.id,
    )


class _Authored(Protocol):
    """What naming a message's author needs of it."""

    @property
    def author_kind(self) -> str | None: ...
    @property
    def author_id(self) -> str | None: ...
    @property
    def direction(self) -> str: ...


def _authors(session: Session, guardian: Guardian, messages: Sequence[_Authored]) -> _Namer:
    staff_ids = {m.author_id for m in messages if m.author_kind == PersonKind.STAFF}
    guardian_ids = {m.author_id for m in messages if m.author_kind == PersonKind.GUARDIAN}
    staff = dict(
        session.execute(select(Staff.id, Staff.first_name).where(Staff.id.in_(staff_ids))).all()
    )
    family = dict(
        session.execute(
            select(Guardian.id, Guardian.first_name).where(
                Guardian.id.in_(guardian_ids), Guardian.family_id == guardian.family_id
            )
        ).all()
    )
    return _Namer(guardian.id, staff, family)


@dataclass(frozen=True)
class _Namer:
    """How a message's author is shown: never another family's name."""

    me: str
    staff: dict[str, str]
    family: dict[str, str]

    def __call__(self, message: _Authored) -> str:
        if message.author_kind == PersonKind.GUARDIAN and message.author_id == self.me:
            return "you"
        if message.author_kind == PersonKind.STAFF:
            return f"staff:{self.staff.get(message.author_id or '', '')}"
        if message.author_id is not None and message.author_id in self.family:
            return f"family:{self.family[message.author_id]}"
        if message.author_kind is None and message.direction == "outbound":
            return "staff:"
        return "another_family"
