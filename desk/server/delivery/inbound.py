"""An incoming text: into the phone number's Messenger Center thread (seed 001).

The thread is the number's, whoever holds it: a number shared by several records
gets one thread whose title names every holder, so the office sees all matches. The
thread turns Unread (the server cannot know whether someone has it on screen; the
office app sends `open_thread` when it does), and the audit log records which number
did it. A message that is exactly a carrier keyword also changes opt-in for every
holder and gets the answer carriers require.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core import status as status_rules
from desk.core.ids import derived_id, sms_thread_id
from desk.core.kinds import (
    AuditAction,
    Direction,
    MessageState,
    ThreadKind,
    ThreadStatus,
)
from desk.core.optin import KeywordAction, classify_keyword
from desk.core.status import StatusEvent
from desk.server.delivery import replies
from desk.server.delivery.consent import set_opt_in
from desk.server.delivery.media import media_job
from desk.server.delivery.people import holders_by_phone
from desk.server.jobs.queue import enqueue_many
from desk.server.orm import AuditEvent, Centre, Guardian, Message, Thread
from desk.server.providers.twilio import InboundSms

PREVIEW_LENGTH = 200


@dataclass(frozen=True)
class Received:
    """What an incoming text did, and the reply to send back (empty for none).

    `message_id` is "" when the text was refused and stored nowhere. `media` says
    whether a job now fetches the text's MMS media.
    """

    thread_id: str
    message_id: str
    duplicate: bool
    reply: str
    media: bool = False


def carrier_reply(action: KeywordAction, centre_name: str) -> str:
    """The answer carriers require to STOP, START and HELP (CTIA guidelines)."""
    if action is KeywordAction.OPT_OUT:
        return (
            f"{centre_name}: you are unsubscribed and will receive no more texts. "
            "Reply START to resubscribe."
        )
    if action is KeywordAction.OPT_IN:
        return (
            f"{centre_name}: you are subscribed to texts again. Msg & data rates may apply. "
            "Reply STOP to unsubscribe, HELP for help."
        )
    return (
        f"{centre_name}: texts about your family's activity. Msg & data rates may apply. "
        "Reply STOP to unsubscribe. For help, contact the front desk."
    )


def receive_sms(session: Session, centre_id: str, sms: InboundSms, now: datetime) -> Received:
    """Store an incoming text once (Twilio retries webhooks) and act on keywords.

    A text that answers a group conversation goes there (`replies`), unless the
    conversation is stopped: then it is stored nowhere and the texter is told.
    Carrier keywords always go to the number's Messenger Center thread.
    """
    centre = session.get_one(Centre, centre_id)
    message_id = derived_id("inbound-sms", centre_id, sms.sid)
    action = classify_keyword(sms.body)
    if action is None and (
        answered := replies.answered_conversation(session, centre_id, sms.from_, now)
    ):
        thread_id = answered.thread.id
        if session.get(Message, message_id) is not None:  # Twilio retried a stored text
            return Received(thread_id, message_id, True, "")
        if answered.thread.stopped:
            again = replies.refuse_reply(session, answered, sms.sid, sms.from_, sms.body, now)
            return Received(
                thread_id, "", again, replies.stopped_answer(centre.name, answered.thread.title)
            )
        replies.post_reply(session, answered, message_id, sms.from_, sms.body, now)
        media = _fetch_media_later(session, centre_id, message_id, sms)
        return Received(thread_id, message_id, False, "", media)
    thread = _thread_for(session, centre_id, sms.from_, now)
    reply = carrier_reply(action, centre.name) if action is not None else ""
    if session.get(Message, message_id) is not None:
        return Received(thread.id, message_id, True, reply)
    holders = holders_by_phone(session, centre_id, [sms.from_]).get(sms.from_, [])
    author = holders[0] if len(holders) == 1 else None
    session.add(
        Message(
            id=message_id,
            centre_id=centre_id,
            thread_id=thread.id,
            direction=Direction.INBOUND,
            author_kind=author.record_kind if author else None,
            author_id=author.record_id if author else None,
            from_phone=sms.from_,
            body=sms.body,
            state=MessageState.DELIVERED,
            created_at=now,
        )
    )
    media = _fetch_media_later(session, centre_id, message_id, sms)
    thread.last_message_at = now
    thread.last_message_preview = sms.body[:PREVIEW_LENGTH]
    thread.message_count += 1
    thread.unread_count += 1
    change = status_rules.apply(StatusEvent.INCOMING, ThreadStatus(thread.status))
    if change.changed:
        thread.status = change.after
    if change.changed and change.after is ThreadStatus.UNREAD:
        session.add(
            AuditEvent(
                id=derived_id("audit", message_id),
                centre_id=centre_id,
                at=now,
                action=AuditAction.MARKED_UNREAD_BY_NUMBER,
                actor_kind="phone",
                actor_label=sms.from_,
                thread_id=thread.id,
                message_id=message_id,
                phone=sms.from_,
                detail="an incoming text made the conversation unread",
            )
        )
    if action in (KeywordAction.OPT_OUT, KeywordAction.OPT_IN):
        set_opt_in(
            session,
            centre_id,
            sms.from_,
            action is KeywordAction.OPT_IN,
            now,
            how=f"replied {sms.body.strip().upper()}",
            thread_id=thread.id,
        )
    return Received(thread.id, message_id, False, reply, media)


def _fetch_media_later(session: Session, centre_id: str, message_id: str, sms: InboundSms) -> bool:
    """Enqueue the fetch of an MMS's media, committed with the text (`delivery.media`)."""
    if (job := media_job(centre_id, message_id, sms)) is None:
        return False
    enqueue_many(session, [job])
    return True


def _thread_for(session: Session, centre_id: str, phone: str, now: datetime) -> Thread:
    """The number's SMS thread, created on its first text, titled with every holder."""
    existing = session.scalar(
        select(Thread)
        .where(
            Thread.centre_id == centre_id,
            Thread.kind == ThreadKind.SMS,
            Thread.phone == phone,
            ~Thread.deleted,
        )
        .order_by(Thread.created_at, Thread.id)
        .limit(1)
    )
    if existing is not None:
        return existing
    holders = holders_by_phone(session, centre_id, [phone]).get(phone, [])
    families = {
        g.family_id
        for g in session.scalars(
            select(Guardian).where(
                Guardian.id.in_([h.record_id for h in holders if h.record_kind == "guardian"])
            )
        )
    }
    thread = Thread(
        id=sms_thread_id(centre_id, phone),
        centre_id=centre_id,
        kind=ThreadKind.SMS,
        status=ThreadStatus.OPEN,  # the first text makes it Unread, and is audited
        family_id=families.pop() if len(families) == 1 else None,
        phone=phone,
        title=" / ".join(h.name for h in holders)[:100] or phone,
        created_at=now,
        message_count=0,
        unread_count=0,
    )
    session.add(thread)
    session.flush()
    return thread
