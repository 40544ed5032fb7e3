"""A loopback SMTP relay (aiosmtpd) that records what it accepts.

It speaks real SMTP, including STARTTLS, implicit TLS and AUTH with a throwaway
self-signed certificate (`ca_file` is what a client must trust), and refuses given
recipients or message data with the reply codes a real relay uses.
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.net import free_port

HOST = "127.0.0.1"
_START_ATTEMPTS = 3
_REPLIES = {
    450: "450 4.2.1 <{address}>: Mailbox busy, try again later",
    452: "452 4.2.2 <{address}>: Mailbox full, try again later",
    550: "550 5.1.1 <{address}>: Recipient address rejected: User unknown",
    552: "552 5.2.2 <{address}>: Mailbox full",
}
_DATA_REPLIES = {
    451: "451 4.3.0 Error: queue file write error",
    554: "554 5.7.1 Message rejected as spam",
}


@dataclass(frozen=True)
class ReceivedEmail:
    """One accepted message: the envelope, the parsed message, how it came."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage
    over_tls: bool
    login: str | None


class SmtpDouble:
    """An SMTP relay on loopback.

    Args:
        tls: "none", "starttls" (STARTTLS required before MAIL) or "implicit".
        login: (user, password) to require AUTH with; AUTH is offered only over TLS.
    """

    def __init__(
        self,
        tls: Literal["none", "starttls", "implicit"] = "none",
        login: tuple[str, str] | None = None,
    ) -> None:
        self.tls = tls
        self.login = login
        self.host = HOST
        self.port = 0
        self._lock = threading.Lock()
        self._received: list[ReceivedEmail] = []
        self._refusals: dict[str, str] = {}
        self._data_refusal: str | None = None
        self._drops = 0
        self._controller: Controller | None = None
        self._certs: tempfile.TemporaryDirectory[str] | None = None

    @property
    def received(self) -> list[ReceivedEmail]:
        """Every accepted message, oldest first."""
        with self._lock:
            return list(self._received)

    @property
    def ca_file(self) -> str:
        """The PEM certificate a client must trust to talk TLS to this relay."""
        assert self._certs is not None, "this double speaks no TLS"
        return str(Path(self._certs.name) / "cert.pem")

    def refuse(self, address: str, code: int) -> None:
        """Answer RCPT TO for `address` with `code` (450, 452, 550 or 552)."""
        with self._lock:
            self._refusals[address] = _REPLIES[code].format(address=address)

    def refuse_data(self, code: int) -> None:
        """Answer every DATA with `code` (451 or 554)."""
        with self._lock:
            self._data_refusal = _DATA_REPLIES[code]

    def accept_then_drop_connection(self, count: int = 1) -> None:
        """Record the next `count` messages, then hang up before replying to DATA."""
        with self._lock:
            self._drops += count

    def start(self) -> Self:
        """Listen on a free loopback port (retrying if another process takes it)."""
        context = self._tls_context() if self.tls != "none" else None
        for attempt in range(_START_ATTEMPTS):
            self.port = free_port(HOST)
            controller = Controller(
                _Handler(self),
                hostname=HOST,
                port=self.port,
                server_hostname="smtp.double.test",
                ssl_context=context if self.tls == "implicit" else None,
                tls_context=context if self.tls == "starttls" else None,
                require_starttls=self.tls == "starttls",
                authenticator=self._authenticate if self.login else None,
                auth_required=self.login is not None,
            )
            try:
                controller.start()
            except OSError:
                if attempt == _START_ATTEMPTS - 1:
                    raise
                continue
            self._controller = controller
            break
        return self

    def stop(self) -> None:
        """Stop listening and delete the certificate."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if self._certs is not None:
            self._certs.cleanup()
            self._certs = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def refusal_of(self, address: str) -> str | None:
        """The reply configured for RCPT TO `address`, if any."""
        with self._lock:
            return self._refusals.get(address)

    def data_refusal(self) -> str | None:
        """The reply configured for DATA, if any."""
        with self._lock:
            return self._data_refusal

    def record(self, received: ReceivedEmail) -> bool:
        """Keep an accepted message; whether to hang up instead of replying."""
        with self._lock:
            self._received.append(received)
            drop = self._drops > 0
            self._drops -= drop
            return drop

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert self.login is not None
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        return AuthResult(success=(user, password) == self.login, handled=False, auth_data=user)

    def _tls_context(self) -> ssl.SSLContext:
        """A server context with a fresh self-signed certificate for 127.0.0.1."""
        self._certs = tempfile.TemporaryDirectory(prefix="smtp-double-")
        cert_path, key_path = Path(self.ca_file), Path(self._certs.name) / "key.pem"
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtp.double.test")])
        now = datetime.now(UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(hours=1))
            .add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256())
        )
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        return context


class _Handler:
    """aiosmtpd hooks: refuse what the double was told to, record the rest."""

    def __init__(self, double: SmtpDouble) -> None:
        self._double = double

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if refusal := self._double.refusal_of(address):
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if refusal := self._double.data_refusal():
            return refusal
        assert isinstance(envelope.content, bytes)
        # Lines travel as CRLF; read the message as a mailbox would store it.
        content = envelope.content.replace(b"\r\n", b"\n")
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        transport = server.transport
        assert isinstance(transport, asyncio.Transport)
        drop = self._double.record(
            ReceivedEmail(
                mail_from=str(envelope.mail_from),
                rcpt_tos=tuple(envelope.rcpt_tos),
                message=message,
                over_tls=transport.get_extra_info("ssl_object") is not None,
                login=session.auth_data if session.authenticated else None,
            )
        )
        if drop:
            transport.abort()
        return "250 2.0.0 Ok: queued"
