"""The FCM adapter against the FCM double: sending, pruning, throttling, auth."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from desk.server.providers.base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingPush,
    ProviderError,
    ProviderUnavailable,
    RateLimited,
)
from desk.server.providers.config import FcmSettings
from desk.server.providers.fcm import FcmPush
from desk.server.providers.google_auth import StaticTokenSource
from tests.support.doubles.fcm_double import FcmDouble
from tests.support.provider_settings import TIMEOUT

DEVICE = "fGx1:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx"
KEY = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"


def push(token: str = DEVICE, data: dict[str, str] | None = None) -> OutgoingPush:
    return OutgoingPush(
        token=token,
        title="Early closing",
        body="The centre closes at 3 pm today.",
        data={"thread_id": "t-42"} if data is None else data,
        idempotency_key=KEY,
    )


def adapter_for(fcm: FcmDouble, token: str, project_id: str | None = None) -> FcmPush:
    settings = FcmSettings(
        project_id=project_id or fcm.project_id,
        access_token=token,
        base_url=fcm.base_url,
        timeout_seconds=TIMEOUT,
    )
    return FcmPush(settings, StaticTokenSource(token))


def test_send_posts_a_v1_message(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    receipt = fcm_push.send_push(push())

    [sent] = fcm.messages
    assert receipt.provider_ref == sent.name
    assert sent.name.startswith(f"projects/{fcm.project_id}/messages/0:")
    assert receipt.state is DeliveryState.ACCEPTED
    assert sent.message["token"] == DEVICE
    assert sent.message["notification"] == {
        "title": "Early closing",
        "body": "The centre closes at 3 pm today.",
    }
    assert sent.message["data"] == {"thread_id": "t-42"}


def test_a_resent_notification_replaces_the_first_on_the_device(
    fcm: FcmDouble, fcm_push: FcmPush
) -> None:
    """Regression (exactly-once): both platforms collapse notifications by the key."""
    fcm_push.send_push(push())
    fcm_push.send_push(push())

    first, second = (sent.message for sent in fcm.messages)
    assert first["android"]["notification"]["tag"] == KEY
    assert first["apns"]["headers"]["apns-collapse-id"] == KEY
    assert (first["android"], first["apns"]) == (second["android"], second["apns"])


def test_a_push_without_data_sends_no_data_field(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    fcm_push.send_push(push(data={}))

    assert "data" not in fcm.messages[0].message


def test_an_unregistered_token_is_an_invalid_recipient(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    """The app was uninstalled: the caller prunes the token (seed 003's device count)."""
    fcm.unregister(DEVICE)

    with pytest.raises(InvalidRecipient) as caught:
        fcm_push.send_push(push())

    assert (caught.value.transient, caught.value.code) == (False, "UNREGISTERED")
    assert fcm.messages == []


def test_a_malformed_token_is_an_invalid_recipient(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    fcm.mark_malformed(DEVICE)

    with pytest.raises(InvalidRecipient) as caught:
        fcm_push.send_push(push())

    assert caught.value.code == "INVALID_ARGUMENT"


def test_an_invalid_payload_does_not_blame_the_token(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    """Regression: INVALID_ARGUMENT about our payload must not prune a good device."""
    with pytest.raises(ProviderError) as caught:
        fcm_push.send_push(push(data={"from": "office"}))  # a key FCM reserves

    assert not isinstance(caught.value, InvalidRecipient)
    assert (caught.value.transient, caught.value.code) == (False, "INVALID_ARGUMENT")


@pytest.mark.parametrize(
    ("status", "error_type", "code"),
    [
        (429, RateLimited, "QUOTA_EXCEEDED"),
        (503, ProviderUnavailable, "UNAVAILABLE"),
        (500, ProviderUnavailable, "INTERNAL"),
    ],
)
def test_throttling_and_outages_are_transient_with_retry_after(
    fcm: FcmDouble,
    fcm_push: FcmPush,
    status: int,
    error_type: type[ProviderError],
    code: str,
) -> None:
    fcm.fail_next(1, status, retry_after="30")

    with pytest.raises(error_type) as caught:
        fcm_push.send_push(push())
    assert (caught.value.transient, caught.value.code, caught.value.retry_after) == (
        True,
        code,
        30.0,
    )

    fcm_push.send_push(push())
    assert len(fcm.messages) == 1


def test_retry_after_may_be_an_http_date(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    when = datetime.now(UTC) + timedelta(seconds=120)
    fcm.fail_next(1, 503, retry_after=format_datetime(when, usegmt=True))

    with pytest.raises(ProviderUnavailable) as caught:
        fcm_push.send_push(push())

    assert caught.value.retry_after is not None
    assert 100 < caught.value.retry_after <= 120


def test_a_refused_token_is_an_authentication_failure(fcm: FcmDouble) -> None:
    adapter = adapter_for(fcm, "ya29.not-a-token")
    try:
        with pytest.raises(AuthenticationFailed) as caught:
            adapter.send_push(push())
    finally:
        adapter.close()

    assert (caught.value.transient, caught.value.code) == (False, "UNAUTHENTICATED")
    assert fcm.messages == []


def test_another_project_is_refused(fcm: FcmDouble) -> None:
    adapter = adapter_for(fcm, fcm.access_token, project_id="someone-elses-project")
    try:
        with pytest.raises(AuthenticationFailed) as caught:
            adapter.send_push(push())
    finally:
        adapter.close()

    assert caught.value.code == "PERMISSION_DENIED"


def test_a_dropped_answer_is_an_unknown_outcome(fcm: FcmDouble, fcm_push: FcmPush) -> None:
    fcm.accept_then_drop_connection()

    with pytest.raises(OutcomeUnknown) as caught:
        fcm_push.send_push(push())

    assert caught.value.transient
    assert len(fcm.messages) == 1
