"""A real `desk server` whose texts reach a Twilio double and whose email an SMTP relay.

`tests/support/family_app.py` writes every text to a log file; this server sends
them as in production, over Twilio's HTTP API to `TwilioDouble` and over SMTP to
`SmtpDouble` (aiosmtpd), from its own delivery worker thread. What a guardian's
phone or mailbox received, a sign-in code or an office message, is read back from
the doubles, as a guardian reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.doubles.smtp_double import SmtpDouble
from tests.support.doubles.twilio_double import TwilioDouble
from tests.support.polling import wait_until
from tests.support.server_process import ServerProcess, run_server

_CODE = re.compile(r"(\d{6}) ")  # a sign-in code opens its text, in every language
CODE_TIMEOUT = 30.0
"""Seconds for a code to reach the double: slow only on a loaded machine."""


@dataclass
class FamilyPhones:
    """The server process and the doubles standing in for guardians' phones and mailboxes."""

    process: ServerProcess
    twilio: TwilioDouble
    smtp: SmtpDouble

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self.process.url

    def texts_to(self, phone: str) -> list[str]:
        """The bodies of every text Twilio accepted for `phone`, oldest first."""
        return [m.body for m in self.twilio.messages if m.to == phone]

    def codes_to(self, address: str) -> list[str]:
        """The sign-in codes sent to a phone number or an email address, oldest first."""
        if "@" in address:
            bodies = [
                str(e.message.get_content())
                for e in self.smtp.received
                if address in e.rcpt_tos and "family-code" in str(e.message["Message-ID"])
            ]
        else:
            bodies = self.texts_to(address)
        return [found.group(1) for body in bodies if (found := _CODE.match(body))]

    def code_for(self, address: str, after: int = 0) -> str:
        """The first code sent to `address` after the first `after` codes (waits for it)."""
        wait_until(
            lambda: len(self.codes_to(address)) > after,
            f"a sign-in code reaches {address}",
            timeout=CODE_TIMEOUT,
        )
        return self.codes_to(address)[after]


def _config(twilio: TwilioDouble, smtp: SmtpDouble, folder: Path) -> Path:
    path = folder / "desk.toml"
    path.write_text(
        "[providers.sms]\n"
        'kind = "twilio"\n'
        f'account_sid = "{twilio.account_sid}"\n'
        f'auth_token = "{twilio.auth_token}"\n'
        f'from_number = "{twilio.numbers[0]}"\n'
        f'base_url = "{twilio.base_url}"\n'
        "timeout_seconds = 10\n\n"
        "[providers.email]\n"
        'kind = "smtp"\n'
        f'host = "{smtp.host}"\n'
        f"port = {smtp.port}\n"
        'tls = "none"\n'
        'from_address = "office@maple.example"\n\n'
        f'[providers.push]\nkind = "log"\npath = "{folder / "push.jsonl"}"\n'
    )
    return path


@contextmanager
def family_phones(database_url: str, folder: Path) -> Iterator[FamilyPhones]:
    """Start the doubles, then a server with one delivery worker; stop all after."""
    folder.mkdir(parents=True, exist_ok=True)
    with TwilioDouble() as twilio, SmtpDouble() as smtp:
        env = {
            "DESK_CONFIG": str(_config(twilio, smtp, folder)),
            "DESK_WORKERS": "1",
            "DESK_ATTACHMENTS_DIR": str(folder / "attachments"),
        }
        with run_server(database_url, env=env, log_dir=folder) as process:
            yield FamilyPhones(process, twilio, smtp)
