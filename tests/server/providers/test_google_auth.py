"""The service-account token exchange, against the double's OAuth token endpoint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from desk.server.providers.base import AuthenticationFailed, OutgoingPush, ProviderUnavailable
from desk.server.providers.config import FcmSettings
from desk.server.providers.fcm import FcmPush
from desk.server.providers.google_auth import ServiceAccountKey, ServiceAccountTokenSource
from tests.support.doubles.fcm_double import FcmDouble
from tests.support.net import free_port
from tests.support.provider_settings import TIMEOUT

ServiceAccount = tuple[Path, rsa.RSAPrivateKey]


@pytest.fixture
def tokens(service_account: ServiceAccount) -> Iterator[ServiceAccountTokenSource]:
    source = ServiceAccountTokenSource(
        ServiceAccountKey.from_file(service_account[0]), timeout_seconds=TIMEOUT
    )
    yield source
    source.close()


def push(number: int) -> OutgoingPush:
    return OutgoingPush(
        token="device-token", title="Hello", body="World", data={}, idempotency_key=f"k{number}"
    )


def settings_for(fcm: FcmDouble, service_account: ServiceAccount) -> FcmSettings:
    return FcmSettings(
        project_id=fcm.project_id,
        service_account_file=str(service_account[0]),
        base_url=fcm.base_url,
        timeout_seconds=TIMEOUT,
    )


def test_the_exchanged_token_sends_and_is_reused(
    fcm: FcmDouble, service_account: ServiceAccount, tokens: ServiceAccountTokenSource
) -> None:
    adapter = FcmPush(settings_for(fcm, service_account), tokens)
    try:
        adapter.send_push(push(1))
        adapter.send_push(push(2))
    finally:
        adapter.close()

    assert len(fcm.messages) == 2
    assert fcm.token_requests == 1


def test_a_revoked_token_is_renewed_and_the_send_retried_once(
    fcm: FcmDouble, service_account: ServiceAccount, tokens: ServiceAccountTokenSource
) -> None:
    adapter = FcmPush(settings_for(fcm, service_account), tokens)
    try:
        adapter.send_push(push(1))
        fcm.revoke_tokens()
        adapter.send_push(push(2))
    finally:
        adapter.close()

    assert len(fcm.messages) == 2
    assert fcm.token_requests == 2


def test_a_token_close_to_expiry_is_renewed_before_use(
    fcm: FcmDouble, tokens: ServiceAccountTokenSource
) -> None:
    fcm.token_lifetime = 30  # shorter than the renewal margin

    first, second = tokens.access_token(), tokens.access_token()

    assert first != second
    assert fcm.token_requests == 2


def test_a_key_google_does_not_know_is_an_authentication_failure(
    fcm: FcmDouble, service_account: ServiceAccount, rsa_key: rsa.RSAPrivateKey, tmp_path: Path
) -> None:
    raw = json.loads(service_account[0].read_text())
    raw["client_email"] = "stranger@elsewhere.iam.gserviceaccount.com"
    path = tmp_path / "stranger.json"
    path.write_text(json.dumps(raw))
    source = ServiceAccountTokenSource(ServiceAccountKey.from_file(path), timeout_seconds=TIMEOUT)
    try:
        with pytest.raises(AuthenticationFailed) as caught:
            source.access_token()
    finally:
        source.close()

    assert (caught.value.transient, caught.value.code) == (False, "invalid_grant")
    assert "stranger@elsewhere" in caught.value.reason


def test_an_unreachable_token_endpoint_is_transient(service_account: ServiceAccount) -> None:
    source = ServiceAccountTokenSource(
        ServiceAccountKey.from_file(service_account[0]),
        token_uri=f"http://127.0.0.1:{free_port()}/token",
        timeout_seconds=TIMEOUT,
    )
    try:
        with pytest.raises(ProviderUnavailable):
            source.access_token()
    finally:
        source.close()


def test_the_key_file_is_read_and_its_secret_never_shown(service_account: ServiceAccount) -> None:
    key = ServiceAccountKey.from_file(service_account[0])

    assert key.client_email == "desk-push@front-desk-test.iam.gserviceaccount.com"
    assert key.private_key.startswith("-----BEGIN PRIVATE KEY-----")
    assert "PRIVATE KEY" not in repr(key)


@pytest.mark.parametrize(
    "content",
    [
        {"type": "authorized_user", "client_email": "x"},
        {"type": "service_account", "client_email": "x"},
    ],
)
def test_a_file_that_is_not_a_service_account_key_is_refused(
    tmp_path: Path, content: dict[str, str]
) -> None:
    path = tmp_path / "key.json"
    path.write_text(json.dumps(content))

    with pytest.raises(ValueError, match=r"key\.json"):
        ServiceAccountKey.from_file(path)
