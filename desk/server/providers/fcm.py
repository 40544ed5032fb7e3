"""Push notifications through Firebase Cloud Messaging, HTTP v1 API.

`POST /v1/projects/{project_id}/messages:send` with `{"message": {...}}` and a bearer
token answers `{"name": "projects/p/messages/0:..."}`, or a Google RPC error whose
`details` carry an `FcmError` with the code that matters (UNREGISTERED, QUOTA_EXCEEDED).

The notification's Android tag and APNs collapse id are the idempotency key, so if a
lost answer makes us send again the device replaces the first notification instead of
showing two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import quote

from . import http
from .base import (
    AuthenticationFailed,
    DeliveryState,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingPush,
    ProviderError,
    ProviderReceipt,
    ProviderUnavailable,
    RateLimited,
)

if TYPE_CHECKING:
    from desk.net.keepalive import Reply

    from .config import FcmSettings
    from .google_auth import TokenSource

_FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
_BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"
_TRANSIENT_CODES = frozenset({"UNAVAILABLE", "INTERNAL"})


class FcmPush:
    """A `PushProvider` over FCM HTTP v1."""

    def __init__(self, settings: FcmSettings, tokens: TokenSource) -> None:
        self._tokens = tokens
        self._client = http.new_client(settings.base_url, settings.timeout_seconds)
        self._path = f"/v1/projects/{quote(settings.project_id, safe='')}/messages:send"

    def send_push(self, message: OutgoingPush) -> ProviderReceipt:
        """Send one notification to one device.

        A 401 means the access token went stale early (revoked, rotated); the token
        is renewed and the send tried once more, which is safe because a 401 sent
        nothing.

        Raises:
            InvalidRecipient: the token is unregistered or malformed; prune it.
            RateLimited, ProviderUnavailable: retry after `retry_after` if given.
            OutcomeUnknown: the request went out unanswered; resending is harmless.
            AuthenticationFailed, ProviderError: refused for good.
        """
        payload = {"message": _message(message)}
        response = self._post(payload)
        if response.status_code == 401:
            self._tokens.invalidate()
            response = self._post(payload)
        if not response.is_success:
            _raise_for(response)
        name = http.json_object(response).get("name")
        if not isinstance(name, str):
            raise OutcomeUnknown(f"FCM answered {response.status_code} without a message name.")
        return ProviderReceipt(name, DeliveryState.ACCEPTED)

    def close(self) -> None:
        """Close the connection pools, ours and the token source's."""
        self._client.close()
        self._tokens.close()

    def _post(self, payload: dict[str, Any]) -> Reply:
        headers = {"Authorization": f"Bearer {self._tokens.access_token()}"}
        return http.send(
            self._client, "FCM", "POST", self._path, idempotent=False, json=payload, headers=headers
        )


def _message(push: OutgoingPush) -> dict[str, Any]:
    """The v1 `Message` for `push`."""
    message: dict[str, Any] = {
        "token": push.token,
        "notification": {"title": push.title, "body": push.body},
        "android": {"notification": {"tag": push.idempotency_key}},
        "apns": {"headers": {"apns-collapse-id": push.idempotency_key}},
    }
    if push.data:
        message["data"] = dict(push.data)
    return message


def _raise_for(response: Reply) -> NoReturn:
    """Raise the `ProviderError` that an FCM error answer means.

    INVALID_ARGUMENT covers a bad token and a bad payload alike; only the first may
    prune the token. FCM names the token field in a BadRequest detail, or (as it does
    today) says "registration token" in the message, so both are checked. A
    SENDER_ID_MISMATCH is not pruned either: when it is our project setting that is
    wrong, pruning would delete every device.
    """
    error = http.json_object(response).get("error")
    error = error if isinstance(error, dict) else {}
    code = _fcm_code(error) or str(error.get("status") or response.status_code)
    text = str(error.get("message") or response.reason_phrase).rstrip(".")
    reason = f"FCM refused the notification: {text} ({code})."
    status = response.status_code
    if code == "UNREGISTERED":
        raise InvalidRecipient(reason, code=code)
    if code == "INVALID_ARGUMENT" and _blames_token(error):
        raise InvalidRecipient(reason, code=code)
    if status == 429 or code == "QUOTA_EXCEEDED":
        raise RateLimited(reason, code=code, retry_after=http.retry_after(response))
    if status >= 500 or code in _TRANSIENT_CODES:
        raise ProviderUnavailable(reason, code=code, retry_after=http.retry_after(response))
    if status in (401, 403) and code != "SENDER_ID_MISMATCH":
        raise AuthenticationFailed(reason, code=code)
    raise ProviderError(reason, transient=False, code=code)


def _details(error: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    details = error.get("details")
    return [
        item
        for item in (details if isinstance(details, list) else [])
        if isinstance(item, dict) and item.get("@type") == kind
    ]


def _fcm_code(error: dict[str, Any]) -> str | None:
    for item in _details(error, _FCM_ERROR):
        if isinstance(item.get("errorCode"), str):
            return str(item["errorCode"])
    return None


def _blames_token(error: dict[str, Any]) -> bool:
    for item in _details(error, _BAD_REQUEST):
        violations = item.get("fieldViolations")
        for violation in violations if isinstance(violations, list) else []:
            if isinstance(violation, dict) and violation.get("field") == "message.token":
                return True
    return "registration token" in str(error.get("message", "")).lower()
