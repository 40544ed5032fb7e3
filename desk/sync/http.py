"""The hosted backend's HTTP API, as plain method calls with typed failures.

This is the only module of the client that speaks HTTP. Calls block: the sync
engine runs them off the GUI thread.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import orjson
import requests

from desk import __version__
from desk.net.keepalive import KeepAlive, TlsSettingsError
from desk.sync.errors import (
    BadAnswer,
    Cancelled,
    MustRefetch,
    Offline,
    Refused,
    ServerUnavailable,
    Unauthorized,
)

API = "/api/v1"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0


class ServerApi:
    """One server, one optional bearer token, one pooled HTTP session."""

    def __init__(self, base_url: str, token: str | None = None, *, kiosk: bool = False) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._prefix = f"{API}/kiosk" if kiosk else API
        self._http = _session(self.base_url)
        # The round trip's two calls skip `requests` unless a proxy stands in between.
        proxied = urlsplit(self.base_url).scheme in self._http.proxies
        self._keepalive = None if proxied else _keepalive(self.base_url, self._http)
        self._waiting: set[http.client.HTTPConnection] = set()
        self._cancelled: set[http.client.HTTPConnection] = set()
        self._waits_allowed = True
        self._waiting_lock = threading.Lock()

    def close(self) -> None:
        """Release pooled connections."""
        self._http.close()
        if self._keepalive is not None:
            self._keepalive.close()

    def health(self) -> dict[str, Any]:
        """The server's health answer; raises when unreachable."""
        return self._call("GET", f"{API}/health")

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Sign in; answers the token and who it belongs to."""
        answer = self._call(
            "POST", f"{API}/auth/login", json={"username": username, "password": password}
        )
        if not isinstance(answer.get("token"), str):
            raise BadAnswer("the server's sign-in answer had no token")
        return answer

    def me(self) -> dict[str, Any]:
        """Who the token belongs to: kind, id, centre_id, capabilities."""
        return self._call("GET", f"{API}/auth/me")

    def logout(self) -> None:
        """Revoke the current token on the server."""
        self._call("POST", f"{API}/auth/logout", expect_body=False)

    def enroll_kiosk(self, code: str, name: str) -> dict[str, Any]:
        """Trade a one-time enrollment code for a kiosk token."""
        return self._call("POST", f"{API}/kiosk/enroll", json={"code": code, "name": name})

    def issue_enrollment_code(self) -> dict[str, Any]:
        """A one-time code a kiosk enrolls with (admins only)."""
        return self._call("POST", "/api/v1/kiosk/enrollment-codes")

    def rotate_kiosk_token(self) -> dict[str, Any]:
        """A new token for this kiosk; the one in use stops working within the hour."""
        return self._call("POST", f"{API}/kiosk/token")

    def list_kiosks(self) -> dict[str, Any]:
        """The centre's enrolled kiosks (admins only)."""
        return self._call("GET", f"{API}/kiosk/devices")

    def revoke_kiosk(self, device_id: str) -> dict[str, Any]:
        """Revoke an enrolled kiosk and its tokens (admins only)."""
        return self._call("POST", f"{API}/kiosk/devices/{quote(device_id, safe='')}/revoke")

    def reset_kiosk_pin(self, guardian_id: str) -> dict[str, Any]:
        """A new kiosk PIN for a guardian or pickup, answered this once (admins only)."""
        return self._call("POST", f"/api/v1/guardians/{quote(guardian_id, safe='')}/kiosk-pin")

    def changes(
        self, after: str, *, limit: int, wait: int = 0, client_id: str | None = None
    ) -> dict[str, Any]:
        """One page of the change feed (validated by the cache before it is applied)."""
        params: dict[str, Any] = {"after": after, "limit": limit, "wait": wait}
        if client_id:
            params["client_id"] = client_id
        if wait:
            return self._long_poll(f"{self._prefix}/changes?{urlencode(params)}", wait)
        return self._round_trip("GET", f"{self._prefix}/changes?{urlencode(params)}")

    def cancel_waits(self) -> None:
        """End every long-poll in flight now; each raises `Cancelled` in its thread.

        A waiting request cannot be interrupted politely, so its socket is shut down:
        the blocked read returns at once and no thread outlives the sync engine.
        """
        with self._waiting_lock:
            self._waits_allowed = False
            for connection in self._waiting:
                self._cancelled.add(connection)
                if connection.sock is not None:
                    with contextlib.suppress(OSError):  # already closed by the server
                        connection.sock.shutdown(socket.SHUT_RDWR)

    def allow_waits(self) -> None:
        """Let long-polls run again after `cancel_waits` (sync is starting)."""
        with self._waiting_lock:
            self._waits_allowed = True

    def _long_poll(self, path_and_query: str, wait: int) -> dict[str, Any]:
        """A GET that may wait `wait` seconds for the server, cancellable from any thread.

        `requests` gives no handle on the socket of a request in flight, so long-polls
        use `http.client` directly.
        """
        parts = urlsplit(self.base_url)
        factory: Callable[..., http.client.HTTPConnection] = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = factory(parts.hostname, parts.port, timeout=READ_TIMEOUT + wait)
        headers = {"User-Agent": f"FrontDesk/{__version__}", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        with self._waiting_lock:
            if not self._waits_allowed:  # cancelled before this poll could register
                raise Cancelled("the wait for changes was cancelled")
            self._waiting.add(connection)
        try:
            connection.request("GET", parts.path.rstrip("/") + path_and_query, headers=headers)
            response = connection.getresponse()
            status, content = response.status, response.read()
            kind = response.getheader("Content-Type") or "unknown content"
        except (OSError, http.client.HTTPException) as error:
            if connection in self._cancelled:
                raise Cancelled("the wait for changes was cancelled") from error
            raise Offline(f"cannot reach the server at {self.base_url}") from error
        finally:
            with self._waiting_lock:
                self._waiting.discard(connection)
                self._cancelled.discard(connection)
            connection.close()
        return _decode(status, content, kind, expect_body=True)

    def push(self, client_id: str, commands: list[dict[str, Any]]) -> dict[str, Any]:
        """Send outbox commands; see DESIGN.md §4 for the answer."""
        body = {"client_id": client_id, "commands": commands}
        return self._round_trip("POST", f"{self._prefix}/commands", body)

    def _round_trip(self, method: str, path: str, body: object = None) -> dict[str, Any]:
        """A call on the keep-alive transport (through `requests` behind a proxy)."""
        if self._keepalive is None:
            return self._call(method, path, **({} if body is None else {"json": body}))
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        payload = None
        if body is not None:
            payload = orjson.dumps(body)
            headers["Content-Type"] = "application/json"
        try:
            # Both calls are safe to repeat: a read, and commands the server applies once.
            reply = self._keepalive.request(method, path, payload, headers, resend_if_stale=True)
        except TlsSettingsError as error:
            raise Offline(str(error)) from error
        except (OSError, http.client.HTTPException) as error:
            raise Offline(f"cannot reach the server at {self.base_url}") from error
        status, content, kind = reply.status_code, reply.content, reply.content_type
        return _decode(status, content, kind, expect_body=True)

    def _call(
        self,
        method: str,
        path: str,
        *,
        expect_body: bool = True,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        **kwargs: Any,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._http.request(
                method, self.base_url + path, headers=headers, timeout=timeout, **kwargs
            )
        except (requests.ConnectionError, requests.Timeout) as error:
            raise Offline(f"cannot reach the server at {self.base_url}") from error
        except requests.RequestException as error:
            raise Offline(f"the connection to the server failed: {error}") from error
        kind = response.headers.get("Content-Type", "unknown content")
        return _decode(response.status_code, response.content, kind, expect_body=expect_body)


def _session(base_url: str) -> requests.Session:
    """A pooled session whose proxy and CA settings are read from the environment once.

    With `trust_env` on, `requests` scans the whole environment for proxy variables on
    every request, a millisecond per command's round trip; the environment of a
    running app does not change, so it is read here instead.
    """
    session = requests.Session()
    session.headers["User-Agent"] = f"FrontDesk/{__version__}"
    session.proxies.update(requests.utils.get_environ_proxies(base_url))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle
    session.trust_env = False
    return session


def _keepalive(base_url: str, session: requests.Session) -> KeepAlive:
    """The keep-alive transport, trusting what `session` trusts."""
    verify = session.verify
    return KeepAlive(
        base_url,
        {"User-Agent": f"FrontDesk/{__version__}", "Accept": "application/json"},
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        ca_file=verify if isinstance(verify, str) else requests.certs.where(),
    )


def _decode(status: int, content: bytes, kind: str, *, expect_body: bool) -> dict[str, Any]:
    if status >= 500:
        # A full disk (507) has a detail worth showing; most 5xx pages have none.
        reason = _detail(content) or f"the server is having trouble (HTTP {status})"
        raise ServerUnavailable(f"{reason}; retrying")
    if status == 401:
        raise Unauthorized(_detail(content) or "your sign-in has expired: sign in again")
    if status == 410:
        raise MustRefetch(status, _detail(content) or "the server's data was replaced")
    if status >= 400:
        raise Refused(status, _detail(content) or f"the server refused the request ({status})")
    if not expect_body:
        return {}
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        raise BadAnswer(f"the server sent an unreadable answer ({kind})") from error
    if not isinstance(body, dict):
        raise BadAnswer("the server's answer was not a JSON object")
    return body


def _detail(content: bytes) -> str:
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""
