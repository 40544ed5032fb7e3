"""The hosted backend's HTTP API, as plain method calls with typed failures.

This is the only module of the client that speaks HTTP. Calls block: the sync
engine runs them off the GUI thread.
"""

from __future__ import annotations

from typing import Any

import orjson
import requests

from desk import __version__
from desk.sync.errors import (
    BadAnswer,
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
        self._http = requests.Session()
        self._http.headers["User-Agent"] = f"FrontDesk/{__version__}"

    def close(self) -> None:
        """Release pooled connections."""
        self._http.close()

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

    def logout(self) -> None:
        """Revoke the current token on the server."""
        self._call("POST", f"{API}/auth/logout", expect_body=False)

    def enroll_kiosk(self, code: str, name: str) -> dict[str, Any]:
        """Trade a one-time enrollment code for a kiosk token."""
        return self._call("POST", f"{API}/kiosk/enroll", json={"code": code, "name": name})

    def changes(
        self, after: str, *, limit: int, wait: int = 0, client_id: str | None = None
    ) -> dict[str, Any]:
        """One page of the change feed (validated by the cache before it is applied)."""
        params: dict[str, Any] = {"after": after, "limit": limit, "wait": wait}
        if client_id:
            params["client_id"] = client_id
        return self._call(
            "GET",
            f"{self._prefix}/changes",
            params=params,
            timeout=(CONNECT_TIMEOUT, READ_TIMEOUT + wait),
        )

    def push(self, client_id: str, commands: list[dict[str, Any]]) -> dict[str, Any]:
        """Send outbox commands; see DESIGN.md §4 for the answer."""
        return self._call(
            "POST", f"{self._prefix}/commands", json={"client_id": client_id, "commands": commands}
        )

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
        return _decode(response, expect_body=expect_body)


def _decode(response: requests.Response, *, expect_body: bool) -> dict[str, Any]:
    status = response.status_code
    if status >= 500:
        raise ServerUnavailable(f"the server is having trouble (HTTP {status}); retrying")
    if status == 401:
        raise Unauthorized(_detail(response) or "your sign-in has expired: sign in again")
    if status == 410:
        raise MustRefetch(status, _detail(response) or "the server's data was replaced")
    if status >= 400:
        raise Refused(status, _detail(response) or f"the server refused the request ({status})")
    if not expect_body:
        return {}
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError as error:
        kind = response.headers.get("Content-Type", "unknown content")
        raise BadAnswer(f"the server sent an unreadable answer ({kind})") from error
    if not isinstance(body, dict):
        raise BadAnswer("the server's answer was not a JSON object")
    return body


def _detail(response: requests.Response) -> str:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""
