"""Benchmark of one web push notification: encrypt, sign, post (issue 14 item 1).

Each notification costs an ECDH key agreement and AES-GCM for the browser
(RFC 8291, by `pywebpush`) and an ECDSA signature for the VAPID header (`py_vapid`)
before its POST. A push to a whole centre sends one per browser, so this says what a
thousand subscribed browsers cost a delivery worker in CPU.

The figure is `WebPushService.send_web_push` to the loopback push-service double
(which verifies the token and decrypts the body, as the real service would do on its
side). The floor is a bare POST of a body of the same size through the same
keep-alive transport to the same double, answered at once without any check: the
cost of the request alone. A third line times encryption and signing without the
network, against the same floor.

Run: `.venv/bin/python bench/bench_webpush.py [--runs N] [--tiny]` (`--tiny`: few
runs, so the suite checks it works; the figures mean nothing then).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from floors import Report, sample_pair  # noqa: E402
from py_vapid import Vapid02  # noqa: E402
from pywebpush import WebPusher  # noqa: E402

from desk.core.ids import new_id  # noqa: E402
from desk.server.providers import http  # noqa: E402
from desk.server.providers.webpush import (  # noqa: E402
    OutgoingWebPush,
    WebPushService,
    new_vapid_keys,
    parse_subscription,
)
from tests.support.doubles.web_push_double import push_service  # noqa: E402


def main() -> int:
    """Time a send, its parts, and the bare POST beside them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--tiny", action="store_true", help="5 runs")
    args = parser.parse_args()
    runs = 5 if args.tiny else args.runs
    report = Report("Web push: one notification to one browser")
    with push_service() as double:
        raw = double.subscribe()
        subscription = parse_subscription(json.dumps(raw), (double.origin,))
        keys = new_vapid_keys()
        service = WebPushService(timeout_seconds=10)
        message = OutgoingWebPush(
            subscription=subscription,
            keys=keys,
            title="Early closing",
            body="The centre closes at 3 pm today because of the storm. Please pick up by 3.",
            url="/family/c/0b6f7a4e-3c1e-4f55-9a61-7f0c2f8a9e11#latest",
            idempotency_key=new_id(),
            subject="mailto:office@example.org",
        )
        size = len(json.dumps({"title": message.title, "body": message.body, "url": message.url}))
        bare = http.new_client(double.origin, 10)
        unchecked = f"{double.origin}/floor"  # not a subscription: answered 410 at once
        filler = b"x" * (size + 103)  # aes128gcm adds a 86-byte header, padding and a tag

        def send() -> None:
            service.send_web_push(message)

        def post() -> None:
            http.send(bare, "double", "POST", unchecked, idempotent=False, content=filler)

        def encrypt_and_sign() -> None:
            WebPusher({"endpoint": subscription.endpoint, "keys": raw["keys"]}).encode(
                json.dumps({"title": message.title}).encode(), "aes128gcm"
            )
            Vapid02.from_raw(keys.private_key.encode()).sign(
                {"aud": double.origin, "sub": "mailto:office@example.org"}
            )

        sent, floor = sample_pair(runs, send, post)
        report.times("send_web_push to the double (verified, decrypted)", sent, floor, "bare POST")
        crypto, floor = sample_pair(runs, encrypt_and_sign, post)
        report.times("encrypt + sign alone (no network)", crypto, floor, "bare POST")
        report.note(f"payload {size} bytes; {len(double.received)} notifications received")
        service.close()
        bare.close()
    report.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
