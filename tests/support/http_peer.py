"""A bare HTTP/1.1 peer on a loopback socket, for testing the transport itself.

A FastAPI server cannot be told to hang up on a kept connection at a chosen moment,
to never answer, or to stand in for a proxy; this peer can, and it records what it
was sent.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ANSWER = b'{"results": [], "last_seq": 0, "version": 1}'
HOST = "127.0.0.1"


@dataclass
class HttpPeer:
    """Answers each connection's first `answers` requests, then hangs up on it.

    That is what a server does when a kept connection times out.

    Attributes:
        answers: requests answered per connection.
        hang_up_silently: close right after the last answer (while the client is
            idle), or only when the next request comes.
        silent: answer nothing; hold every connection open until `release` is set.
        tls: wrap each connection in this server context.
        heads: the head (request line and headers) of every request received.
    """

    answers: int
    hang_up_silently: bool = False
    silent: bool = False
    tls: ssl.SSLContext | None = None
    listener: socket.socket = field(default_factory=socket.socket)
    connections: int = 0
    requests: int = 0
    heads: list[bytes] = field(default_factory=list)
    hung_up: threading.Event = field(default_factory=threading.Event)
    received: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        """The peer's base URL, plain HTTP."""
        return f"http://{HOST}:{self.listener.getsockname()[1]}"

    @property
    def port(self) -> int:
        """The port it listens on."""
        port: int = self.listener.getsockname()[1]
        return port

    def serve(self) -> None:
        """Accept connections until the listener closes."""
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._talk, args=(client,), daemon=True).start()

    def _talk(self, client: socket.socket) -> None:
        try:
            if self.tls is not None:
                client = self.tls.wrap_socket(client, server_side=True)
            self._answer(client)
        except OSError:
            pass  # a failed handshake, or the client went away
        finally:
            client.close()
            self.hung_up.set()

    def _answer(self, client: socket.socket) -> None:
        reader = client.makefile("rb")
        for n in range(self.answers + 1):
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                line = reader.readline()
                if not line:
                    return
                head += line
            self.heads.append(head)
            length = next(
                (
                    int(h.split(b":")[1])
                    for h in head.split(b"\r\n")
                    if h.lower().startswith(b"content-length")
                ),
                0,
            )
            reader.read(length)
            if self.silent:
                self.received.set()
                self.release.wait()
                return
            if n == self.answers:
                return  # a request on a connection we meant to close: hang up
            self.requests += 1
            client.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(ANSWER)}\r\n\r\n".encode()
                + ANSWER
            )
            if n + 1 == self.answers and self.hang_up_silently:
                return


class MakePeer(Protocol):
    """Starts an `HttpPeer` listening on loopback."""

    def __call__(
        self,
        answers: int,
        *,
        hang_up_silently: bool = False,
        silent: bool = False,
        tls: ssl.SSLContext | None = None,
    ) -> HttpPeer: ...


@contextmanager
def http_peers() -> Iterator[MakePeer]:
    """A factory of started peers, all stopped at the end."""
    started: list[HttpPeer] = []

    def make(
        answers: int,
        *,
        hang_up_silently: bool = False,
        silent: bool = False,
        tls: ssl.SSLContext | None = None,
    ) -> HttpPeer:
        peer = HttpPeer(answers, hang_up_silently=hang_up_silently, silent=silent, tls=tls)
        peer.listener.bind((HOST, 0))
        peer.listener.listen()
        threading.Thread(target=peer.serve, daemon=True).start()
        started.append(peer)
        return peer

    try:
        yield make
    finally:
        for peer in started:
            peer.release.set()
            peer.listener.close()


def self_signed_tls(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A server context with a fresh self-signed certificate for 127.0.0.1.

    Returns:
        The context, and the PEM file a client must trust to talk to it.
    """
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "peer.test")])
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
    return context, cert_path
