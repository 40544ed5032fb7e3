"""Twilio's webhooks as they arrive: signature validation, status callbacks, inbound texts.

The Twilio double POSTs over loopback to a sink standing in for our endpoints, and the
recorded requests are checked with the functions the endpoints use.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desk.server.providers.base import DeliveryState, OutgoingSms
from desk.server.providers.twilio import (
    InboundSms,
    MalformedWebhook,
    StatusUpdate,
    TwilioSms,
    parse_inbound,
    parse_status_callback,
    twilio_signature,
    validate_twilio_signature,
)
from tests.support.doubles.twilio_double import TwilioDouble, send_inbound, send_status_callback
from tests.support.doubles.webhook_sink import ReceivedWebhook, WebhookSink

PARENT = "+12025550123"
KEY = "0b6c1d9e-2f4a-4c8b-9e3d-5a7f1c2b3d4e"
TEXT = "Reminder: picture day is tomorrow."
STATUS_PATH = f"/api/v1/webhooks/twilio/status?key={KEY}"
INBOUND_PATH = "/api/v1/webhooks/twilio/inbound"


def valid(webhook: ReceivedWebhook, auth_token: str) -> bool:
    signature = webhook.headers["x-twilio-signature"]
    return validate_twilio_signature(auth_token, webhook.url, webhook.form, signature)


def test_signature_matches_twilios_published_example() -> None:
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"

    assert twilio_signature("12345", url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    assert validate_twilio_signature("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")


def test_a_status_callback_from_twilio_validates_and_parses(
    twilio: TwilioDouble, twilio_sms: TwilioSms, webhook_sink: WebhookSink
) -> None:
    message = OutgoingSms(PARENT, TEXT, KEY, status_callback=webhook_sink.url(STATUS_PATH))
    sid = twilio_sms.send_sms(message).provider_ref

    answer = twilio.report_status(sid, "delivered")

    assert answer.status_code == 200
    [webhook] = webhook_sink.received
    assert webhook.url.endswith(STATUS_PATH)
    assert valid(webhook, twilio.auth_token)
    assert parse_status_callback(webhook.form) == StatusUpdate(sid, DeliveryState.DELIVERED, None)


def test_a_failed_delivery_carries_twilios_error_code(
    twilio: TwilioDouble, twilio_sms: TwilioSms, webhook_sink: WebhookSink
) -> None:
    message = OutgoingSms(PARENT, TEXT, KEY, status_callback=webhook_sink.url(STATUS_PATH))
    sid = twilio_sms.send_sms(message).provider_ref

    twilio.report_status(sid, "undelivered", error_code=30007)

    [webhook] = webhook_sink.received
    assert valid(webhook, twilio.auth_token)
    assert parse_status_callback(webhook.form) == StatusUpdate(sid, DeliveryState.FAILED, "30007")


def test_a_badly_signed_callback_fails_validation(webhook_sink: WebhookSink) -> None:
    token = "f" * 32
    send_status_callback(
        webhook_sink.url(STATUS_PATH), "SM" + "1" * 32, "delivered", token, bad_signature=True
    )

    [webhook] = webhook_sink.received
    assert not valid(webhook, token)


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda w: (w.url, {**w.form, "MessageStatus": "failed"}), id="param"),
        pytest.param(lambda w: (w.url, {**w.form, "Extra": "1"}), id="added-param"),
        pytest.param(lambda w: (w.url.replace("key=", "key=x"), w.form), id="url"),
    ],
)
def test_any_change_to_a_signed_callback_fails_validation(
    webhook_sink: WebhookSink, tamper: Callable[[ReceivedWebhook], tuple[str, dict[str, str]]]
) -> None:
    token = "f" * 32
    send_status_callback(webhook_sink.url(STATUS_PATH), "SM" + "1" * 32, "delivered", token)
    [webhook] = webhook_sink.received
    assert valid(webhook, token)

    url, form = tamper(webhook)

    signature = webhook.headers["x-twilio-signature"]
    assert not validate_twilio_signature(token, url, form, signature)


def test_the_wrong_auth_token_fails_validation(webhook_sink: WebhookSink) -> None:
    send_status_callback(webhook_sink.url(STATUS_PATH), "SM" + "1" * 32, "sent", "a" * 32)

    [webhook] = webhook_sink.received
    assert not valid(webhook, "b" * 32)


def test_a_signature_that_is_not_ascii_is_refused_not_a_crash() -> None:
    assert not validate_twilio_signature("token", "https://x.example/", {}, "sïgnature")


@pytest.mark.parametrize(
    ("twilio_status", "state"),
    [
        ("accepted", DeliveryState.ACCEPTED),
        ("scheduled", DeliveryState.ACCEPTED),
        ("queued", DeliveryState.ACCEPTED),
        ("sending", DeliveryState.ACCEPTED),
        ("sent", DeliveryState.SENT),
        ("delivered", DeliveryState.DELIVERED),
        ("read", DeliveryState.DELIVERED),
        ("undelivered", DeliveryState.FAILED),
        ("failed", DeliveryState.FAILED),
        ("canceled", DeliveryState.FAILED),
    ],
)
def test_status_callback_states(twilio_status: str, state: DeliveryState) -> None:
    form = {"MessageSid": "SM1", "MessageStatus": twilio_status}
    assert parse_status_callback(form).state is state


def test_sent_is_never_delivered() -> None:
    """Regression: a carrier's "sent" shown as delivered is the complaint users make most."""
    assert parse_status_callback({"MessageSid": "SM1", "MessageStatus": "sent"}).state is not (
        DeliveryState.DELIVERED
    )


@pytest.mark.parametrize(
    "form",
    [
        {"MessageStatus": "delivered"},
        {"MessageSid": "SM1"},
        {"MessageSid": "SM1", "MessageStatus": "received"},
        {"MessageSid": "SM1", "MessageStatus": "teleported"},
    ],
)
def test_a_callback_without_a_sid_or_a_known_status_is_malformed(form: dict[str, str]) -> None:
    with pytest.raises(MalformedWebhook):
        parse_status_callback(form)


def test_an_inbound_text_validates_and_parses(webhook_sink: WebhookSink) -> None:
    token = "c" * 32
    answer = send_inbound(webhook_sink.url(INBOUND_PATH), PARENT, "+12025550100", "STOP", token)

    assert answer.status_code == 200
    [webhook] = webhook_sink.received
    assert valid(webhook, token)
    assert parse_inbound(webhook.form) == InboundSms(
        from_=PARENT, to="+12025550100", body="STOP", sid=webhook.form["MessageSid"]
    )


def test_a_badly_signed_inbound_text_fails_validation(webhook_sink: WebhookSink) -> None:
    token = "c" * 32
    send_inbound(
        webhook_sink.url(INBOUND_PATH), PARENT, "+12025550100", "hi", token, bad_signature=True
    )

    [webhook] = webhook_sink.received
    assert not valid(webhook, token)


def test_an_inbound_webhook_without_a_sender_is_malformed() -> None:
    with pytest.raises(MalformedWebhook, match="From"):
        parse_inbound({"To": "+12025550100", "Body": "hi", "MessageSid": "SM1"})
