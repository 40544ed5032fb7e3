"""The hosted backend's HTTP API, as plain method calls with typed failures.

This is the only module of the client that speaks HTTP. Calls block: the sync
engine runs them off the GUI thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator, Iterator
from typing import Any
from urllib.parse import quote, urlencode

import certifi
import orjson

from desk import __version__
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.core.worded_wire import from_wire
from desk.net.keepalive import KeepAlive, ReadTimedOut, Reply, Streamed, TlsSettingsError
from desk.sync.errors import (
    BadAnswer,
    Cancelled,
    MustRefetch,
    Offline,
    Refused,
    ServerUnavailable,
    StreamRefused,
    Unauthorized,
)
from desk.sync.events import events

API = "/api/v1"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
EVENT_STREAM = "text/event-stream"
# What a server or a proxy answers for a route it does not have or will not stream.
NO_STREAM_STATUSES = frozenset({404, 405, 406, 501})
CANCELLED = QT_TRANSLATE_NOOP("Errors", "the wait for changes was cancelled")


class ServerApi:
    """One server, one optional bearer token, pooled keep-alive connections.

    Every call goes through `desk.net.keepalive` (urllib3), which honours the proxy
    the environment names for the server. Long-polls have connections of their own,
    so that `cancel_waits` can end them without touching a push in flight.
    """

    def __init__(self, base_url: str, token: str | None = None, *, kiosk: bool = False) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._prefix = f"{API}/kiosk" if kiosk else API
        self._http = _transport(self.base_url)
        self._waits = _transport(self.base_url)
        # Bumped by `cancel_waits`, so that a failed long-poll knows it was cancelled.
        self._wait_generation = 0
        self._waits_allowed = True
        self._waiting_lock = threading.Lock()

    def close(self) -> None:
        """Release the pooled connections of both transports, calls and long-poll waits."""
        self._http.close()
        self._waits.close()

    def health(self) -> dict[str, Any]:
        """The server's health answer; raises when unreachable."""
        return self._call("GET", f"{API}/health")

    def readiness(self) -> dict[str, Any]:
        """`/health/ready`: a Front Desk server says its status and schema revision."""
        return self._call("GET", f"{API}/health/ready")

    def login(self, username: str, password: str) -> dict[str, Any]:
        """Sign in; answers the token and who it belongs to."""
        answer = self._call(
            "POST", f"{API}/auth/login", {"username": username, "password": password}
        )
        if not isinstance(answer.get("token"), str):
            raise BadAnswer(QT_TRANSLATE_NOOP("Errors", "the server's sign-in answer had no token"))
        return answer

    def me(self) -> dict[str, Any]:
        """Who the token belongs to: kind, id, centre_id, capabilities."""
        return self._call("GET", f"{API}/auth/me")

    def logout(self) -> None:
        """Revoke the current token on the server."""
        self._call("POST", f"{API}/auth/logout", expect_body=False)

    def enroll_kiosk(self, code: str, name: str) -> dict[str, Any]:
        """Trade a one-time enrollment code for a kiosk token."""
        return self._call("POST", f"{API}/kiosk/enroll", {"code": code, "name": name})

    def issue_enrollment_code(self) -> dict[str, Any]:
        """A one-time code a kiosk enrolls with (admins only)."""
        return self._call("POST", "/api/v1/kiosk/enrollment-codes")

    def enrollment_code_state(self, code: str) -> dict[str, Any]:
        """Whether an enrollment code was used or expired (admins only)."""
        return self._call("POST", f"{API}/kiosk/enrollment-codes/state", {"code": code})

    def rotate_kiosk_token(self) -> dict[str, Any]:
        """A new token for this kiosk; the one in use stops working within the hour."""
        return self._call("POST", f"{API}/kiosk/token")

    def list_kiosks(self) -> dict[str, Any]:
        """The centre's enrolled kiosks (admins only)."""
        return self._call("GET", f"{API}/kiosk/devices")

    def revoke_kiosk(self, device_id: str) -> dict[str, Any]:
        """Revoke an enrolled kiosk and its tokens (admins only)."""
        return self._call("POST", f"{API}/kiosk/devices/{quote(device_id, safe='')}/revoke")

    def reset_kiosk_pin(self, guardian_id: str, send_by: str = "screen") -> dict[str, Any]:
        """A new kiosk PIN for a guardian or pickup (admins only).

        Answered this once for `send_by` "screen"; for "sms" or "email" the server
        sends it to the guardian and the answer holds no PIN.
        """
        return self._call(
            "POST",
            f"/api/v1/guardians/{quote(guardian_id, safe='')}/kiosk-pin",
            {"send_by": send_by},
        )

    def changes(
        self, after: str, *, limit: int, wait: int = 0, client_id: str | None = None
    ) -> dict[str, Any]:
        """One page of the change feed (validated by the cache before it is applied)."""
        params: dict[str, Any] = {"after": after, "limit": limit, "wait": wait}
        if client_id:
            params["client_id"] = client_id
        if wait:
            return self._long_poll(f"{self._prefix}/changes?{urlencode(params)}", wait)
        # A read: safe to send again when a kept connection turns out closed.
        return self._call("GET", f"{self._prefix}/changes?{urlencode(params)}")

    def cancel_waits(self) -> None:
        """End every long-poll in flight now; each raises `Cancelled` in its thread.

        A waiting request cannot be interrupted politely, so its socket is shut down:
        the blocked read returns at once and no thread outlives the sync engine.
        """
        with self._waiting_lock:
            self._waits_allowed = False
            self._wait_generation += 1
            self._waits.abort()

    def allow_waits(self) -> None:
        """Let long-polls run again after `cancel_waits` (sync is starting)."""
        with self._waiting_lock:
            self._waits_allowed = True
            self._waits.resume()

    def _long_poll(self, path_and_query: str, wait: int) -> dict[str, Any]:
        """A GET that may wait `wait` seconds for the server, cancellable from any thread."""
        generation = self._start_wait()
        try:
            reply = self._send(
                self._waits, "GET", path_and_query, None, READ_TIMEOUT + wait, resend=True
            )
        except Offline as error:
            if self._cancelled_since(generation):
                raise Cancelled(CANCELLED) from error
            raise
        return _decode(reply.status_code, reply.content, reply.content_type, expect_body=True)

    def follow_changes(
        self, after: str, *, limit: int, wait: int, quiet: int, client_id: str | None = None
    ) -> Generator[dict[str, Any]]:
        """Pages of the change feed as the server streams them, for about `wait` seconds.

        The first page comes at once (what is new after `after`, maybe nothing), then
        one per change, each with the cursor the next one follows, and one at least
        every `quiet` seconds (the server's long-poll wait); the stream ends after
        `wait` seconds and the caller opens another from the last cursor. Like a
        long-poll, it runs on the waits' connections, so `cancel_waits` ends it.

        Raises:
            StreamRefused: the server or a proxy on the way does not stream the feed,
                or holds its pages back (no first page before the read timed out).
            MustRefetch: the cursor belongs to other data (the stream's `gone` event).
            Cancelled: `cancel_waits` ended it.
            SyncError: as for any call, on network, server and sign-in failures.
        """
        params: dict[str, Any] = {"after": after, "limit": limit, "wait": wait}
        if client_id:
            params["client_id"] = client_id
        generation = self._start_wait()
        try:
            streamed = self._waits.open(
                f"{self._prefix}/changes/stream?{urlencode(params)}",
                {**self._authorization(), "Accept": EVENT_STREAM},
                read_timeout=READ_TIMEOUT + quiet,
            )
        except (TlsSettingsError, OSError) as error:
            if self._cancelled_since(generation):
                raise Cancelled(CANCELLED) from error
            if isinstance(error, ReadTimedOut):  # the server answers at once: held back
                raise _held_back(READ_TIMEOUT + quiet) from error
            raise self._unreachable(error) from error
        first = True
        try:
            for page in _pages(streamed):
                first = False
                yield page
        except OSError as error:  # the stream was open: the server went away under it
            if self._cancelled_since(generation):
                raise Cancelled(CANCELLED) from error
            if first and isinstance(error, ReadTimedOut):  # the first page comes at once
                raise _held_back(READ_TIMEOUT + quiet) from error
            raise Offline(
                QT_TRANSLATE_NOOP("Errors", "lost the connection to the server at {address}"),
                address=self.base_url,
            ) from error
        finally:
            streamed.close()

    def push(self, client_id: str, commands: list[dict[str, Any]]) -> dict[str, Any]:
        """Send outbox commands; see DESIGN.md §4 for the answer."""
        body = {"client_id": client_id, "commands": commands}
        # Safe to send again: the server applies each command once (by client seq).
        return self._call("POST", f"{self._prefix}/commands", body, resend=True)

    def upload_blob(self, sha256: str, name: str, data: bytes) -> dict[str, Any]:
        """Upload a file to attach, addressed by its SHA-256 (`PUT /blobs/{sha256}`).

        Safe to send again: a file the server already has answers at once.

        Raises:
            Refused: the server will not take the file (too large, a refused kind or
                name); its reason is the error's text.
        """
        headers = {"Content-Type": "application/octet-stream", "X-File-Name": quote(name)}
        reply = self._send_bytes("PUT", f"{API}/blobs/{sha256}", data, headers)
        return _decode(reply.status_code, reply.content, reply.content_type, expect_body=True)

    def attachment_bytes(self, attachment_id: str, *, thumbnail: bool = False) -> bytes:
        """An attachment's file, or its JPEG preview, as the server serves it."""
        path = f"{API}/attachments/{quote(attachment_id, safe='')}"
        reply = self._send_bytes("GET", path + ("/thumbnail" if thumbnail else ""), None, {})
        if reply.status_code >= 300:
            _decode(reply.status_code, reply.content, reply.content_type, expect_body=False)
            raise BadAnswer(
                QT_TRANSLATE_NOOP("Errors", "the server answered {status} for an attachment"),
                status=reply.status_code,
            )
        return reply.content

    def _send_bytes(
        self, method: str, path: str, payload: bytes | None, headers: dict[str, str]
    ) -> Reply:
        """A request whose body or answer is a file, not JSON; both are safe to repeat."""
        try:
            return self._http.request(
                method, path, payload, {**headers, **self._authorization()}, resend_if_stale=True
            )
        except (TlsSettingsError, OSError) as error:
            raise self._unreachable(error) from error

    def _call(
        self,
        method: str,
        path: str,
        body: object = None,
        *,
        expect_body: bool = True,
        resend: bool | None = None,
    ) -> dict[str, Any]:
        """One call, its answer decoded; `resend` defaults to "for a GET only"."""
        resend = method == "GET" if resend is None else resend
        reply = self._send(self._http, method, path, body, None, resend=resend)
        return _decode(
            reply.status_code, reply.content, reply.content_type, expect_body=expect_body
        )

    def _send(
        self,
        transport: KeepAlive,
        method: str,
        path: str,
        body: object,
        read_timeout: float | None,
        *,
        resend: bool,
    ) -> Reply:
        headers = self._authorization()
        payload = None
        if body is not None:
            payload = orjson.dumps(body)
            headers["Content-Type"] = "application/json"
        try:
            return transport.request(
                method, path, payload, headers, resend_if_stale=resend, read_timeout=read_timeout
            )
        except (TlsSettingsError, OSError) as error:
            raise self._unreachable(error) from error

    def _start_wait(self) -> int:
        """The generation a wait starts in; `Cancelled` if waits are cancelled now."""
        with self._waiting_lock:
            if not self._waits_allowed:  # cancelled before this wait could start
                raise Cancelled(CANCELLED)
            return self._wait_generation

    def _cancelled_since(self, generation: int) -> bool:
        """Whether `cancel_waits` ran since the wait of `generation` began."""
        with self._waiting_lock:
            return generation != self._wait_generation

    def _unreachable(self, error: Exception) -> Offline:
        """The failure to reach the server as the user reads it."""
        if isinstance(error, TlsSettingsError):
            return Offline(str(error))
        return Offline(
            QT_TRANSLATE_NOOP("Errors", "cannot reach the server at {address}"),
            address=self.base_url,
        )

    def _authorization(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def _held_back(seconds: float) -> StreamRefused:
    """A stream whose first page never came: something on the way holds it back."""
    return StreamRefused(
        QT_TRANSLATE_NOOP("Errors", "no page came through the change stream in {seconds} s"),
        seconds=round(seconds),
    )


def _pages(streamed: Streamed) -> Iterator[dict[str, Any]]:
    """The pages of a change-feed stream, decoded; its failures as `SyncError`s."""
    kind = streamed.headers.get("Content-Type") or "unknown content"
    if streamed.status_code in NO_STREAM_STATUSES:
        raise StreamRefused(
            QT_TRANSLATE_NOOP("Errors", "the server does not stream changes (HTTP {status})"),
            status=streamed.status_code,
        )
    if streamed.status_code != 200:
        _decode(streamed.status_code, streamed.read_all(), kind, expect_body=False)
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server answered HTTP {status} to the change stream"),
            status=streamed.status_code,
        )
    if not kind.startswith(EVENT_STREAM):
        raise StreamRefused(
            QT_TRANSLATE_NOOP("Errors", "the change stream came back as {kind}"), kind=kind
        )
    for event in events(streamed.read_some):
        if event.name == "gone":
            raise MustRefetch(
                410,
                _detail(event.data)
                or QT_TRANSLATE_NOOP("Errors", "the server's data was replaced"),
            )
        if event.name == "message":
            yield _decode(200, event.data, EVENT_STREAM, expect_body=True)


def _transport(base_url: str) -> KeepAlive:
    """Keep-alive connections trusting the CA bundle the environment names, once.

    `REQUESTS_CA_BUNDLE` and `CURL_CA_BUNDLE` are honoured as before (a centre with
    its own certificate authority sets one of them); otherwise certifi's bundle, so
    trust does not depend on how the interpreter was installed.
    """
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    return KeepAlive(
        base_url,
        {"User-Agent": f"FrontDesk/{__version__}", "Accept": "application/json"},
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        ca_file=bundle or certifi.where(),
    )


def _decode(status: int, content: bytes, kind: str, *, expect_body: bool) -> dict[str, Any]:
    if status >= 500:
        # A full disk (507) has a detail worth showing; most 5xx pages have none.
        if detail := _detail(content):
            raise ServerUnavailable(
                QT_TRANSLATE_NOOP("Errors", "{reason}; retrying"), reason=detail
            )
        raise ServerUnavailable(
            QT_TRANSLATE_NOOP("Errors", "the server is having trouble (HTTP {status}); retrying"),
            status=status,
        )
    if status == 401:
        raise Unauthorized(
            _detail(content)
            or QT_TRANSLATE_NOOP("Errors", "your sign-in has expired: sign in again")
        )
    if status == 410:
        raise MustRefetch(
            status,
            _detail(content) or QT_TRANSLATE_NOOP("Errors", "the server's data was replaced"),
        )
    if status >= 400:
        problem = _problem(content)
        if isinstance(said := problem.get("detail"), str) and said:
            worded = from_wire(said, problem.get("reason"))
            raise Refused(status, worded.text, **worded.values)
        raise Refused(
            status,
            QT_TRANSLATE_NOOP("Errors", "the server refused the request ({code})"),
            code=status,
        )
    if not expect_body:
        return {}
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server sent an unreadable answer ({kind})"), kind=kind
        ) from error
    if not isinstance(body, dict):
        raise BadAnswer(QT_TRANSLATE_NOOP("Errors", "the server's answer was not a JSON object"))
    return body


def _problem(content: bytes) -> dict[str, Any]:
    """An error answer's JSON object (`detail`, maybe a worded `reason`); {} if it has none."""
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return {}
    return body if isinstance(body, dict) else {}


def _detail(content: bytes) -> str:
    detail = _problem(content).get("detail")
    return detail if isinstance(detail, str) else ""
