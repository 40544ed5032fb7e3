"""Reads the office's delivery screens need that the change feed does not carry.

The feed syncs deliveries, templates, failing channels and Background Task errors;
these endpoints answer what is computed on demand: the month's text quota, the
device estimate of a push audience (seed 003), and a message's deliveries with
server-side notes such as "sent untranslated".
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException, Path
from pydantic import BaseModel
from sqlalchemy import select

from desk.core.kinds import Channel, MessageState
from desk.core.permissions import Capability, PermissionDenied
from desk.server.api.deps import DatabaseDep, StaffDep
from desk.server.api.problems import problems
from desk.server.commands.messaging import thread_for
from desk.server.commands.registry import CommandRefused, Context, NotFound
from desk.server.delivery.push import Audience, resolve
from desk.server.delivery.quota import SmsBudget
from desk.server.fields import NO_NUL
from desk.server.orm import Delivery, Message
from desk.server.orm.base import utcnow

router = APIRouter(tags=["delivery"])


class SmsQuota(BaseModel):
    """The centre's monthly text quota (seed 000), in billable SMS segments."""

    limit: int
    used: int
    remaining: int
    period_start: datetime
    unit: str = "segment"


@router.get(
    "/sms-quota",
    response_model=SmsQuota,
    summary="This month's text quota and use",
    responses=problems(401, 403),
)
def sms_quota(caller: StaffDep, db: DatabaseDep) -> SmsQuota:
    """Shown where texts are composed; the server refuses a send past it."""
    with db.reading() as session:
        budget = SmsBudget.load(session, caller.centre_id, utcnow(), lock=False)
    return SmsQuota(
        limit=budget.limit,
        used=budget.used,
        remaining=budget.remaining,
        period_start=budget.period_start,
    )


class PushEstimate(BaseModel):
    """The "# of Push Notification messages being sent": active devices reached (seed 003)."""

    devices: int
    families: int


@router.post(
    "/push/estimate",
    response_model=PushEstimate,
    summary="How many devices a push audience reaches",
    responses=problems(
        400, 401, 403, 422, s422="The audience is malformed or names something that is not there"
    ),
)
def push_estimate(audience: Audience, caller: StaffDep, db: DatabaseDep) -> PushEstimate:
    """The dialog hides its subject and message when this is 0."""
    if Capability.MASS_TEXT not in caller.capabilities:
        raise PermissionDenied(Capability.MASS_TEXT)
    with db.reading() as session:
        try:
            resolved = resolve(session, caller.centre_id, audience)
        except ValueError as error:
            raise HTTPException(422, str(error)) from error
        return PushEstimate(
            devices=len(resolved.devices), families=len({d.family_id for d in resolved.devices})
        )


class DeliveryDetail(BaseModel):
    """One recipient's delivery of a message, with the server's notes."""

    id: str
    recipient_kind: str
    recipient_id: str | None
    channel: Channel
    address: str
    for_label: str
    state: MessageState
    error: str
    note: str
    updated_at: datetime


@router.get(
    "/messages/{message_id}/deliveries",
    response_model=list[DeliveryDetail],
    summary="Per-recipient delivery of a message: channel, state, why it failed",
    responses=problems(401, 403, 404, 422, s404="No such message, or none the caller may read"),
)
def deliveries(
    caller: StaffDep,
    db: DatabaseDep,
    message_id: str = Path(min_length=1, max_length=36, pattern=NO_NUL),
) -> list[DeliveryDetail]:
    """Readable by whoever may read the message's conversation.

    A caller who may not read it is told it does not exist (404), as the feed never
    showed it to them: a 403 would confirm the id is real (issue 12 item 15).
    """
    with db.reading() as session:
        ctx = Context(session, caller, "", utcnow())
        message: Message = ctx.get(Message, message_id, "message")
        try:
            thread_for(ctx, message.thread_id)
        except CommandRefused as refusal:
            raise NotFound(f"message {message_id} does not exist") from refusal
        rows = session.scalars(
            select(Delivery)
            .where(Delivery.message_id == message_id, ~Delivery.deleted)
            .order_by(Delivery.id)
        )
        return [
            DeliveryDetail(
                id=d.id,
                recipient_kind=d.recipient_kind,
                recipient_id=d.recipient_id,
                channel=Channel(d.channel),
                address=d.address,
                for_label=d.for_label,
                state=MessageState(d.state),
                error=d.error,
                note=d.note,
                updated_at=d.updated_at,
            )
            for d in rows
        ]
