"""The log provider `desk demo` sends through: one JSON line per message."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desk.server.providers.base import (
    DeliveryState,
    OutgoingEmail,
    OutgoingPush,
    OutgoingSms,
    ProviderError,
)
from desk.server.providers.log import LogProvider


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_channel_writes_one_line_and_answers_delivered(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "outbox.jsonl"
    log = LogProvider(path)

    receipts = [
        log.send_sms(OutgoingSms("+12025550123", "Pickup at 5 — thanks!", "k1")),
        log.send_email(OutgoingEmail("a@example.org", "Trip", "Bring a hat.", "k2")),
        log.send_push(OutgoingPush("device", "Closing", "3 pm today", {"thread": "t1"}, "k3")),
    ]

    assert [receipt.state for receipt in receipts] == [DeliveryState.DELIVERED] * 3
    sms, email, push = lines(path)
    assert {key: sms[key] for key in ("channel", "to", "body", "idempotency_key")} == {
        "channel": "sms",
        "to": "+12025550123",
        "body": "Pickup at 5 — thanks!",
        "idempotency_key": "k1",
    }
    assert (email["channel"], email["subject"], email["reply_to"]) == ("email", "Trip", None)
    assert (push["channel"], push["data"]) == ("push", {"thread": "t1"})
    assert [line["provider_ref"] for line in (sms, email, push)] == [
        receipt.provider_ref for receipt in receipts
    ]
    assert datetime.fromisoformat(str(sms["at"])).tzinfo is not None


def test_a_written_text_can_be_looked_up_and_found(tmp_path: Path) -> None:
    log = LogProvider(tmp_path / "outbox.jsonl")
    message = OutgoingSms("+12025550123", "Hello", "k1")
    before = datetime.now(UTC)

    ref = log.send_sms(message).provider_ref

    assert log.lookup_sms(ref) is DeliveryState.DELIVERED
    assert log.find_sms(message, before) == ref
    assert log.find_sms(OutgoingSms("+12025550123", "Hello", "k2"), before) is None


def test_an_unknown_ref_is_a_permanent_error(tmp_path: Path) -> None:
    log = LogProvider(tmp_path / "never-written.jsonl")

    with pytest.raises(ProviderError) as caught:
        log.lookup_sms("log-sms-nope")
    assert not caught.value.transient


def test_lines_from_many_threads_stay_whole(tmp_path: Path) -> None:
    path = tmp_path / "outbox.jsonl"
    log = LogProvider(path)
    body = "x" * 20_000  # larger than one write buffer

    def send(worker: int) -> None:
        for number in range(10):
            log.send_sms(OutgoingSms("+12025550123", body, f"w{worker}-{number}"))

    threads = [threading.Thread(target=send, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(lines(path)) == 80
