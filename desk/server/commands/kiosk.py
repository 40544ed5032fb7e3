"""Commands of the sign-in/out kiosk and the office's kiosk messages (seed 000)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import Field
from sqlalchemy import select

from desk.core.kinds import AttendanceKind, AuditAction, GuardianKind
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.messaging import Id, queue_kiosk
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.orm import AttendanceEvent, AuthorizedPickup, Guardian, KioskMessage, Student

# A kiosk offline for a day still reports true times; anything further off is a bad clock.
CLOCK_SKEW = timedelta(days=2)


def _when(ctx: Context, at: datetime | None) -> datetime:
    """A client-reported time, checked against the server clock."""
    if at is None:
        return ctx.now
    if at.tzinfo is None:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "times must carry a time zone"))
    if abs(at - ctx.now) > CLOCK_SKEW:
        raise CommandRefused(
            QT_TRANSLATE_NOOP(
                "Errors", "the device clock is too far from the server's; check its time"
            )
        )
    return at


class QueueKioskMessage(Args):
    """Show a message at the guardian's next PIN entry."""

    kiosk_message_id: str = Id
    guardian_id: str = Id
    body: str = Field(min_length=1, max_length=2000)
    entered_at: datetime | None = Field(
        default=None, description="when staff entered it; kiosk messages show in this order"
    )


@command("queue_kiosk_message", QueueKioskMessage)
def queue_kiosk_message(ctx: Context, args: QueueKioskMessage) -> dict[str, Any]:
    """Queue a kiosk message; several show in the order they were entered."""
    if ctx.session.get(KioskMessage, args.kiosk_message_id) is not None:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "this kiosk message already exists"))
    message = queue_kiosk(
        ctx, args.kiosk_message_id, args.guardian_id, args.body, entered_at=args.entered_at
    )
    return {"entered_seq": message.entered_seq}


class KioskMessageRef(Args):
    """One kiosk message."""

    kiosk_message_id: str = Id


@command("cancel_kiosk_message", KioskMessageRef)
def cancel_kiosk_message(ctx: Context, args: KioskMessageRef) -> dict[str, Any]:
    """Withdraw a kiosk message the guardian has not acknowledged yet."""
    message: KioskMessage = ctx.get(KioskMessage, args.kiosk_message_id, "kiosk message")
    if message.acknowledged_at is not None:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "the guardian has already read this message")
        )
    message.cancelled = True
    return {"cancelled": True}


class AcknowledgeKioskMessage(Args):
    """The guardian tapped OK on a kiosk message."""

    kiosk_message_id: str = Id
    shown_at: datetime | None = None
    acknowledged_at: datetime | None = None


@command("ack_kiosk_message", AcknowledgeKioskMessage, staff=False, kiosk=True)
def ack_kiosk_message(ctx: Context, args: AcknowledgeKioskMessage) -> dict[str, Any]:
    """Record when the message was shown and acknowledged; the first report wins."""
    message: KioskMessage = ctx.get(KioskMessage, args.kiosk_message_id, "kiosk message")
    acknowledged = _when(ctx, args.acknowledged_at)
    message.shown_at = message.shown_at or _when(ctx, args.shown_at or acknowledged)
    message.acknowledged_at = message.acknowledged_at or acknowledged
    return {"acknowledged_at": message.acknowledged_at.isoformat()}


class RecordAttendance(Args):
    """A child signed in or out."""

    event_id: str = Id
    student_id: str = Id
    guardian_id: str | None = Field(default=None, min_length=1, max_length=36)
    kind: AttendanceKind
    at: datetime | None = None


@command("record_attendance", RecordAttendance, staff=True, kiosk=True)
def record_attendance(ctx: Context, args: RecordAttendance) -> dict[str, Any]:
    """Insert-only attendance; at a kiosk the person must be allowed that child."""
    if ctx.session.get(AttendanceEvent, args.event_id) is not None:
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "this sign-in was already recorded"))
    student: Student = ctx.get(Student, args.student_id, "student")
    if ctx.principal.is_kiosk:
        if args.guardian_id is None:
            raise CommandRefused(
                QT_TRANSLATE_NOOP("Errors", "a kiosk sign-in must name who signed the child")
            )
        guardian: Guardian = ctx.get(Guardian, args.guardian_id, "guardian")
        if not _may_collect(ctx, guardian, student):
            raise CommandRefused(
                QT_TRANSLATE_NOOP("Errors", "{guardian} may not sign {student} in or out"),
                guardian=guardian.first_name,
                student=student.first_name,
            )
    ctx.session.add(
        AttendanceEvent(
            id=args.event_id,
            centre_id=ctx.principal.centre_id,
            student_id=student.id,
            guardian_id=args.guardian_id,
            room_id=student.room_id,
            kind=args.kind,
            at=_when(ctx, args.at),
            device_id=ctx.principal.id if ctx.principal.is_kiosk else None,
        )
    )
    return {"event_id": args.event_id}


def _may_collect(ctx: Context, guardian: Guardian, student: Student) -> bool:
    if guardian.kind == GuardianKind.GUARDIAN:
        return guardian.family_id == student.family_id
    return (
        ctx.session.scalar(
            select(AuthorizedPickup.id).where(
                AuthorizedPickup.guardian_id == guardian.id,
                AuthorizedPickup.student_id == student.id,
                ~AuthorizedPickup.deleted,
            )
        )
        is not None
    )


class ReportLockout(Args):
    """The keypad locked after repeated wrong PINs."""

    failures: int = Field(ge=1, le=10_000)
    at: datetime | None = None


@command("report_kiosk_lockout", ReportLockout, staff=False, kiosk=True)
def report_kiosk_lockout(ctx: Context, args: ReportLockout) -> dict[str, Any]:
    """Audit a lockout, so the office can see someone guessing PINs."""
    if args.at is not None:
        _when(ctx, args.at)
    ctx.audit(AuditAction.KIOSK_LOCKOUT, detail=f"{args.failures} wrong PINs in a row")
    return {}
