"""Keep-alive HTTP connections for one service, on urllib3's connection pool.

Both sides make the same kind of call many times a second: the client pushes its
outbox and reads the change feed on every reply, and a delivery worker posts one
request to the SMS or push provider per message. urllib3 keeps the connections
(a pool per host, shared by the calling threads), replaces a kept connection the
peer closed while it was idle before reusing it, speaks TLS and goes through HTTP
and HTTPS proxies; that is maintained by others. What stays ours is small:

- whether a request may be sent again when the peer hangs up on it
  (`resend_if_stale`): harmless for a read or for a command the server applies
  once, not for a text message, which must surface as "outcome unknown";
- failures sorted by what they say about the request: `ConnectFailed` and
  `TlsSettingsError` sent nothing, `ExchangeFailed` may have delivered it;
- the TLS settings made on first use, so a bad CA bundle fails a call with a clear
  reason instead of the app's start;
- proxy settings read from the environment once per host, not on every request
  (scanning the environment cost `requests` a millisecond per call);
- `abort`: ending the requests in flight from another thread (a long-poll).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import urllib.request
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import orjson
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    HTTPError,
    LocationValueError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
)

_DEFAULT_CONNECTIONS = 10


class ConnectFailed(OSError):
    """No connection could be opened: nothing was sent."""


class TlsSettingsError(OSError):
    """The certificates to trust could not be read: nothing was sent."""


class ExchangeFailed(OSError):
    """The exchange broke after connecting: the request may have been delivered."""


class ReadTimedOut(ExchangeFailed):
    """The peer stayed silent for longer than the read timeout."""


@dataclass(frozen=True)
class Reply:
    """An HTTP answer, read whole."""

    status_code: int
    reason_phrase: str
    headers: Mapping[str, str]
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


class Streamed:
    """An answer whose body is read as it arrives (`KeepAlive.open`)."""

    def __init__(self, response: urllib3.BaseHTTPResponse, host: str) -> None:
        self._response = response
        self._host = host
        self._ended = False

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self._response.status

    @property
    def headers(self) -> Mapping[str, str]:
        """The answer's headers."""
        return self._response.headers

    def read_all(self) -> bytes:
        """The rest of the body, whole (an error answer, say).

        Raises:
            ExchangeFailed: the exchange broke while reading.
        """
        try:
            data = self._response.read()
        except (HTTPError, OSError) as error:
            raise ExchangeFailed(f"talking to {self._host} failed: {error}") from error
        self._ended = True
        return data

    def read_some(self) -> bytes:
        """What has arrived of the body, waiting for at least a byte; b"" at its end.

        Never waits to fill a buffer: an event is passed on as soon as it arrives.

        Raises:
            ReadTimedOut: nothing arrived within the read timeout.
            ExchangeFailed: the exchange broke.
        """
        try:
            data = self._response.read1(65536)
        except (ReadTimeoutError, TimeoutError) as error:
            raise ReadTimedOut(f"{self._host} sent nothing for too long: {error}") from error
        except (HTTPError, OSError) as error:
            raise ExchangeFailed(f"talking to {self._host} failed: {error}") from error
        self._ended = not data
        return data

    def close(self) -> None:
        """Give the connection back when the body was read to its end, else close it."""
        if not self._ended:
            self._response.close()  # a half-read body cannot be followed by a request
        self._response.release_conn()


class KeepAlive:
    """Pooled persistent connections for one service."""

    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        *,
        connect_timeout: float,
        read_timeout: float,
        ca_file: str | None = None,
        basic_auth: tuple[str, str] | None = None,
        max_connections: int = _DEFAULT_CONNECTIONS,
    ) -> None:
        """Describe the service; nothing is opened or read until the first request.

        Args:
            base_url: what a relative request URL is joined to.
            headers: sent with every request.
            connect_timeout: the longest opening a connection may take.
            read_timeout: the longest the peer may stay silent once connected.
            ca_file: the certificates to trust; the system's when None.
            basic_auth: a user and password sent with every request.
            max_connections: connections kept per host; as many threads as this can
                call at once without opening a connection per call.
        """
        self._base_url = base_url.rstrip("/")
        self._headers = dict(headers)
        if basic_auth is not None:
            self._headers.update(urllib3.make_headers(basic_auth=":".join(basic_auth)))
        self._timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self._connect_timeout = connect_timeout
        self._ca_file = ca_file
        self._max_connections = max_connections
        self._context: ssl.SSLContext | None = None
        self._proxies = urllib.request.getproxies()
        self._lock = threading.Lock()
        # One manager per (scheme, proxy); each host's route to one is looked up once.
        self._managers: dict[tuple[str, str | None], urllib3.PoolManager] = {}
        self._routes: dict[tuple[str, str], urllib3.PoolManager] = {}
        self._watch = _Watch()
        self._pool_classes = _pool_classes(self._watch)

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        resend_if_stale: bool,
        read_timeout: float | None = None,
    ) -> Reply:
        """Send one request and read the whole answer. Redirects are not followed.

        Args:
            method: the HTTP method.
            url: a path below the base URL, or an absolute URL.
            body: the request body, already encoded.
            headers: headers for this request only.
            resend_if_stale: send once more on a fresh connection when the peer hangs
                up before answering (a kept connection it closed as the request went
                out). Only for a request that is harmless to repeat.
            read_timeout: this request's read timeout, when it differs (a long-poll).

        Raises:
            ConnectFailed: no connection could be opened (nothing was sent).
            TlsSettingsError: the certificates to trust cannot be read.
            ExchangeFailed: the exchange broke after connecting.
        """
        full_url = url if "://" in url else self._base_url + url
        parts = urlsplit(full_url)
        manager = self._manager(parts.scheme, parts.hostname or "localhost")
        timeout = self._timeout
        if read_timeout is not None:
            timeout = urllib3.Timeout(connect=self._connect_timeout, read=read_timeout)
        sent_headers = {**self._headers, **headers} if headers else self._headers
        attempts = 2 if resend_if_stale else 1
        while True:
            attempts -= 1
            try:
                response = manager.urlopen(
                    method,
                    full_url,
                    body=body,
                    headers=sent_headers,
                    timeout=timeout,
                    retries=False,
                    redirect=False,
                )
            except (NewConnectionError, ProxyError, LocationValueError) as error:
                # Raised only before the request went out (to the peer or the proxy).
                raise ConnectFailed(f"cannot connect to {parts.hostname}: {error}") from error
            except ProtocolError as error:
                if attempts:
                    continue
                raise ExchangeFailed(f"{parts.hostname} hung up: {error}") from error
            except HTTPError as error:  # a read timeout, a TLS failure mid-exchange
                raise ExchangeFailed(f"talking to {parts.hostname} failed: {error}") from error
            return Reply(response.status, response.reason or "", response.headers, response.data)

    def open(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        *,
        read_timeout: float | None = None,
    ) -> Streamed:
        """Send a GET and return its answer unread, for a body that arrives over time.

        For a stream of events: the caller reads it as it comes and closes it. The
        connection goes back to the pool only when the body was read to its end.
        A stale kept connection is replaced and the request sent once more (a GET).

        Raises:
            ConnectFailed: no connection could be opened (nothing was sent).
            TlsSettingsError: the certificates to trust cannot be read.
            ReadTimedOut: the answer's head did not come within the read timeout.
            ExchangeFailed: the exchange broke before the answer's head arrived.
        """
        full_url = url if "://" in url else self._base_url + url
        parts = urlsplit(full_url)
        manager = self._manager(parts.scheme, parts.hostname or "localhost")
        timeout = self._timeout
        if read_timeout is not None:
            timeout = urllib3.Timeout(connect=self._connect_timeout, read=read_timeout)
        sent_headers = {**self._headers, **headers} if headers else self._headers
        attempts = 2
        while True:
            attempts -= 1
            try:
                response = manager.urlopen(
                    "GET",
                    full_url,
                    headers=sent_headers,
                    timeout=timeout,
                    retries=False,
                    redirect=False,
                    preload_content=False,
                )
            except (NewConnectionError, ProxyError, LocationValueError) as error:
                raise ConnectFailed(f"cannot connect to {parts.hostname}: {error}") from error
            except ProtocolError as error:
                if attempts:
                    continue
                raise ExchangeFailed(f"{parts.hostname} hung up: {error}") from error
            except ReadTimeoutError as error:
                raise ReadTimedOut(f"{parts.hostname} sent no answer in time: {error}") from error
            except HTTPError as error:
                raise ExchangeFailed(f"talking to {parts.hostname} failed: {error}") from error
            return Streamed(response, parts.hostname or "")

    def abort(self) -> None:
        """End every request in flight now, from any thread, and refuse new ones until `resume`.

        Each request in flight raises `ExchangeFailed` (or `ConnectFailed`) in its thread.

        A blocked read cannot be interrupted politely, so the sockets are shut down;
        the pool replaces them when requests are allowed again.
        """
        self._watch.abort()

    def resume(self) -> None:
        """Allow requests again after `abort`."""
        self._watch.resume()

    def close(self) -> None:
        """Close every kept connection (from any thread)."""
        with self._lock:
            managers = list(self._managers.values())
        for manager in managers:
            manager.clear()

    def _manager(self, scheme: str, host: str) -> urllib3.PoolManager:
        """The pool manager that reaches `host`.

        That is direct, or through the proxy the environment names for it.
        """
        route = self._routes.get((scheme, host))
        if route is not None:
            return route
        proxy = None if urllib.request.proxy_bypass(host) else self._proxies.get(scheme)
        with self._lock:
            manager = self._managers.get((scheme, proxy))
            if manager is None:
                manager = self._new_manager(scheme, proxy)
                self._managers[(scheme, proxy)] = manager
            self._routes[(scheme, host)] = manager
        return manager

    def _new_manager(self, scheme: str, proxy: str | None) -> urllib3.PoolManager:
        options: dict[str, Any] = {
            "maxsize": self._max_connections,
            "block": False,
            "retries": False,
        }
        if scheme == "https":
            options["ssl_context"] = self._tls()
        manager: urllib3.PoolManager
        if proxy is None:
            manager = urllib3.PoolManager(num_pools=4, **options)
        else:
            auth = urllib3.util.parse_url(proxy).auth
            proxy_headers = urllib3.make_headers(proxy_basic_auth=auth) if auth else None
            manager = urllib3.ProxyManager(proxy, proxy_headers=proxy_headers, **options)
        manager.pool_classes_by_scheme = self._pool_classes
        return manager

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


class _Watch:
    """The open connections of one `KeepAlive`, so that `abort` can reach them.

    Also the rule that whatever fails while connecting sent nothing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()
        self._refusing = False

    def connect(self, connection: HTTPConnection, connect: Callable[[], None]) -> None:
        """Run `connect` (TCP, the proxy's tunnel, the TLS handshake).

        Any failure becomes `NewConnectionError`, which urllib3 passes on as it is.
        """
        try:
            connect()
        except NewConnectionError:
            raise
        except (OSError, HTTPError, ValueError) as error:
            raise NewConnectionError(connection, f"cannot connect: {error}") from error
        with self._lock:
            self._open.add(connection)
            refusing = self._refusing
        if refusing:  # connected just as `abort` ran
            _shut(connection)

    def abort(self) -> None:
        with self._lock:
            self._refusing = True
            connections = list(self._open)
        for connection in connections:
            _shut(connection)

    def resume(self) -> None:
        with self._lock:
            self._refusing = False


def _shut(connection: HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def _pool_classes(watch: _Watch) -> dict[str, type[urllib3.HTTPConnectionPool]]:
    """Pool classes whose connections report to `watch`.

    They plug into urllib3's `ConnectionCls` extension point.
    """

    class Connection(HTTPConnection):
        def connect(self) -> None:
            watch.connect(self, super().connect)

    class TlsConnection(HTTPSConnection):
        def connect(self) -> None:
            watch.connect(self, super().connect)

    class Pool(urllib3.HTTPConnectionPool):
        ConnectionCls = Connection

    class TlsPool(urllib3.HTTPSConnectionPool):
        ConnectionCls = TlsConnection

    return {"http": Pool, "https": TlsPool}
