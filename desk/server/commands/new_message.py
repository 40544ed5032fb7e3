"""New Message to anyone (seeds 000, 002, 004; issue 13 item 1).

The recipients are chips of any kind (`desk.core.audience`), expanded over the
centre's records by the same rules the composer's confirmation uses. Sent
individually, the message is blind: each family gets it in its own Office or
Classroom Chat thread (each guardian of a split family in their own), each staff
member in a private conversation with the sender, so no conversation, message,
participant or delivery of one recipient names another. Sent as a group
conversation, everyone reached is a participant of one reply-all conversation of
up to 15 people.

Older clients send `student_ids` alone; such a command is a New Message to those
students' guardians, exactly as before. Ids derive from the command id, so the
client's optimistic rows and the server's are the same rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self

from pydantic import Field, model_validator
from sqlalchemy import select

from desk.core.audience import (
    GUARDIAN_SIDE,
    Expanded,
    Pick,
    PickKind,
    SendMode,
    check_group,
    day_start,
    expand,
    summarise,
)
from desk.core.conversations import title_for_new_message
from desk.core.ids import derived_id, new_message_thread_id, parent_thread_id
from desk.core.kinds import PersonKind, ThreadKind
from desk.core.optin import can_text
from desk.core.permissions import Capability
from desk.core.sms import check_emergency_length
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.attachments import AttachmentIn, checked_files
from desk.server.commands.messaging import (
    Attachments,
    OptionalBody,
    add_message,
    emergency_texts,
    new_parent_thread,
    new_thread,
    queue_kiosk,
    require_content,
)
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.conversations import participant_id
from desk.server.delivery.people import Recipients
from desk.server.delivery.planning import Planner
from desk.server.directory import DatabaseDirectory
from desk.server.orm import Guardian, Message, Participant, Thread


class RecipientIn(Args):
    """One recipient chip: a kind and, except for the broad audiences, a record id."""

    kind: PickKind
    id: str | None = Field(default=None, min_length=1, max_length=36)


class NewMessage(Args):
    """A New Message: who it is for, how it is sent, and what it says."""

    student_ids: list[str] = Field(
        default_factory=list,
        max_length=2000,
        description="the students whose guardians it reaches (what older clients send)",
    )
    recipients: list[RecipientIn] = Field(default_factory=list, max_length=5000)
    mode: SendMode = SendMode.INDIVIDUAL
    channel: Literal["office", "classroom"] = "classroom"
    body: str = OptionalBody
    subject: str = Field(default="", max_length=200)
    emergency_sms: bool = False
    show_at_kiosk: bool = False
    entered_at: datetime | None = Field(
        default=None, description="when staff entered it (orders kiosk messages)"
    )
    attachments: list[AttachmentIn] = Attachments

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if not self.student_ids and not self.recipients:
            raise ValueError("pick at least one recipient")
        require_content(self.body, self.attachments)
        return self

    def opening(self) -> str:
        """What a title without a subject starts from: the text, else the file names."""
        return self.body or ", ".join(a.name for a in self.attachments)

    def picks(self) -> list[Pick]:
        """Every chip, the students of older clients first."""
        return [Pick(PickKind.STUDENT, sid) for sid in self.student_ids] + [
            Pick(r.kind, r.id) for r in self.recipients
        ]


@command("send_new_message", NewMessage, fans_out=True)
def send_new_message(ctx: Context, args: NewMessage) -> dict[str, Any]:
    """Expand the recipients, check the rules, and post the message where it belongs.

    Returns:
        The message and thread ids, how many guardians it reaches (as before), and
        the figures of what was queued under `summary` (`audience.Summary`).
    """
    kind = ThreadKind(args.channel)
    if kind is ThreadKind.OFFICE:
        ctx.require(Capability.FULL_MESSAGING)
    if args.emergency_sms:
        ctx.require(Capability.MASS_TEXT)
        check_emergency_length(args.body)
    picks = args.picks()
    directory = DatabaseDirectory(ctx.session, ctx.principal.centre_id)
    # An unknown record or a pickup picked by name is refused (`InvalidPick`).
    expanded = expand(
        picks,
        directory,
        sender_id=ctx.principal.id,
        day_began=day_start(ctx.now, ctx.centre.timezone),
    )
    _check_reach(ctx, picks, expanded, kind)
    if expanded.empty:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "the chosen students have no guardians to message")
            if all(p.kind in GUARDIAN_SIDE for p in picks)
            else QT_TRANSLATE_NOOP(
                "Errors", "nobody to message: the recipients reach no guardian or staff member"
            )
        )
    if args.emergency_sms and not expanded.guardians:
        raise CommandRefused(
            QT_TRANSLATE_NOOP(
                "Errors", "an emergency text goes to families: pick at least one family"
            )
        )
    everyone = Recipients.load(
        ctx.session, ctx.principal.centre_id, [g.id for g in expanded.guardians]
    )
    if args.mode is SendMode.GROUP:
        check_group(
            expanded,
            ctx.principal.id,
            students_enabled=ctx.centre.students_in_conversations,
        )
        message_ids, thread_ids = _post_group(ctx, args, expanded, everyone)
    else:
        message_ids, thread_ids = _post_individually(ctx, args, kind, expanded, everyone)
    opted_in = {phone: can_text(holders) for phone, holders in everyone.holders.items()}
    summary = summarise(expanded, args.mode, opted_in)
    return {
        "message_ids": message_ids,
        "thread_ids": thread_ids,
        "guardians": len(expanded.guardians),
        "summary": summary.as_json(),
    }


def _check_reach(ctx: Context, picks: list[Pick], expanded: Expanded, kind: ThreadKind) -> None:
    """Staff without full messaging access write only to the families of their rooms."""
    if Capability.FULL_MESSAGING in ctx.principal.capabilities:
        return
    broad = {p.kind for p in picks} & {PickKind.ALL_FAMILIES, PickKind.SIGNED_IN}
    if broad:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "messaging all families needs full messaging access")
            if PickKind.ALL_FAMILIES in broad
            else QT_TRANSLATE_NOOP(
                "Errors", "messaging everyone signed in needs full messaging access"
            )
        )
    mine = ctx.principal.room_ids
    if foreign := [s for s in expanded.students if s.room_id not in mine]:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "{name} is not in one of your rooms"), name=foreign[0].name
        )
    if kind is ThreadKind.CLASSROOM:
        for guardian in expanded.guardians:
            if expanded.family_rooms.get(guardian.family_id) not in mine:
                raise CommandRefused(
                    QT_TRANSLATE_NOOP("Errors", "{name} has no child in one of your rooms"),
                    name=guardian.name,
                )


def _post_individually(
    ctx: Context,
    args: NewMessage,
    kind: ThreadKind,
    expanded: Expanded,
    everyone: Recipients,
) -> tuple[list[str], list[str]]:
    """One message per family thread (per guardian in a split family), one per staff member.

    Blind: nothing written for one recipient names another.
    """
    targets = expanded.thread_targets()
    thread_ids = [parent_thread_id(kind, t.family_id, t.guardian_id) for t in targets]
    staff_threads = [new_message_thread_id(ctx.command_id, s.id) for s in expanded.staff]
    new_ids = [derived_id(ctx.command_id, t) for t in [*thread_ids, *staff_threads]]
    if taken := ctx.session.scalar(select(Message.id).where(Message.id.in_(new_ids)).limit(1)):
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "message {id} already exists"), id=taken)
    if ctx.session.scalar(select(Thread.id).where(Thread.id.in_(staff_threads)).limit(1)):
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "a conversation of this message already exists")
        )
    threads = {
        t.id: t for t in ctx.session.scalars(select(Thread).where(Thread.id.in_(thread_ids)))
    }
    by_family: dict[str, list[Guardian]] = {}
    for guardian in everyone.guardians:
        by_family.setdefault(guardian.family_id, []).append(guardian)
    title = title_for_new_message(args.subject, args.opening()) if expanded.staff else ""
    # One flush for every new thread, then the messages: a fan-out to thousands of
    # families must not flush (and re-check the whole session) once per family.
    with ctx.session.no_autoflush:
        for target, thread_id in zip(targets, thread_ids, strict=True):
            if thread_id not in threads:
                threads[thread_id] = new_parent_thread(
                    ctx,
                    thread_id,
                    kind,
                    target.family_id,
                    target.guardian_id,
                    expanded.family_rooms.get(target.family_id),
                    flush=False,
                )
        for thread_id in staff_threads:
            threads[thread_id] = new_thread(
                ctx, thread_id, ThreadKind.GROUP, title=title, flush=False
            )
        ctx.session.flush()
        for staff, thread_id in zip(expanded.staff, staff_threads, strict=True):
            _add_members(
                ctx, thread_id, [(PersonKind.STAFF, ctx.principal.id), (PersonKind.STAFF, staff.id)]
            )
        ctx.session.flush()
        posted = []
        files = checked_files(ctx, args.attachments)
        for thread_id, message_id in zip([*thread_ids, *staff_threads], new_ids, strict=True):
            posted.append(
                add_message(
                    ctx,
                    threads[thread_id],
                    message_id,
                    args.body,
                    subject=args.subject,
                    emergency_sms=args.emergency_sms and thread_id in thread_ids,
                    show_at_kiosk=args.show_at_kiosk and thread_id in thread_ids,
                    known_new=True,
                    files=files,
                )
            )
    notified = [
        (message, [g for g in by_family.get(t.family_id, []) if t.guardian_id in (None, g.id)])
        for t, message in zip(targets, posted[: len(targets)], strict=True)
    ]
    _deliver(ctx, args, notified, everyone)
    if args.show_at_kiosk:
        thread_of = {
            (t.family_id, t.guardian_id): thread_id
            for t, thread_id in zip(targets, thread_ids, strict=True)
        }
        for ref in expanded.guardians:
            queue_kiosk(
                ctx,
                derived_id(ctx.command_id, "kiosk", ref.id),
                ref.id,
                args.body,
                thread_id=thread_of.get((ref.family_id, ref.id))
                or thread_of.get((ref.family_id, None)),
                entered_at=args.entered_at,
            )
    return new_ids, [*thread_ids, *staff_threads]


def _post_group(
    ctx: Context, args: NewMessage, expanded: Expanded, everyone: Recipients
) -> tuple[list[str], list[str]]:
    """One reply-all conversation of everyone reached, and the message in it."""
    thread_id = new_message_thread_id(ctx.command_id, None)
    message_id = derived_id(ctx.command_id, thread_id)
    if ctx.session.get(Thread, thread_id) is not None:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "a conversation of this message already exists")
        )
    thread = new_thread(
        ctx,
        thread_id,
        ThreadKind.GROUP,
        title=title_for_new_message(args.subject, args.opening()),
    )
    _add_members(
        ctx,
        thread_id,
        [
            (PersonKind.STAFF, ctx.principal.id),
            *((PersonKind.GUARDIAN, g.id) for g in expanded.guardians),
            *((PersonKind.STAFF, s.id) for s in expanded.staff),
        ],
    )
    ctx.session.flush()
    message = add_message(
        ctx,
        thread,
        message_id,
        args.body,
        subject=args.subject,
        emergency_sms=args.emergency_sms,
        show_at_kiosk=args.show_at_kiosk,
        known_new=True,
        files=checked_files(ctx, args.attachments),
    )
    _deliver(ctx, args, [(message, list(everyone.guardians))], everyone)
    if args.show_at_kiosk:
        for ref in expanded.guardians:
            queue_kiosk(
                ctx,
                derived_id(ctx.command_id, "kiosk", ref.id),
                ref.id,
                args.body,
                thread_id=thread_id,
                entered_at=args.entered_at,
            )
    return [message_id], [thread_id]


def _add_members(ctx: Context, thread_id: str, people: list[tuple[PersonKind, str]]) -> None:
    """The participants of a conversation this command started, the sender included."""
    for kind, person_id in dict.fromkeys(people):
        ctx.session.add(
            Participant(
                id=participant_id(thread_id, kind, person_id),
                centre_id=ctx.principal.centre_id,
                thread_id=thread_id,
                person_kind=kind,
                person_id=person_id,
                joined_at=ctx.now,
                unread_count=0,
            )
        )


def _deliver(
    ctx: Context,
    args: NewMessage,
    posted: list[tuple[Message, list[Guardian]]],
    everyone: Recipients,
) -> None:
    """Emergency texts, or a notification to each guardian on their best channel."""
    planner = Planner(ctx.session, ctx.principal.centre_id, ctx.now, link_base=ctx.public_url)
    if args.emergency_sms:
        emergency_texts(ctx, planner, [(m, everyone.only(gs)) for m, gs in posted])
    else:
        for message, notified in posted:
            for guardian in notified:
                planner.notify(message, guardian, everyone)
    planner.flush()
