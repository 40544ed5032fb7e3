"""Web push (RFC 8030) to a browser's push service, with VAPID (RFC 8292).

A guardian's browser subscribes through the family app and hands over an endpoint
URL at its vendor's push service plus two keys. A notification is one POST to that
endpoint: the payload encrypted for the browser alone (RFC 8291, `aes128gcm` from
RFC 8188, done by `pywebpush` and `http_ece`) and an `Authorization: vapid` header
whose JWT is signed with the centre's VAPID key (`py_vapid`), so the push service
knows which application server is sending.

`pywebpush` ships in the `server` extra only; it is imported when a notification is
sent, so the desktop app's embedded server (which never sends web push) starts
without it. Requests go through the providers' keep-alive transport
(`desk.server.providers.http`): redirects are never followed and a broken exchange
is an `OutcomeUnknown`. A resend is harmless: the `Topic` header is the delivery
id, so a push service replaces a notification it still holds instead of showing
two.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from . import http
from .base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    ProviderError,
    ProviderReceipt,
    ProviderUnavailable,
    RateLimited,
)

PLATFORM = "web"
"""The `device.platform` of a browser's subscription."""

TTL_SECONDS = 24 * 3600
"""How long a push service keeps a notification for a browser that is offline."""

KNOWN_SERVICES = (
    "https://fcm.googleapis.com",
    "https://updates.push.services.mozilla.com",
    "https://web.push.apple.com",
    ".notify.windows.com",
)
"""The push services of Chrome, Firefox, Safari and Edge: where subscriptions point."""

_MAX_ENDPOINT = 2000
_TOPIC_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class BadSubscription(ValueError):
    """What a browser sent is not a usable push subscription; the message says why."""


def b64url(data: bytes) -> str:
    """Unpadded base64url, as Web Push writes keys."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """The bytes of unpadded (or padded) base64url.

    Raises:
        ValueError: not base64url.
    """
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError("not base64url") from error


@dataclass(frozen=True)
class VapidKeys:
    """A centre's VAPID key pair; the private half never shows in a repr or a log."""

    public_key: str  # base64url of the uncompressed P-256 point: applicationServerKey
    private_key: str = field(repr=False)  # base64url of the 32-byte private scalar


def new_vapid_keys() -> VapidKeys:
    """A fresh P-256 key pair for VAPID."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return VapidKeys(b64url(public), b64url(private))


@dataclass(frozen=True)
class WebSubscription:
    """A browser's `PushSubscription`: where to post, and the keys to encrypt for."""

    endpoint: str
    p256dh: str
    auth: str = field(repr=False)

    def to_json(self) -> str:
        """The stored form (`device.push_token`), as the browser's `toJSON()` has it."""
        return json.dumps(
            {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}},
            separators=(",", ":"),
        )

    @property
    def origin(self) -> str:
        """The push service's origin: the VAPID token's audience."""
        parts = urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}"


def parse_subscription(raw: str, allowed: tuple[str, ...]) -> WebSubscription:
    """A subscription from the JSON a browser's `PushSubscription.toJSON()` gives.

    The endpoint is where the server will post, so only https and a push service
    of `allowed` are taken: an origin ("https://fcm.googleapis.com") or a host
    suffix (".notify.windows.com"). Anything else would let a signed-in visitor
    make the server post to a host of their choosing.

    Raises:
        BadSubscription: not JSON of that shape, keys of the wrong size, or an
            endpoint at a host that is not a known push service.
    """
    try:
        data = json.loads(raw)
        endpoint, keys = data["endpoint"], data["keys"]
        p256dh, auth = keys["p256dh"], keys["auth"]
    except (ValueError, TypeError, KeyError) as error:
        raise BadSubscription("the browser sent no push subscription") from error
    if not all(isinstance(v, str) for v in (endpoint, p256dh, auth)):
        raise BadSubscription("the browser sent no push subscription")
    if len(endpoint) > _MAX_ENDPOINT or not _allowed(endpoint, allowed):
        raise BadSubscription("the subscription's push service is not one this server posts to")
    try:
        point, secret = unb64url(p256dh), unb64url(auth)
    except ValueError as error:
        raise BadSubscription("the subscription's keys are not base64url") from error
    if len(point) != 65 or point[0] != 4 or len(secret) != 16:
        raise BadSubscription("the subscription's keys have the wrong size")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as error:
        raise BadSubscription("the subscription's key is not a P-256 point") from error
    return WebSubscription(endpoint, p256dh, auth)


def load_subscription(stored: str) -> WebSubscription:
    """A subscription as `WebSubscription.to_json` stored it (checked when it came in)."""
    data = json.loads(stored)
    return WebSubscription(data["endpoint"], data["keys"]["p256dh"], data["keys"]["auth"])


def _allowed(endpoint: str, allowed: tuple[str, ...]) -> bool:
    parts = urlsplit(endpoint)
    if not parts.hostname or parts.username or parts.password:
        return False
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    for entry in allowed:
        entry = entry.strip().lower().rstrip("/")
        if "://" in entry:
            if origin == entry:
                return True
        elif parts.scheme == "https" and entry.startswith(".") and parts.hostname.endswith(entry):
            return True
    return False


@dataclass(frozen=True)
class OutgoingWebPush:
    """One notification to one browser."""

    subscription: WebSubscription
    keys: VapidKeys
    title: str
    body: str
    url: str  # the page a tap on the notification opens
    idempotency_key: str
    subject: str  # VAPID `sub`: how the push service reaches the operator (https: or mailto:)


class WebPushService:
    """Posts notifications to browsers' push services (any host, one pool each)."""

    def __init__(self, timeout_seconds: float = 10.0) -> None:
        """Pools are opened per push service host on first use."""
        self._client = http.new_client("https://push.invalid", timeout_seconds)

    def send_web_push(self, message: OutgoingWebPush) -> ProviderReceipt:
        """Encrypt and post one notification.

        Raises:
            InvalidRecipient: 404 or 410, the subscription is gone: remove it.
            AuthenticationFailed: 401 or 403, the push service refused our VAPID token.
            RateLimited, ProviderUnavailable: try again later.
            OutcomeUnknown: the request went out unanswered (a resend replaces it).
            ProviderError: refused for good (too large, malformed).
        """
        try:
            from py_vapid import Vapid02
            from pywebpush import WebPusher
        except ImportError as error:  # the `server` extra is not installed
            raise ProviderError(
                "web push needs the server extra (pywebpush)", transient=False
            ) from error
        subscription = message.subscription
        payload = json.dumps(
            {"title": message.title, "body": message.body, "url": message.url},
            ensure_ascii=False,
        ).encode()
        pusher = WebPusher(
            {
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            }
        )
        body = pusher.encode(payload, "aes128gcm")["body"]
        signer = Vapid02.from_raw(message.keys.private_key.encode())
        headers = signer.sign({"aud": subscription.origin, "sub": message.subject})
        headers.update(
            {
                "TTL": str(TTL_SECONDS),
                "Content-Encoding": "aes128gcm",
                "Content-Type": "application/octet-stream",
                "Urgency": "high",
                "Topic": _topic(message.idempotency_key),
            }
        )
        reply = http.send(
            self._client,
            "the browser's push service",
            "POST",
            subscription.endpoint,
            idempotent=False,
            content=body,
            headers=headers,
        )
        status = reply.status_code
        if reply.is_success:
            ref = reply.headers.get("Location") or message.idempotency_key
            return ProviderReceipt(ref[:255], DeliveryState.ACCEPTED)
        reason = f"the push service answered {status} {reply.reason_phrase}".rstrip() + "."
        if status in (404, 410):
            raise InvalidRecipient(reason, code=str(status))
        if status in (401, 403):
            raise AuthenticationFailed(reason, code=str(status))
        if status == 429:
            raise RateLimited(reason, code="429", retry_after=http.retry_after(reply))
        if status >= 500:
            raise ProviderUnavailable(reason, code=str(status), retry_after=http.retry_after(reply))
        raise ProviderError(reason, transient=False, code=str(status))

    def close(self) -> None:
        """Close the connection pools."""
        self._client.close()


def _topic(key: str) -> str:
    """RFC 8030 §5.4: at most 32 characters of the base64url alphabet.

    Letters and digits only, so a UUID keeps all its 32 hex digits.
    """
    return "".join(ch for ch in key if ch in _TOPIC_CHARS)[:32] or "desk"
