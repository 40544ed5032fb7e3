"""The `deliver` job: send one delivery through its provider, exactly once.

A batch of jobs of one centre goes through three short transactions around the
provider calls:

1. the attempt is recorded and committed (the job is marked in flight, the delivery
   SENDING) *before* any provider is called;
2. the provider is called, outside any transaction;
3. the outcomes are recorded: receipts, failures with their fallbacks, retries.

A worker that dies between 2 and 3 leaves its jobs in flight. Whoever takes them up
after the lease runs out reconciles first: the provider is asked whether it has the
message (Twilio by sid, or by recipient, body and time when the sid was never
recorded), and only a message the provider does not have is sent again. A provider
message is the evidence of one delivery only: the sids already recorded for other
deliveries are excluded from the search, and a sid that another delivery recorded
meanwhile is not taken (the job reconciles again), so a second identical text to
the same phone is never marked sent on the evidence of the first. Email and
push carry ids derived from the delivery id (Message-ID, collapse id), so a resend
after a lost answer replaces rather than duplicates.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.orm import Session

from desk.core.email_replies import reply_address
from desk.core.kinds import Channel, MessageState
from desk.core.sms import segment_count, texted_body, with_link
from desk.server import metrics
from desk.server.attachments.links import link_url, new_token, token_hash
from desk.server.attachments.store import BlobStore
from desk.server.db import Database
from desk.server.delivery.email_reply_settings import EmailReplySettings
from desk.server.delivery.quota import count_texts, month_key
from desk.server.delivery.receipts import STATE_OF, Settler
from desk.server.delivery.translate import Translator, for_recipient
from desk.server.delivery.writes import centre_write
from desk.server.jobs.backoff import retry_delay
from desk.server.jobs.queue import (
    ClaimedJob,
    Settlement,
    dead_letter,
    mark_in_flight,
    settle_many,
)
from desk.server.notify import Announcer
from desk.server.orm import (
    Attachment,
    AttachmentLink,
    Centre,
    Delivery,
    Device,
    Job,
    Message,
    WebPushKey,
)
from desk.server.orm.base import utcnow
from desk.server.providers import (
    DeliveryState,
    EmailFile,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingEmail,
    OutgoingPush,
    OutgoingSms,
    ProviderError,
    ProviderReceipt,
    RecipientOptedOut,
)
from desk.server.providers.config import Providers
from desk.server.providers.webpush import PLATFORM as WEB_PLATFORM
from desk.server.providers.webpush import (
    OutgoingWebPush,
    VapidKeys,
    WebSubscription,
    load_subscription,
)
from desk.server.versioning import next_version

log = logging.getLogger(__name__)

STATUS_PATH = "/api/v1/webhooks/twilio/status/{delivery_id}"
# How far back the sids of other texts to the same phone are gathered before a
# reconciliation: wider than any provider's matching window (Twilio's is minutes).
_RECONCILE_LOOKBACK = timedelta(days=1)


@dataclass
class Attempt:
    """One delivery about to be sent, with everything the provider call needs."""

    job: ClaimedJob
    delivery_id: str
    channel: Channel
    address: str
    subject: str
    text: str
    payload: dict[str, Any]
    provider_ref: str | None = None
    token: str | None = None
    data: dict[str, str] = field(default_factory=dict)
    web: WebSubscription | None = None  # a browser's subscription (device platform "web")
    vapid: VapidKeys | None = None
    files: tuple[EmailFile, ...] = ()  # what an email carries
    refused: ProviderError | None = None  # known to fail without calling anyone
    # Provider refs of other deliveries to the same address: never this one's.
    taken: frozenset[str] = frozenset()

    @property
    def track(self) -> bool:
        """Whether the message's own state follows this delivery."""
        return bool(self.payload.get("track"))


@dataclass
class Outcome:
    """What the provider said about one attempt."""

    attempt: Attempt
    receipt: ProviderReceipt | None = None
    error: ProviderError | None = None
    reported_failed: bool = False  # reconciliation found the provider failed it
    found: bool = False  # the receipt is a reconciliation's match, not a send


class DeliverySender:
    """The handler of `deliver` jobs."""

    def __init__(
        self,
        database: Database,
        providers: Providers,
        *,
        translator: Translator | None = None,
        public_url: str = "",
        announcer: Announcer | None = None,
        concurrency: int = 1,
        email_replies: EmailReplySettings | None = None,
        web_push_subject: str = "mailto:webpush@localhost",
        blobs: BlobStore | None = None,
        link_days: int = 7,
    ) -> None:
        self._database = database
        self._web_push_subject = web_push_subject
        self._blobs = blobs  # where an email's attachments are read from
        self._link_lifetime = timedelta(days=link_days)
        self._email_replies = email_replies
        self._concurrency = concurrency
        # Provider calls are network waits: a batch's sends overlap, up to this many.
        self._senders = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="desk-send")
        self._providers = providers
        self._translator = translator
        self._public_url = public_url.rstrip("/")
        self._announcer = announcer

    def __call__(self, jobs: list[ClaimedJob]) -> None:
        """Send a batch, centre by centre (each centre's writes carry its own version)."""
        by_centre: dict[str, list[ClaimedJob]] = {}
        for job in jobs:
            by_centre.setdefault(job.centre_id, []).append(job)
        for centre_id, batch in by_centre.items():
            self._run(centre_id, batch)

    def close(self) -> None:
        """Stop the send threads (after the workers have stopped)."""
        self._senders.shutdown(wait=True)

    # -- the three steps ----------------------------------------------------------

    def _run(self, centre_id: str, jobs: list[ClaimedJob]) -> None:
        attempts, finished = self._prepare(jobs)
        self._begin(centre_id, attempts, finished)
        if self._concurrency > 1 and len(attempts) > 1:
            outcomes = list(self._senders.map(self._send, attempts))
        else:
            outcomes = [self._send(attempt) for attempt in attempts]
        if outcomes:
            with centre_write(self._database, self._announcer, centre_id) as session:
                held = _load(session, [a.delivery_id for a in attempts])
                settler = Settler(session, centre_id, utcnow())
                settlements = [self._record(session, settler, outcome) for outcome in outcomes]
                settle_many(session, [s for s in settlements if s is not None])
                settler.finish()
                del held

    def _begin(self, centre_id: str, attempts: list[Attempt], finished: list[ClaimedJob]) -> None:
        """Step 1: commit the attempts before any provider is called.

        Jobs go in flight and deliveries to SENDING. Plain bulk statements: this is
        every message's hot path.
        """
        with self._database.writing() as session:
            settle_many(session, [Settlement(job.id) for job in finished])
            mark_in_flight(session, [(a.job.id, a.payload) for a in attempts])
            if not attempts:
                return
            self._store_links(session, centre_id, [a for a in attempts if "link_hash" in a.payload])
            version = next_version(session, centre_id)
            # Declarative types `__table__` as any FromClause; a mapped class's is its Table.
            table = cast(Table, Delivery.__table__)
            session.execute(
                update(table)
                .where(
                    table.c.id == bindparam("delivery_id"),
                    # (no IN list: it cannot be used with executemany)
                    or_(
                        table.c.state == MessageState.QUEUED,
                        table.c.state == MessageState.SENDING,
                    ),
                )
                .values(
                    state=MessageState.SENDING,
                    error="",
                    note=bindparam("note"),
                    language=bindparam("language_sent"),
                    updated_at=utcnow(),
                    version=version,
                ),
                [
                    {
                        "delivery_id": a.delivery_id,
                        "note": str(a.payload.get("note", "")),
                        "language_sent": str(a.payload.get("language_sent", "")),
                    }
                    for a in attempts
                ],
            )
            if self._announcer is not None:
                self._announcer.before_commit(session, centre_id, version)
        if self._announcer is not None:
            self._announcer.after_commit(centre_id, version)

    def _store_links(self, session: Session, centre_id: str, attempts: list[Attempt]) -> None:
        """The links of texts about to go out, and each text's segments with its link."""
        for attempt in attempts:
            digest = str(attempt.payload["link_hash"])
            if session.get(AttachmentLink, digest) is not None:
                continue  # stored by an earlier attempt at the same text
            delivery = session.get_one(Delivery, attempt.delivery_id)
            session.add(
                AttachmentLink(
                    token_hash=digest,
                    centre_id=centre_id,
                    message_id=delivery.message_id,
                    delivery_id=delivery.id,
                    created_at=utcnow(),
                    expires_at=datetime.fromisoformat(str(attempt.payload["link_expires"])),
                )
            )
            recounted = int(attempt.payload["segments"])
            message = session.get_one(Message, delivery.message_id)
            count_texts(
                session, centre_id, month_key(message.created_at), recounted - delivery.segments
            )
            delivery.segments = recounted
        session.flush()

    def _prepare(self, jobs: list[ClaimedJob]) -> tuple[list[Attempt], list[ClaimedJob]]:
        """Read what each job sends; jobs with nothing left to do are `finished`."""
        ids = [str(job.payload["delivery_id"]) for job in jobs]
        with self._database.reading() as session:
            deliveries = {
                d.id: d for d in session.scalars(select(Delivery).where(Delivery.id.in_(ids)))
            }
            messages = {
                m.id: m
                for m in session.scalars(
                    select(Message).where(
                        Message.id.in_({d.message_id for d in deliveries.values()})
                    )
                )
            }
            # One read of the batch's files: texts link to them, emails carry them.
            files: dict[str, list[Attachment]] = {}
            for attachment in session.scalars(
                select(Attachment)
                .where(Attachment.message_id.in_(set(messages)), ~Attachment.deleted)
                .order_by(Attachment.filename)
            ):
                files.setdefault(attachment.message_id, []).append(attachment)
            device_ids = [d.address for d in deliveries.values() if d.channel == Channel.APP]
            devices = {
                d.id: d for d in session.scalars(select(Device).where(Device.id.in_(device_ids)))
            }
            centre_name = (
                session.scalar(select(Centre.name).where(Centre.id == jobs[0].centre_id)) or ""
            )
            keys = None
            if any(d.platform == WEB_PLATFORM for d in devices.values()):
                vapid = session.get(WebPushKey, jobs[0].centre_id)
                keys = None if vapid is None else VapidKeys(vapid.public_key, vapid.private_key)
            taken = _refs_to_reconcile_against(session, jobs, deliveries)
            session.expunge_all()  # read-only copies, used after the snapshot ends
        attempts: list[Attempt] = []
        finished: list[ClaimedJob] = []
        for job in jobs:
            delivery = deliveries.get(str(job.payload["delivery_id"]))
            if delivery is None or not _still_to_send(delivery, job):
                finished.append(job)
                continue
            message = messages[delivery.message_id]
            attempt = self._attempt(
                job, delivery, message, devices, centre_name, message.id in files
            )
            if attempt.web is not None:
                attempt.vapid = keys
            if attempt.channel is Channel.EMAIL:
                attempt.files = self._email_files(files.get(message.id, []))
            attempt.taken = taken.get(delivery.address, frozenset()) - {delivery.provider_ref}
            attempts.append(attempt)
        return attempts, finished

    def _attempt(
        self,
        job: ClaimedJob,
        delivery: Delivery,
        message: Message,
        devices: dict[str, Device],
        centre_name: str,
        has_files: bool,
    ) -> Attempt:
        payload = dict(job.payload)
        if "text" not in payload:
            # Fixed at the first attempt, so a reconciliation looks for what was sent.
            translated = for_recipient(
                self._translator, message.body, str(payload.get("language", ""))
            )
            payload["text"] = texted_body(delivery.for_label, translated.text)
            payload["note"] = translated.note
            payload["language_sent"] = translated.language
            if has_files and self._public_url and delivery.channel == Channel.SMS:
                self._add_link(payload, delivery, message)
        channel = Channel(delivery.channel)
        attempt = Attempt(
            job=job,
            delivery_id=delivery.id,
            channel=channel,
            address=delivery.address,
            subject=message.subject or f"New message from {centre_name}",
            text=str(payload["text"]),
            payload=payload,
            provider_ref=delivery.provider_ref,
        )
        if channel is Channel.APP:
            device = devices.get(delivery.address)
            attempt.subject = message.subject or centre_name
            attempt.data = {"thread_id": message.thread_id, "message_id": message.id}
            if device is None or not device.active or device.deleted:
                attempt.refused = InvalidRecipient("the device no longer receives notifications")
            elif device.platform == WEB_PLATFORM:
                attempt.web = load_subscription(device.push_token)
            else:
                attempt.token = device.push_token
        return attempt

    def _email_files(self, attachments: list[Attachment]) -> tuple[EmailFile, ...]:
        """The message's files, read from the blob store (a folder or a bucket), for an email."""
        if self._blobs is None:
            return ()
        carried = []
        for attachment in attachments:
            try:
                with self._blobs.open(attachment.centre_id, attachment.sha256) as stored:
                    data = stored.read()
            except FileNotFoundError:
                continue  # the row came before its bytes (a failed upload): send the rest
            carried.append(EmailFile(attachment.filename, attachment.mime_type, data))
        return tuple(carried)

    def _add_link(self, payload: dict[str, Any], delivery: Delivery, message: Message) -> None:
        """End the text with a link to the message's files (`attachments.links`).

        The token is new for each delivery, so each recipient's opening is audited as
        theirs; `_begin` stores its hash before the text goes out. The planned
        segments are recounted with the link, untranslated as planned (`quota`).
        """
        url = link_url(self._public_url, new_token())
        payload["text"] = with_link(str(payload["text"]), url)
        payload["link_hash"] = token_hash(url.rpartition("/")[2])
        payload["link_expires"] = (utcnow() + self._link_lifetime).isoformat()
        payload["segments"] = segment_count(
            with_link(texted_body(delivery.for_label, message.body), url)
        )

    def _reply_to(self, delivery_id: str) -> str | None:
        """The address that brings an answer back to the conversation, when configured."""
        settings = self._email_replies
        if settings is None:
            return None
        return reply_address(settings.key, delivery_id, settings.domain)

    def _send(self, attempt: Attempt) -> Outcome:
        if attempt.refused is not None:
            return Outcome(attempt, error=attempt.refused)
        try:
            if attempt.channel is Channel.SMS:
                return self._send_sms(attempt)
            if attempt.channel is Channel.EMAIL:
                receipt = self._providers.email.send_email(
                    OutgoingEmail(
                        to=attempt.address,
                        subject=attempt.subject,
                        body_text=attempt.text,
                        idempotency_key=attempt.delivery_id,
                        reply_to=self._reply_to(attempt.delivery_id),
                        attachments=attempt.files,
                    )
                )
            elif attempt.web is not None:
                receipt = self._send_web_push(attempt, attempt.web)
            else:
                receipt = self._providers.push.send_push(
                    OutgoingPush(
                        token=attempt.token or "",
                        title=attempt.subject,
                        body=attempt.text,
                        data=attempt.data,
                        idempotency_key=attempt.delivery_id,
                    )
                )
        except ProviderError as error:
            return Outcome(attempt, error=error)
        except Exception as error:  # a bug in one send must not lose the batch
            log.exception("sending delivery %s failed", attempt.delivery_id)
            return Outcome(
                attempt, error=OutcomeUnknown(f"internal error while sending: {error!r}")
            )
        return Outcome(attempt, receipt=receipt)

    def _send_web_push(self, attempt: Attempt, subscription: WebSubscription) -> ProviderReceipt:
        """A notification to a guardian's browser; a tap opens the conversation."""
        if attempt.vapid is None:
            raise ProviderError("the centre has no web push keys", transient=False)
        return self._providers.web_push.send_web_push(
            OutgoingWebPush(
                subscription=subscription,
                keys=attempt.vapid,
                title=attempt.subject,
                body=attempt.text,
                url=f"/family/c/{attempt.data['thread_id']}#latest",
                idempotency_key=attempt.delivery_id,
                subject=self._web_push_subject,
            )
        )

    def _send_sms(self, attempt: Attempt) -> Outcome:
        sms = self._providers.sms
        callback = (
            self._public_url + STATUS_PATH.format(delivery_id=attempt.delivery_id)
            if self._public_url
            else None
        )
        outgoing = OutgoingSms(
            to=attempt.address,
            body=attempt.text,
            idempotency_key=attempt.delivery_id,
            status_callback=callback,
        )
        if attempt.job.in_flight_since is not None:
            # An earlier attempt may have reached Twilio: never text twice.
            if attempt.provider_ref:
                state = sms.lookup_sms(attempt.provider_ref)
                if state is DeliveryState.FAILED:
                    return Outcome(
                        attempt,
                        error=ProviderError("the provider reports it failed", transient=False),
                        reported_failed=True,
                    )
                return Outcome(attempt, receipt=ProviderReceipt(attempt.provider_ref, state))
            found = sms.find_sms(outgoing, attempt.job.in_flight_since, exclude=attempt.taken)
            if found is not None:
                return Outcome(
                    attempt, receipt=ProviderReceipt(found, DeliveryState.ACCEPTED), found=True
                )
        return Outcome(attempt, receipt=sms.send_sms(outgoing))

    def _record(self, session: Session, settler: Settler, outcome: Outcome) -> Settlement | None:
        """Apply one outcome to its delivery.

        Returns:
            How its job is settled, or None when it went to the dead letter.
        """
        attempt, job = outcome.attempt, outcome.attempt.job
        delivery = session.get_one(Delivery, attempt.delivery_id)
        track = attempt.track
        if outcome.found and outcome.receipt is not None:
            ref = outcome.receipt.provider_ref
            session.flush()  # this batch's own claims count too (a rare path)
            owner = session.scalar(
                select(Delivery.id)
                .where(Delivery.provider_ref == ref, Delivery.id != delivery.id)
                .limit(1)
            )
            if owner is not None:
                # Another delivery recorded this message since our search began: it
                # is that one's evidence, not ours. Reconcile again, excluding it.
                self._count(attempt, "retry")
                return Settlement(
                    job.id,
                    error=f"provider message {ref} belongs to delivery {owner}",
                    retry_in=0,
                    in_flight=True,
                    payload=attempt.payload,
                )
        if outcome.receipt is not None:
            if not delivery.provider_ref:
                delivery.provider_ref = outcome.receipt.provider_ref
            settler.report(delivery, STATE_OF[outcome.receipt.state], track=track)
            self._count(attempt, "sent")
            return Settlement(job.id, payload=_sent(attempt.payload))
        error = outcome.error
        assert error is not None
        if isinstance(error, InvalidRecipient):
            settler.failed(
                delivery,
                error.reason,
                track=track,
                unreachable=True,
                opted_out=isinstance(error, RecipientOptedOut),
            )
            self._count(attempt, "unreachable")
            return Settlement(job.id, error=error.reason, payload=attempt.payload)
        if error.transient and job.attempts < job.max_attempts:
            settler.progress(delivery, f"will retry: {error.reason}", track=track)
            self._count(attempt, "retry")
            return Settlement(
                job.id,
                error=error.reason,
                retry_in=retry_delay(job.attempts, retry_after=error.retry_after),
                in_flight=isinstance(error, OutcomeUnknown),
                payload=attempt.payload,
            )
        settler.failed(delivery, error.reason, track=track)
        self._count(attempt, "failed")
        if outcome.reported_failed:
            return Settlement(job.id, error=error.reason, payload=attempt.payload)
        dead_letter(session, session.get_one(Job, job.id), error.reason, task="delivery")
        return None

    def _count(self, attempt: Attempt, outcome: str) -> None:
        """One provider attempt's outcome, in this process's metrics."""
        provider = {
            Channel.SMS: self._providers.sms,
            Channel.EMAIL: self._providers.email,
        }.get(attempt.channel, self._providers.push)
        metrics.DELIVERIES.labels(attempt.channel.value, type(provider).__name__, outcome).inc()


def _sent(payload: dict[str, Any]) -> dict[str, Any]:
    """What a sent job keeps: not the token of its link, which only the text may hold."""
    if "link_hash" not in payload:
        return payload
    text = str(payload["text"]).rpartition("\n")[0]
    return {**payload, "text": with_link(text, "<link, not kept>")}


def _load(session: Session, delivery_ids: list[str]) -> list[Delivery]:
    """Load a batch's deliveries in one query, for the per-row lookups that follow.

    Those lookups then hit the session instead of the database (and never autoflush).

    The caller holds the returned rows: the session's identity map is weak.
    """
    if not delivery_ids:
        return []
    return list(session.scalars(select(Delivery).where(Delivery.id.in_(delivery_ids))))


def _refs_to_reconcile_against(
    session: Session, jobs: list[ClaimedJob], deliveries: dict[str, Delivery]
) -> dict[str, frozenset[str]]:
    """For each phone a reconciliation will search, the provider refs already recorded.

    They are those of recent deliveries to it: those messages are not the lost attempt,
    however alike they look.

    Only texts whose earlier attempt went unrecorded need this, which is rare, so
    the one query runs only then.
    """
    since: dict[str, datetime] = {}
    for job in jobs:
        delivery = deliveries.get(str(job.payload["delivery_id"]))
        if (
            delivery is not None
            and delivery.channel == Channel.SMS
            and job.in_flight_since is not None
            and not delivery.provider_ref
        ):
            earliest = since.get(delivery.address, job.in_flight_since)
            since[delivery.address] = min(earliest, job.in_flight_since)
    if not since:
        return {}
    rows = session.execute(
        select(Delivery.address, Delivery.provider_ref).where(
            Delivery.centre_id == jobs[0].centre_id,
            Delivery.channel == Channel.SMS,
            Delivery.address.in_(list(since)),
            Delivery.provider_ref.is_not(None),
            Delivery.updated_at >= min(since.values()) - _RECONCILE_LOOKBACK,
        )
    )
    taken: dict[str, set[str]] = {}
    for address, ref in rows:
        if ref:
            taken.setdefault(address, set()).add(ref)
    return {address: frozenset(refs) for address, refs in taken.items()}


def _still_to_send(delivery: Delivery, job: ClaimedJob) -> bool:
    """Whether a job has work left: not finished, not already receipted."""
    if delivery.deleted or delivery.state in (MessageState.DELIVERED, MessageState.FAILED):
        return False
    return not (delivery.provider_ref and job.in_flight_since is None)
