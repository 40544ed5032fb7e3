"""Keep-alive connections for the two calls every command's round trip makes.

Pushing the outbox and reading the change feed happen on every reply. Through
`requests` each call cost about a millisecond of client CPU on top of the request
itself (preparing, merging settings, adapters, urllib3's pool); a plain
`http.client` connection kept per thread costs a third of that. Everything else the
client asks of the server still goes through `requests`, and so do these two calls
when a proxy is configured for the server, which this transport does not speak.

Both calls are safe to send again: the feed is a read, and the server applies each
command once whatever number of times it arrives. So a request that fails on a
connection the server has meanwhile closed (its keep-alive timeout ran out) is sent
once more on a fresh connection.
"""

from __future__ import annotations

import http.client
import select
import ssl
import threading
import weakref
from urllib.parse import urlsplit

from desk.sync.errors import Offline

# A kept connection is dropped by the server after a few idle seconds; these are what
# reusing such a connection raises before any answer arrives.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class KeepAlive:
    """One persistent connection to the server per calling thread."""

    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        *,
        connect_timeout: float,
        read_timeout: float,
        ca_file: str | None,
    ) -> None:
        parts = urlsplit(base_url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port
        self._base_path = parts.path.rstrip("/")
        self._headers = headers
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._ca_file = ca_file
        self._context: ssl.SSLContext | None = None
        self._local = threading.local()
        self._all: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._description = base_url
        # Sockets close with the transport even when nobody called `close()`.
        weakref.finalize(self, _close_all, self._all, self._lock)

    def request(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes, str]:
        """Send one request; answers (status, body, content type).

        Raises:
            Offline: the server could not be reached, or the connection broke.
        """
        connection, reused = self._connection()
        try:
            return self._exchange(connection, method, path, body, headers)
        except _STALE as error:
            self._drop(connection)
            if not reused:
                raise Offline(f"cannot reach the server at {self._description}") from error
        except (OSError, http.client.HTTPException) as error:
            self._drop(connection)
            raise Offline(f"cannot reach the server at {self._description}") from error
        connection, _ = self._connection()  # the server had closed the kept one
        try:
            return self._exchange(connection, method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            self._drop(connection)
            raise Offline(f"cannot reach the server at {self._description}") from error

    def close(self) -> None:
        """Close every kept connection (from any thread)."""
        _close_all(self._all, self._lock)

    def _exchange(
        self,
        connection: http.client.HTTPConnection,
        method: str,
        path: str,
        body: bytes | None,
        headers: dict[str, str],
    ) -> tuple[int, bytes, str]:
        if connection.sock is None:
            connection.connect()
            connection.sock.settimeout(self._read_timeout)  # connected: reads may wait
        connection.request(
            method, self._base_path + path, body=body, headers={**self._headers, **headers}
        )
        response = connection.getresponse()
        content = response.read()
        if response.will_close:
            self._drop(connection)
        return response.status, content, response.getheader("Content-Type") or "unknown content"

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection and whether it was used before; a kept connection
        the server has closed is replaced before it is tried."""
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is not None and connection.sock is not None and _closed_by_peer(connection):
            self._drop(connection)
            connection = None
        if connection is not None:
            return connection, connection.sock is not None
        if self._https:
            connection = http.client.HTTPSConnection(
                self._host, self._port, timeout=self._connect_timeout, context=self._tls()
            )
        else:
            connection = http.client.HTTPConnection(
                self._host, self._port, timeout=self._connect_timeout
            )
        self._local.connection = connection
        with self._lock:
            self._all.append(connection)
        return connection, False

    def _tls(self) -> ssl.SSLContext:
        """The TLS settings, made on first use so a bad bundle fails a call, not startup.

        Raises:
            Offline: the certificate bundle cannot be read.
        """
        if self._context is None:
            try:
                self._context = ssl.create_default_context(cafile=self._ca_file)
            except (OSError, ssl.SSLError) as error:
                raise Offline(
                    f"the certificates to trust ({self._ca_file}) cannot be read: {error}"
                ) from error
        return self._context

    def _drop(self, connection: http.client.HTTPConnection) -> None:
        connection.close()
        if getattr(self._local, "connection", None) is connection:
            self._local.connection = None
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
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)
