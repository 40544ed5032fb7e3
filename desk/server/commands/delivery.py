"""Commands of delivery: push notifications, templates, failing channels, retries.

A failing channel can be reset, and a failed delivery retried.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import select

from desk.core.ids import derived_id, parent_thread_id
from desk.core.kinds import (
    AuditAction,
    Channel,
    Direction,
    MessageState,
    PersonKind,
    ThreadKind,
)
from desk.core.permissions import Capability, capability_to_send
from desk.core.push_templates import check_push_template
from desk.core.status import ensure_can_post
from desk.core.templates import TemplateError, check_template, render
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.server.commands.messaging import (
    Id,
    add_message,
    new_parent_thread,
    phone_holders,
    texting_refusal,
    thread_for,
)
from desk.server.commands.registry import Args, CommandRefused, Context, command
from desk.server.delivery.planning import DELIVER, Planner
from desk.server.delivery.push import Audience, resolve, template_values
from desk.server.delivery.receipts import tracks_deliveries
from desk.server.orm import (
    BackgroundTaskError,
    ChannelStatus,
    Delivery,
    Guardian,
    Job,
    Message,
    Staff,
    Template,
    Thread,
)

Page = Literal[
    "families", "students", "classes", "camps", "enrollments", "messenger", "new_message"
]


class SendPush(Args):
    """A push notification to the devices of an audience (seed 003)."""

    notification_id: str = Id
    audience: Audience
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=2000)


@command("send_push", SendPush, fans_out=True)
def send_push(ctx: Context, args: SendPush) -> dict[str, Any]:
    """One notification per active device of the audience's families.

    The title and message are filled in per family before anything is sent; a
    variable that is unknown, or that would leave a family a blank notification,
    blocks the whole send and is recorded as a Background Task error naming it.
    The command is then applied (so that record is kept) with `blocked` set.
    Each family's notification is kept as a message in its Office Chat thread,
    with one delivery per device.
    """
    ctx.require(Capability.MASS_TEXT)
    resolved = resolve(ctx.session, ctx.principal.centre_id, args.audience)
    if not resolved.devices:
        raise CommandRefused(
            QT_TRANSLATE_NOOP(
                "Errors", "no device of the chosen families can receive notifications (0 devices)"
            )
        )
    try:
        check_push_template(args.title, args.body, args.audience.source)
        rendered = {
            family_id: (render(args.title, values), render(args.body, values))
            for family_id in resolved.family_ids
            if resolved.devices_of(family_id)
            for values in [template_values(resolved, family_id, ctx.centre.name)]
        }
    except TemplateError as error:
        ctx.session.add(
            BackgroundTaskError(
                id=derived_id(ctx.command_id, "background-task-error"),
                centre_id=ctx.principal.centre_id,
                at=ctx.now,
                task="push_notification",
                error=str(error),
                detail=f"variable: {{{error.variable}}}" if error.variable else "",
            )
        )
        return {"blocked": True, "variable": error.variable, "error": str(error), "devices": 0}
    planner = Planner(ctx.session, ctx.principal.centre_id, ctx.now, link_base=ctx.public_url)
    message_ids = []
    for family_id, (title, body) in rendered.items():
        thread = _office_thread(ctx, family_id)
        message = add_message(
            ctx, thread, derived_id(args.notification_id, family_id), body, subject=title
        )
        message.state = MessageState.QUEUED
        for device in resolved.devices_of(family_id):
            planner.push(message, device)
        message_ids.append(message.id)
    planner.flush()
    return {
        "blocked": False,
        "devices": len(resolved.devices),
        "families": len(rendered),
        "message_ids": message_ids,
    }


def _office_thread(ctx: Context, family_id: str) -> Thread:
    """The family's shared Office Chat thread, where its notifications are kept."""
    thread_id = parent_thread_id(ThreadKind.OFFICE, family_id, None)
    found = ctx.session.get(Thread, thread_id)
    return found or new_parent_thread(ctx, thread_id, ThreadKind.OFFICE, family_id, None, None)


class SaveTemplate(Args):
    """A template's title and message for one page and channel (seed 003)."""

    template_id: str = Id
    page: Page
    channel: Channel
    template_name: str = Field(min_length=1, max_length=100)
    title: str = Field(default="", max_length=200)
    body: str = Field(min_length=1, max_length=10_000)


@command("save_template", SaveTemplate)
def save_template(ctx: Context, args: SaveTemplate) -> dict[str, Any]:
    """Create or change a template; an unknown variable is refused when saved."""
    ctx.require(Capability.ADMIN)
    check_template(args.title, args.body)
    template = ctx.session.get(Template, args.template_id)
    if template is not None and template.centre_id != ctx.principal.centre_id:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "template {id} belongs to another centre"),
            id=args.template_id,
        )
    if template is None:
        template = Template(id=args.template_id, centre_id=ctx.principal.centre_id)
        ctx.session.add(template)
    template.page, template.channel = args.page, args.channel
    template.name = args.template_name
    template.title, template.body, template.deleted = args.title, args.body, False
    ctx.audit(
        AuditAction.TEMPLATE_SAVED,
        key=template.id,
        detail=f"{args.page}/{args.channel.value}: {args.template_name}",
    )
    return {"template_id": template.id}


class TemplateRef(Args):
    """One template."""

    template_id: str = Id


@command("delete_template", TemplateRef)
def delete_template(ctx: Context, args: TemplateRef) -> dict[str, Any]:
    """Remove a template (a tombstone, so clients drop it too); admins only, audited."""
    ctx.require(Capability.ADMIN)
    template: Template = ctx.get(Template, args.template_id, "template")
    template.deleted = True
    ctx.audit(
        AuditAction.TEMPLATE_DELETED,
        key=template.id,
        detail=f"{template.page}/{template.channel}: {template.name}",
    )
    return {"template_id": template.id}


class ResetChannel(Args):
    """Use a person's failing channel again (seed 004)."""

    person_kind: Literal[PersonKind.GUARDIAN, PersonKind.STAFF]
    person_id: str = Id
    channel: Channel


@command("reset_channel", ResetChannel)
def reset_channel(ctx: Context, args: ResetChannel) -> dict[str, Any]:
    """Clear a failing mark: the person's preferred channel is used again.

    An admin may reset anyone's; a staff member may reset their own.
    """
    if not (
        Capability.ADMIN in ctx.principal.capabilities
        or (args.person_kind is PersonKind.STAFF and args.person_id == ctx.principal.id)
    ):
        ctx.require(Capability.ADMIN)
    ctx.get(
        Guardian if args.person_kind is PersonKind.GUARDIAN else Staff, args.person_id, "person"
    )
    status = ctx.session.get(
        ChannelStatus, derived_id("channel-status", args.person_kind, args.person_id, args.channel)
    )
    if status is None or not status.failing:
        return {"reset": False}
    status.failing, status.changed_at = False, ctx.now
    status.reason = f"reset by {ctx.principal.display_name}"
    ctx.audit(
        AuditAction.RESET_FALLBACK,
        key=args.person_id,
        detail=f"{args.person_kind.value} {args.person_id}: {args.channel.value}",
    )
    return {"reset": True}


class RetryDelivery(Args):
    """Send a message whose delivery failed once more (the Messenger Center's Retry)."""

    message_id: str = Id


@command("retry_delivery", RetryDelivery)
def retry_delivery(ctx: Context, args: RetryDelivery) -> dict[str, Any]:
    """One new attempt per failed recipient of a failed message, once per request.

    The retry is of the message, not a copy of it: each recipient whose delivery
    failed gets a new delivery of the same message (the failed one stays, as the
    record of what happened), and the message leaves FAILED at once, so the office's
    failure bar follows it. A request that finds the message no longer failed (a
    retry under way, or it got through) retries nothing: clicking Retry again, or a
    second workstation retrying too, never sends another copy.
    """
    message: Message = ctx.get(Message, args.message_id, "message")
    thread = thread_for(ctx, message.thread_id)
    if needed := capability_to_send(ThreadKind(thread.kind)):
        ctx.require(needed)
    if message.emergency_sms:
        ctx.require(Capability.MASS_TEXT)
    if message.direction != Direction.OUTBOUND:
        raise CommandRefused(
            QT_TRANSLATE_NOOP("Errors", "only a message the centre sent can be retried")
        )
    ensure_can_post(stopped=thread.stopped)
    if message.state != MessageState.FAILED:
        return {"message_id": message.id, "retried": 0}
    failed = [
        d
        for d in ctx.session.scalars(
            select(Delivery)
            .where(Delivery.message_id == message.id, ~Delivery.deleted)
            .order_by(Delivery.updated_at, Delivery.id)
        )
        if d.state == MessageState.FAILED
    ]
    # One new attempt per recipient address, however many attempts failed before.
    targets = list({(d.channel, d.address): d for d in failed}.values())
    if not targets:
        if message.error:
            raise CommandRefused(
                QT_TRANSLATE_NOOP("Errors", "there is no failed delivery to retry ({reason})"),
                reason=message.error,
            )
        raise CommandRefused(QT_TRANSLATE_NOOP("Errors", "there is no failed delivery to retry"))
    planner = Planner(ctx.session, ctx.principal.centre_id, ctx.now, link_base=ctx.public_url)
    texts = [d for d in targets if d.channel == Channel.SMS]
    for delivery in texts:
        holders = phone_holders(ctx, delivery.address)
        if refusal := texting_refusal(ctx, delivery.address, holders, thread):
            raise CommandRefused.from_error(refusal)
    segments = sum(d.segments for d in texts)
    if refusal := planner.budget.refusal(segments):
        raise CommandRefused.from_error(refusal)
    planner.budget.take(segments)
    track = tracks_deliveries(ctx.session, message)
    for delivery in targets:
        planner.add(
            message,
            key=f"retry:{ctx.command_id}:{delivery.id}",
            recipient_kind=delivery.recipient_kind,
            recipient_id=delivery.recipient_id,
            channel=Channel(delivery.channel),
            address=delivery.address,
            for_label=delivery.for_label,
            language=_language_of(ctx, delivery),
            track=track,
            segments=delivery.segments,
        )
    planner.flush()
    message.state, message.error = MessageState.QUEUED, ""
    return {"message_id": message.id, "retried": len(targets)}


def _language_of(ctx: Context, delivery: Delivery) -> str:
    """The language the failed delivery was to be sent in (kept in its job)."""
    payload = ctx.session.scalar(
        select(Job.payload).where(
            Job.kind == DELIVER, Job.idempotency_key == f"deliver:{delivery.id}"
        )
    )
    if not payload:
        return ""
    return str(json.loads(payload).get("language", ""))
