"""Commands on guardian and staff records (issue 13 items 4 and 5).

Preferred channel and language (seed 004), going back to the preferred channel after
a fallback, and numbers no record holds in the Messenger Center: linked to an
existing guardian or saved as a new contact, their thread and history kept. Every
change is audited.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from sqlalchemy import select

from desk.core.delivery import check_preferred_channel, normalise_language
from desk.core.kinds import AuditAction, Channel, GuardianKind, PersonKind, ThreadKind
from desk.core.optin import may_answer_unknown
from desk.core.permissions import Capability, may_edit_contacts
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.messaging import Id, thread_for
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.delivery.people import holders_by_phone
from desk.server.orm import ChannelStatus, Family, Guardian, Message, Staff, Thread

PersonKindIn = Literal[PersonKind.GUARDIAN, PersonKind.STAFF]


def _record(ctx: Context, kind: PersonKind, person_id: str) -> Guardian | Staff:
    """A guardian or staff record the caller may edit, or a refusal.

    Family contacts: admins, full messaging and Mass Text (`may_edit_contacts`).
    Staff records: admins, or the staff member their own.
    """
    if kind is PersonKind.GUARDIAN:
        if not may_edit_contacts(ctx.principal.capabilities):
            ctx.require(Capability.ADMIN)
        guardian: Guardian = ctx.get(Guardian, person_id, "guardian")
        return guardian
    if person_id != ctx.principal.id:
        ctx.require(Capability.ADMIN)
    staff: Staff = ctx.get(Staff, person_id, "staff member")
    return staff


class Preferences(Args):
    """How a guardian or staff member is told of new messages, and in which language."""

    person_kind: PersonKindIn
    person_id: str = Id
    preferred_channel: Channel
    language: str = Field(min_length=2, max_length=16)


@command("set_contact_preferences", Preferences)
def set_contact_preferences(ctx: Context, args: Preferences) -> dict[str, Any]:
    """Change a record's preferred channel and language (seed 004), audited.

    A channel the record has no address for is refused; the language is stored as a
    normalised tag ("pt-BR").
    """
    record = _record(ctx, args.person_kind, args.person_id)
    detail = change_preferences(record, args.person_kind, args.preferred_channel, args.language)
    if detail is not None:
        ctx.audit(AuditAction.PREFERENCES, key=record.id, detail=detail)
    return {"preferred_channel": args.preferred_channel.value, "language": record.language}


def change_preferences(
    record: Guardian | Staff, kind: PersonKind, channel: Channel, language: str
) -> str | None:
    """Set a record's preferred channel and language, as the office and the family app do.

    Returns:
        What changed, for the audit log; None when nothing did.

    Raises:
        InvalidPreference: a channel the record has no address for, or no language tag.
    """
    tag = normalise_language(language)
    check_preferred_channel(channel, phone=record.phone, email=record.email)
    before = (Channel(record.preferred_channel), record.language)
    if before == (channel, tag):
        return None
    record.preferred_channel, record.language = channel, tag
    return (
        f"{kind.value} {record.first_name} {record.last_name}: "
        f"{before[0].value}/{before[1]} -> {channel.value}/{tag}"
    )


class PersonRef(Args):
    """A guardian or staff record."""

    person_kind: PersonKindIn
    person_id: str = Id


@command("reset_fallback", PersonRef)
def reset_fallback(ctx: Context, args: PersonRef) -> dict[str, Any]:
    """Use the person's preferred channel again, whatever failed (seed 004's Reset).

    Every channel marked failing for them is cleared; the next message goes out on
    their preferred channel. An admin resets anyone's, a staff member their own.
    """
    if not (
        Capability.ADMIN in ctx.principal.capabilities
        or (args.person_kind is PersonKind.STAFF and args.person_id == ctx.principal.id)
    ):
        ctx.require(Capability.ADMIN)
    record = ctx.get(
        Guardian if args.person_kind is PersonKind.GUARDIAN else Staff, args.person_id, "person"
    )
    reset = []
    for status in ctx.session.scalars(
        select(ChannelStatus).where(
            ChannelStatus.centre_id == ctx.principal.centre_id,
            ChannelStatus.person_kind == args.person_kind,
            ChannelStatus.person_id == args.person_id,
            ChannelStatus.failing,
            ~ChannelStatus.deleted,
        )
    ):
        status.failing, status.changed_at = False, ctx.now
        status.reason = f"reset by {ctx.principal.display_name}"
        reset.append(str(status.channel))
    if reset:
        ctx.audit(
            AuditAction.RESET_FALLBACK,
            key=record.id,
            detail=f"{record.first_name} {record.last_name}: {', '.join(sorted(reset))}",
        )
    return {"reset": sorted(reset)}


def _number_thread(ctx: Context, thread_id: str) -> Thread:
    """A Messenger Center thread the caller may read, for a contact change."""
    thread = thread_for(ctx, thread_id)
    if thread.kind != ThreadKind.SMS or not thread.phone:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "only a Messenger Center conversation has a number to save")
        )
    if not may_edit_contacts(ctx.principal.capabilities):
        ctx.require(Capability.ADMIN)
    return thread


def _consent(ctx: Context, thread: Thread) -> bool | None:
    """Whether the number may be texted by what it texted us; None if it never did."""
    bodies = list(
        ctx.session.scalars(
            select(Message.body)
            .where(Message.thread_id == thread.id, Message.direction == "in", ~Message.deleted)
            .order_by(Message.created_at, Message.id)
        )
    )
    return may_answer_unknown(bodies) if bodies else None


def _retitle(ctx: Context, thread: Thread) -> None:
    """Name the thread after every record holding its number, as a first text does."""
    phone = thread.phone or ""
    ctx.session.flush()
    holders = holders_by_phone(ctx.session, ctx.principal.centre_id, [phone]).get(phone, [])
    families = {
        g.family_id
        for g in ctx.session.scalars(
            select(Guardian).where(
                Guardian.id.in_([h.record_id for h in holders if h.record_kind == "guardian"])
            )
        )
    }
    thread.family_id = families.pop() if len(families) == 1 else None
    thread.title = " / ".join(h.name for h in holders)[:100] or phone


class LinkNumber(Args):
    """Give an existing guardian the number of a Messenger Center thread."""

    thread_id: str = Id
    guardian_id: str = Id
    replace: bool = Field(
        default=False, description="replace a different number the guardian already has"
    )


@command("link_number", LinkNumber)
def link_number(ctx: Context, args: LinkNumber) -> dict[str, Any]:
    """Link an unknown number to a family's guardian; the thread and its history stay.

    The guardian's consent to texts follows what the number said while unknown: a
    STOP it sent is kept.
    """
    thread = _number_thread(ctx, args.thread_id)
    guardian: Guardian = ctx.get(Guardian, args.guardian_id, "guardian")
    phone = thread.phone or ""
    if guardian.phone == phone:
        return {"linked": False}
    if guardian.phone and not args.replace:
        raise CommandRefused(
            QT_TRANSLATE_NOOP(
                "Errors", "{name} already has the number {phone}; replace it to link this one"
            ),
            name=f"{guardian.first_name} {guardian.last_name}",
            phone=guardian.phone,
        )
    guardian.phone = phone
    if (consent := _consent(ctx, thread)) is not None:
        guardian.sms_opt_in = consent
    _retitle(ctx, thread)
    family = ctx.session.get(Family, guardian.family_id)
    ctx.audit(
        AuditAction.LINK_NUMBER,
        thread_id=thread.id,
        phone=phone,
        detail=(
            f"linked to {guardian.first_name} {guardian.last_name}"
            f"{f' ({family.name} family)' if family else ''}"
        ),
    )
    return {"linked": True, "family_id": guardian.family_id}


class SaveContact(Args):
    """Save the number of a Messenger Center thread as a new guardian record."""

    thread_id: str = Id
    guardian_id: str = Id
    family_id: str = Id
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(
        default="", max_length=200, description="for a new family; its last name by default"
    )
    relationship: str = Field(default="", max_length=50)
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")


@command("save_contact", SaveContact)
def save_contact(ctx: Context, args: SaveContact) -> dict[str, Any]:
    """Save an unknown number as a new contact: a guardian of a new or existing family.

    `family_id` names an existing family to add the guardian to, or the id of a new
    one. The thread keeps its history and now names the contact.
    """
    thread = _number_thread(ctx, args.thread_id)
    if ctx.session.get(Guardian, args.guardian_id) is not None:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "a record with this id already exists"))
    first, last = args.first_name.strip(), args.last_name.strip()
    if not first or not last:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "a contact needs a first and a last name"))
    family = ctx.session.get(Family, args.family_id)
    if family is not None and (family.deleted or family.centre_id != ctx.principal.centre_id):
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "family {id} does not exist"), id=args.family_id
        )
    if family is None:
        family = Family(
            id=args.family_id,
            centre_id=ctx.principal.centre_id,
            name=args.family_name.strip() or last,
        )
        ctx.session.add(family)
        ctx.session.flush()
    consent = _consent(ctx, thread)
    ctx.session.add(
        Guardian(
            id=args.guardian_id,
            centre_id=ctx.principal.centre_id,
            family_id=family.id,
            kind=GuardianKind.GUARDIAN,
            first_name=first,
            last_name=last,
            relationship=args.relationship.strip(),
            phone=thread.phone,
            email=args.email,
            sms_opt_in=True if consent is None else consent,
        )
    )
    _retitle(ctx, thread)
    ctx.audit(
        AuditAction.SAVE_CONTACT,
        thread_id=thread.id,
        phone=thread.phone,
        detail=f"saved as {first} {last} ({family.name} family)",
    )
    return {"guardian_id": args.guardian_id, "family_id": family.id}
