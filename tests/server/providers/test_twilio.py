"""The Twilio adapter against the Twilio double: sending, refusals, reconciliation."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from desk.server.providers.base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingSms,
    ProviderError,
    ProviderUnavailable,
    RateLimited,
    RecipientOptedOut,
)
from desk.server.providers.config import TwilioSettings
from desk.server.providers.twilio import TwilioSms
from tests.support.doubles.twilio_double import TwilioDouble
from tests.support.net import free_port

PARENT = "+12025550123"
KEY = "6f1d3c2e-9b7a-4e0f-8d52-3a41c7e0b9d4"
TEXT = "For Dennis: the centre closes at 3 pm today because of the storm."


def sms(to: str = PARENT, body: str = TEXT, key: str = KEY) -> OutgoingSms:
    return OutgoingSms(
        to=to,
        body=body,
        idempotency_key=key,
        status_callback=f"https://desk.example/api/v1/webhooks/twilio/status?key={key}",
    )


def test_send_creates_one_message_with_the_fields_twilio_expects(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    receipt = twilio_sms.send_sms(sms())

    [message] = twilio.messages
    assert receipt.provider_ref == message.sid
    assert message.sid.startswith("SM")
    assert len(message.sid) == 34
    assert receipt.state is DeliveryState.ACCEPTED  # "queued" is not "sent"
    assert (message.to, message.from_, message.body) == (PARENT, twilio.numbers[0], TEXT)
    assert message.status_callback == sms().status_callback


def test_a_messaging_service_sends_instead_of_a_number(
    twilio: TwilioDouble, twilio_settings: TwilioSettings
) -> None:
    settings = replace(
        twilio_settings, from_number="", messaging_service_sid=twilio.messaging_service_sid
    )
    adapter = TwilioSms(settings)
    try:
        receipt = adapter.send_sms(sms())
    finally:
        adapter.close()

    [message] = twilio.messages
    assert (message.from_, message.messaging_service_sid) == (None, settings.messaging_service_sid)
    assert receipt.state is DeliveryState.ACCEPTED


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        (21211, InvalidRecipient),
        (21612, InvalidRecipient),
        (21614, InvalidRecipient),
        (21610, RecipientOptedOut),
    ],
)
def test_an_unreachable_recipient_is_permanent_and_falls_back(
    twilio: TwilioDouble, twilio_sms: TwilioSms, code: int, error_type: type[InvalidRecipient]
) -> None:
    twilio.fail_for(PARENT, code)

    with pytest.raises(error_type) as caught:
        twilio_sms.send_sms(sms())

    assert isinstance(caught.value, InvalidRecipient)
    assert not caught.value.transient
    assert caught.value.code == str(code)
    assert caught.value.reason.startswith("Twilio refused the request: ")
    assert caught.value.reason.endswith(f"(error {code}).")
    assert twilio.messages == []


def test_opted_out_at_the_carrier_is_told_apart_from_a_bad_number(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    """Regression: 21610 must say "opted out", so the opt-out is recorded (F10)."""
    twilio.fail_for(PARENT, 21211)
    with pytest.raises(InvalidRecipient) as caught:
        twilio_sms.send_sms(sms())
    assert not isinstance(caught.value, RecipientOptedOut)


def test_a_message_twilio_refuses_is_permanent_but_not_the_recipients_fault(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    with pytest.raises(ProviderError) as caught:
        twilio_sms.send_sms(sms(body="x" * 1601))

    assert not isinstance(caught.value, InvalidRecipient)
    assert (caught.value.transient, caught.value.code) == (False, "21617")


def test_wrong_credentials_fail_authentication(
    twilio: TwilioDouble, twilio_settings: TwilioSettings
) -> None:
    adapter = TwilioSms(replace(twilio_settings, auth_token="not-the-token"))
    try:
        with pytest.raises(AuthenticationFailed) as caught:
            adapter.send_sms(sms())
    finally:
        adapter.close()

    assert (caught.value.transient, caught.value.code) == (False, "20003")
    assert twilio.auth_token not in caught.value.reason
    assert twilio.messages == []


def test_too_many_requests_is_transient_with_the_wait_twilio_asks_for(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    twilio.fail_next(1, 429, retry_after="7")

    with pytest.raises(RateLimited) as caught:
        twilio_sms.send_sms(sms())
    assert (caught.value.transient, caught.value.code, caught.value.retry_after) == (
        True,
        "20429",
        7.0,
    )

    twilio_sms.send_sms(sms())
    assert len(twilio.messages) == 1


def test_service_unavailable_is_transient_and_sent_nothing(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    twilio.fail_next(2, 503)

    for _ in range(2):
        with pytest.raises(ProviderUnavailable) as caught:
            twilio_sms.send_sms(sms())
        assert caught.value.transient
    twilio_sms.send_sms(sms())

    assert len(twilio.messages) == 1


def test_an_internal_error_to_a_send_is_an_unknown_outcome(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    """A 500 does not promise the message was not kept, so it must be reconciled."""
    twilio.fail_next(1, 500)

    with pytest.raises(OutcomeUnknown) as caught:
        twilio_sms.send_sms(sms())

    assert caught.value.transient
    assert caught.value.code == "20500"


def test_an_unreachable_api_is_transient(twilio_settings: TwilioSettings) -> None:
    adapter = TwilioSms(replace(twilio_settings, base_url=f"http://127.0.0.1:{free_port()}"))
    try:
        with pytest.raises(ProviderUnavailable) as caught:
            adapter.send_sms(sms())
    finally:
        adapter.close()
    assert caught.value.transient


def test_after_a_dropped_answer_the_message_is_found_instead_of_sent_twice(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    """Regression (exactly-once SMS): Twilio kept the message but its answer was lost."""
    sent_after = datetime.now(UTC)
    twilio.accept_then_drop_connection()

    with pytest.raises(OutcomeUnknown) as caught:
        twilio_sms.send_sms(sms())
    assert caught.value.transient

    # What the delivery job does next: ask before sending again.
    sid = twilio_sms.find_sms(sms(), sent_after)
    assert sid is not None
    assert twilio_sms.lookup_sms(sid) is DeliveryState.ACCEPTED
    [message] = twilio.messages
    assert message.sid == sid


def test_when_nothing_was_kept_reconciliation_finds_nothing_and_one_resend_goes_out(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    sent_after = datetime.now(UTC)
    twilio.fail_next(1, 500)
    with pytest.raises(OutcomeUnknown):
        twilio_sms.send_sms(sms())

    assert twilio_sms.find_sms(sms(), sent_after) is None
    receipt = twilio_sms.send_sms(sms())

    assert [message.sid for message in twilio.messages] == [receipt.provider_ref]


def test_find_matches_the_body_not_just_the_recipient(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    sent_after = datetime.now(UTC)
    twilio_sms.send_sms(sms(body="Pickup is at 5 today.", key="other-message"))

    assert twilio_sms.find_sms(sms(), sent_after) is None


def test_find_skips_an_identical_text_that_belongs_to_another_delivery(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    """Regression (issue 12 item 10): a look-alike is not this delivery's message."""
    sent_after = datetime.now(UTC)
    other = twilio_sms.send_sms(sms(key="the-first-delivery"))

    assert twilio_sms.find_sms(sms(), sent_after, exclude={other.provider_ref}) is None
    mine = twilio_sms.send_sms(sms())
    assert twilio_sms.find_sms(sms(), sent_after, exclude={other.provider_ref}) == (
        mine.provider_ref
    )


def test_find_ignores_messages_from_before_the_attempt(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    twilio_sms.send_sms(sms())
    a_day_later = datetime.now(UTC) + timedelta(days=1)  # well past the clock-skew margin

    assert twilio_sms.find_sms(sms(), a_day_later) is None


@pytest.mark.parametrize(
    ("twilio_status", "state"),
    [
        ("sending", DeliveryState.ACCEPTED),
        ("sent", DeliveryState.SENT),
        ("delivered", DeliveryState.DELIVERED),
        ("undelivered", DeliveryState.FAILED),
        ("failed", DeliveryState.FAILED),
    ],
)
def test_lookup_reports_what_twilio_says_now(
    twilio: TwilioDouble, twilio_sms: TwilioSms, twilio_status: str, state: DeliveryState
) -> None:
    sid = twilio_sms.send_sms(sms()).provider_ref
    twilio.set_status(sid, twilio_status)

    assert twilio_sms.lookup_sms(sid) is state


def test_lookup_of_an_unknown_sid_is_a_permanent_error(twilio_sms: TwilioSms) -> None:
    with pytest.raises(ProviderError) as caught:
        twilio_sms.lookup_sms("SM" + "0" * 32)
    assert (caught.value.transient, caught.value.code) == (False, "20404")


def test_a_failing_lookup_is_merely_unavailable(
    twilio: TwilioDouble, twilio_sms: TwilioSms
) -> None:
    """A read can be repeated freely, so even a 500 to it is plain `ProviderUnavailable`."""
    sid = twilio_sms.send_sms(sms()).provider_ref
    twilio.fail_next(1, 500)

    with pytest.raises(ProviderUnavailable):
        twilio_sms.lookup_sms(sid)
