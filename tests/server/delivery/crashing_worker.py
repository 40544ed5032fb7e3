"""A delivery worker process that dies the moment Twilio has accepted a text.

Run as `python -m tests.server.delivery.crashing_worker '<json>'` with the database
URL and the Twilio double's address and credentials. It claims one batch and sends
through the real Twilio adapter, wrapped so that right after Twilio answers 201 the
process SIGKILLs itself: the provider has the message, the database does not know.
With `"die": "before"` in the config it dies just before the request instead: the
job is in flight, and Twilio never heard of the text.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from desk.server.db import open_database
from desk.server.delivery.planning import DELIVER
from desk.server.delivery.sender import DeliverySender
from desk.server.jobs.worker import WorkerPool
from desk.server.providers import DeliveryState, OutgoingSms, ProviderReceipt
from desk.server.providers.config import Providers, TwilioSettings
from desk.server.providers.log import LogProvider
from desk.server.providers.twilio import TwilioSms


class DieAfterAcceptance:
    """An `SmsProvider` that sends for real, then kills its own process."""

    def __init__(self, inner: TwilioSms, *, before: bool = False) -> None:
        self._inner = inner
        self._before = before

    def send_sms(self, message: OutgoingSms) -> ProviderReceipt:
        if self._before:
            os.kill(os.getpid(), signal.SIGKILL)
        receipt = self._inner.send_sms(message)
        os.kill(os.getpid(), signal.SIGKILL)
        return receipt  # never reached

    def lookup_sms(self, provider_ref: str) -> DeliveryState:
        return self._inner.lookup_sms(provider_ref)

    def find_sms(
        self, message: OutgoingSms, sent_after: datetime, exclude: Collection[str] = ()
    ) -> str | None:
        return self._inner.find_sms(message, sent_after, exclude)

    def close(self) -> None:
        self._inner.close()


def main(raw: str) -> None:
    config = json.loads(raw)
    database = open_database(config["database_url"])
    sms = DieAfterAcceptance(
        TwilioSms(
            TwilioSettings(
                account_sid=config["account_sid"],
                auth_token=config["auth_token"],
                from_number=config["from_number"],
                base_url=config["base_url"],
            )
        ),
        before=config.get("die") == "before",
    )
    unused = LogProvider(Path(os.devnull))
    sender = DeliverySender(database, Providers(sms=sms, email=unused, push=unused))
    pool = WorkerPool(database, {DELIVER: sender}, count=0, lease_seconds=3600)
    pool.run_once()
    sys.exit("the worker was meant to die after Twilio accepted the text")


if __name__ == "__main__":
    main(sys.argv[1])
