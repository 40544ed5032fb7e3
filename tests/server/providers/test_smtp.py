"""The SMTP adapter against a real SMTP relay on loopback."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desk.server.providers.base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingEmail,
    ProviderError,
    ProviderUnavailable,
)
from desk.server.providers.config import SmtpSettings
from desk.server.providers.smtp import SmtpEmail
from tests.support.doubles.smtp_double import SmtpDouble
from tests.support.net import free_port
from tests.support.provider_settings import CENTRE_FROM, TIMEOUT

PARENT = "maria.lopez@example.org"
KEY = "3f2b8c1a-7d4e-4b6f-9a0c-1e2d3c4b5a69"


def email(to: str = PARENT) -> OutgoingEmail:
    return OutgoingEmail(
        to=to,
        subject="Field trip on Friday",
        body_text="Please send a packed lunch.\nThank you!",
        idempotency_key=KEY,
        reply_to="reply+thread-42@sunnydays.example",
    )


def test_send_relays_a_proper_message(smtp: SmtpDouble, smtp_settings: SmtpSettings) -> None:
    receipt = SmtpEmail(smtp_settings).send_email(email())

    [received] = smtp.received
    assert received.mail_from == "office@sunnydays.example"
    assert received.rcpt_tos == (PARENT,)
    message = received.message
    assert message["From"] == CENTRE_FROM
    assert message["To"] == PARENT
    assert message["Subject"] == "Field trip on Friday"
    assert message["Reply-To"] == "reply+thread-42@sunnydays.example"
    assert message["Message-ID"] == f"<{KEY}@sunnydays.example>"
    assert message["Date"] is not None
    assert message.get_content() == "Please send a packed lunch.\nThank you!\n"
    assert receipt.provider_ref == message["Message-ID"]
    assert receipt.state is DeliveryState.ACCEPTED  # the relay took it, no mailbox yet


def test_a_resend_carries_the_same_message_id(
    smtp: SmtpDouble, smtp_settings: SmtpSettings
) -> None:
    """Regression (exactly-once): a resend after a lost answer is recognisably the same."""
    adapter = SmtpEmail(smtp_settings)
    adapter.send_email(email())
    adapter.send_email(email())

    first, second = smtp.received
    assert first.message["Message-ID"] == second.message["Message-ID"]


def test_a_session_lost_during_the_transfer_is_an_unknown_outcome(
    smtp: SmtpDouble, smtp_settings: SmtpSettings
) -> None:
    smtp.accept_then_drop_connection()

    with pytest.raises(OutcomeUnknown) as caught:
        SmtpEmail(smtp_settings).send_email(email())

    assert caught.value.transient
    [received] = smtp.received  # the relay did take it: a resend must be recognisable
    assert received.message["Message-ID"] == f"<{KEY}@sunnydays.example>"


@pytest.mark.parametrize("code", [550, 552])
def test_a_refused_mailbox_is_an_invalid_recipient(
    smtp: SmtpDouble, smtp_settings: SmtpSettings, code: int
) -> None:
    """552 (mailbox full) must fall back to another channel, as seed 004 describes."""
    smtp.refuse(PARENT, code)

    with pytest.raises(InvalidRecipient) as caught:
        SmtpEmail(smtp_settings).send_email(email())

    assert (caught.value.transient, caught.value.code) == (False, str(code))
    assert PARENT in caught.value.reason
    assert smtp.received == []


@pytest.mark.parametrize("code", [450, 452])
def test_a_temporary_refusal_is_transient(
    smtp: SmtpDouble, smtp_settings: SmtpSettings, code: int
) -> None:
    smtp.refuse(PARENT, code)

    with pytest.raises(ProviderUnavailable) as caught:
        SmtpEmail(smtp_settings).send_email(email())

    assert (caught.value.transient, caught.value.code) == (True, str(code))


def test_refused_content_is_permanent_but_not_the_recipients_fault(
    smtp: SmtpDouble, smtp_settings: SmtpSettings
) -> None:
    smtp.refuse_data(554)

    with pytest.raises(ProviderError) as caught:
        SmtpEmail(smtp_settings).send_email(email())

    assert not isinstance(caught.value, InvalidRecipient)
    assert (caught.value.transient, caught.value.code) == (False, "554")


def test_a_temporary_failure_after_data_is_transient(
    smtp: SmtpDouble, smtp_settings: SmtpSettings
) -> None:
    smtp.refuse_data(451)

    with pytest.raises(ProviderUnavailable):
        SmtpEmail(smtp_settings).send_email(email())


def test_an_unreachable_relay_is_transient(smtp_settings: SmtpSettings) -> None:
    settings = replace(smtp_settings, port=free_port())

    with pytest.raises(ProviderUnavailable) as caught:
        SmtpEmail(settings).send_email(email())

    assert caught.value.transient


def tls_settings(
    double: SmtpDouble, *, username: str = "", password: str = "", trust: bool = True
) -> SmtpSettings:
    return SmtpSettings(
        host=double.host,
        port=double.port,
        tls="implicit" if double.tls == "implicit" else "starttls",
        from_address=CENTRE_FROM,
        username=username,
        password=password,
        ca_file=double.ca_file if trust else "",
        timeout_seconds=TIMEOUT,
    )


def test_starttls_and_login_when_configured() -> None:
    with SmtpDouble(tls="starttls", login=("desk", "s3cret")) as relay:
        settings = tls_settings(relay, username="desk", password="s3cret")
        SmtpEmail(settings).send_email(email())

        [received] = relay.received
    assert received.over_tls
    assert received.login == "desk"


def test_a_refused_login_is_an_authentication_failure() -> None:
    with SmtpDouble(tls="starttls", login=("desk", "s3cret")) as relay:
        settings = tls_settings(relay, username="desk", password="wrong")

        with pytest.raises(AuthenticationFailed) as caught:
            SmtpEmail(settings).send_email(email())

        assert relay.received == []
    assert "wrong" not in caught.value.reason
    assert caught.value.code == "535"


def test_implicit_tls() -> None:
    with SmtpDouble(tls="implicit") as relay:
        SmtpEmail(tls_settings(relay)).send_email(email())

        [received] = relay.received
    assert received.over_tls
    assert received.message["Message-ID"] == f"<{KEY}@sunnydays.example>"


def test_a_relay_without_starttls_is_refused_not_used_in_clear(
    smtp: SmtpDouble, smtp_settings: SmtpSettings
) -> None:
    """Regression: configured STARTTLS must never silently downgrade to plain text."""
    settings = replace(smtp_settings, tls="starttls")

    with pytest.raises(ProviderError) as caught:
        SmtpEmail(settings).send_email(email())

    assert not caught.value.transient
    assert smtp.received == []


def test_an_untrusted_certificate_is_a_permanent_error() -> None:
    with SmtpDouble(tls="starttls") as relay:
        settings = tls_settings(relay, trust=False)  # the system store does not know it

        with pytest.raises(ProviderError) as caught:
            SmtpEmail(settings).send_email(email())

        assert relay.received == []
    assert not caught.value.transient
    assert "certificate" in caught.value.reason
