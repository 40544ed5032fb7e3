"""A real `desk server` process that texts through a Twilio double.

The shared server of `tests/conftest.py` has no SMS provider, so it answers Twilio's
webhooks 404. Tests of incoming texts start this one instead: its `[providers.sms]`
is the double, e-mail and push are written to log files, and no delivery worker
runs (a test sees the deliveries a command planned, still queued).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.doubles.twilio_double import SignedWebhook, TwilioDouble, inbound
from tests.support.server_process import ServerProcess, run_server

INBOUND_PATH = "/api/v1/webhooks/twilio/inbound/{centre_id}"


@dataclass
class TextingServer:
    """The process, its Twilio double, and how to text it."""

    process: ServerProcess
    twilio: TwilioDouble

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self.process.url

    def webhook(
        self, centre_id: str, from_: str, body: str, media: Sequence[tuple[str, str]] = ()
    ) -> SignedWebhook:
        """Twilio's signed webhook of `from_` texting `body` to the centre's number.

        `post()` it once, or twice for Twilio retrying it. `media` are an MMS's
        (URL, content type) pairs.
        """
        return inbound(
            self.url + INBOUND_PATH.format(centre_id=centre_id),
            from_,
            self.twilio.numbers[0],
            body,
            self.twilio.auth_token,
            account_sid=self.twilio.account_sid,
            media=media,
        )

    def text(
        self, centre_id: str, from_: str, body: str, media: Sequence[tuple[str, str]] = ()
    ) -> httpx.Response:
        """`from_` texts `body` (and MMS `media`) to the centre's number."""
        return self.webhook(centre_id, from_, body, media).post()


@contextmanager
def texting_server(database_url: str, folder: Path, *, workers: int = 0) -> Iterator[TextingServer]:
    """Start a Twilio double and a server texting through it; stop both after.

    `workers` delivery workers run in it (none by default: deliveries stay queued).
    """
    with TwilioDouble() as twilio:
        config = folder / "desk.toml"
        config.write_text(
            "[providers.sms]\n"
            'kind = "twilio"\n'
            f'account_sid = "{twilio.account_sid}"\n'
            f'auth_token = "{twilio.auth_token}"\n'
            f'from_number = "{twilio.numbers[0]}"\n'
            f'base_url = "{twilio.base_url}"\n'
            "[providers.email]\n"
            'kind = "log"\n'
            f'path = "{folder / "email.jsonl"}"\n'
            "[providers.push]\n"
            'kind = "log"\n'
            f'path = "{folder / "push.jsonl"}"\n'
        )
        env = {"DESK_CONFIG": str(config), "DESK_WORKERS": str(workers)}
        with run_server(database_url, env=env, log_dir=folder) as process:
            yield TextingServer(process, twilio)
