"""A provider for `desk demo` and development: every message becomes one JSON line.

Nothing leaves the machine, and the file shows exactly what would have been sent.
Every message counts as delivered at once, so demo threads show the end state.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .base import (
    DeliveryState,
    OutgoingEmail,
    OutgoingPush,
    OutgoingSms,
    ProviderError,
    ProviderReceipt,
)


class LogProvider:
    """An `SmsProvider`, `EmailProvider` and `PushProvider` writing to one file.

    The provider_ref is derived from the idempotency key, so sending a message again
    writes a second line with the same ref, which is how a duplicate would look.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def send_sms(self, message: OutgoingSms) -> ProviderReceipt:
        """Write the text."""
        return self._write("sms", message.idempotency_key, to=message.to, body=message.body)

    def lookup_sms(self, provider_ref: str) -> DeliveryState:
        """Delivered, if the file has it.

        Raises:
            ProviderError: no such message was written.
        """
        if any(line.get("provider_ref") == provider_ref for line in self._lines()):
            return DeliveryState.DELIVERED
        raise ProviderError(f"No message {provider_ref} in {self.path}.", transient=False)

    def find_sms(
        self, message: OutgoingSms, sent_after: datetime, exclude: Collection[str] = ()
    ) -> str | None:
        """The ref of `message` if it was written (the file keys it exactly)."""
        # The idempotency key identifies the message itself: no time window, and no
        # other delivery's ref can match.
        del sent_after, exclude
        ref = _ref("sms", message.idempotency_key)
        return ref if any(line.get("provider_ref") == ref for line in self._lines()) else None

    def send_email(self, message: OutgoingEmail) -> ProviderReceipt:
        """Write the email."""
        return self._write(
            "email",
            message.idempotency_key,
            to=message.to,
            subject=message.subject,
            body_text=message.body_text,
            reply_to=message.reply_to,
        )

    def send_push(self, message: OutgoingPush) -> ProviderReceipt:
        """Write the notification."""
        return self._write(
            "push",
            message.idempotency_key,
            token=message.token,
            title=message.title,
            body=message.body,
            data=message.data,
        )

    def close(self) -> None:
        """Nothing to release: the file is opened per line."""

    def _write(self, channel: str, key: str, **fields: Any) -> ProviderReceipt:
        ref = _ref(channel, key)
        line = {
            "at": datetime.now(UTC).isoformat(),
            "channel": channel,
            "provider_ref": ref,
            "idempotency_key": key,
            **fields,
        }
        text = json.dumps(line, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(text)
        return ProviderReceipt(ref, DeliveryState.DELIVERED)

    def _lines(self) -> Iterator[dict[str, Any]]:
        with self._lock:
            if not self.path.exists():
                return
            text = self.path.read_text(encoding="utf-8")
        for raw in text.splitlines():
            if raw.strip():
                yield json.loads(raw)


def _ref(channel: str, key: str) -> str:
    return f"log-{channel}-{key}"
