"""Templates, the audit log and a background-task error.

Templates cover every page and channel of the push and text dialogs (seed 003) and
use only variables the server can fill. The audit log holds what seed 001 asks to
record (who sent, who opened and closed a thread, which number made it Unread) and
our own entries (logins, kiosk enrollment, opt-outs, stopped conversations). The one
background-task error is the refusal seed 003 describes: a template with a variable
that does not exist.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from desk.core.kinds import AuditAction, Channel, StaffRole, ThreadKind, ThreadStatus
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.conversations import ThreadPlan
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.kiosk import kiosk_count
from desk.tools.seeding.messages import message_id
from desk.tools.seeding.people import People
from desk.tools.seeding.scripts import Side
from desk.tools.seeding.tables import AUDIT_EVENT, BACKGROUND_TASK_ERROR, KIOSK_DEVICE, TEMPLATE

_MINUTE, _HOUR, _DAY = 60, 3_600, 86_400

TEMPLATES = (
    (
        "families",
        Channel.APP,
        "Closure alert",
        "{centre.name} is closed today",
        "{centre.name} is closed today because of the weather. Stay safe!",
    ),
    (
        "families",
        Channel.SMS,
        "Tuition reminder",
        "",
        "Hi {guardian.first_name}, a reminder that tuition is due Friday. Questions? "
        "Call us at {centre.phone}. - {centre.name}",
    ),
    (
        "families",
        Channel.EMAIL,
        "Monthly newsletter",
        "News from {centre.name}",
        "Dear {guardian.full_name},\n\nHere is what happened at {centre.name} this month, "
        "and what is coming up next.",
    ),
    (
        "students",
        Channel.APP,
        "Picture day",
        "Picture day is Thursday",
        "Send {student.first_name} in with their best smile! Order forms are in the cubbies.",
    ),
    (
        "students",
        Channel.SMS,
        "Medication form due",
        "",
        "{guardian.first_name}, {student.first_name}'s medication form expires this week. "
        "Please bring a new one to the front desk.",
    ),
    (
        "students",
        Channel.EMAIL,
        "Immunization record",
        "{student.full_name}: immunization record",
        "Dear {guardian.first_name},\n\nOur records show {student.first_name}'s "
        "immunization record has expired. Please send an updated copy by Friday.",
    ),
    (
        "classes",
        Channel.APP,
        "Class cancelled",
        "Cancelled this week: {program.name}",
        "{program.name}: no class this week. We'll see {student.first_name} next week!",
    ),
    (
        "classes",
        Channel.EMAIL,
        "Welcome to class",
        "Welcome to {program.name}",
        "Dear {guardian.first_name},\n\n{student.first_name} is enrolled in "
        "{program.name}. {staff.first_name} {staff.last_name} will be teaching.",
    ),
    (
        "classes",
        Channel.SMS,
        "Room change",
        "",
        "{program.name} meets in the gym this week. See you there! - {centre.name}",
    ),
    (
        "camps",
        Channel.APP,
        "Camp reminder",
        "{program.name} starts Monday",
        "{student.first_name} starts {program.name} on Monday. Pack a lunch, a water "
        "bottle and sunscreen!",
    ),
    (
        "camps",
        Channel.SMS,
        "Camp pickup time",
        "",
        "Reminder: {program.name} pickup is at 3:30 pm today. - {centre.name}",
    ),
    (
        "camps",
        Channel.EMAIL,
        "Camp packing list",
        "Getting ready for {program.name}",
        "Dear {guardian.first_name},\n\nPlease label everything {student.first_name} "
        "brings: lunch, water bottle, swimsuit, towel and a change of clothes.",
    ),
    (
        "enrollments",
        Channel.SMS,
        "Trial class reminder",
        "",
        "Hi {guardian.first_name}! {student.first_name}'s trial class of {program.name} "
        "is tomorrow. Reply with any questions. - {centre.name}",
    ),
    (
        "enrollments",
        Channel.APP,
        "Waitlist update",
        "A spot opened up",
        "Good news: a spot opened in {program.name} for {student.first_name}. Call "
        "{centre.name} to claim it.",
    ),
    (
        "enrollments",
        Channel.EMAIL,
        "Trial class follow-up",
        "How was {student.first_name}'s trial class?",
        "Dear {guardian.first_name},\n\nThank you for trying {program.name}. We'd love to "
        "have {student.first_name} join us for the term.",
    ),
)
"""Page, channel, name, title and body of each template; push is the APP channel."""


def template_rows(ids: IdSpace) -> list[tuple[object, ...]]:
    """One row per entry of `TEMPLATES`."""
    return [
        TEMPLATE.row(
            id=ids.make(TEMPLATE, n),
            page=page,
            channel=channel.value,
            name=name,
            title=title,
            body=body,
        )
        for n, (page, channel, name, title, body) in enumerate(TEMPLATES)
    ]


class _Audit:
    def __init__(self, ids: IdSpace, clock: Clock, now: int) -> None:
        self.ids = ids
        self.clock = clock
        self.now = now
        self.events: list[tuple[int, dict[str, object]]] = []

    def add(self, at: int, action: AuditAction, actor_kind: str, **values: object) -> None:
        event: dict[str, object] = {
            "action": action.value,
            "actor_kind": actor_kind,
            "actor_id": None,
            "actor_label": "",
            "thread_id": None,
            "message_id": None,
            "phone": None,
            "detail": "",
        }
        event.update(values)
        self.events.append((min(at, self.now), event))

    def rows(self) -> Iterator[tuple[object, ...]]:
        self.events.sort(key=lambda event: event[0])
        for n, (at, event) in enumerate(self.events):
            yield AUDIT_EVENT.row(id=self.ids.make(AUDIT_EVENT, n), at=self.clock.text(at), **event)


def audit_rows(
    people: People, plans: list[ThreadPlan], ids: IdSpace, seed: int, now: int, clock: Clock
) -> Iterator[tuple[object, ...]]:
    """Audit events, oldest first, none later than `now`."""
    rng = random.Random(f"{seed}/audit")
    audit = _Audit(ids, clock, now)
    office = people.by_role(StaffRole.ADMIN, StaffRole.OFFICE)
    for plan in plans:
        last = plan.count - 1
        q, k, t = plan.position(last)
        last_id = message_id(ids, plan.first_number + last)
        staff = plan.centre_side[k % len(plan.centre_side)]
        who = {"actor_id": staff[2], "thread_id": plan.id}
        if plan.kind == ThreadKind.SMS and plan.lines.sides[q] == Side.CENTRE:
            audit.add(t, AuditAction.SEND, "staff", message_id=last_id, **who)
        if plan.status == ThreadStatus.UNREAD and plan.kind == ThreadKind.SMS:
            audit.add(
                t,
                AuditAction.MARKED_UNREAD_BY_NUMBER,
                "phone",
                phone=plan.phone,
                thread_id=plan.id,
                message_id=last_id,
                actor_label=plan.phone or "",
            )
        elif plan.status == ThreadStatus.OPEN:
            audit.add(t + 5 * _MINUTE, AuditAction.OPEN, "staff", **who)
        elif plan.status == ThreadStatus.CLOSED:
            audit.add(t + 12 * _MINUTE, AuditAction.CLOSE, "staff", **who)
        if (stop := plan.stop()) is not None:
            audit.add(stop[1], AuditAction.STOP, "staff", actor_id=stop[0], thread_id=plan.id)
    for member in office:
        audit.add(
            now - rng.randrange(_HOUR, 10 * _HOUR),
            AuditAction.LOGIN,
            "staff",
            actor_id=member.id,
            actor_label=member.username,
        )
    audit.add(
        now - 3 * _HOUR,
        AuditAction.LOGIN_FAILED,
        "staff",
        actor_label=office[0].username,
        detail="wrong password",
    )
    for n in range(kiosk_count(people)):
        audit.add(
            now - (200 - 40 * n) * _DAY,
            AuditAction.KIOSK_ENROLLED,
            "staff",
            actor_id=office[0].id,
            detail=ids.make(KIOSK_DEVICE, n),
        )
    audit.add(
        now - 2 * _DAY,
        AuditAction.KIOSK_LOCKOUT,
        "device",
        actor_id=ids.make(KIOSK_DEVICE, 0),
        detail="5 wrong PINs in a row",
    )
    for guardian in people.guardians():
        if not guardian.sms_opt_in and guardian.phone:
            audit.add(
                now - rng.randrange(_DAY, 90 * _DAY),
                AuditAction.OPT_OUT,
                "phone",
                phone=guardian.phone,
                actor_label=guardian.phone,
                detail=f"STOP from {guardian.full_name}'s number",
            )
    return audit.rows()


def background_error_rows(ids: IdSpace, now: int, clock: Clock) -> list[tuple[object, ...]]:
    """The push notification a misspelt template variable stopped (seed 003)."""
    return [
        BACKGROUND_TASK_ERROR.row(
            id=ids.make(BACKGROUND_TASK_ERROR, 0),
            at=clock.text(now - 26 * _HOUR),
            task="push_notification",
            error="the message uses an unknown variable {student.nickname}; "
            "did you mean {student.first_name}?",
            detail="Template 'Camp reminder (draft)' on the Camps page; nothing was sent "
            "to the 23 devices selected.",
        )
    ]
