"""Recording opt-out and opt-in for a phone number and every record holding it.

A STOP from a number silences it for every family and staff record that lists it
(seed 001), and a START brings all of them back; each change is audited with the
number that asked for it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.server.orm import AuditEvent, Guardian, Staff


def set_opt_in(
    session: Session,
    centre_id: str,
    phone: str,
    opted_in: bool,
    now: datetime,
    *,
    how: str,
    thread_id: str | None = None,
) -> int:
    """Set `sms_opt_in` on every guardian and staff record holding `phone`.

    Args:
        session: the caller's transaction; the change commits or rolls back with it.
        centre_id: the centre whose records change; other centres' are left alone.
        phone: the E.164 number whose holders change.
        opted_in: the new value: True for an opt-in keyword (START), False for STOP or
            a carrier's opt-out.
        now: when, for the audit event.
        how: what asked for it, for the audit log ("replied STOP", "carrier").
        thread_id: the conversation the reply came in, if any, for the audit event.

    Returns:
        How many records changed.
    """
    changed = 0
    # Listed per model: a loop over (Guardian, Staff) types its rows as their common
    # base, which has no `sms_opt_in`.
    records: list[Guardian | Staff] = [
        *session.scalars(
            select(Guardian).where(
                Guardian.centre_id == centre_id, Guardian.phone == phone, ~Guardian.deleted
            )
        ),
        *session.scalars(
            select(Staff).where(Staff.centre_id == centre_id, Staff.phone == phone, ~Staff.deleted)
        ),
    ]
    for record in records:
        if record.sms_opt_in != opted_in:
            record.sms_opt_in = opted_in
            changed += 1
    session.add(
        AuditEvent(
            id=new_id(),
            centre_id=centre_id,
            at=now,
            action=AuditAction.OPT_IN if opted_in else AuditAction.OPT_OUT,
            actor_kind="phone",
            actor_id=None,
            actor_label=phone,
            thread_id=thread_id,
            phone=phone,
            detail=f"{how}; {changed} record(s) changed",
        )
    )
    return changed
