"""Commands of group conversations people can run (seed 004, issue 13 item 2).

Create one of up to 15 people, add and remove participants within that limit,
rename, stop (read-only afterwards, with who stopped it and when), and each
member's own mute and archive switches. Every one is audited.

A removed participant stops receiving the conversation: their participant row is
a tombstone, so the feed no longer gives them its rows (and their feed starts over,
dropping what their cache holds); their kiosk copies waiting to be shown are
cancelled, and deliveries of its messages not yet sent to them are withdrawn.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy import select

from desk.core.conversations import ParticipantRef, check_participants, validate_title
from desk.core.kinds import AuditAction, Channel, MessageState, PersonKind, ThreadKind
from desk.core.status import ensure_can_post
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.messaging import Id, ThreadAction, new_thread, thread_for
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.conversations import access_changed, members, participant_id
from desk.server.delivery.quota import count_texts, month_key
from desk.server.orm import Delivery, Guardian, Message, Participant, Staff, Student, Thread
from desk.server.orm.kiosk import KioskMessage

_MODELS: dict[PersonKind, Any] = {
    PersonKind.GUARDIAN: Guardian,
    PersonKind.STAFF: Staff,
    PersonKind.STUDENT: Student,
}


class PersonIn(Args):
    """A participant to add or remove."""

    kind: PersonKind
    id: str = Id


def _name(row: Any) -> str:
    return f"{row.first_name} {row.last_name}"


def _person(ctx: Context, person: ParticipantRef) -> Any:
    """The person's record in the caller's centre, or a refusal."""
    row = ctx.get(_MODELS[person.kind], person.id, person.kind.value)
    if person.kind is PersonKind.STAFF and not row.active:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "{name} is no longer an active staff member"),
            name=_name(row),
        )
    return row


def _join(ctx: Context, thread_id: str, person: ParticipantRef) -> Participant:
    """Make `person` a participant, reviving the row of one who left before."""
    row_id = participant_id(thread_id, person.kind, person.id)
    participant = ctx.session.get(Participant, row_id)
    if participant is None:
        participant = Participant(
            id=row_id,
            centre_id=ctx.principal.centre_id,
            thread_id=thread_id,
            person_kind=person.kind,
            person_id=person.id,
        )
        ctx.session.add(participant)
    participant.deleted, participant.muted, participant.archived = False, False, False
    participant.unread_count, participant.joined_at = 0, ctx.now
    return participant


class CreateConversation(Args):
    """A group conversation of up to 15 people (seed 004)."""

    thread_id: str = Id
    title: str = Field(min_length=1, max_length=100)
    participants: list[PersonIn] = Field(min_length=1, max_length=100)


@command("create_conversation", CreateConversation)
def create_conversation(ctx: Context, args: CreateConversation) -> dict[str, Any]:
    """Start a reply-all conversation; the creator is a participant too."""
    if ctx.session.get(Thread, args.thread_id) is not None:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "a conversation with this id already exists")
        )
    people = [ParticipantRef(PersonKind.STAFF, ctx.principal.id)] + [
        ParticipantRef(p.kind, p.id) for p in args.participants
    ]
    check_participants(people, students_enabled=ctx.centre.students_in_conversations)
    for person in people:
        _person(ctx, person)
    new_thread(ctx, args.thread_id, ThreadKind.GROUP, title=validate_title(args.title))
    for person in dict.fromkeys(people):
        _join(ctx, args.thread_id, person)
    ctx.audit(
        AuditAction.CREATE_CONVERSATION,
        thread_id=args.thread_id,
        detail=f"{len(dict.fromkeys(people))} people",
    )
    return {"thread_id": args.thread_id}


def _group(ctx: Context, thread_id: str, *, writable: bool = False) -> Thread:
    """A group conversation the caller may read; `writable`: refused once stopped."""
    thread = thread_for(ctx, thread_id)
    if thread.kind != ThreadKind.GROUP:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "only group conversations have participants to manage")
        )
    if writable:
        ensure_can_post(stopped=thread.stopped)
    return thread


class ParticipantChange(Args):
    """One person to add to or remove from a conversation."""

    thread_id: str = Id
    participant: PersonIn


@command("add_participant", ParticipantChange)
def add_participant(ctx: Context, args: ParticipantChange) -> dict[str, Any]:
    """Add someone to a conversation, within the 15-person limit (seed 004).

    Someone already in it is left as they are. A staff member added sees the
    conversation's whole history: their feed starts over to fetch it.
    """
    thread = _group(ctx, args.thread_id, writable=True)
    current = [
        ParticipantRef(PersonKind(p.person_kind), p.person_id)
        for p in members(ctx.session, thread.id)
    ]
    person = ParticipantRef(args.participant.kind, args.participant.id)
    if person in current:
        return {"added": False}
    check_participants([*current, person], students_enabled=ctx.centre.students_in_conversations)
    row = _person(ctx, person)
    _join(ctx, thread.id, person)
    if person.kind is PersonKind.STAFF:
        access_changed(ctx.session, person.id, ctx.now)
    ctx.audit(
        AuditAction.ADD_PARTICIPANT,
        key=person.id,
        thread_id=thread.id,
        detail=f"{person.kind.value} {_name(row)}",
    )
    return {"added": True}


@command("remove_participant", ParticipantChange)
def remove_participant(ctx: Context, args: ParticipantChange) -> dict[str, Any]:
    """Take someone out of a conversation; they stop receiving it (seed 004).

    A conversation keeps at least two people. Leaving it yourself is removing
    yourself.
    """
    thread = _group(ctx, args.thread_id, writable=True)
    person = ParticipantRef(args.participant.kind, args.participant.id)
    row = ctx.session.get(Participant, participant_id(thread.id, person.kind, person.id))
    if row is None or row.deleted:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "this person is not in the conversation"))
    remaining = [
        ParticipantRef(PersonKind(p.person_kind), p.person_id)
        for p in members(ctx.session, thread.id)
        if p.id != row.id
    ]
    check_participants(remaining, students_enabled=True)
    row.deleted = True
    record = ctx.session.get(_MODELS[person.kind], person.id)
    if person.kind is PersonKind.STAFF:
        access_changed(ctx.session, person.id, ctx.now)
    withdrawn = _withdraw(ctx, thread.id, person) if person.kind is PersonKind.GUARDIAN else 0
    ctx.audit(
        AuditAction.REMOVE_PARTICIPANT,
        key=person.id,
        thread_id=thread.id,
        detail=f"{person.kind.value} {_name(record) if record is not None else person.id}",
    )
    return {"removed": True, "withdrawn": withdrawn}


def _withdraw(ctx: Context, thread_id: str, person: ParticipantRef) -> int:
    """Cancel a removed guardian's kiosk copies and unsent deliveries of the conversation.

    Returns:
        How many were withdrawn.
    """
    count = 0
    for copy in ctx.session.scalars(
        select(KioskMessage).where(
            KioskMessage.thread_id == thread_id,
            KioskMessage.guardian_id == person.id,
            KioskMessage.acknowledged_at.is_(None),
            ~KioskMessage.cancelled,
            ~KioskMessage.deleted,
        )
    ):
        copy.cancelled = True
        count += 1
    for delivery, written_at in ctx.session.execute(
        select(Delivery, Message.created_at)
        .join(Message, Message.id == Delivery.message_id)
        .where(
            Message.thread_id == thread_id,
            Delivery.recipient_id == person.id,
            Delivery.state == MessageState.QUEUED,
            ~Delivery.deleted,
        )
    ):
        delivery.deleted = True  # its job finds it gone and sends nothing
        if delivery.channel == Channel.SMS:  # a text never sent costs no quota
            count_texts(ctx.session, delivery.centre_id, month_key(written_at), -delivery.segments)
        count += 1
    return count


@command("stop_conversation", ThreadAction)
def stop_conversation(ctx: Context, args: ThreadAction) -> dict[str, Any]:
    """Make a conversation read-only for everyone, recording who and when (seed 004)."""
    thread = _group(ctx, args.thread_id)
    if not thread.stopped:
        thread.stopped, thread.stopped_by, thread.stopped_at = True, ctx.principal.id, ctx.now
        ctx.audit(AuditAction.STOP, thread_id=thread.id)
    return {"stopped": True, "stopped_by": thread.stopped_by}


class Rename(Args):
    """A new title for a conversation."""

    thread_id: str = Id
    title: str = Field(min_length=1, max_length=100)


@command("rename_conversation", Rename)
def rename_conversation(ctx: Context, args: Rename) -> dict[str, Any]:
    """Rename a conversation for every participant; a stopped one keeps its name."""
    thread = _group(ctx, args.thread_id, writable=True)
    thread.title = validate_title(args.title)
    ctx.audit(AuditAction.RENAME, thread_id=thread.id, detail=thread.title)
    return {"title": thread.title}


class Switch(Args):
    """Turn a per-participant switch on or off."""

    thread_id: str = Id
    on: bool = True


def _my_participation(ctx: Context, thread_id: str) -> Participant:
    _group(ctx, thread_id)
    participant = ctx.session.get(
        Participant, participant_id(thread_id, PersonKind.STAFF, ctx.principal.id)
    )
    if participant is None or participant.deleted:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "you are not a participant of this conversation")
        )
    return participant


@command("mute_conversation", Switch)
def mute_conversation(ctx: Context, args: Switch) -> dict[str, Any]:
    """Silence this conversation for the caller only: no unread counter, no notification.

    It still syncs. Muting clears the caller's counter; messages that arrive while
    muted are never counted, so unmuting starts again from none.
    """
    participant = _my_participation(ctx, args.thread_id)
    if participant.muted != args.on:
        participant.muted = args.on
        ctx.audit(AuditAction.MUTE if args.on else AuditAction.UNMUTE, thread_id=args.thread_id)
    if args.on:
        participant.unread_count = 0
    return {"muted": args.on}


@command("archive_conversation", Switch)
def archive_conversation(ctx: Context, args: Switch) -> dict[str, Any]:
    """Move the conversation out of the caller's active list into Archived (or back)."""
    participant = _my_participation(ctx, args.thread_id)
    if participant.archived != args.on:
        participant.archived = args.on
        action = AuditAction.ARCHIVE if args.on else AuditAction.UNARCHIVE
        ctx.audit(action, thread_id=args.thread_id)
    return {"archived": args.on}
