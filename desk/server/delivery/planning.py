"""Deciding who gets a message on which channel, as Delivery rows plus their jobs.

Planning runs inside the transaction that writes the message (a command) or that
records a failure (a worker falling back), and enqueues one `deliver` job per
delivery in that same transaction: a message is never committed without its sending,
and a rolled-back command leaves no job behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.delivery import choose_channel
from desk.core.ids import derived_id
from desk.core.kinds import Channel, MessageState
from desk.core.optin import PhoneHolder, can_text
from desk.core.sms import needs_for_label, segment_count, text_label, texted_body, with_link
from desk.server.attachments.links import TOKEN_CHARS, link_url
from desk.server.delivery.people import Recipients
from desk.server.delivery.quota import SmsBudget, count_planned, month_key
from desk.server.jobs.queue import NewJob, enqueue_many
from desk.server.orm import Attachment, Delivery, Device, Guardian, Message

DELIVER = "deliver"
"""The job kind that sends one delivery."""


class Planner:
    """Adds deliveries and their jobs to one transaction; `flush` enqueues the jobs.

    With `link_base` (the server's public URL), a text of a message with files is
    counted with the link the sender will end it with (`desk.server.attachments.links`);
    without it, the sender counts the link when it fixes the text.
    """

    def __init__(
        self,
        session: Session,
        centre_id: str,
        now: datetime,
        *,
        may_exist: bool = False,
        link_base: str = "",
    ) -> None:
        self.session = session
        self._link_base = link_base
        self._with_files: dict[str, bool] = {}
        self._may_exist = may_exist
        self.centre_id = centre_id
        self.now = now
        self._jobs: list[NewJob] = []
        self._budget: SmsBudget | None = None
        self.planned: list[Delivery] = []
        self._months: dict[str, str] = {}  # message id -> month its texts count in (`quota`)
        self._ids: set[str] = set()
        # Texts planned in this transaction, by (message, delivery key), with whom
        # their label names.
        self._texts: dict[tuple[str, str], tuple[Delivery, list[tuple[str, str]]]] = {}

    @property
    def budget(self) -> SmsBudget:
        """The month's text quota, loaded on first use."""
        if self._budget is None:
            self._budget = SmsBudget.load(self.session, self.centre_id, self.now, lock=True)
        return self._budget

    def add(
        self,
        message: Message,
        *,
        key: str,
        recipient_kind: str,
        recipient_id: str | None,
        channel: Channel,
        address: str,
        for_label: str = "",
        language: str = "",
        track: bool,
        segments: int = 1,
        fallback_from: str = "",
    ) -> Delivery | None:
        """One delivery of `message` and its job; None if this one was planned before.

        A command writes a new message, whose deliveries cannot exist yet; a worker
        planning a fallback (`may_exist`) checks, since a retry may plan it twice.
        """
        delivery_id = derived_id(message.id, "delivery", key)
        if delivery_id in self._ids or (
            self._may_exist and self.session.get(Delivery, delivery_id) is not None
        ):
            return None
        self._ids.add(delivery_id)
        delivery = Delivery(
            id=delivery_id,
            centre_id=message.centre_id,
            message_id=message.id,
            recipient_kind=recipient_kind,
            recipient_id=recipient_id,
            channel=channel,
            address=address,
            for_label=for_label,
            segments=segments,
            fallback_from=fallback_from,
            state=MessageState.QUEUED,
            error="",
            updated_at=self.now,
        )
        self.planned.append(delivery)
        self._months[message.id] = month_key(message.created_at)
        self._jobs.append(
            NewJob(
                DELIVER,
                message.centre_id,
                f"deliver:{delivery_id}",
                {"delivery_id": delivery_id, "language": language, "track": track},
            )
        )
        return delivery

    def sms(
        self,
        message: Message,
        phone: str,
        holders: list[PhoneHolder],
        *,
        recipient_id: str | None,
        people: Sequence[tuple[str, str]] = (),
        language: str = "",
        track: bool = True,
        fallback_from: str = "",
    ) -> Delivery | None:
        """A text to one phone, labelled "For <name>" when the phone is shared.

        `people` are the (record id, first name) of whom the text is for; when the
        phone's records span families, each name carries its family. A second call
        for the same phone and message (two records of one grandparent in a group
        conversation) adds its people to the one planned text's label.
        """
        label = self._label(holders, people) if needs_for_label(len(holders)) else ""
        key = f"sms:{phone}"
        planned = self._texts.get((message.id, key))
        if planned is not None:
            text, earlier = planned
            earlier.extend(people)
            text.for_label = self._label(holders, earlier) if text.for_label else ""
            text.segments = segment_count(self._texted(text.for_label, message))
            return None
        delivery = self.add(
            message,
            key=key,
            recipient_kind="guardian" if recipient_id else "phone",
            recipient_id=recipient_id,
            channel=Channel.SMS,
            address=phone,
            for_label=label,
            language=language,
            track=track,
            segments=segment_count(self._texted(label, message)),
            fallback_from=fallback_from,
        )
        if delivery is not None:
            self._texts[(message.id, key)] = (delivery, list(people))
        return delivery

    def text_segments(
        self, message: Message, holders: list[PhoneHolder], people: Sequence[tuple[str, str]]
    ) -> int:
        """What a text of `message` to a phone with these holders costs of the quota.

        That is its billable segments, label included (seed 000; carriers bill
        segments).
        """
        label = self._label(holders, people) if needs_for_label(len(holders)) else ""
        return segment_count(self._texted(label, message))

    def _texted(self, label: str, message: Message) -> str:
        """What a text of `message` will say: label, body, and its files' link if any."""
        return with_link(texted_body(label, message.body), self._link(message))

    def _link(self, message: Message) -> str:
        """A link as long as the one the text will carry, or "" (no files, no base)."""
        if not self._link_base:
            return ""
        if message.id not in self._with_files:
            self._with_files[message.id] = (
                self.session.scalar(
                    select(Attachment.id)
                    .where(Attachment.message_id == message.id, ~Attachment.deleted)
                    .limit(1)
                )
                is not None
            )
        if not self._with_files[message.id]:
            return ""
        return link_url(self._link_base, "x" * TOKEN_CHARS)

    @staticmethod
    def _label(holders: list[PhoneHolder], people: Sequence[tuple[str, str]]) -> str:
        """The label naming `people`, with families if the phone's records span several."""
        return text_label(holders, people)

    def push(self, message: Message, device: Device, *, track: bool = True) -> Delivery | None:
        """A notification to one device (seed 003); the token stays on the server."""
        return self.add(
            message,
            key=f"device:{device.id}",
            recipient_kind="device",
            recipient_id=device.id,
            channel=Channel.APP,
            address=device.id,
            track=track,
        )

    def notify(
        self,
        message: Message,
        guardian: Guardian,
        recipients: Recipients,
        *,
        exclude: Iterable[Channel] = (),
        track: bool = False,
    ) -> Channel | None:
        """Tell a guardian of `message` on their best working channel (seed 004).

        The preferred channel is used unless it is failing (or in `exclude`, having
        just failed); SMS also needs every holder of the number opted in and quota
        left. Returns the channel used, or None when nothing can reach them (they
        still read it at the kiosk or when the failing channel is reset).
        """
        failing = recipients.failing.get(guardian.id, set()) | set(exclude)
        holders = recipients.holders.get(guardian.phone or "", [])
        devices = recipients.devices.get(guardian.id, [])
        reachable = {
            Channel.SMS: bool(guardian.phone) and can_text(holders),
            Channel.EMAIL: bool(guardian.email),
            Channel.APP: bool(devices),
        }
        preferred = Channel(guardian.preferred_channel)
        channel = choose_channel(preferred, failing, reachable)
        # The quota is counted only when a text is chosen: most notifications go to
        # the app or e-mail, and counting the month's texts is the costly part.
        me = [(guardian.id, guardian.first_name)]
        if channel is Channel.SMS and not self.budget.take(
            self.text_segments(message, holders, me)
        ):
            reachable[Channel.SMS] = False
            channel = choose_channel(preferred, failing, reachable)
        if channel is None:
            return None
        # Not on the preferred channel (it failed, or cannot reach them): the record
        # and the thread say so until the preferred one is used again (seed 004).
        fallback_from = "" if channel is preferred else preferred.value
        if channel is Channel.SMS and guardian.phone:
            self.sms(
                message,
                guardian.phone,
                holders,
                recipient_id=guardian.id,
                people=me,
                language=guardian.language,
                track=track,
                fallback_from=fallback_from,
            )
            return channel
        # (delivery key, address): one e-mail, or one notification per device.
        targets: list[tuple[str, str]] = []
        if channel is Channel.EMAIL and guardian.email:
            targets = [(f"email:{guardian.id}", guardian.email)]
        elif channel is Channel.APP:
            targets = [(f"app:{guardian.id}:{device.id}", device.id) for device in devices]
        for key, address in targets:
            self.add(
                message,
                key=key,
                recipient_kind="guardian",
                recipient_id=guardian.id,
                channel=channel,
                address=address,
                language=guardian.language,
                track=track,
                fallback_from=fallback_from,
            )
        return channel

    def flush(self) -> int:
        """Write the deliveries, count their texts, enqueue their jobs; returns how many.

        Messages are flushed before their deliveries: with no ORM relationship
        between them, nothing else orders the inserts.
        """
        if not self.planned:
            return 0
        self.session.flush()
        self.session.add_all(self.planned)
        self.session.flush()
        count_planned(self.session, self.planned, self._months)
        self.planned = []
        count = enqueue_many(self.session, self._jobs, now=self.now)
        self._jobs.clear()
        return count
