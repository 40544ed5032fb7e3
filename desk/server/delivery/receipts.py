"""Recording what became of deliveries: receipts, failures, fallback, message state.

Both the workers (the provider's answer to a send) and the webhooks (Twilio status
callbacks) report here, in whatever order they arrive: a state never moves
backwards, DELIVERED comes only from the provider, and a delivery that fails for
good on a person's channel marks that channel failing and sends on the next one
(seed 004) in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.delivery import advance, summarise
from desk.core.ids import derived_id
from desk.core.kinds import Channel, MessageState, ThreadKind
from desk.server.delivery.consent import set_opt_in
from desk.server.delivery.people import Recipients
from desk.server.delivery.planning import Planner
from desk.server.orm import ChannelStatus, Delivery, Device, Guardian, Message, Thread
from desk.server.providers import DeliveryState
from desk.server.providers.webpush import PLATFORM as WEB_PLATFORM

STATE_OF = {
    DeliveryState.ACCEPTED: MessageState.SENT,
    DeliveryState.SENT: MessageState.SENT,
    DeliveryState.DELIVERED: MessageState.DELIVERED,
    DeliveryState.FAILED: MessageState.FAILED,
}
"""Our state for a provider's: a message the provider accepted counts as sent."""

# Twilio error codes of a failed status callback that mean the number cannot take
# texts at all, so another channel is tried: unreachable handset, unknown
# destination, landline or unreachable carrier, and the send-time number errors.
UNREACHABLE_SMS_CODES = frozenset({"30003", "30005", "30006", "21211", "21612", "21614"})
OPTED_OUT_SMS_CODES = frozenset({"21610"})


def tracks_deliveries(session: Session, message: Message) -> bool:
    """Whether the message's own state follows its deliveries.

    Texts (Messenger Center, Emergency SMS) and push notifications are the
    deliveries; a chat message is read in the conversation, and its deliveries
    are only notifications of it.
    """
    if message.emergency_sms:
        return True
    thread = session.get(Thread, message.thread_id)
    return thread is not None and thread.kind == ThreadKind.SMS


class Settler:
    """Applies delivery outcomes within one transaction of one centre."""

    def __init__(self, session: Session, centre_id: str, now: datetime) -> None:
        self.session = session
        self.centre_id = centre_id
        self.now = now
        self.planner = Planner(session, centre_id, now, may_exist=True)
        self._tracked: set[str] = set()

    def report(self, delivery: Delivery, state: MessageState, *, track: bool) -> None:
        """A state the provider reported (a send's receipt, a status callback)."""
        after = advance(MessageState(delivery.state), state)
        if after != delivery.state:
            delivery.state = after
            delivery.updated_at = self.now
        if after is not MessageState.FAILED:
            delivery.error = ""
        if track:
            self._tracked.add(delivery.message_id)

    def progress(self, delivery: Delivery, note: str, *, track: bool) -> None:
        """A send under way (or about to be retried): SENDING, with why if retrying."""
        self.report(delivery, MessageState.SENDING, track=track)
        if delivery.state == MessageState.SENDING:
            delivery.error = note

    def failed(
        self,
        delivery: Delivery,
        reason: str,
        *,
        track: bool,
        unreachable: bool = False,
        opted_out: bool = False,
    ) -> None:
        """The delivery failed for good; if the address can never work, fall back.

        Args:
            delivery: the failed delivery; one already DELIVERED or FAILED is left as is.
            reason: why, kept as the delivery's `error`.
            track: whether the message's own state follows its deliveries
                (`tracks_deliveries`), so it is brought up to date at the end.
            unreachable: the address cannot be reached on this channel (a bounce,
                an invalid number, an unregistered token), as opposed to a refusal
                of this one message.
            opted_out: the carrier says the number replied STOP: record it for
                every holder of the number, as if the STOP had reached us.
        """
        if MessageState(delivery.state) in (MessageState.DELIVERED, MessageState.FAILED):
            return
        delivery.state, delivery.error, delivery.updated_at = MessageState.FAILED, reason, self.now
        if track:
            self._tracked.add(delivery.message_id)
        channel = Channel(delivery.channel)
        if opted_out and channel is Channel.SMS:
            set_opt_in(
                self.session, self.centre_id, delivery.address, False, self.now, how="carrier"
            )
        if channel is Channel.APP:
            self._prune(delivery.address, gone=unreachable)
        if (unreachable or opted_out) and delivery.recipient_kind == "guardian":
            self._fall_back(delivery, channel, reason, track=track)

    def finish(self) -> int:
        """Enqueue fallbacks and bring tracked messages' states up to date."""
        planned = self.planner.flush()
        if self._tracked:
            ids = sorted(self._tracked)
            states: dict[str, list[MessageState]] = {}
            errors: dict[str, str] = {}
            # ORM rows, not columns: a delivery changed in this transaction but not
            # flushed yet is seen with its new state (the session's identity wins).
            for delivery in self.session.scalars(
                select(Delivery).where(Delivery.message_id.in_(ids), ~Delivery.deleted)
            ):
                states.setdefault(delivery.message_id, []).append(MessageState(delivery.state))
                if delivery.state == MessageState.FAILED and delivery.error:
                    errors.setdefault(delivery.message_id, delivery.error)
            for message in self.session.scalars(select(Message).where(Message.id.in_(ids))):
                summary = summarise(states.get(message.id, []))
                if message.state != summary:
                    message.state = summary
                message.error = errors.get(message.id, "") if summary is MessageState.FAILED else ""
            self._tracked.clear()
        return planned

    def _prune(self, device_id: str, *, gone: bool) -> None:
        """The push service says the token is dead: stop counting and sending to it.

        A browser's subscription that answered 404 or 410 is gone for good (RFC 8030
        §7.3): its row is removed, keys and all; subscribing again makes a new one.
        """
        device = self.session.get(Device, device_id)
        if device is None:
            return
        if device.platform == WEB_PLATFORM:
            if gone and not device.deleted:
                device.active, device.deleted, device.push_token = False, True, ""
        elif device.active:
            device.active = False

    def _fall_back(self, delivery: Delivery, channel: Channel, reason: str, *, track: bool) -> None:
        guardian = self.session.get(Guardian, delivery.recipient_id)
        message = self.session.get(Message, delivery.message_id)
        if guardian is None or message is None:
            return
        recipients = Recipients.load(self.session, self.centre_id, [guardian.id])
        # The query ran without a flush, so a device pruned in this transaction is
        # among those loaded; its in-memory state is what says it no longer works.
        working = [
            d
            for d in recipients.devices.get(guardian.id, [])
            if d.id != delivery.address and d.active and not d.deleted
        ]
        if channel is Channel.APP and working:
            return  # another of their devices still works
        mark_failing(
            self.session, self.centre_id, "guardian", guardian.id, channel, reason, self.now
        )
        self.planner.notify(message, guardian, recipients, exclude={channel}, track=track)


def mark_failing(
    session: Session,
    centre_id: str,
    person_kind: str,
    person_id: str,
    channel: Channel,
    reason: str,
    now: datetime,
) -> ChannelStatus:
    """Mark a person's channel failing until it is reset (seed 004)."""
    status_id = derived_id("channel-status", person_kind, person_id, channel)
    status = session.get(ChannelStatus, status_id)
    if status is None:
        status = ChannelStatus(
            id=status_id,
            centre_id=centre_id,
            person_kind=person_kind,
            person_id=person_id,
            channel=channel,
        )
        session.add(status)
    status.failing, status.reason, status.changed_at, status.deleted = True, reason, now, False
    return status
