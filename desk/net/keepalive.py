"""Keep-alive HTTP connections, one per thread and host, on the standard library.

Both sides make the same kind of call many times a second: the client pushes its
outbox and reads the change feed on every reply, and a delivery worker posts one
request to the SMS or push provider per message. Through `requests` or `httpx`
each call cost about a millisecond of CPU on top of the request itself (preparing,
merging settings, pools shared under a lock); a plain `http.client` connection kept
per thread costs a third of that.

A server closes an idle kept connection after a few seconds. Before reuse, a kept
connection that has become readable (end of stream) is replaced, as urllib3 does.
If the server hangs up after the request went out anyway, whether to send it again
is the caller's decision (`resend_if_stale`): harmless for a read or for a command
the server applies once, not for a text message.
"""

from __future__ import annotations

import base64
import http.client
import select
import socket
import ssl
import threading
import weakref
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

import orjson

# What reusing a connection the server has closed raises before any answer arrives.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class ConnectFailed(OSError):
    """No connection could be opened: nothing was sent."""


class TlsSettingsError(OSError):
    """The certificates to trust could not be read: nothing was sent."""


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, read whole."""

    status_code: int
    reason_phrase: str
    headers: Message
    content: bytes

    @property
    def is_success(self) -> bool:
        """A 2xx status."""
        return 200 <= self.status_code < 300

    @property
    def content_type(self) -> str:
        """The Content-Type, for error messages."""
        return self.headers.get("Content-Type") or "unknown content"

    def json(self) -> Any:
        """The body as JSON.

        Raises:
            ValueError: the body is not JSON.
        """
        return orjson.loads(self.content)


class KeepAlive:
    """Persistent connections for one service: one per calling thread and host."""

    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        *,
        connect_timeout: float,
        read_timeout: float,
        ca_file: str | None = None,
        basic_auth: tuple[str, str] | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._headers = dict(headers)
        if basic_auth is not None:
            pair = f"{basic_auth[0]}:{basic_auth[1]}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._ca_file = ca_file
        self._context: ssl.SSLContext | None = None
        self._local = threading.local()
        self._all: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        # Sockets close with the transport even when nobody called `close()`.
        weakref.finalize(self, _close_all, self._all, self._lock)

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        resend_if_stale: bool,
    ) -> Reply:
        """Send one request and read the whole answer.

        Args:
            method: the HTTP method.
            url: a path below the base URL, or an absolute URL.
            body: the request body, already encoded.
            headers: headers for this request only.
            resend_if_stale: send once more on a fresh connection when a kept one
                turns out to have been closed by the server.

        Raises:
            ConnectFailed: no connection could be opened (nothing was sent).
            TlsSettingsError: the certificates to trust cannot be read.
            OSError, http.client.HTTPException: the exchange broke after connecting.
        """
        scheme, host, port, target = self._split(url)
        connection, reused = self._connection(scheme, host, port)
        try:
            return self._exchange(connection, method, target, body, headers or {})
        except _STALE:
            self._drop(connection)
            if not (reused and resend_if_stale):
                raise
        except BaseException:
            self._drop(connection)
            raise
        connection, _ = self._connection(scheme, host, port)
        try:
            return self._exchange(connection, method, target, body, headers or {})
        except BaseException:
            self._drop(connection)
            raise

    def close(self) -> None:
        """Close every kept connection (from any thread)."""
        _close_all(self._all, self._lock)

    def _split(self, url: str) -> tuple[str, str, int | None, str]:
        parts = urlsplit(url if "://" in url else self._base_url + url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        return parts.scheme, parts.hostname or "localhost", parts.port, target

    def _exchange(
        self,
        connection: http.client.HTTPConnection,
        method: str,
        target: str,
        body: bytes | None,
        headers: dict[str, str],
    ) -> Reply:
        if connection.sock is None:
            try:
                connection.connect()
            except OSError as error:
                raise ConnectFailed(f"cannot connect to {connection.host}: {error}") from error
            sock: socket.socket = connection.sock  # type: ignore[assignment]
            sock.settimeout(self._read_timeout)  # connected now: reads may wait longer
        connection.request(method, target, body=body, headers={**self._headers, **headers})
        response = connection.getresponse()
        content = response.read()
        if response.will_close:
            self._drop(connection)
        return Reply(response.status, response.reason, response.headers, content)

    def _connection(
        self, scheme: str, host: str, port: int | None
    ) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection to the host and whether it was used before; a
        kept connection the server has closed is replaced before it is tried."""
        kept: dict[tuple[str, str, int | None], http.client.HTTPConnection]
        kept = self._local.__dict__.setdefault("kept", {})
        key = (scheme, host, port)
        connection = kept.get(key)
        if connection is not None and _closed_by_peer(connection):
            self._drop(connection)
            connection = None
        if connection is not None:
            return connection, True
        if scheme == "https":
            connection = http.client.HTTPSConnection(
                host, port, timeout=self._connect_timeout, context=self._tls()
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=self._connect_timeout)
        kept[key] = connection
        with self._lock:
            self._all.append(connection)
        return connection, False

    def _tls(self) -> ssl.SSLContext:
        """The TLS settings, made on first use so a bad bundle fails a call, not startup."""
        if self._context is None:
            try:
                self._context = ssl.create_default_context(cafile=self._ca_file)
            except (OSError, ssl.SSLError) as error:
                raise TlsSettingsError(
                    f"the certificates to trust ({self._ca_file}) cannot be read: {error}"
                ) from error
        return self._context

    def _drop(self, connection: http.client.HTTPConnection) -> None:
        connection.close()
        kept = self._local.__dict__.get("kept", {})
        for key, value in list(kept.items()):
            if value is connection:
                del kept[key]
        with self._lock:
            if connection in self._all:
                self._all.remove(connection)


def _close_all(connections: list[http.client.HTTPConnection], lock: threading.Lock) -> None:
    with lock:
        closing = list(connections)
        connections.clear()
    for connection in closing:
        connection.close()


def _closed_by_peer(connection: http.client.HTTPConnection) -> bool:
    """Whether an idle kept connection has become readable, which means end of stream
    (an idle HTTP/1.1 server sends nothing else): urllib3 checks the same way."""
    sock = connection.sock
    if sock is None:
        return False  # never connected, or closed by `_drop`: connects on use
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)
