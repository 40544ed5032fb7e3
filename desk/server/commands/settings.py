"""Settings an admin changes from the app (issue 13 item 7), each audited.

Staff capabilities (full messaging, Mass Text, SMS Logs, admin), a guardian's
split-family privacy, and whether students may take part in conversations. They
are synced columns (`staff.capabilities`, `guardian.private_messaging`,
`centre.students_in_conversations`), so every other client follows on its next
pull; a staff member whose capabilities change has their feed start over, since
what they may read changed (`desk.server.feed.access_version`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from desk.core.kinds import AuditAction
from desk.core.permissions import Capability, format_capabilities, parse_capabilities
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.messaging import Id
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.orm import Guardian, Staff

Assignable = Literal[
    Capability.FULL_MESSAGING, Capability.MASS_TEXT, Capability.SMS_LOGS, Capability.ADMIN
]


class StaffCapabilities(Args):
    """What one staff member may do, as a whole list."""

    staff_id: str = Id
    capabilities: list[Assignable] = Field(max_length=4)


@command("set_staff_capabilities", StaffCapabilities)
def set_staff_capabilities(ctx: Context, args: StaffCapabilities) -> dict[str, Any]:
    """Give a staff member exactly these capabilities; admins only.

    An admin cannot take admin away from themselves, so a centre is never left
    without one by a slip.
    """
    ctx.require(Capability.ADMIN)
    staff: Staff = ctx.get(Staff, args.staff_id, "staff member")
    wanted = frozenset(args.capabilities)
    if staff.id == ctx.principal.id and Capability.ADMIN not in wanted:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "you cannot remove your own admin permission")
        )
    try:
        before = parse_capabilities(staff.capabilities)
    except ValueError:  # a capability this server does not know: replaced as a whole
        before = frozenset()
    if before == wanted:
        return {"capabilities": format_capabilities(wanted), "changed": False}
    staff.capabilities = format_capabilities(wanted)
    ctx.audit(
        AuditAction.CAPABILITIES,
        key=staff.id,
        detail=(
            f"{staff.first_name} {staff.last_name}: "
            f"{format_capabilities(before) or 'none'} -> {staff.capabilities or 'none'}"
        ),
    )
    return {"capabilities": staff.capabilities, "changed": True}


class PrivateMessaging(Args):
    """A guardian's split-family privacy (seed 000)."""

    guardian_id: str = Id
    on: bool


@command("set_private_messaging", PrivateMessaging)
def set_private_messaging(ctx: Context, args: PrivateMessaging) -> dict[str, Any]:
    """Keep a guardian's conversations private from their family's other guardians.

    Messages already sent stay in the conversations they were posted in; from now on
    each guardian of the family gets their own (`fanout.parent_threads_for`).
    """
    ctx.require(Capability.ADMIN)
    guardian: Guardian = ctx.get(Guardian, args.guardian_id, "guardian")
    if guardian.private_messaging != args.on:
        guardian.private_messaging = args.on
        ctx.audit(
            AuditAction.PRIVATE_MESSAGING,
            key=guardian.id,
            detail=f"{guardian.first_name} {guardian.last_name}: {'on' if args.on else 'off'}",
        )
    return {"private_messaging": args.on}


class CentreSettings(Args):
    """Centre-wide messaging settings."""

    students_in_conversations: bool


@command("set_centre_settings", CentreSettings)
def set_centre_settings(ctx: Context, args: CentreSettings) -> dict[str, Any]:
    """Whether students may be conversation participants (seed 004: if enabled).

    Turning it off removes no student from a conversation they are in; it stops new
    ones being added.
    """
    ctx.require(Capability.ADMIN)
    centre = ctx.centre
    if centre.students_in_conversations != args.students_in_conversations:
        centre.students_in_conversations = args.students_in_conversations
        ctx.audit(
            AuditAction.CENTRE_SETTINGS,
            detail="students in conversations: "
            + ("on" if args.students_in_conversations else "off"),
        )
    return {"students_in_conversations": args.students_in_conversations}
