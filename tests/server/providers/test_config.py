"""Provider settings: read from a `[providers]` table, built, and never showing secrets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from desk.server.providers.base import OutgoingEmail, OutgoingPush, OutgoingSms
from desk.server.providers.config import (
    FcmSettings,
    LogSettings,
    ProviderSettings,
    SmtpSettings,
    TwilioSettings,
    build_providers,
)
from desk.server.providers.fcm import FcmPush
from desk.server.providers.log import LogProvider
from desk.server.providers.smtp import SmtpEmail
from desk.server.providers.twilio import TwilioSms
from tests.support.doubles.fcm_double import FcmDouble
from tests.support.doubles.smtp_double import SmtpDouble
from tests.support.doubles.twilio_double import TwilioDouble


def table(**channels: dict[str, Any]) -> dict[str, Any]:
    """A `[providers]` table: every channel logging unless given."""
    log = {"kind": "log", "path": "outbox.jsonl"}
    return {"sms": log, "email": log, "push": log, **channels}


def test_configured_providers_deliver_to_each_double(
    twilio: TwilioDouble,
    smtp: SmtpDouble,
    fcm: FcmDouble,
    service_account: tuple[Path, rsa.RSAPrivateKey],
) -> None:
    settings = ProviderSettings.from_mapping(
        {
            "sms": {
                "kind": "twilio",
                "account_sid": twilio.account_sid,
                "auth_token": twilio.auth_token,
                "from_number": twilio.numbers[0],
                "base_url": twilio.base_url,
            },
            "email": {
                "kind": "smtp",
                "host": smtp.host,
                "port": smtp.port,
                "tls": "none",
                "from_address": "office@sunnydays.example",
            },
            "push": {
                "kind": "fcm",
                "project_id": fcm.project_id,
                "service_account_file": str(service_account[0]),
                "base_url": fcm.base_url,
                "timeout_seconds": 2,
            },
        }
    )

    with build_providers(settings) as providers:
        assert isinstance(providers.sms, TwilioSms)
        assert isinstance(providers.email, SmtpEmail)
        assert isinstance(providers.push, FcmPush)
        providers.sms.send_sms(OutgoingSms("+12025550123", "Hi", "k1"))
        providers.email.send_email(OutgoingEmail("a@example.org", "Hi", "Hi", "k2"))
        providers.push.send_push(OutgoingPush("device", "Hi", "Hi", {}, "k3"))

    assert (len(twilio.messages), len(smtp.received), len(fcm.messages)) == (1, 1, 1)
    assert fcm.token_requests == 1


def test_log_only_shares_one_file_and_one_provider(tmp_path: Path) -> None:
    with build_providers(ProviderSettings.log_only(tmp_path / "outbox.jsonl")) as providers:
        assert isinstance(providers.sms, LogProvider)
        assert len({id(providers.sms), id(providers.email), id(providers.push)}) == 1
        assert providers.sms.path == tmp_path / "outbox.jsonl"


def test_secrets_stay_out_of_every_repr() -> None:
    settings = ProviderSettings(
        sms=TwilioSettings("AC1", auth_token="twilio-secret", from_number="+12025550100"),
        email=SmtpSettings(
            "smtp.example", "office@sunnydays.example", username="desk", password="smtp-secret"
        ),
        push=FcmSettings("p", access_token="fcm-secret"),
    )

    shown = repr(settings)
    for secret in ("twilio-secret", "smtp-secret", "fcm-secret"):
        assert secret not in shown
    assert "AC1" in shown


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [
        ({"sms": {"kind": "log", "path": "x"}}, "providers.email is not configured"),
        (table(sms={"kind": "carrier-pigeon"}), "providers.sms.kind must be one of"),
        (table(email={"kind": "fcm", "project_id": "p"}), "providers.email.kind must be one"),
        (table(fax={"kind": "log"}), "unknown provider channels: ['fax']"),
        (table(sms={"kind": "log", "path": "x", "colour": "red"}), "unknown keys"),
        (table(sms={"kind": "twilio", "account_sid": "AC1"}), "lacks auth_token"),
        (
            table(email={"kind": "smtp", "host": "h", "from_address": "a@b", "port": "25"}),
            "providers.email.port = '25' is not a",
        ),
        (
            table(email={"kind": "smtp", "host": "h", "from_address": "a@b", "tls": "ssl"}),
            "providers.email.tls = 'ssl'",
        ),
    ],
)
def test_bad_tables_are_refused_with_the_reason(raw: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        ProviderSettings.from_mapping(raw)


def test_a_table_of_logs_reads() -> None:
    settings = ProviderSettings.from_mapping(table())
    assert settings.sms == settings.email == settings.push == LogSettings("outbox.jsonl")


@pytest.mark.parametrize(
    "make",
    [
        lambda: TwilioSettings("AC1", "t"),
        lambda: TwilioSettings("AC1", "t", from_number="+1202555", messaging_service_sid="MG1"),
        lambda: FcmSettings("p"),
        lambda: FcmSettings("p", service_account_file="k.json", access_token="t"),
        lambda: SmtpSettings("h", "no-domain"),
        lambda: SmtpSettings("h", "a@b", password="p"),
        lambda: SmtpSettings("h", "a@b", tls="none", username="u", password="p"),
    ],
    ids=[
        "twilio-no-sender",
        "twilio-two-senders",
        "fcm-no-credentials",
        "fcm-two-credentials",
        "smtp-from-without-domain",
        "smtp-password-without-user",
        "smtp-login-in-clear",
    ],
)
def test_inconsistent_settings_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()
