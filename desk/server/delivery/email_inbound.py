"""Email replies into their conversation (seed 004: "reply from any channel").

An answer to one of our emails reaches the server either as a provider's
inbound-parse webhook (`desk.server.api.email_webhooks`) or through our own SMTP
receiver (`desk mail`, for self-hosting). Both hand over an `InboundEmail`, and
`receive_email` decides here, once:

- It must be addressed to a reply address whose MAC checks out
  (`desk.core.email_replies`); anything else is refused and nothing is stored.
- Its sender must be the guardian the email went to, by the address on file. A
  stranger or a forged `From:` is refused, audited with what they wrote, and not
  stored in the conversation.
- A stopped conversation takes no reply (as for texts); a guardian no longer in a
  group conversation is refused too.
- Otherwise the new text (quote and signature trimmed) is posted as the guardian's
  message, the conversation turns Unread, and other guardians get it by their
  channel, exactly as a texted reply (`replies.post_reply`).

The message id derives from the email's Message-ID, so a provider retrying its
webhook or a mail server delivering twice stores the reply once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from enum import StrEnum
from html.parser import HTMLParser

from sqlalchemy.orm import Session

from desk.core.attachments import with_notes
from desk.core.email_replies import delivery_of, new_text
from desk.core.ids import derived_id
from desk.core.kinds import AuditAction, PersonKind, ThreadKind
from desk.server.attachments.incoming import IncomingFile, unnamed_file
from desk.server.commands.attachments import CheckedFile, attach_file
from desk.server.conversations import members
from desk.server.delivery.email_reply_settings import EmailReplySettings
from desk.server.delivery.replies import PREVIEW_LENGTH, Answered, post_reply
from desk.server.orm import AuditEvent, Delivery, Guardian, Message, Thread

MAX_TEXT = 10_000
"""Longest reply text kept; the rest of a very long email is cut, and marked so."""


@dataclass(frozen=True)
class InboundEmail:
    """An email answering one of ours, however it reached the server."""

    message_id: str  # the Message-ID header, or a hash of the email when it has none
    sender: str  # the bare address of From:
    recipients: tuple[str, ...]  # envelope recipients, else To: and Cc:
    subject: str
    text: str
    authenticated: bool = True  # False: the MX said the sender's domain failed checks
    attachments: tuple[IncomingFile, ...] = ()  # files and inline images, in order


class Outcome(StrEnum):
    """What became of an inbound email."""

    STORED = "stored"
    DUPLICATE = "duplicate"
    NOT_A_REPLY = "not_a_reply"  # no valid reply address: refused, centre unknown
    UNKNOWN_SENDER = "unknown_sender"  # audited, not stored
    STOPPED = "stopped"  # audited, not stored
    NOT_A_PARTICIPANT = "not_a_participant"  # audited, not stored


@dataclass(frozen=True)
class Received:
    """The outcome, and where (empty when the email was not ours)."""

    outcome: Outcome
    centre_id: str = ""
    thread_id: str = ""
    message_id: str = ""

    @property
    def stored(self) -> bool:
        """Whether the reply is in its conversation (now or from an earlier delivery)."""
        return self.outcome in (Outcome.STORED, Outcome.DUPLICATE)


def reply_delivery(settings: EmailReplySettings, recipients: tuple[str, ...]) -> str | None:
    """The delivery the first valid reply address among `recipients` names."""
    for address in recipients:
        if found := delivery_of(settings.key, address, settings.domain):
            return found
    return None


@dataclass(frozen=True)
class Verdict:
    """What `judge` found: the outcome an email would have, and where it would go."""

    outcome: Outcome
    thread: Thread | None = None
    guardian: Guardian | None = None
    stored_id: str = ""


def judge(session: Session, settings: EmailReplySettings, email: InboundEmail) -> Verdict:
    """Whether `email` is a reply to store, a duplicate, or refused and why (reads only).

    Run once before the email's files are stored (so a refused email stores no file)
    and again in the write transaction, which decides.
    """
    delivery_id = reply_delivery(settings, email.recipients)
    delivery = session.get(Delivery, delivery_id) if delivery_id else None
    if delivery is None or delivery.deleted:
        return Verdict(Outcome.NOT_A_REPLY)
    message = session.get_one(Message, delivery.message_id)
    thread = session.get_one(Thread, message.thread_id)
    stored_id = derived_id("inbound-email", thread.centre_id, email.message_id)
    if session.get(Message, stored_id) is not None:
        return Verdict(Outcome.DUPLICATE, thread, None, stored_id)
    guardian = (
        session.get(Guardian, delivery.recipient_id)
        if delivery.recipient_kind == PersonKind.GUARDIAN and delivery.recipient_id
        else None
    )
    if (
        guardian is None
        or guardian.deleted
        or not email.authenticated
        or (guardian.email or "").casefold() != email.sender.casefold()
    ):
        return Verdict(Outcome.UNKNOWN_SENDER, thread)
    if thread.kind == ThreadKind.GROUP and guardian.id not in {
        m.person_id for m in members(session, thread.id) if m.person_kind == PersonKind.GUARDIAN
    }:
        return Verdict(Outcome.NOT_A_PARTICIPANT, thread)
    if thread.stopped:
        return Verdict(Outcome.STOPPED, thread)
    return Verdict(Outcome.STORED, thread, guardian, stored_id)


def receive_email(
    session: Session,
    settings: EmailReplySettings,
    email: InboundEmail,
    now: datetime,
    files: Sequence[CheckedFile] = (),
    notes: Sequence[str] = (),
) -> Received:
    """Post a reply in its conversation, or refuse it (see the module docstring).

    `files` are the email's files, already stored and checked (`keep_files`), and
    `notes` say why each of its other files was not attached, in the message itself.
    """
    verdict = judge(session, settings, email)
    thread = verdict.thread
    if thread is None:
        return Received(Outcome.NOT_A_REPLY)
    if verdict.outcome is Outcome.DUPLICATE:
        return Received(Outcome.DUPLICATE, thread.centre_id, thread.id, verdict.stored_id)
    text = _clip(new_text(email.text))
    if verdict.outcome is not Outcome.STORED or verdict.guardian is None:
        return _refuse(session, verdict.outcome, thread, email, text, now)
    body = with_notes(text, notes)
    message = post_reply(
        session, Answered(thread, verdict.guardian.id), verdict.stored_id, None, body, now
    )
    if not body and files:
        thread.last_message_preview = files[0].name[:PREVIEW_LENGTH]
    for index, file in enumerate(files):
        attach_file(session, message, index, file)
    return Received(Outcome.STORED, thread.centre_id, thread.id, verdict.stored_id)


_REFUSALS = {
    Outcome.UNKNOWN_SENDER: "an email reply from an address not on file for its guardian",
    Outcome.STOPPED: "an email reply to a stopped conversation",
    Outcome.NOT_A_PARTICIPANT: "an email reply from a guardian no longer in the conversation",
}


def _refuse(
    session: Session,
    outcome: Outcome,
    thread: Thread,
    email: InboundEmail,
    text: str,
    now: datetime,
) -> Received:
    """Audit a refused reply once per email; nothing goes into the conversation."""
    event_id = derived_id("email-refused", thread.centre_id, email.message_id)
    if session.get(AuditEvent, event_id) is None:
        session.add(
            AuditEvent(
                id=event_id,
                centre_id=thread.centre_id,
                at=now,
                action=AuditAction.EMAIL_REFUSED,
                actor_kind="email",
                actor_label=email.sender[:200],
                thread_id=thread.id,
                detail=f"{_REFUSALS[outcome]}, not stored: {text[:PREVIEW_LENGTH]}",
            )
        )
    return Received(outcome, thread.centre_id, thread.id)


def _clip(text: str) -> str:
    text = text.replace("\x00", "")  # PostgreSQL text takes no NUL
    if len(text) <= MAX_TEXT:
        return text
    return text[: MAX_TEXT - 1] + "…"


def parse_email(raw: bytes, envelope_recipients: tuple[str, ...] = ()) -> InboundEmail:
    """An `InboundEmail` from the bytes of an RFC 5322 message (`desk mail`).

    The text is the first text/plain part, else the text of the first text/html
    part; undecodable bytes become U+FFFD rather than failing the reply.
    """
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)  # policy.default builds EmailMessage
    recipients = envelope_recipients or tuple(
        address
        for _, address in getaddresses(
            [str(v) for v in parsed.get_all("To", []) + parsed.get_all("Cc", [])]
        )
    )
    message_id = str(parsed.get("Message-ID", "")).strip() or (
        "sha256:" + hashlib.sha256(raw).hexdigest()
    )
    return InboundEmail(
        message_id=message_id[:250],
        sender=parseaddr(str(parsed.get("From", "")))[1],
        recipients=recipients,
        subject=str(parsed.get("Subject", "")),
        text=_body_text(parsed),
        attachments=_mime_files(parsed),
    )


def _mime_files(parsed: EmailMessage) -> tuple[IncomingFile, ...]:
    """The email's files: attached parts and inline images, in the order they came.

    Every leaf part but the body's own text is a file: a part with a file name, or
    any part that is not text (an inline photo named only by its Content-ID). An
    inline image without a name is named from its type ("inline 1.png"). The name is
    the sender's, unchecked here: `keep_files` refuses a folder path or a lying type.
    """
    body = parsed.get_body(preferencelist=("plain", "html"))
    files: list[IncomingFile] = []
    unnamed = 0
    for part in parsed.walk():
        if part.is_multipart() or part is body:
            continue
        name = part.get_filename()
        if name is None:
            if part.get_content_maintype() == "text":
                continue  # another rendering of the body (text/html beside text/plain)
            unnamed += 1
            name = unnamed_file(part.get_content_type(), unnamed)
        payload = part.get_payload(decode=True)
        content = payload if isinstance(payload, bytes) else b""
        files.append(IncomingFile(name, _reader(content)))
    return tuple(files)


def _reader(content: bytes) -> Callable[[], Iterable[bytes]]:
    return lambda: (content,)


def _body_text(parsed: EmailMessage) -> str:
    part = parsed.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):  # an unknown or lying charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = str(content)
    return html_text(text) if part.get_content_subtype() == "html" else text


def html_text(html: str) -> str:
    """The readable text of an HTML email: tags dropped, blocks on their own lines.

    Quoted originals in `<blockquote>` are left out, as a mail client shows them folded.
    """
    reader = _HtmlText()
    reader.feed(html)
    reader.close()
    lines = [" ".join(line.split()) for line in "".join(reader.parts).split("\n")]
    return "\n".join(lines).strip()


class _HtmlText(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4"})
    _HIDDEN = frozenset({"script", "style", "head", "title", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
