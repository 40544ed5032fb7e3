"""`desk mail`: an SMTP receiver for email replies, for centres that host their own.

Point the reply domain's MX (or the MX's forwarding rule) at it. It takes mail only
for reply addresses that check out (`RCPT TO` of anything else gets 550, so it is no
open relay and stores no spam), parses each email and hands it to the same
`receive_email` the inbound-parse webhook uses.

SMTP's `From:` can be forged by anyone. Behind an MX that checks SPF, DKIM and DMARC
and writes `Authentication-Results`, set `trusted_authserv_id` to that MX's name:
then a reply counts only if the MX says DMARC passed, or DKIM passed for the
sender's own domain. Without it, the guardian's address on file and the unguessable
reply address are the only checks (docs/delivery.md says so).
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import replace
from email import policy
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from desk.server.api.email_webhooks import store_email
from desk.server.attachments.store import BlobStore
from desk.server.attachments.stores import open_blob_store
from desk.server.config import ServerSettings
from desk.server.db import Database, open_database
from desk.server.delivery.email_inbound import (
    parse_email,
    reply_delivery,
)
from desk.server.delivery.email_reply_settings import EmailReplySettings
from desk.server.exit_signals import ExitSignals
from desk.server.logs import configure_logging
from desk.server.notify import Announcer, ChangeNotifier

log = logging.getLogger(__name__)

MAX_EMAIL_BYTES = 40 * 1024 * 1024
"""Largest email taken: 25 MB of files (what mail servers pass), base64-encoded."""


def authenticated(raw: bytes, authserv_id: str, sender: str) -> bool:
    """Whether the trusted MX's `Authentication-Results` vouch for `sender` (RFC 8601)."""
    headers = BytesHeaderParser(policy=policy.default).parsebytes(raw)
    domain = sender.rpartition("@")[2].lower()
    for value in headers.get_all("Authentication-Results", []):
        serv, _, results = str(value).partition(";")
        if serv.strip().split()[0:1] != [authserv_id]:
            continue  # a header the sender wrote themselves, or another hop's
        if re.search(r"\bdmarc=pass\b", results, re.IGNORECASE):
            return True
        for dkim in re.finditer(r"\bdkim=pass\b[^;]*", results, re.IGNORECASE):
            signer = re.search(r"header\.d=([^\s;]+)", dkim.group(0), re.IGNORECASE)
            if signer and signer.group(1).lower() == domain:
                return True
    return False


class ReplyHandler:
    """aiosmtpd's handler: accept mail for our reply addresses, store each reply."""

    def __init__(
        self,
        database: Database,
        announcer: Announcer,
        settings: EmailReplySettings,
        store: BlobStore,
    ) -> None:
        self._database = database
        self._announcer = announcer
        self._settings = settings
        self._store = store

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        """Refuse any recipient that is not a valid reply address of ours."""
        if reply_delivery(self._settings, (address,)) is None:
            return "550 5.1.1 No such reply address here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Store the reply; a refusal is a 5xx so the sender's server bounces it."""
        raw = envelope.original_content or b""
        if isinstance(envelope.content, bytes) and not raw:
            raw = envelope.content
        email = parse_email(raw, tuple(envelope.rcpt_tos))
        if self._settings.trusted_authserv_id and not authenticated(
            raw, self._settings.trusted_authserv_id, email.sender
        ):
            email = replace(email, authenticated=False)
        try:
            received = await asyncio.to_thread(
                store_email, self._database, self._announcer, self._settings, self._store, email
            )
        except Exception:
            log.exception("could not store an email reply; the sender's server will retry")
            return "451 4.3.0 Could not store the message now, try again later"
        if not received.stored:
            return f"550 5.7.1 Reply refused ({received.outcome})"
        return "250 OK"


def run_mail_receiver(settings: ServerSettings) -> int:
    """Run the receiver until SIGTERM or SIGINT; returns an exit code."""
    configure_logging(settings.log_format)
    replies = settings.email_replies
    if replies is None:
        log.error("no [email_replies] in DESK_CONFIG: there is nothing to receive")
        return 2
    database = open_database(settings.database_url)
    announcer = Announcer(ChangeNotifier(), database.dialect)
    controller = Controller(
        ReplyHandler(
            database,
            announcer,
            replies,
            open_blob_store(settings.attachments, settings.attachments_dir, settings.database_url),
        ),
        hostname=replies.receiver_host,
        port=replies.receiver_port,
        data_size_limit=MAX_EMAIL_BYTES,
        decode_data=False,
    )
    exit_signals = ExitSignals()
    controller.start()
    # Said once listening: a supervisor (or a test) may connect from here on.
    log.info(
        "taking email replies for %s on %s:%s",
        replies.domain,
        replies.receiver_host,
        replies.receiver_port,
    )
    try:
        exit_signals.wait()
    finally:
        controller.stop()
        database.dispose()
    return 0
