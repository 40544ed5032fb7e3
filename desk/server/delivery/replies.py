"""Texts that answer a group conversation (seed 004: reply from any channel).

A guardian in a group conversation is told of its messages on their preferred
channel, SMS by default, and answers by replying to the text. An incoming text is
such a reply when the latest text that reached its number within
`conversations.REPLY_WINDOW` was a message of a group conversation and one of the
number's guardians is still a participant; it is then posted there, counted for
each unmuted staff participant, and relayed to the other guardians (reply-all).

A stopped conversation takes no replies from any channel: the text is not stored
in it, the texter is told so, and the refusal is audited with what they wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core import status as status_rules
from desk.core.conversations import REPLY_WINDOW
from desk.core.ids import derived_id
from desk.core.kinds import (
    AuditAction,
    Channel,
    Direction,
    MessageState,
    PersonKind,
    ThreadKind,
    ThreadStatus,
)
from desk.core.status import StatusEvent
from desk.server.conversations import members, raise_unread
from desk.server.delivery.people import Recipients
from desk.server.delivery.planning import Planner
from desk.server.orm import AuditEvent, Delivery, Guardian, Message, Thread

PREVIEW_LENGTH = 200


@dataclass(frozen=True)
class Answered:
    """A conversation an incoming text answers, and the participant who sent it."""

    thread: Thread
    guardian_id: str


def answered_conversation(
    session: Session, centre_id: str, phone: str, now: datetime
) -> Answered | None:
    """The group conversation a text from `phone` replies to, or None (seed 004)."""
    latest = session.execute(
        select(Message.thread_id)
        .join(Delivery, Delivery.message_id == Message.id)
        .where(
            Delivery.address == phone,
            Delivery.updated_at >= now - REPLY_WINDOW,
            Delivery.centre_id == centre_id,
            Delivery.channel == Channel.SMS,
            ~Delivery.deleted,
        )
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if latest is None:
        return None
    thread = session.get(Thread, latest)
    if thread is None or thread.deleted or thread.kind != ThreadKind.GROUP:
        return None
    holders = set(
        session.scalars(
            select(Guardian.id).where(
                Guardian.centre_id == centre_id, Guardian.phone == phone, ~Guardian.deleted
            )
        )
    )
    texter = [
        m.person_id
        for m in members(session, thread.id)
        if m.person_kind == PersonKind.GUARDIAN and m.person_id in holders
    ]
    return Answered(thread, texter[0]) if texter else None


def stopped_answer(centre_name: str, title: str) -> str:
    """What a texter is told when their reply reaches a stopped conversation."""
    return (
        f'{centre_name}: the conversation "{title}" has been stopped and takes no more '
        "replies, so your message was not added to it. Please contact the front desk."
    )


def refuse_reply(
    session: Session,
    answered: Answered,
    sid: str,
    phone: str,
    body: str,
    now: datetime,
) -> bool:
    """Audit a reply to a stopped conversation, once per text; True if already audited."""
    event_id = derived_id("reply-refused", answered.thread.centre_id, sid)
    if session.get(AuditEvent, event_id) is not None:
        return True
    session.add(
        AuditEvent(
            id=event_id,
            centre_id=answered.thread.centre_id,
            at=now,
            action=AuditAction.REPLY_REFUSED,
            actor_kind="phone",
            actor_label=phone,
            thread_id=answered.thread.id,
            phone=phone,
            detail=f"reply to a stopped conversation, not stored: {body[:PREVIEW_LENGTH]}",
        )
    )
    return False


def post_reply(
    session: Session,
    answered: Answered,
    message_id: str,
    phone: str | None,
    body: str,
    now: datetime,
) -> Message:
    """Post a guardian's reply in their conversation and relay it to the others.

    `phone` is the number a texted reply came from (None for an emailed one): that
    number has the text already, so it is not relayed back to it.
    """
    thread = answered.thread
    message = Message(
        id=message_id,
        centre_id=thread.centre_id,
        thread_id=thread.id,
        direction=Direction.INBOUND,
        author_kind=PersonKind.GUARDIAN,
        author_id=answered.guardian_id,
        from_phone=phone,
        body=body,
        state=MessageState.DELIVERED,
        created_at=now,
    )
    session.add(message)
    thread.last_message_at = now
    thread.last_message_preview = body[:PREVIEW_LENGTH]
    thread.message_count += 1
    thread.unread_count += 1
    thread.status = status_rules.apply(StatusEvent.INCOMING, ThreadStatus(thread.status)).after
    raise_unread(session, thread, answered.guardian_id)
    others = [
        m.person_id
        for m in members(session, thread.id)
        if m.person_kind == PersonKind.GUARDIAN and m.person_id != answered.guardian_id
    ]
    if others:
        planner = Planner(session, thread.centre_id, now)
        recipients = Recipients.load(session, thread.centre_id, others)
        for guardian in recipients.guardians:
            if phone is None or guardian.phone != phone:
                planner.notify(message, guardian, recipients)
        planner.flush()
    return message
