"""Provider doubles on loopback, and our adapters pointed at them.

Fixtures:
    twilio: a running `TwilioDouble`.
    twilio_settings: `TwilioSettings` for it, sending from its number.
    twilio_sms: a `TwilioSms` adapter on those settings.
    fcm: a running `FcmDouble`.
    fcm_push: an `FcmPush` adapter on it with its static access token.
    smtp: a running plain-text `SmtpDouble`.
    smtp_settings: `SmtpSettings` for it.
    webhook_sink: a running `WebhookSink`, standing in for our webhook endpoints.
    service_account: (key file path, private key) of a fresh service account that
        `fcm` trusts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from desk.server.providers.config import FcmSettings, SmtpSettings, TwilioSettings
from desk.server.providers.fcm import FcmPush
from desk.server.providers.google_auth import StaticTokenSource
from desk.server.providers.twilio import TwilioSms
from tests.support.doubles.fcm_double import FcmDouble
from tests.support.doubles.smtp_double import SmtpDouble
from tests.support.doubles.twilio_double import TwilioDouble
from tests.support.doubles.webhook_sink import WebhookSink
from tests.support.provider_settings import CENTRE_FROM, TIMEOUT


@pytest.fixture
def twilio() -> Iterator[TwilioDouble]:
    with TwilioDouble() as double:
        yield double


@pytest.fixture
def twilio_settings(twilio: TwilioDouble) -> TwilioSettings:
    return TwilioSettings(
        account_sid=twilio.account_sid,
        auth_token=twilio.auth_token,
        from_number=twilio.numbers[0],
        base_url=twilio.base_url,
        timeout_seconds=TIMEOUT,
    )


@pytest.fixture
def twilio_sms(twilio_settings: TwilioSettings) -> Iterator[TwilioSms]:
    adapter = TwilioSms(twilio_settings)
    yield adapter
    adapter.close()


@pytest.fixture
def fcm() -> Iterator[FcmDouble]:
    with FcmDouble() as double:
        yield double


@pytest.fixture
def fcm_push(fcm: FcmDouble) -> Iterator[FcmPush]:
    settings = FcmSettings(
        project_id=fcm.project_id,
        access_token=fcm.access_token,
        base_url=fcm.base_url,
        timeout_seconds=TIMEOUT,
    )
    adapter = FcmPush(settings, StaticTokenSource(fcm.access_token))
    yield adapter
    adapter.close()


@pytest.fixture
def smtp() -> Iterator[SmtpDouble]:
    with SmtpDouble() as double:
        yield double


@pytest.fixture
def smtp_settings(smtp: SmtpDouble) -> SmtpSettings:
    return SmtpSettings(
        host=smtp.host,
        port=smtp.port,
        tls="none",
        from_address=CENTRE_FROM,
        timeout_seconds=TIMEOUT,
    )


@pytest.fixture
def webhook_sink() -> Iterator[WebhookSink]:
    with WebhookSink() as sink:
        yield sink


@pytest.fixture(scope="session")
def rsa_key() -> rsa.RSAPrivateKey:
    """One RSA key for the session: generating one costs tens of milliseconds."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def service_account(
    fcm: FcmDouble, rsa_key: rsa.RSAPrivateKey, tmp_path: Path
) -> tuple[Path, rsa.RSAPrivateKey]:
    email = "desk-push@front-desk-test.iam.gserviceaccount.com"
    pem = rsa_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    key = {
        "type": "service_account",
        "project_id": fcm.project_id,
        "private_key_id": "0123456789abcdef",
        "private_key": pem,
        "client_email": email,
        "client_id": "1234567890",
        "token_uri": fcm.token_uri,
    }
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(key), encoding="utf-8")
    fcm.trust_service_account(email, rsa_key.public_key())
    return path, rsa_key
