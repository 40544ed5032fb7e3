"""Commands on threads and messages: send a reply, open, close, reopen, mark seen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Self

from pydantic import Field, model_validator
from sqlalchemy import bindparam, func, or_, select

from desk.core import status as status_rules
from desk.core.attachments import MAX_PER_MESSAGE
from desk.core.fanout import (
    GuardianRef,
    sms_reach,
)
from desk.core.ids import derived_id
from desk.core.kinds import (
    AuditAction,
    Channel,
    Direction,
    GuardianKind,
    MessageState,
    PersonKind,
    ThreadKind,
    ThreadStatus,
)
from desk.core.optin import PhoneHolder, can_text, opt_out_reason, unknown_number_refusal
from desk.core.permissions import Capability, can_view_thread, capability_to_send
from desk.core.sms import check_emergency_length
from desk.core.status import StatusEvent, ensure_can_post
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.server.commands.attachments import AttachmentIn, CheckedFile, attach, checked_files
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.conversations import participant_id, raise_unread
from desk.server.delivery.people import Recipients, holders_by_phone
from desk.server.delivery.planning import Planner
from desk.server.orm import (
    Delivery,
    Guardian,
    Message,
    Participant,
    Receipt,
    Thread,
)
from desk.server.orm.kiosk import KioskMessage

Id = Field(min_length=1, max_length=36)
Body = Field(min_length=1, max_length=10_000)
OptionalBody = Field(default="", max_length=10_000)
Attachments: Any = Field(default_factory=list, max_length=MAX_PER_MESSAGE)


def require_content(body: str, attachments: Sequence[AttachmentIn]) -> None:
    """A message says something or carries a file (a photo may go without a caption)."""
    if not body.strip() and not attachments:
        raise ValueError("write a message or attach a file")


PREVIEW_LENGTH = 200


def thread_for(ctx: Context, thread_id: str) -> Thread:
    """A thread the caller may read, or a refusal."""
    thread: Thread = ctx.get(Thread, thread_id, "conversation")
    principal = ctx.principal
    kind = ThreadKind(thread.kind)
    # Membership decides only for group conversations; other kinds go by capability.
    is_participant = kind is ThreadKind.GROUP and bool(
        ctx.session.scalar(
            select(func.count()).where(
                Participant.thread_id == thread.id,
                Participant.person_id == principal.id,
                ~Participant.deleted,
            )
        )
    )
    if not can_view_thread(
        principal.capabilities,
        kind,
        thread_room_id=thread.room_id,
        my_room_ids=principal.room_ids,
        is_participant=is_participant,
    ):
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "you do not have access to this conversation")
        )
    return thread


def phone_holders(ctx: Context, phone: str) -> list[PhoneHolder]:
    """Every guardian and staff record of the centre that holds `phone` (seed 001)."""
    return holders_by_phone(ctx.session, ctx.principal.centre_id, [phone]).get(phone, [])


_INBOUND_BODIES = (
    select(Message.body)
    .where(
        Message.thread_id == bindparam("thread"),
        Message.direction == Direction.INBOUND,
        ~Message.deleted,
    )
    .order_by(Message.created_at, Message.id)
)


def texting_refusal(
    ctx: Context, phone: str, holders: list[PhoneHolder], thread: Thread
) -> UserError | None:
    """Why `phone` may not be texted in `thread`, or None.

    A number some record holds follows the shared-number opt-in rule (seed 001); one
    nobody holds may be answered in its Messenger Center thread once it has texted
    the centre, until it replies STOP (issue 13 item 5: an enrollment enquiry).
    """
    if holders:
        if can_text(holders):
            return None
        return opt_out_reason(holders) or UserError(
            QT_TRANSLATE_NOOP("Errors", "this number cannot be texted")
        )
    if thread.kind == ThreadKind.SMS and thread.phone == phone:
        return unknown_number_refusal(
            list(ctx.session.scalars(_INBOUND_BODIES, {"thread": thread.id}))
        )
    return unknown_number_refusal([])


def check_quota(ctx: Context, planner: Planner, segments: int) -> None:
    """Refuse if `segments` more SMS segments would pass the centre's monthly quota.

    Seed 000. Called once the texts are planned, so their labelled length is known; a
    refusal rolls the command's writes back.
    """
    if refusal := planner.budget.refusal(segments):
        raise CommandRefused.from_error(refusal)
    planner.budget.take(segments)


def add_message(
    ctx: Context,
    thread: Thread,
    message_id: str,
    body: str,
    *,
    subject: str = "",
    emergency_sms: bool = False,
    show_at_kiosk: bool = False,
    known_new: bool = False,
    files: Sequence[CheckedFile] = (),
) -> Message:
    """Write an outbound message and update the thread's summary and status.

    `known_new`: the caller has already checked that the id is unused (in bulk).
    `files`: attachments, checked once per command by `checked_files`.
    """
    if not known_new and ctx.session.get(Message, message_id) is not None:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "message {id} already exists"), id=message_id
        )
    needs_delivery = thread.kind == ThreadKind.SMS or emergency_sms
    message = Message(
        id=message_id,
        centre_id=thread.centre_id,
        thread_id=thread.id,
        direction=Direction.OUTBOUND,
        author_kind=PersonKind.STAFF,
        author_id=ctx.principal.id,
        subject=subject,
        body=body,
        emergency_sms=emergency_sms,
        show_at_kiosk=show_at_kiosk,
        state=MessageState.QUEUED if needs_delivery else MessageState.SENT,
        created_at=ctx.now,
    )
    ctx.session.add(message)
    attach(ctx, message, files)
    thread.last_message_at = ctx.now
    thread.last_message_preview = (body or ", ".join(f.name for f in files))[:PREVIEW_LENGTH]
    thread.message_count += 1
    thread.unread_count = 0
    thread.status = status_rules.apply(StatusEvent.OUTGOING, ThreadStatus(thread.status)).after
    raise_unread(ctx.session, thread, ctx.principal.id)
    ctx.audit(AuditAction.SEND, thread_id=thread.id, message_id=message_id)
    return message


class SendMessage(Args):
    """A reply in an existing thread: text, files, or both."""

    message_id: str = Id
    thread_id: str = Id
    body: str = OptionalBody
    subject: str = Field(default="", max_length=200)
    emergency_sms: bool = False
    attachments: list[AttachmentIn] = Attachments

    @model_validator(mode="after")
    def _something(self) -> Self:
        require_content(self.body, self.attachments)
        return self


@command("send_message", SendMessage)
def send_message(ctx: Context, args: SendMessage) -> dict[str, Any]:
    """Post a reply; SMS threads need Mass Text, opt-in from every holder, and quota."""
    thread = thread_for(ctx, args.thread_id)
    if needed := capability_to_send(ThreadKind(thread.kind)):
        ctx.require(needed)
    ensure_can_post(stopped=thread.stopped)
    if args.emergency_sms:
        ctx.require(Capability.MASS_TEXT)
        check_emergency_length(args.body)
    planner = Planner(ctx.session, ctx.principal.centre_id, ctx.now, link_base=ctx.public_url)
    if thread.kind == ThreadKind.SMS:
        holders = phone_holders(ctx, thread.phone or "")
        if refusal := texting_refusal(ctx, thread.phone or "", holders, thread):
            raise CommandRefused.from_error(refusal)
    message = add_message(
        ctx,
        thread,
        args.message_id,
        args.body,
        subject=args.subject,
        emergency_sms=args.emergency_sms,
        files=checked_files(ctx, args.attachments),
    )
    if thread.kind == ThreadKind.SMS:
        text = _text_thread_number(ctx, planner, thread, message, holders)
        check_quota(ctx, planner, text.segments if text is not None else 0)
    else:
        guardians = _guardians_of_thread(ctx, thread)
        recipients = Recipients.load(ctx.session, ctx.principal.centre_id, guardians)
        if args.emergency_sms:
            emergency_texts(ctx, planner, [(message, recipients)])
        else:
            for guardian in recipients.guardians:
                planner.notify(message, guardian, recipients)
    planner.flush()
    return {"message_id": args.message_id}


def _text_thread_number(
    ctx: Context, planner: Planner, thread: Thread, message: Message, holders: list[PhoneHolder]
) -> Delivery | None:
    """A Messenger Center reply: one text to the thread's number (seed 004).

    The text is labelled with the thread family's guardians when the number is shared.

    A thread whose number is held by records of several families has no family:
    its text is for every family record holding the number, each named with its
    family ("For Joe (Diaz & Weber families)"), so a grandparent with a pickup
    record in two families can tell what it is about.
    """
    phone = thread.phone or ""
    guardian_ids = [h.record_id for h in holders if h.record_kind == "guardian"]
    records = list(ctx.session.scalars(select(Guardian).where(Guardian.id.in_(guardian_ids))))
    family = [
        g
        for g in records
        if thread.family_id and g.family_id == thread.family_id and g.kind == GuardianKind.GUARDIAN
    ] or [g for g in records if not thread.family_id or g.family_id == thread.family_id]
    family.sort(key=lambda g: (g.first_name.casefold(), g.id))
    return planner.sms(
        message,
        phone,
        holders,
        recipient_id=family[0].id if len(family) == 1 else None,
        people=[(g.id, g.first_name) for g in family],
        language=family[0].language if len(family) == 1 else "",
    )


def _guardians_of_thread(ctx: Context, thread: Thread) -> list[str]:
    """The guardians a message in a chat thread reaches outside the office app."""
    if thread.guardian_id:
        return [thread.guardian_id]
    if thread.kind == ThreadKind.GROUP:
        return list(ctx.session.scalars(_GUARDIAN_PARTICIPANTS, {"thread": thread.id}))
    if thread.family_id:
        return list(ctx.session.scalars(_FAMILY_GUARDIANS, {"family": thread.family_id}))
    return []


# Built once: every reply asks one of these.
_GUARDIAN_PARTICIPANTS = select(Participant.person_id).where(
    Participant.thread_id == bindparam("thread"),
    Participant.person_kind == PersonKind.GUARDIAN,
    ~Participant.deleted,
)
_FAMILY_GUARDIANS = (
    select(Guardian.id)
    .where(
        Guardian.family_id == bindparam("family"),
        Guardian.kind == GuardianKind.GUARDIAN,
        ~Guardian.deleted,
    )
    .order_by(Guardian.id)
)


def emergency_texts(
    ctx: Context, planner: Planner, posted: list[tuple[Message, Recipients]]
) -> None:
    """One Emergency SMS per distinct number that may be texted.

    Refused as a whole when the quota cannot cover every number (seed 000); a number
    shared by several recipients is texted once, labelled with all their names (seed
    004).
    """
    plans: dict[str, tuple[Message, Recipients, list[Guardian]]] = {}
    for message, recipients in posted:
        # Only this message's numbers: `holders` covers the whole fan-out, and asking
        # it all for each of thousands of messages was quadratic.
        phones = {g.phone for g in recipients.guardians if g.phone}
        opted_in = {
            phone: can_text(recipients.holders[phone])
            for phone in phones
            if phone in recipients.holders
        }
        reach = sms_reach(
            [
                GuardianRef(
                    id=g.id,
                    family_id=g.family_id,
                    name=g.first_name,
                    kind=GuardianKind(g.kind),
                    private_messaging=g.private_messaging,
                    phone=g.phone,
                    email=g.email,
                    preferred_channel=Channel(g.preferred_channel),
                    sms_opt_in=g.sms_opt_in,
                    student_ids=frozenset(),
                )
                for g in recipients.guardians
            ],
            opted_in,
        )
        reached = {g.id for g in reach.reached}
        for guardian in recipients.guardians:
            if guardian.id in reached and guardian.phone:
                plan = plans.setdefault(guardian.phone, (message, recipients, []))
                plan[2].append(guardian)
    texted = {message.id for message, _, _ in plans.values()}
    for message, _ in posted:
        if message.id not in texted:
            message.state = MessageState.FAILED
            message.error = "no guardian in this conversation has a number that may be texted"
    segments = 0
    for phone, (message, recipients, guardians) in plans.items():
        text = planner.sms(
            message,
            phone,
            recipients.holders.get(phone, []),
            recipient_id=guardians[0].id,
            people=[(g.id, g.first_name) for g in guardians],
            language=guardians[0].language if len(guardians) == 1 else "",
        )
        segments += text.segments if text is not None else 0
    check_quota(ctx, planner, segments)


def new_thread(
    ctx: Context,
    thread_id: str,
    kind: ThreadKind,
    *,
    title: str = "",
    family_id: str | None = None,
    guardian_id: str | None = None,
    room_id: str | None = None,
    flush: bool = True,
) -> Thread:
    """A new Open thread the principal starts: a family's chat or a group conversation."""
    thread = Thread(
        id=thread_id,
        centre_id=ctx.principal.centre_id,
        kind=kind,
        status=ThreadStatus.OPEN,
        title=title,
        family_id=family_id,
        guardian_id=guardian_id,
        room_id=room_id if kind is ThreadKind.CLASSROOM else None,
        created_by=ctx.principal.id,
        created_at=ctx.now,
        message_count=0,
        unread_count=0,
    )
    ctx.session.add(thread)
    if flush:
        ctx.session.flush()  # before its messages: no ORM relationship orders the inserts
    return thread


def new_parent_thread(
    ctx: Context,
    thread_id: str,
    kind: ThreadKind,
    family_id: str,
    guardian_id: str | None,
    room_id: str | None,
    *,
    flush: bool = True,
) -> Thread:
    """A family's (or a split family's guardian's) Office or Classroom Chat thread."""
    return new_thread(
        ctx,
        thread_id,
        kind,
        family_id=family_id,
        guardian_id=guardian_id,
        room_id=room_id,
        flush=flush,
    )


def queue_kiosk(
    ctx: Context,
    kiosk_message_id: str,
    guardian_id: str,
    body: str,
    *,
    thread_id: str | None = None,
    entered_at: datetime | None = None,
) -> KioskMessage:
    """Queue a message for a guardian's next PIN entry.

    Args:
        ctx: the command's transaction, caller (who entered it) and time.
        kiosk_message_id: the id the client gave the message.
        guardian_id: whose PIN entry shows it; an authorized pickup is refused.
        body: the text the kiosk shows.
        thread_id: the conversation the message was also posted in; only staff who may
            read that conversation receive the kiosk copy (issue 12, item 1).
        entered_at: when staff entered it at their workstation, which may have been
            offline; kiosk messages show in this order (seed 000, issue 12 item 8).
            None means now; the time is bounded by `entry_time`.
    """
    guardian = ctx.get(Guardian, guardian_id, "guardian")
    if guardian.kind != GuardianKind.GUARDIAN:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "kiosk messages are for guardians, not authorized pickups")
        )
    last = ctx.session.scalar(
        select(func.max(KioskMessage.entered_seq)).where(
            KioskMessage.centre_id == ctx.principal.centre_id
        )
    )
    message = KioskMessage(
        id=kiosk_message_id,
        centre_id=ctx.principal.centre_id,
        guardian_id=guardian.id,
        body=body,
        entered_by=ctx.principal.id,
        entered_at=entry_time(ctx.now, entered_at),
        entered_seq=(last or 0) + 1,
        thread_id=thread_id,
        cancelled=False,
    )
    ctx.session.add(message)
    return message


class ThreadAction(Args):
    """A status intent on one thread."""

    thread_id: str = Id


def _move(ctx: Context, thread_id: str, event: StatusEvent, action: AuditAction) -> dict[str, Any]:
    """Apply a status intent; moving to the status already held is a successful no-op."""
    thread = thread_for(ctx, thread_id)
    change = status_rules.apply(event, ThreadStatus(thread.status))
    if change.changed:
        thread.status = change.after
        if change.after is not ThreadStatus.UNREAD:
            thread.unread_count = 0
        ctx.audit(action, thread_id=thread.id)
    return {"status": change.after.value, "changed": change.changed}


@command("open_thread", ThreadAction)
def open_thread(ctx: Context, args: ThreadAction) -> dict[str, Any]:
    """A staff member viewed the thread: Unread becomes Open (seed 001)."""
    return _move(ctx, args.thread_id, StatusEvent.VIEWED, AuditAction.OPEN)


@command("close_thread", ThreadAction)
def close_thread(ctx: Context, args: ThreadAction) -> dict[str, Any]:
    """A staff member marked the conversation complete."""
    return _move(ctx, args.thread_id, StatusEvent.CLOSE, AuditAction.CLOSE)


@command("reopen_thread", ThreadAction)
def reopen_thread(ctx: Context, args: ThreadAction) -> dict[str, Any]:
    """Follow-up is needed after all."""
    return _move(ctx, args.thread_id, StatusEvent.REOPEN, AuditAction.REOPEN)


class MarkSeen(Args):
    """Seen-by receipts for messages the caller has seen (seed 004)."""

    message_ids: list[str] = Field(min_length=1, max_length=500)
    seen_at: datetime | None = None


@command("mark_seen", MarkSeen)
def mark_seen(ctx: Context, args: MarkSeen) -> dict[str, Any]:
    """Insert-only receipts keyed by message and person, so repeats change nothing.

    Every participant's receipts reach everyone who may read the conversation (the
    feed sends a message's receipts with it). In a group conversation the caller's
    own unread counter drops to what they have still not seen.
    """
    added = 0
    threads: dict[str, Thread] = {}
    for message_id in dict.fromkeys(args.message_ids):
        message = ctx.get(Message, message_id, "message")
        if message.thread_id not in threads:
            threads[message.thread_id] = thread_for(ctx, message.thread_id)
        receipt_id = derived_id("receipt", message_id, ctx.principal.id)
        if ctx.session.get(Receipt, receipt_id) is None:
            ctx.session.add(
                Receipt(
                    id=receipt_id,
                    centre_id=ctx.principal.centre_id,
                    message_id=message_id,
                    person_kind=PersonKind.STAFF,
                    person_id=ctx.principal.id,
                    seen_at=min(args.seen_at or ctx.now, ctx.now),
                )
            )
            added += 1
    if added:
        ctx.session.flush()
        for thread in threads.values():
            _settle_unread(ctx, thread)
    return {"added": added}


_UNSEEN = (
    select(func.count())
    .select_from(Message)
    .where(
        Message.thread_id == bindparam("thread"),
        ~Message.deleted,
        or_(Message.author_id.is_(None), Message.author_id != bindparam("me")),
        ~select(Receipt.id)
        .where(Receipt.message_id == Message.id, Receipt.person_id == bindparam("me"))
        .exists(),
    )
)


def _settle_unread(ctx: Context, thread: Thread) -> None:
    """The caller's unread counter of a group conversation, after they saw messages.

    It never rises here: messages that arrived while they had it muted were never
    counted, and stay uncounted.
    """
    if thread.kind != ThreadKind.GROUP:
        return
    mine = ctx.session.get(
        Participant, participant_id(thread.id, PersonKind.STAFF, ctx.principal.id)
    )
    if mine is None or mine.deleted or not mine.unread_count:
        return
    unseen = ctx.session.scalar(_UNSEEN, {"thread": thread.id, "me": ctx.principal.id}) or 0
    mine.unread_count = min(mine.unread_count, unseen)


ENTRY_BACKDATE_LIMIT = timedelta(days=2)
"""How far back a workstation may date an entry: a workstation offline for a day
still reports true times; an older time is a wrong clock (as for kiosk sign-ins)."""


def entry_time(now: datetime, reported: datetime | None) -> datetime:
    """When staff entered something, as the workstation says, within sane bounds.

    A time in the future is a fast clock and becomes now; one older than
    `ENTRY_BACKDATE_LIMIT` becomes that limit. Neither is refused: the message is
    kept, and its place among the others stays plausible.

    Raises:
        CommandRefused: for a time without a time zone.
    """
    if reported is None:
        return now
    if reported.tzinfo is None:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "times must carry a time zone"))
    return min(now, max(reported, now - ENTRY_BACKDATE_LIMIT))
