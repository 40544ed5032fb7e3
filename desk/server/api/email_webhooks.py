"""Inbound email through a provider's inbound-parse webhook (Mailgun's format).

Mailgun, and the self-hosted relays that copy its format, POST each email to a
route as form fields (`recipient`, `sender`, `from`, `subject`, `body-plain`,
`Message-Id`) signed with `timestamp`, `token` and `signature` = HMAC-SHA256 of
timestamp + token under the webhook signing key. Nothing is believed before the
signature checks out and is fresh; a replayed or unsigned POST gets 403 and stores
nothing. The provider retries on failure, so storing is idempotent by Message-Id.

The reply address itself names the conversation (`desk.core.email_replies`), so the
route needs no centre in its path, and a reply address of one centre can never post
into another's conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from starlette.datastructures import UploadFile  # what forms hold (FastAPI's is a subclass)

from desk.server.api.problems import problems
from desk.server.attachments.incoming import IncomingFile, keep_files, unnamed_file
from desk.server.attachments.store import BlobStore
from desk.server.commands.attachments import CheckedFile
from desk.server.db import Database
from desk.server.delivery.email_inbound import (
    InboundEmail,
    Outcome,
    Received,
    html_text,
    judge,
    receive_email,
    reply_delivery,
)
from desk.server.delivery.email_reply_settings import EmailReplySettings
from desk.server.delivery.writes import centre_write
from desk.server.notify import Announcer
from desk.server.orm import Delivery
from desk.server.orm.base import utcnow

router = APIRouter(prefix="/webhooks/email", tags=["webhooks"])
log = logging.getLogger(__name__)

MAX_WEBHOOK_BYTES = 40 * 1024 * 1024
"""Largest inbound-parse POST taken: an email with the 25 MB of files mail servers pass."""

MAX_WEBHOOK_FILES = 50
"""Files parsed out of one POST; past `MAX_PER_MESSAGE` they are noted, not stored."""

_ATTACHMENT_FIELD = re.compile(r"attachment-([0-9]{1,4})")

SIGNATURE_MAX_AGE_SECONDS = 300
"""How old a signed timestamp may be: a captured POST cannot be replayed later."""


class InboundAnswer(BaseModel):
    """What became of the email (the provider only looks at the status code)."""

    outcome: str


def verify_signature(key: str, timestamp: str, token: str, signature: str, now: float) -> bool:
    """Whether Mailgun's webhook signature is right and its timestamp fresh."""
    try:
        age = abs(now - float(timestamp))
    except ValueError:
        return False
    if age > SIGNATURE_MAX_AGE_SECONDS:
        return False
    expected = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())


def inbound_from_form(form: dict[str, str]) -> InboundEmail:
    """The email a Mailgun route POSTed; 400 when a field it always sends is missing."""
    missing = [name for name in ("recipient", "sender") if not form.get(name)]
    if missing:
        raise HTTPException(400, f"the inbound email lacks {', '.join(missing)}")
    text = form.get("body-plain") or html_text(form.get("body-html", ""))
    message_id = form.get("Message-Id") or form.get("message-id") or ""
    if not message_id:
        fields = "\x1f".join(f"{name}={value}" for name, value in sorted(form.items()))
        message_id = "sha256:" + hashlib.sha256(fields.encode()).hexdigest()
    return InboundEmail(
        message_id=message_id[:250],
        sender=form["sender"],
        recipients=tuple(a.strip() for a in form["recipient"].split(",") if a.strip()),
        subject=form.get("subject", ""),
        text=text,
    )


@router.post(
    "/inbound",
    summary="An inbound email (Mailgun's inbound-parse route format)",
    response_model=InboundAnswer,
    responses=problems(
        400,
        403,
        404,
        406,
        413,
        s403="Not signed with the webhook signing key, or the signature is stale",
        s404="This server takes no email replies",
        s406="Not a reply to one of our emails, or from a sender not on file",
    ),
)
async def inbound_email(request: Request) -> InboundAnswer:
    """Post a reply in its conversation, or refuse it and say why.

    406 tells the provider not to retry: the email is not ours or its sender is
    refused (audited in the conversation's centre). 200 is stored, or stored before.
    """
    settings: EmailReplySettings | None = request.app.state.settings.email_replies
    if settings is None or not settings.webhook_signing_key:
        raise HTTPException(404, "this server takes no email replies by webhook")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_WEBHOOK_BYTES:
        raise HTTPException(413, "the inbound email is too large")
    async with request.form(max_files=MAX_WEBHOOK_FILES) as posted:
        form = {name: value for name, value in posted.multi_items() if isinstance(value, str)}
        if not verify_signature(
            settings.webhook_signing_key,
            form.get("timestamp", ""),
            form.get("token", ""),
            form.get("signature", ""),
            time.time(),
        ):
            raise HTTPException(403, "the request does not carry a fresh signature of ours")
        email = inbound_from_form({k: v.replace("\x00", "") for k, v in form.items()})
        email = replace(email, attachments=_uploaded_files(posted.multi_items()))
        received = await run_in_threadpool(
            store_email,
            request.app.state.database,
            request.app.state.announcer,
            settings,
            request.app.state.blobs,
            email,
        )
    if not received.stored:
        raise HTTPException(406, f"the email was refused: {received.outcome}")
    return InboundAnswer(outcome=received.outcome)


def _uploaded_files(items: Iterable[tuple[str, object]]) -> tuple[IncomingFile, ...]:
    """Mailgun's `attachment-N` files (inline images too), in their numbered order."""
    numbered = sorted(
        (int(match.group(1)), value)
        for name, value in items
        if isinstance(value, UploadFile) and (match := _ATTACHMENT_FIELD.fullmatch(name))
    )
    return tuple(
        IncomingFile(
            upload.filename or unnamed_file(upload.content_type or "", number),
            _reader(upload),
        )
        for number, upload in numbered
    )


def _reader(upload: UploadFile) -> Callable[[], Iterable[bytes]]:
    """The spooled upload's bytes, from the start, a megabyte at a time."""

    def chunks() -> Iterable[bytes]:
        upload.file.seek(0)
        return iter(lambda: upload.file.read(1 << 20), b"")

    return chunks


def store_email(
    database: Database,
    announcer: Announcer,
    settings: EmailReplySettings,
    store: BlobStore,
    email: InboundEmail,
) -> Received:
    """Receive `email` in its centre's write transaction (shared with `desk mail`).

    Its files are stored first, outside the transaction, and only once `judge` says
    the email will be stored: a forged or refused email leaves no file behind. (A
    reply refused between the two reads leaves its files unreferenced in the store,
    never attached.)
    """
    delivery_id = reply_delivery(settings, email.recipients)
    if delivery_id is None:
        log.warning("refused an email to %s: no reply address of ours", email.recipients)
        return Received(Outcome.NOT_A_REPLY)
    with database.reading() as session:
        delivery = session.get(Delivery, delivery_id)
        centre_id = delivery.centre_id if delivery is not None else None
    if centre_id is None:
        log.warning("refused an email to %s: its delivery is gone", email.recipients)
        return Received(Outcome.NOT_A_REPLY)
    files: list[CheckedFile] = []
    notes: list[str] = []
    if email.attachments:
        with database.reading() as session:
            verdict = judge(session, settings, email)
        if verdict.outcome is Outcome.STORED:
            files, notes = keep_files(store, centre_id, email.attachments)
    with centre_write(database, announcer, centre_id) as session:
        received = receive_email(session, settings, email, utcnow(), files, notes)
    if not received.stored:
        log.warning("refused an email from %s: %s", email.sender, received.outcome)
    return received
