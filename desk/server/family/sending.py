"""The `family_code` and `kiosk_pin` jobs: send a secret by SMS or email, then forget it.

Codes go through the job queue like every other send, so a request answers at
once whatever the provider does, and an address not on file answers as fast as
one that is. The code is in the job's payload only until it is sent: the payload
is blanked as the job settles, so the queue keeps no usable code. A code is not a
message of any conversation and writes no synced row: the office never sees it.
A new kiosk PIN sent to its guardian (issue 15 item 6) is the same kind of secret
and goes the same way, under its own job kind so the queue tells them apart.
"""

from __future__ import annotations

import logging

from desk.core.kinds import Channel
from desk.server.db import Database
from desk.server.jobs.backoff import retry_delay
from desk.server.jobs.queue import ClaimedJob, Settlement, settle_many
from desk.server.providers import OutgoingEmail, OutgoingSms, ProviderError
from desk.server.providers.config import Providers

log = logging.getLogger(__name__)

FAMILY_CODE = "family_code"
KIOSK_PIN = "kiosk_pin"
_BLANK: dict[str, str] = {"sent": "blanked"}


class CodeSender:
    """The handler of `family_code` and `kiosk_pin` jobs."""

    def __init__(self, database: Database, providers: Providers) -> None:
        self._database = database
        self._providers = providers

    def __call__(self, jobs: list[ClaimedJob]) -> None:
        """Send each code once; a transient failure is retried, a lasting one dropped."""
        settlements = [self._send(job) for job in jobs]
        with self._database.writing() as session:
            settle_many(session, settlements)

    def _send(self, job: ClaimedJob) -> Settlement:
        payload = job.payload
        if "address" not in payload:
            return Settlement(job.id, payload=_BLANK)
        address, text = str(payload["address"]), str(payload["text"])
        try:
            if payload.get("channel") == Channel.EMAIL:
                self._providers.email.send_email(
                    OutgoingEmail(
                        to=address,
                        subject=str(payload["subject"]),
                        body_text=text,
                        idempotency_key=job.key.replace(":", "-"),
                    )
                )
            else:
                self._providers.sms.send_sms(
                    OutgoingSms(to=address, body=text, idempotency_key=job.key.replace(":", "-"))
                )
        except ProviderError as error:
            if error.transient and job.attempts < job.max_attempts:
                return Settlement(job.id, error=str(error), retry_in=retry_delay(job.attempts))
            log.warning("a sign-in code or kiosk PIN could not be sent: %s", error)
            return Settlement(job.id, error=str(error), payload=_BLANK)
        return Settlement(job.id, payload=_BLANK)
