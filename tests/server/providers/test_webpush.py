"""The web push adapter against the push-service double: what each answer means.

The double checks every request as a push service does (VAPID token signed by the
key it names, for its own origin; an aes128gcm body it can decrypt), so a success
here means a real push service would have taken the notification.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from desk.core.ids import new_id
from desk.server.providers.base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    ProviderError,
    ProviderUnavailable,
    RateLimited,
)
from desk.server.providers.webpush import (
    KNOWN_SERVICES,
    BadSubscription,
    OutgoingWebPush,
    VapidKeys,
    WebPushService,
    WebSubscription,
    new_vapid_keys,
    parse_subscription,
)
from tests.support.doubles.web_push_double import PushService, push_service


@pytest.fixture(scope="module")
def push() -> Iterator[PushService]:
    """The push-service double."""
    with push_service() as service:
        yield service


@pytest.fixture
def sender() -> Iterator[WebPushService]:
    """The adapter, as the delivery worker holds it."""
    service = WebPushService(timeout_seconds=5)
    yield service
    service.close()


def _message(
    subscription: dict[str, Any], origin: str, keys: VapidKeys | None = None
) -> OutgoingWebPush:
    return OutgoingWebPush(
        subscription=parse_subscription(json.dumps(subscription), (origin,)),
        keys=keys or new_vapid_keys(),
        title="Early closing",
        body="The centre closes at 3 pm today. ¡Gracias!",
        url="/family/c/t-42#latest",
        idempotency_key=new_id(),
        subject="mailto:office@example.org",
    )


def test_a_notification_arrives_decrypted_and_signed(
    push: PushService, sender: WebPushService
) -> None:
    """The push service verifies the VAPID token and decrypts exactly what was sent."""
    subscription = push.subscribe()
    keys = new_vapid_keys()
    message = _message(subscription, push.origin, keys)
    receipt = sender.send_web_push(message)
    assert receipt.state is DeliveryState.ACCEPTED
    assert receipt.provider_ref.startswith(f"{push.origin}/message/")
    (received,) = push.to(subscription)
    assert received.payload == {
        "title": "Early closing",
        "body": "The centre closes at 3 pm today. ¡Gracias!",
        "url": "/family/c/t-42#latest",
    }
    assert received.vapid_key == keys.public_key
    assert received.claims["sub"] == "mailto:office@example.org"
    assert received.headers["topic"] == message.idempotency_key.replace("-", "")[:32]
    assert int(received.headers["ttl"]) > 0


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (404, InvalidRecipient),
        (410, InvalidRecipient),
        (401, AuthenticationFailed),
        (403, AuthenticationFailed),
        (429, RateLimited),
        (503, ProviderUnavailable),
        (413, ProviderError),
    ],
)
def test_each_refusal_means_what_the_protocol_says(
    push: PushService, sender: WebPushService, status: int, error: type[ProviderError]
) -> None:
    """Gone subscriptions are pruned, throttling waits, a too-large body is final."""
    subscription = push.subscribe()
    push.answer(subscription, status)
    with pytest.raises(error) as raised:
        sender.send_web_push(_message(subscription, push.origin))
    assert raised.type is error
    assert raised.value.transient is (status in (429, 503))
    if status in (429, 503):
        assert raised.value.retry_after == 7


def test_a_push_service_that_vanishes_is_unavailable(sender: WebPushService) -> None:
    """Nothing listening: nothing was sent, so trying again later is safe."""
    with push_service() as gone:
        subscription = gone.subscribe()
        origin = gone.origin
    with pytest.raises(ProviderUnavailable) as raised:
        sender.send_web_push(_message(subscription, origin))
    assert not isinstance(raised.value, OutcomeUnknown)


def test_the_private_key_never_shows_in_a_repr() -> None:
    """Keys and subscriptions can be logged without their secrets."""
    keys = new_vapid_keys()
    assert keys.private_key not in repr(keys)
    subscription = WebSubscription("https://fcm.googleapis.com/x", "p", "secret-auth")
    assert "secret-auth" not in repr(subscription)


@pytest.mark.parametrize(
    ("endpoint", "allowed"),
    [
        ("https://fcm.googleapis.com/fcm/send/abc", True),
        ("https://wns2-by3p.notify.windows.com/w/?token=x", True),
        ("https://web.push.apple.com/QGx", True),
        ("http://fcm.googleapis.com/fcm/send/abc", False),  # not https
        ("https://fcm.googleapis.com.evil.example/x", False),
        ("https://user:pw@fcm.googleapis.com/x", False),
        ("https://notify.windows.com.evil.example/x", False),
        ("https://127.0.0.1/admin", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_known_push_services_are_taken(endpoint: str, allowed: bool) -> None:
    """A subscription is where the server will post: no host of a visitor's choosing."""
    good = new_vapid_keys()  # any P-256 point will do as the browser's key
    raw = json.dumps(
        {
            "endpoint": endpoint,
            "keys": {"p256dh": good.public_key, "auth": "AAAAAAAAAAAAAAAAAAAAAA"},
        }
    )
    if allowed:
        assert parse_subscription(raw, KNOWN_SERVICES).endpoint == endpoint
    else:
        with pytest.raises(BadSubscription):
            parse_subscription(raw, KNOWN_SERVICES)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not json",
        "[]",
        '{"endpoint": "https://fcm.googleapis.com/x"}',
        '{"endpoint": "https://fcm.googleapis.com/x", "keys": {"p256dh": "AAAA", "auth": "AA"}}',
        '{"endpoint": 7, "keys": {"p256dh": "x", "auth": "y"}}',
        '{"endpoint": "https://fcm.googleapis.com/x", "keys": {"p256dh": "!!", "auth": "!!"}}',
    ],
)
def test_a_malformed_subscription_is_refused(raw: str) -> None:
    """Bad input gets a clear refusal, never an exception of another kind."""
    with pytest.raises(BadSubscription):
        parse_subscription(raw, KNOWN_SERVICES)
