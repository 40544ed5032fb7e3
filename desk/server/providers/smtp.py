"""Email through an SMTP relay (the centre's own, or a sending service's).

A refusal of the recipient with a 5xx reply (550 no such mailbox, 552 mailbox full)
is `InvalidRecipient`, which makes delivery fall back to another channel (seed 004:
"if the user's email inbox is full ... the system will send the messages to SMS").
4xx replies and failures to connect are transient; a session that breaks while the
message is being handed over is `OutcomeUnknown`.

The Message-ID is derived from the idempotency key, so a message sent again after a
lost answer is the same message to every mail client and archive that sees both.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import TYPE_CHECKING

from .base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingEmail,
    ProviderError,
    ProviderReceipt,
    ProviderUnavailable,
)

if TYPE_CHECKING:
    from .config import SmtpSettings

# Replies to RCPT that say this address will never take mail from us: no such user,
# user not local, mailbox full, mailbox name not allowed, bad address syntax.
_RECIPIENT_PERMANENT = frozenset({550, 551, 552, 553, 501})


def message_id(idempotency_key: str, from_address: str) -> str:
    """`<key@sender-domain>`: the same for every attempt at one message."""
    domain = parseaddr(from_address)[1].rpartition("@")[2]
    return f"<{idempotency_key}@{domain}>"


def build_email(message: OutgoingEmail, from_address: str) -> EmailMessage:
    """The RFC 5322 message for `message`, as sent from `from_address`."""
    email = EmailMessage()
    email["From"] = from_address
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(datetime.now(UTC))
    email["Message-ID"] = message_id(message.idempotency_key, from_address)
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email.set_content(message.body_text)
    for file in message.attachments:
        maintype, _, subtype = file.mime_type.partition("/")
        email.add_attachment(file.data, maintype=maintype, subtype=subtype, filename=file.name)
    return email


class SmtpEmail:
    """An `EmailProvider` that opens one SMTP session per message.

    A session per message keeps no connection for a relay to time out between the
    bursts of a childcare day; fan-out to many recipients is still one message each.
    """

    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    def send_email(self, message: OutgoingEmail) -> ProviderReceipt:
        """Relay one message.

        Raises:
            InvalidRecipient: the relay refused the address for good.
            ProviderUnavailable: unreachable, or a 4xx "try later" reply.
            OutcomeUnknown: the session broke while the message was being handed
                over; a resend carries the same Message-ID.
            AuthenticationFailed: the login was refused.
            ProviderError: anything else the relay refused for good, or a TLS setup
                we will not downgrade from.
        """
        email = build_email(message, self._settings.from_address)
        session = self._connect()
        try:
            session.send_message(
                email, from_addr=parseaddr(self._settings.from_address)[1], to_addrs=[message.to]
            )
        except smtplib.SMTPRecipientsRefused as error:
            (code, reply), *_ = error.recipients.values()
            raise _recipient_error(message.to, code, reply) from error
        except smtplib.SMTPResponseException as error:
            raise _reply_error(error.smtp_code, error.smtp_error) from error
        except (smtplib.SMTPException, OSError) as error:
            raise OutcomeUnknown(
                f"The connection to the mail server broke while handing over the message "
                f"({error}), so it may have been accepted."
            ) from error
        finally:
            _hang_up(session)
        return ProviderReceipt(email["Message-ID"], DeliveryState.ACCEPTED)

    def close(self) -> None:
        """Nothing to release: every message has its own session."""

    def _connect(self) -> smtplib.SMTP:
        """A session, encrypted and logged in as configured; nothing is sent yet.

        Raises:
            ProviderError: the matching error for whatever went wrong.
        """
        s = self._settings
        context = ssl.create_default_context(cafile=s.ca_file or None)
        try:
            if s.tls == "implicit":
                session: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout_seconds, context=context
                )
            else:
                session = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
        except (smtplib.SMTPException, OSError) as error:
            raise _setup_error(error) from error
        try:
            if s.tls == "starttls":
                session.starttls(context=context)
            if s.username:
                session.login(s.username, s.password)
        except (smtplib.SMTPException, OSError) as error:
            session.close()
            raise _setup_error(error) from error
        return session


def _hang_up(session: smtplib.SMTP) -> None:
    """Say QUIT if the session still listens; close the socket either way."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        session.quit()
    session.close()


def _reply(code: int, text: bytes | str) -> str:
    decoded = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {decoded}".strip()


def _setup_error(error: smtplib.SMTPException | OSError) -> ProviderError:
    """What a failure before the message was handed over means (nothing was sent)."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        reply = _reply(error.smtp_code, error.smtp_error)
        return AuthenticationFailed(
            f"The mail server refused our login ({reply}).", code=str(error.smtp_code)
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return ProviderError(
            f"The mail server does not offer what we are configured to require ({error}).",
            transient=False,
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply_error(error.smtp_code, error.smtp_error)
    if isinstance(error, ssl.SSLCertVerificationError):
        return ProviderError(
            f"The mail server's certificate is not trusted ({error.verify_message}).",
            transient=False,
        )
    return ProviderUnavailable(f"The mail server could not be reached ({error}).")


def _recipient_error(address: str, code: int, text: bytes) -> ProviderError:
    reply = _reply(code, text)
    if code in _RECIPIENT_PERMANENT:
        return InvalidRecipient(f"The mail server refused {address} ({reply}).", code=str(code))
    if 400 <= code < 500:
        return ProviderUnavailable(
            f"The mail server cannot take mail for {address} now ({reply}).", code=str(code)
        )
    return ProviderError(
        f"The mail server refused {address} ({reply}).", transient=False, code=str(code)
    )


def _reply_error(code: int, text: bytes | str) -> ProviderError:
    reply = _reply(code, text)
    if 400 <= code < 500:
        return ProviderUnavailable(
            f"The mail server asked us to try later ({reply}).", code=str(code)
        )
    return ProviderError(
        f"The mail server refused the message ({reply}).", transient=False, code=str(code)
    )
