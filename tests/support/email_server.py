"""A real `desk server` that emails through an SMTP double and takes email replies.

Its `[email_replies]` table turns reply addresses on; the inbound-parse webhook is
signed with `SIGNING_KEY` (Mailgun's format), and a `desk mail` process beside it
takes replies over SMTP. Texts and push are written to log files; one delivery
worker thread runs in the server, so an email reaches the double by itself.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.doubles.smtp_double import ReceivedEmail, SmtpDouble
from tests.support.mail_process import MailProcess
from tests.support.net import free_port
from tests.support.polling import wait_until
from tests.support.server_process import ServerProcess, run_server

REPLY_DOMAIN = "reply.centre.test"
SIGNING_KEY = "key-" + "3" * 28
INBOUND_PATH = "/api/v1/webhooks/email/inbound"


@dataclass
class EmailServer:
    """The server, its SMTP double, and the `desk mail` receiver beside it."""

    process: ServerProcess
    smtp: SmtpDouble
    mail: MailProcess

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self.process.url

    def email_to(self, address: str, count: int = 1) -> ReceivedEmail:
        """The `count`-th email the double has received for `address`, once it has."""

        def arrived() -> bool:
            return len(self._to(address)) >= count

        wait_until(arrived, f"{count} email(s) reach {address}", timeout=60)
        return self._to(address)[count - 1]

    def received_by(self, address: str) -> int:
        """How many emails the double has received for `address` so far."""
        return len(self._to(address))

    def _to(self, address: str) -> list[ReceivedEmail]:
        return [r for r in self.smtp.received if address in r.rcpt_tos]

    attachments: Path
    """The folder both processes keep attachments in."""

    def stored_files(self) -> list[Path]:
        """Every file in the attachment store (no temporary file is left there)."""
        return [p for p in self.attachments.rglob("*") if p.is_file()]

    def post_inbound(
        self,
        fields: dict[str, str],
        *,
        key: str = SIGNING_KEY,
        timestamp: float | None = None,
        files: Sequence[tuple[str, tuple[str, bytes, str]]] = (),
    ) -> httpx.Response:
        """POST `fields` as Mailgun's inbound route does, signed with `key`.

        `files` are multipart files: (field, (file name, bytes, content type)), e.g.
        ("attachment-1", ("note.pdf", b"%PDF-...", "application/pdf")).
        """
        stamp = str(int(time.time() if timestamp is None else timestamp))
        token = secrets.token_hex(25)
        signature = hmac.new(key.encode(), (stamp + token).encode(), hashlib.sha256).hexdigest()
        form = {**fields, "timestamp": stamp, "token": token, "signature": signature}
        if files:
            form["attachment-count"] = str(len(files))
        return httpx.post(self.url + INBOUND_PATH, data=form, files=list(files) or None, timeout=30)


@contextmanager
def email_server(database_url: str, folder: Path) -> Iterator[EmailServer]:
    """Start the SMTP double, the server (which migrates) and `desk mail`; stop all after."""
    folder.mkdir(parents=True, exist_ok=True)
    with SmtpDouble() as smtp:
        mail_port = free_port()
        config = folder / "desk.toml"
        config.write_text(
            f'[providers.sms]\nkind = "log"\npath = "{folder / "sms.jsonl"}"\n'
            f'[providers.push]\nkind = "log"\npath = "{folder / "push.jsonl"}"\n'
            "[providers.email]\n"
            'kind = "smtp"\n'
            f'host = "{smtp.host}"\nport = {smtp.port}\ntls = "none"\n'
            'from_address = "Front Desk <office@centre.test>"\n'
            "[email_replies]\n"
            f'domain = "{REPLY_DOMAIN}"\n'
            f'secret = "{secrets.token_hex(16)}"\n'
            f'webhook_signing_key = "{SIGNING_KEY}"\n'
            f"receiver_port = {mail_port}\n"
        )
        attachments = folder / "attachments"
        env = {
            "DESK_CONFIG": str(config),
            "DESK_WORKERS": "1",
            "DESK_ATTACHMENTS_DIR": str(attachments),
        }
        with (
            run_server(database_url, env=env, log_dir=folder) as process,
            MailProcess(database_url, port=mail_port, env=env, log_dir=folder) as mail,
        ):
            mail.start()
            yield EmailServer(process, smtp, mail, attachments)
