"""A browser vendor's push service on loopback, speaking Web Push as the real ones do.

It hands out subscriptions the way a browser's `PushManager.subscribe` does: an
endpoint URL here plus a P-256 public key and an auth secret, keeping the private
key as the browser would. A POST to an endpoint (RFC 8030) must carry an
`Authorization: vapid t=<JWT>,k=<key>` header (RFC 8292) whose ES256 signature
verifies under `k`, with the push service's origin as audience, an expiry within
24 hours and a contact; the body must be `aes128gcm` (RFC 8188) and is decrypted
with the subscription's private key and auth secret by `http_ece` (RFC 8291).
What it decrypted is kept for the test to read. A subscription marked gone answers
410, as a push service does once the browser unsubscribed.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from desk.core.ids import new_id


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    """One notification the push service accepted, decrypted."""

    subscription: str
    payload: dict[str, Any]
    vapid_key: str  # the application server's public key, from the `k` parameter
    claims: dict[str, Any]
    headers: dict[str, str]


@dataclass
class _Browser:
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    gone: bool = False
    status: int = 0  # answer this instead of accepting (a test's failure), 0: accept


@dataclass
class PushService:
    """The double's state: subscriptions, what arrived, and what was refused."""

    origin: str = ""
    browsers: dict[str, _Browser] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def subscribe(self) -> dict[str, Any]:
        """A new subscription, as `PushSubscription.toJSON()` gives it to a page."""
        name = new_id()
        key = ec.generate_private_key(ec.SECP256R1())
        auth = os.urandom(16)
        with self.lock:
            self.browsers[name] = _Browser(key, auth)
        public = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": f"{self.origin}/push/{name}",
            "expirationTime": None,
            "keys": {"p256dh": _b64(public), "auth": _b64(auth)},
        }

    def forget(self, subscription: dict[str, Any]) -> None:
        """The browser unsubscribed: its endpoint answers 410 from now on."""
        with self.lock:
            self.browsers[subscription["endpoint"].rsplit("/", 1)[1]].gone = True

    def answer(self, subscription: dict[str, Any], status: int) -> None:
        """Answer the subscription's posts with `status` (after checking them), 0 to accept."""
        with self.lock:
            self.browsers[subscription["endpoint"].rsplit("/", 1)[1]].status = status

    def to(self, subscription: dict[str, Any]) -> list[Received]:
        """What reached one subscription, oldest first."""
        name = subscription["endpoint"].rsplit("/", 1)[1]
        with self.lock:
            return [r for r in self.received if r.subscription == name]

    def accept(self, name: str, headers: dict[str, str], body: bytes) -> tuple[int, str]:
        """Check and decrypt one POST; the status to answer and why."""
        with self.lock:
            browser = self.browsers.get(name)
        if browser is None or browser.gone:
            return 410, "gone"
        claims, key = self._vapid(headers.get("authorization", ""))
        if headers.get("content-encoding") != "aes128gcm" or "ttl" not in headers:
            return 400, "not aes128gcm, or no TTL"
        try:
            plain = http_ece.decrypt(
                body, private_key=browser.private_key, auth_secret=browser.auth, version="aes128gcm"
            )
        except Exception as error:  # http_ece raises plain exceptions for a bad body
            return 400, f"cannot decrypt: {error}"
        if browser.status:
            return browser.status, f"told to answer {browser.status}"
        with self.lock:
            self.received.append(Received(name, json.loads(plain), key, claims, headers))
        return 201, "created"

    def _vapid(self, header: str) -> tuple[dict[str, Any], str]:
        scheme, _, rest = header.partition(" ")
        if scheme.lower() != "vapid":
            raise _Refused(401, "no vapid authorization")
        parts = dict(p.strip().split("=", 1) for p in rest.split(",") if "=" in p)
        token, key = parts.get("t", ""), parts.get("k", "")
        signed, _, signature = token.rpartition(".")
        try:
            public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64(key))
            raw = _unb64(signature)
            der = utils.encode_dss_signature(
                int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
            )
            public.verify(der, signed.encode(), ec.ECDSA(hashes.SHA256()))
            header_part, claims_part = signed.split(".")
            assert json.loads(_unb64(header_part))["alg"] == "ES256"
            claims: dict[str, Any] = json.loads(_unb64(claims_part))
        except (ValueError, InvalidSignature, AssertionError, KeyError) as error:
            raise _Refused(403, f"bad vapid token: {error!r}") from error
        now = time.time()
        if claims.get("aud") != self.origin:
            raise _Refused(403, f"audience {claims.get('aud')!r} is not {self.origin}")
        if not now < float(claims.get("exp", 0)) <= now + 24 * 3600 + 60:
            raise _Refused(403, "expiry not within 24 hours")
        if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
            raise _Refused(403, "no contact in sub")
        return claims, key


class _Refused(Exception):
    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status, self.why = status, why


def _handler(service: PushService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            name = self.path.rsplit("/", 1)[-1] if self.path.startswith("/push/") else ""
            try:
                status, why = service.accept(name, headers, body)
            except _Refused as refusal:
                status, why = refusal.status, refusal.why
            if status >= 300:
                with service.lock:
                    service.refused.append(why)
            self.send_response(status)
            if status == 201:
                self.send_header("Location", f"{service.origin}/message/{new_id()}")
            if status in (429, 503):
                self.send_header("Retry-After", "7")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads `received` and `refused` instead."""

    return Handler


@contextmanager
def push_service() -> Iterator[PushService]:
    """Run the double on a free loopback port until the block ends."""
    service = PushService()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(service))
    service.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
