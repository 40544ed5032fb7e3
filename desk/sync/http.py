"""The hosted backend's HTTP API, as plain method calls with typed failures.

This is the only module of the client that speaks HTTP. Calls block: the sync
engine runs them off the GUI thread.
"""

from __future__ import annotations

import os
import threading
from typing import Any
from urllib.parse import quote, urlencode

import certifi
import orjson

from desk import __version__
from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.core.worded_wire import from_wire
from desk.net.keepalive import KeepAlive, Reply, TlsSettingsError
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
        with self._waiting_lock:
            if not self._waits_allowed:  # cancelled before this poll could start
                raise Cancelled(QT_TRANSLATE_NOOP("Errors", "the wait for changes was cancelled"))
            generation = self._wait_generation
        try:
            reply = self._send(
                self._waits, "GET", path_and_query, None, READ_TIMEOUT + wait, resend=True
            )
        except Offline as error:
            with self._waiting_lock:
                cancelled = generation != self._wait_generation
            if cancelled:
                raise Cancelled(
                    QT_TRANSLATE_NOOP("Errors", "the wait for changes was cancelled")
                ) from error
            raise
        return _decode(reply.status_code, reply.content, reply.content_type, expect_body=True)

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
            raise BadAnswer(f"the server answered {reply.status_code} for an attachment")
        return reply.content

    def _send_bytes(
        self, method: str, path: str, payload: bytes | None, headers: dict[str, str]
    ) -> Reply:
        """A request whose body or answer is a file, not JSON; both are safe to repeat."""
        if self.token:
            headers = {**headers, "Authorization": f"Bearer {self.token}"}
        try:
            return self._http.request(method, path, payload, headers, resend_if_stale=True)
        except TlsSettingsError as error:
            raise Offline(str(error)) from error
        except OSError as error:
            raise Offline(f"cannot reach the server at {self.base_url}") from error

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
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        payload = None
        if body is not None:
            payload = orjson.dumps(body)
            headers["Content-Type"] = "application/json"
        try:
            return transport.request(
                method, path, payload, headers, resend_if_stale=resend, read_timeout=read_timeout
            )
        except TlsSettingsError as error:
            raise Offline(str(error)) from error
        except OSError as error:
            raise Offline(
                QT_TRANSLATE_NOOP("Errors", "cannot reach the server at {address}"),
                address=self.base_url,
            ) from error


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
        if detail := _detail(content):
            worded = from_wire(detail, _reason(content))
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


def _reason(content: bytes) -> object:
    """A refusal's worded `reason` (`desk.core.worded_wire`), or None."""
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return None
    return body.get("reason") if isinstance(body, dict) else None


def _detail(content: bytes) -> str:
    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""
