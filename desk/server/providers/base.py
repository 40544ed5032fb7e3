"""The one small interface between delivery and the outside world.

Delivery code (fan-out, retries, channel fallback, reconciliation) talks only to the
protocols here, so it can be tested against the log provider and run against Twilio,
an SMTP relay or FCM without knowing which. Every adapter turns its provider's
answers into the same few outcomes:

* a `ProviderReceipt`: the provider took the message;
* `InvalidRecipient`: this address can never be reached on this channel (fall back to
  another channel; prune a dead push token);
* `RateLimited` / `ProviderUnavailable`: try again later, nothing was sent;
* `OutcomeUnknown`: the request may or may not have been taken; reconcile first;
* any other `ProviderError`: the provider refused this message for good.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
# Keys travel into provider headers (Message-ID, apns-collapse-id: 64 bytes at most),
# so they must be short and header-safe. The UUIDs of desk.core.ids qualify.
_IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._-]{1,64}")


class DeliveryState(StrEnum):
    """How far a message got, as the provider tells it.

    Only a provider's own receipt may say `DELIVERED`: a handset or mailbox
    confirmed it. `SENT` means handed to the carrier, which is not the same thing.
    """

    ACCEPTED = "accepted"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"


def _check_key(key: str) -> None:
    if not _IDEMPOTENCY_KEY.fullmatch(key):
        raise ValueError(f"idempotency key {key!r} is not 1-64 of [A-Za-z0-9._-]")


@dataclass(frozen=True)
class OutgoingSms:
    """One text message to one phone.

    Attributes:
        to: the recipient in E.164, e.g. "+12025550123".
        body: the text, already labelled ("For Dennis: ...") and length-checked.
        idempotency_key: the same for every attempt at this message.
        status_callback: where the provider should report delivery, if anywhere.
    """

    to: str
    body: str
    idempotency_key: str
    status_callback: str | None = None

    def __post_init__(self) -> None:
        if not _E164.fullmatch(self.to):
            raise ValueError(f"{self.to!r} is not an E.164 phone number")
        _check_key(self.idempotency_key)


@dataclass(frozen=True)
class EmailFile:
    """A file an email carries (seed 002: "Subject, body, attachments")."""

    name: str
    mime_type: str
    data: bytes  # read from the blob store, which may be a bucket rather than a folder


@dataclass(frozen=True)
class OutgoingEmail:
    """One plain-text email to one address; `reply_to` routes answers to the thread.

    Header fields may not hold line breaks: one would let a subject typed by a user
    add headers of its own.
    """

    to: str
    subject: str
    body_text: str
    idempotency_key: str
    reply_to: str | None = None
    attachments: tuple[EmailFile, ...] = ()

    def __post_init__(self) -> None:
        _check_key(self.idempotency_key)
        for name in ("to", "subject", "reply_to"):
            if any(c in (getattr(self, name) or "") for c in "\r\n"):
                raise ValueError(f"the email's {name} has a line break, which would end its header")


@dataclass(frozen=True)
class OutgoingPush:
    """One notification to one device token (seed 003: one per device, not per child)."""

    token: str
    title: str
    body: str
    data: dict[str, str]
    idempotency_key: str

    def __post_init__(self) -> None:
        _check_key(self.idempotency_key)


@dataclass(frozen=True)
class ProviderReceipt:
    """The provider took the message.

    Attributes:
        provider_ref: the provider's id for it (Twilio sid, Message-ID, FCM name);
            store it before anything else, it is how receipts find the message.
        state: accepted, sent or delivered; a refusal is raised, never returned.
    """

    provider_ref: str
    state: DeliveryState

    def __post_init__(self) -> None:
        if self.state is DeliveryState.FAILED:
            raise ValueError("a failed message is raised as ProviderError, not receipted")


class ProviderError(Exception):
    """The provider did not take the message.

    Attributes:
        reason: one sentence for the audit log and the office, never a credential.
        transient: whether the same message may succeed if sent again later.
        code: the provider's own error code ("21610", "UNREGISTERED", "550"), if any.
        retry_after: seconds the provider asked us to wait, if it said.
    """

    def __init__(
        self,
        reason: str,
        *,
        transient: bool,
        code: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.code = code
        self.retry_after = retry_after


class InvalidRecipient(ProviderError):
    """This address cannot be reached on this channel: fall back, or prune the token."""

    def __init__(self, reason: str, *, code: str | None = None) -> None:
        super().__init__(reason, transient=False, code=code)


class RecipientOptedOut(InvalidRecipient):
    """The recipient unsubscribed at the carrier (replied STOP); record the opt-out."""


class AuthenticationFailed(ProviderError):
    """Our credentials were refused: every send will fail until someone fixes them."""

    def __init__(self, reason: str, *, code: str | None = None) -> None:
        super().__init__(reason, transient=False, code=code)


class RateLimited(ProviderError):
    """Too many requests; nothing was sent. Wait `retry_after` when given."""

    def __init__(
        self, reason: str, *, code: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(reason, transient=True, code=code, retry_after=retry_after)


class ProviderUnavailable(ProviderError):
    """The provider could not be reached or is failing; nothing was sent."""

    def __init__(
        self, reason: str, *, code: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(reason, transient=True, code=code, retry_after=retry_after)


class OutcomeUnknown(ProviderError):
    """The request went out but no answer came back: the provider may have the message.

    Resending blindly can deliver twice. For SMS, ask `SmsProvider.find_sms` first;
    email and push carry ids derived from the idempotency key, so a resend replaces or
    is recognisable as the first one.
    """

    def __init__(self, reason: str, *, code: str | None = None) -> None:
        super().__init__(reason, transient=True, code=code)


class SmsProvider(Protocol):
    """Sends texts and answers what became of them."""

    def send_sms(self, message: OutgoingSms) -> ProviderReceipt:
        """Hand `message` to the provider; raises `ProviderError`."""
        ...

    def lookup_sms(self, provider_ref: str) -> DeliveryState:
        """What the provider says happened to a message it receipted."""
        ...

    def find_sms(
        self, message: OutgoingSms, sent_after: datetime, exclude: Collection[str] = ()
    ) -> str | None:
        """The provider_ref of `message` if an attempt since `sent_after` reached it.

        This is reconciliation after `OutcomeUnknown` or a crash between sending and
        recording the receipt: found means do not send again. `exclude` holds the
        refs already recorded for other deliveries: a provider that can only match
        by content must not take another delivery's message for this one.
        """
        ...

    def close(self) -> None:
        """Release connections."""
        ...


class EmailProvider(Protocol):
    """Sends email."""

    def send_email(self, message: OutgoingEmail) -> ProviderReceipt:
        """Hand `message` to the mail relay; raises `ProviderError`."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


class PushProvider(Protocol):
    """Sends push notifications."""

    def send_push(self, message: OutgoingPush) -> ProviderReceipt:
        """Hand `message` to the push service; raises `ProviderError`."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
