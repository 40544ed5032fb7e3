"""The provider interface itself: what a message may be, what an error promises."""

from __future__ import annotations

import pytest
from urllib3 import HTTPHeaderDict

from desk.net.keepalive import Reply
from desk.server.providers import http
from desk.server.providers.base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingEmail,
    OutgoingPush,
    OutgoingSms,
    ProviderError,
    ProviderReceipt,
    ProviderUnavailable,
    RateLimited,
    RecipientOptedOut,
)


@pytest.mark.parametrize(
    "number", ["2025550123", "+0123", "+1 202 555 0123", "", "+1234567890123456"]
)
def test_a_text_goes_only_to_an_e164_number(number: str) -> None:
    with pytest.raises(ValueError, match=r"E\.164"):
        OutgoingSms(number, "hi", "k1")


@pytest.mark.parametrize("key", ["", "a" * 65, "has space", "new\nline", "<angle>"])
def test_idempotency_keys_are_header_safe(key: str) -> None:
    """Keys end up in Message-ID and apns-collapse-id, so they must be short and plain."""
    for make in (
        lambda: OutgoingSms("+12025550123", "hi", key),
        lambda: OutgoingEmail("a@example.org", "s", "b", key),
        lambda: OutgoingPush("t", "title", "body", {}, key),
    ):
        with pytest.raises(ValueError, match="idempotency key"):
            make()


@pytest.mark.parametrize("field", ["to", "subject", "reply_to"])
def test_an_email_header_cannot_smuggle_another(field: str) -> None:
    values = {"to": "a@example.org", "subject": "Hi", "reply_to": "r@example.org"}
    values[field] += "\r\nBcc: everyone@example.org"
    with pytest.raises(ValueError, match="line break"):
        OutgoingEmail(
            to=values["to"],
            subject=values["subject"],
            body_text="b",
            reply_to=values["reply_to"],
            idempotency_key="k1",
        )


def test_a_failure_is_never_a_receipt() -> None:
    with pytest.raises(ValueError):
        ProviderReceipt("SM1", DeliveryState.FAILED)


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (InvalidRecipient("Gone."), False),
        (RecipientOptedOut("Replied STOP."), False),
        (AuthenticationFailed("Bad key."), False),
        (RateLimited("Slow down.", retry_after=3), True),
        (ProviderUnavailable("Down."), True),
        (OutcomeUnknown("No answer."), True),
        (ProviderError("Refused.", transient=False), False),
    ],
)
def test_each_error_says_whether_to_retry(error: ProviderError, transient: bool) -> None:
    assert error.transient is transient
    assert str(error) == error.reason


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("12", 12.0), ("soon", None), ("", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after_reads_seconds_or_a_date(header: str, seconds: float | None) -> None:
    headers = HTTPHeaderDict({"Retry-After": header} if header else {})
    response = Reply(503, "Service Unavailable", headers, b"")
    assert http.retry_after(response) == seconds
