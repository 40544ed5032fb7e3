"""Twilio Programmable Messaging: sending, reconciling, and reading its webhooks.

REST: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` (form-encoded, HTTP basic
auth with the account sid and auth token) answers 201 with the Message resource, or
an error `{"code", "message", "more_info", "status"}`. Twilio takes no idempotency
key, so after a broken connection `find_sms` looks for the message before anything is
sent again.

Webhooks (inbound texts, status callbacks) are signed with `X-Twilio-Signature`;
`validate_twilio_signature` must pass before either is believed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn
from urllib.parse import quote

from . import http
from .base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingSms,
    ProviderError,
    ProviderReceipt,
    ProviderUnavailable,
    RateLimited,
    RecipientOptedOut,
)

if TYPE_CHECKING:
    from desk.net.keepalive import Reply

    from .config import TwilioSettings

API_VERSION = "2010-04-01"

# Twilio's MessageStatus values for outbound messages. "read" (WhatsApp, RCS) can
# only follow delivery, so it counts as delivered; "sent" means the carrier took it
# and never counts as delivered.
_STATES = {
    "accepted": DeliveryState.ACCEPTED,
    "scheduled": DeliveryState.ACCEPTED,
    "queued": DeliveryState.ACCEPTED,
    "sending": DeliveryState.ACCEPTED,
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "read": DeliveryState.DELIVERED,
    "undelivered": DeliveryState.FAILED,
    "failed": DeliveryState.FAILED,
    "canceled": DeliveryState.FAILED,
}

_OPTED_OUT = 21610  # "Attempt to send to unsubscribed recipient": they replied STOP
_UNREACHABLE = frozenset(
    {
        21211,  # invalid 'To' phone number
        21612,  # 'To' number not currently reachable via SMS
        21614,  # 'To' number is not a valid mobile number (a landline)
    }
)
_AUTHENTICATION = 20003
_TOO_MANY_REQUESTS = 20429
# How far Twilio's clock may be behind ours when matching a message by creation time.
_CLOCK_SKEW = timedelta(minutes=2)
_PAGE_SIZE = 50


def delivery_state(twilio_status: str) -> DeliveryState:
    """Our state for a Twilio MessageStatus.

    Raises:
        ValueError: for a status we do not know (an inbound one, or a new one).
    """
    try:
        return _STATES[twilio_status]
    except KeyError:
        raise ValueError(f"unknown Twilio message status {twilio_status!r}") from None


class TwilioSms:
    """An `SmsProvider` over Twilio's REST API."""

    def __init__(self, settings: TwilioSettings) -> None:
        self._settings = settings
        self._client = http.new_client(
            settings.base_url,
            settings.timeout_seconds,
            auth=(settings.account_sid, settings.auth_token),
        )
        self._messages = f"/{API_VERSION}/Accounts/{quote(settings.account_sid, safe='')}/Messages"

    def send_sms(self, message: OutgoingSms) -> ProviderReceipt:
        """Create the Message resource.

        Raises:
            InvalidRecipient: the number cannot take texts (`RecipientOptedOut` when
                the recipient replied STOP to our number).
            RateLimited, ProviderUnavailable: nothing was sent; retry later.
            OutcomeUnknown: the request went out unanswered, or Twilio failed in a way
                that does not say whether it kept the message; call `find_sms`.
            AuthenticationFailed, ProviderError: refused for good.
        """
        form = {"To": message.to, "Body": message.body}
        if self._settings.messaging_service_sid:
            form["MessagingServiceSid"] = self._settings.messaging_service_sid
        else:
            form["From"] = self._settings.from_number
        if message.status_callback:
            form["StatusCallback"] = message.status_callback
        response = http.send(
            self._client, "Twilio", "POST", f"{self._messages}.json", idempotent=False, data=form
        )
        if not response.is_success:
            _raise_for(response, sending=True)
        body = http.json_object(response)
        sid, status = body.get("sid"), body.get("status")
        if not isinstance(sid, str) or not isinstance(status, str) or status not in _STATES:
            raise OutcomeUnknown(
                f"Twilio answered {response.status_code} without a message sid and a known "
                "status, so the message may or may not have been accepted."
            )
        state = _STATES[status]
        if state is DeliveryState.FAILED:
            code = body.get("error_code")
            raise ProviderError(
                f"Twilio created message {sid} as {status} ({body.get('error_message')}).",
                transient=False,
                code=None if code is None else str(code),
            )
        return ProviderReceipt(sid, state)

    def lookup_sms(self, provider_ref: str) -> DeliveryState:
        """Fetch the Message resource and map its status.

        Raises:
            ProviderError: Twilio does not know the sid, or reports a status we do not.
        """
        response = http.send(
            self._client,
            "Twilio",
            "GET",
            f"{self._messages}/{quote(provider_ref, safe='')}.json",
            idempotent=True,
        )
        if not response.is_success:
            _raise_for(response, sending=False)
        status = http.json_object(response).get("status")
        if not isinstance(status, str) or status not in _STATES:
            raise ProviderError(
                f"Twilio reports message {provider_ref} as {status!r}, which we do not know.",
                transient=False,
            )
        return _STATES[status]

    def find_sms(
        self, message: OutgoingSms, sent_after: datetime, exclude: Collection[str] = ()
    ) -> str | None:
        """Search the newest messages to `message.to` for this one.

        Twilio keeps no idempotency key, and its Message resource does not echo the
        StatusCallback URL that names our delivery, so a message is recognised by
        what the recipient would see: same sender, same recipient, same body,
        created since `sent_after` (less a little clock skew). A second identical
        text to the same phone within that window looks the same, so the sids
        already recorded for other deliveries are passed in `exclude`: each Twilio
        message is the evidence of one delivery only, never of a look-alike.

        Args:
            message: the message that may have been sent.
            sent_after: an aware time taken before the first attempt.
            exclude: sids that belong to other deliveries.
        """
        params = {"To": message.to, "PageSize": str(_PAGE_SIZE)}
        if self._settings.from_number:
            params["From"] = self._settings.from_number
        response = http.send(
            self._client, "Twilio", "GET", f"{self._messages}.json", idempotent=True, params=params
        )
        if not response.is_success:
            _raise_for(response, sending=False)
        listed = http.json_object(response).get("messages")
        not_before = sent_after - _CLOCK_SKEW
        # Twilio lists newest first; the oldest match is the first attempt.
        for item in reversed(listed if isinstance(listed, list) else []):
            if self._is_attempt_of(item, message, not_before) and item["sid"] not in exclude:
                return str(item["sid"])
        return None

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def _is_attempt_of(self, item: Any, message: OutgoingSms, not_before: datetime) -> bool:
        if not isinstance(item, dict) or not isinstance(item.get("sid"), str):
            return False
        service = self._settings.messaging_service_sid
        if service and item.get("messaging_service_sid") != service:
            return False
        try:
            created = parsedate_to_datetime(str(item.get("date_created")))
        except ValueError:
            return False
        return (
            item.get("to") == message.to
            and item.get("body") == message.body
            and str(item.get("direction", "")).startswith("outbound")
            and created.tzinfo is not None
            and created >= not_before
        )


def _raise_for(response: Reply, *, sending: bool) -> NoReturn:
    """Raise the `ProviderError` that a Twilio error answer means.

    A 500, 502 or 504 to the POST that creates a message does not say whether Twilio
    kept it (a gateway may time out after the work was done), so it is
    `OutcomeUnknown`; only 503 and 429 promise that nothing happened.
    """
    body = http.json_object(response)
    raw_code = body.get("code")
    code = raw_code if isinstance(raw_code, int) else None
    text = str(body.get("message") or response.reason_phrase).rstrip(".")
    label = str(code if code is not None else response.status_code)
    reason = f"Twilio refused the request: {text} (error {label})."
    status = response.status_code
    if code == _OPTED_OUT:
        raise RecipientOptedOut(reason, code=label)
    if code in _UNREACHABLE:
        raise InvalidRecipient(reason, code=label)
    if status == 401 or code == _AUTHENTICATION:
        raise AuthenticationFailed(reason, code=label)
    if status == 429 or code == _TOO_MANY_REQUESTS:
        raise RateLimited(reason, code=label, retry_after=http.retry_after(response))
    if status >= 500:
        if sending and status != 503:
            raise OutcomeUnknown(reason, code=label)
        raise ProviderUnavailable(reason, code=label, retry_after=http.retry_after(response))
    raise ProviderError(reason, transient=False, code=label)


# -- webhooks ------------------------------------------------------------------------


class MalformedWebhook(ValueError):
    """A webhook lacks what Twilio always sends; answer 400 and believe nothing of it."""


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """The `X-Twilio-Signature` Twilio sends for a POST of `params` to `url`.

    base64(HMAC-SHA1(auth token, url + every param name and value, sorted by name)).
    `url` is the full URL Twilio was given, query string included: behind a proxy,
    rebuild the public URL, not the one the app server sees.
    """
    payload = url + "".join(name + params[name] for name in sorted(params))
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def validate_twilio_signature(
    auth_token: str, url: str, params: Mapping[str, str], signature: str
) -> bool:
    """Whether `signature` is Twilio's for this request, compared in constant time."""
    expected = twilio_signature(auth_token, url, params)
    return hmac.compare_digest(expected.encode(), signature.encode())


class StatusUpdate(NamedTuple):
    """A delivery report: which message, how far it got, Twilio's error code if failed."""

    sid: str
    state: DeliveryState
    error_code: str | None


def parse_status_callback(form: Mapping[str, str]) -> StatusUpdate:
    """Read a status callback (validate its signature first).

    Callbacks can arrive out of order ("sent" after "delivered"), so the caller must
    not move a message backwards.

    Raises:
        MalformedWebhook: no MessageSid, or no status we know.
    """
    sid = form.get("MessageSid") or form.get("SmsSid")
    status = form.get("MessageStatus") or form.get("SmsStatus") or ""
    if not sid:
        raise MalformedWebhook("the status callback has no MessageSid")
    try:
        state = delivery_state(status)
    except ValueError as error:
        raise MalformedWebhook(str(error)) from error
    return StatusUpdate(sid, state, form.get("ErrorCode") or None)


MAX_MEDIA = 10
"""Twilio forwards at most ten media items with one message."""


@dataclass(frozen=True)
class InboundMedia:
    """One MMS media item: where Twilio keeps it (fetched with the account's credentials)."""

    url: str
    content_type: str


@dataclass(frozen=True)
class InboundSms:
    """A text a family or staff member sent to one of our numbers.

    Attributes:
        media: the MMS media items (`NumMedia`, `MediaUrl{N}`, `MediaContentType{N}`).
        unreadable_media: media items the webhook counted but named no URL for; the
            text is kept and each is noted as not attached.
    """

    from_: str
    to: str
    body: str
    sid: str
    media: tuple[InboundMedia, ...] = ()
    unreadable_media: int = 0


def parse_inbound(form: Mapping[str, str]) -> InboundSms:
    """Read an incoming-message webhook (validate its signature first).

    A media count that is not a number, or more items than Twilio ever sends, loses
    the media it cannot read but never the text.

    Raises:
        MalformedWebhook: From, To or MessageSid is missing.
    """
    missing = [name for name in ("From", "To", "MessageSid") if not form.get(name)]
    if missing:
        raise MalformedWebhook(f"the inbound message webhook lacks {', '.join(missing)}")
    raw_count = form.get("NumMedia", "0").strip() or "0"
    count = int(raw_count) if raw_count.isdigit() else 0
    media = []
    for index in range(min(count, MAX_MEDIA)):
        url = form.get(f"MediaUrl{index}", "").strip()
        if url:
            media.append(InboundMedia(url, form.get(f"MediaContentType{index}", "").strip()))
    return InboundSms(
        from_=form["From"],
        to=form["To"],
        body=form.get("Body", ""),
        sid=form["MessageSid"],
        media=tuple(media),
        unreadable_media=(count - len(media)) if raw_count.isdigit() else 1,
    )
