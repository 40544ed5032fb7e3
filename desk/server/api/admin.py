"""Admin actions that are not synced commands: they return a secret shown once."""

from __future__ import annotations

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.core.pin_delivery import PinDelivery
from desk.core.pins import generate_pin, pin_lookup_key, pin_verifier
from desk.server.api.deps import AdminDep, DatabaseDep
from desk.server.api.problems import problems
from desk.server.commands.registry import NotFound
from desk.server.fields import NO_NUL
from desk.server.kiosk_pins import SENT_BY, check_deliverable, send_pin
from desk.server.orm import AuditEvent, Centre, Guardian
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp

router = APIRouter(tags=["admin"])


class PinRequest(BaseModel):
    """How the new PIN reaches the guardian; with no body, it is shown to the office."""

    model_config = ConfigDict(extra="forbid")

    send_by: PinDelivery = PinDelivery.SCREEN


class NewPin(BaseModel):
    """A new kiosk PIN: shown once to the office for handing over, or sent to the guardian.

    `pin` is null when the PIN was sent: then only the guardian ever sees it.
    """

    guardian_id: str
    pin: str | None
    sent_by: PinDelivery


@router.post(
    "/guardians/{guardian_id}/kiosk-pin",
    response_model=NewPin,
    summary="Assign a new kiosk PIN to a guardian or pickup (admin)",
    responses=problems(
        400,
        401,
        403,
        404,
        409,
        422,
        s404="No such guardian",
        s409="The guardian has no phone that takes texts, or no email address, on file",
    ),
)
def reset_kiosk_pin(
    caller: AdminDep,
    db: DatabaseDep,
    guardian_id: str = Path(min_length=1, max_length=36, pattern=NO_NUL),
    request: PinRequest | None = None,
) -> NewPin:
    """A random PIN, unique in the centre, never weak (1234, 1111...).

    Sent by SMS or email, the PIN goes into a delivery job's payload, blanked once
    sent, and nowhere else: not the answer, not the audit, not a message row.
    """
    send_by = PinDelivery.SCREEN if request is None else request.send_by
    with db.writing() as session:
        guardian = session.get(Guardian, guardian_id)
        if guardian is None or guardian.deleted or guardian.centre_id != caller.centre_id:
            raise NotFound(f"guardian {guardian_id} does not exist")
        # Refused before the PIN changes, so the old one still works.
        check_deliverable(guardian, send_by)
        centre = session.get_one(Centre, caller.centre_id)
        secret = bytes.fromhex(centre.kiosk_pin_secret)
        taken = {
            key
            for key in session.scalars(
                select(Guardian.kiosk_pin_key).where(
                    Guardian.centre_id == centre.id, Guardian.kiosk_pin_key.is_not(None)
                )
            )
            if key is not None  # (the query skips them; this tells the type checker)
        }
        pin = generate_pin(taken, secret)
        guardian.kiosk_pin_key = pin_lookup_key(secret, pin)
        # What kiosks check offline: memory-hard, so a stolen kiosk cannot sweep the
        # PINs in seconds (issue 12, item 2). Nothing else about the PIN leaves.
        guardian.kiosk_pin_verifier = pin_verifier(centre.kiosk_pin_salt, pin)
        send_pin(session, centre, guardian, pin, send_by)
        name = f"{guardian.first_name} {guardian.last_name}"
        session.add(
            AuditEvent(
                id=new_id(),
                centre_id=centre.id,
                at=utcnow(),
                action=AuditAction.KIOSK_PIN_RESET,
                actor_kind="staff",
                actor_id=caller.id,
                actor_label=caller.display_name,
                detail=f"{name}, {SENT_BY[send_by]}" if send_by in SENT_BY else name,
            )
        )
        stamp(session, centre.id)
    shown = pin if send_by is PinDelivery.SCREEN else None
    return NewPin(guardian_id=guardian_id, pin=shown, sent_by=send_by)
