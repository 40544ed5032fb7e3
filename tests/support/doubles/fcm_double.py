"""A loopback stand-in for FCM HTTP v1 and Google's OAuth token endpoint.

`POST /v1/projects/{project}/messages:send` checks the bearer token and the message
the way FCM does (one target, string data values, no unknown fields), records what it
accepts and answers `{"name": ...}`; errors are Google RPC JSON with an `FcmError`
detail. `POST /token` performs the JWT-bearer exchange for service accounts it was
told to trust, verifying the RS256 signature and the claims.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .http_double import DROP, HttpDouble, Reply, Request

FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"
FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
_MESSAGE_FIELDS = frozenset(
    {"name", "data", "notification", "android", "webpush", "apns", "fcm_options"}
)
_TARGETS = ("token", "topic", "condition")
_RESERVED_DATA_KEYS = frozenset({"from", "notification", "message_type"})
_STATUS_ERRORS = {
    429: ("RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for quota metric"),
    500: ("INTERNAL", "INTERNAL", "Internal error encountered."),
    503: ("UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."),
}


@dataclass(frozen=True)
class FcmMessage:
    """A message FCM accepted: its name and the `message` object as sent."""

    name: str
    message: dict[str, Any]


def google_error(
    code: int,
    status: str,
    message: str,
    *,
    fcm_code: str | None = None,
    field: str | None = None,
) -> Reply:
    """A Google RPC error answer, with an FcmError and a BadRequest detail if given."""
    details: list[dict[str, Any]] = []
    if fcm_code:
        details.append({"@type": FCM_ERROR, "errorCode": fcm_code})
    if field:
        details.append(
            {"@type": BAD_REQUEST, "fieldViolations": [{"field": field, "description": message}]}
        )
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        error["details"] = details
    return Reply(code, {"error": error})


def _invalid(message: str, *, field: str | None = None) -> Reply:
    return google_error(400, "INVALID_ARGUMENT", message, fcm_code="INVALID_ARGUMENT", field=field)


class FcmDouble(HttpDouble):
    """FCM HTTP v1 and the OAuth token endpoint on loopback.

    Attributes:
        project_id: the only project it serves.
        access_token: a token it accepts from the start (for `StaticTokenSource`).
        token_lifetime: `expires_in` of the tokens the token endpoint issues.
        token_requests: how many exchanges were asked for.
    """

    def __init__(self, project_id: str = "front-desk-test") -> None:
        super().__init__()
        self.project_id = project_id
        self.access_token = "ya29." + secrets.token_urlsafe(24)
        self.token_lifetime = 3599
        self.token_requests = 0
        self._valid_tokens = {self.access_token}
        self._accounts: dict[str, rsa.RSAPublicKey] = {}
        self._messages: list[FcmMessage] = []
        self._unregistered: set[str] = set()
        self._malformed: set[str] = set()
        self._next_failures: list[Reply] = []
        self._drops = 0

    @property
    def token_uri(self) -> str:
        """Where a service account exchanges its JWT."""
        return f"{self.base_url}/token"

    @property
    def messages(self) -> list[FcmMessage]:
        """Every accepted message, oldest first."""
        with self.lock:
            return list(self._messages)

    def trust_service_account(self, client_email: str, public_key: rsa.RSAPublicKey) -> None:
        """Accept JWTs signed by this account's key at the token endpoint."""
        with self.lock:
            self._accounts[client_email] = public_key

    def revoke_tokens(self) -> None:
        """Make every access token issued so far (and the static one) fail with 401."""
        with self.lock:
            self._valid_tokens.clear()

    def unregister(self, token: str) -> None:
        """The app was uninstalled: answer UNREGISTERED for `token`."""
        with self.lock:
            self._unregistered.add(token)

    def mark_malformed(self, token: str) -> None:
        """Answer INVALID_ARGUMENT for `token`, as FCM does for a mangled token."""
        with self.lock:
            self._malformed.add(token)

    def fail_next(self, count: int, status: int, *, retry_after: str | None = None) -> None:
        """Answer the next `count` sends with `status` (429, 500 or 503)."""
        rpc_status, fcm_code, message = _STATUS_ERRORS[status]
        reply = google_error(status, rpc_status, message, fcm_code=fcm_code)
        if retry_after is not None:
            reply.headers["Retry-After"] = retry_after
        with self.lock:
            self._next_failures.extend([reply] * count)

    def accept_then_drop_connection(self, count: int = 1) -> None:
        """Record the next `count` messages, then close the socket without answering."""
        with self.lock:
            self._drops += count

    def handle(self, request: Request) -> Reply | object:
        """Route one call."""
        if request.method == "POST" and request.path == "/token":
            return self._exchange(request.form())
        send_path = f"/v1/projects/{self.project_id}/messages:send"
        if request.method != "POST" or not request.path.endswith("/messages:send"):
            return google_error(404, "NOT_FOUND", f"{request.path} was not found.")
        scheme, _, token = (request.headers.get("Authorization") or "").partition(" ")
        with self.lock:
            authorized = scheme == "Bearer" and token in self._valid_tokens
        if not authorized:
            return google_error(
                401,
                "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access "
                "token, login cookie or other valid authentication credential.",
            )
        if request.path != send_path:
            return google_error(
                403,
                "PERMISSION_DENIED",
                f"Permission 'cloudmessaging.messages.create' denied on resource "
                f"'{request.path}' (or it may not exist).",
            )
        with self.lock:
            if self._next_failures:
                return self._next_failures.pop(0)
        return self._send(request)

    def _send(self, request: Request) -> Reply | object:
        try:
            payload = request.json()
        except ValueError:
            return _invalid("Invalid JSON payload received.")
        message = payload.get("message") if isinstance(payload, dict) else None
        if not isinstance(message, dict):
            return _invalid("Invalid JSON payload received. 'message' is required.")
        if refusal := self._refusal(message):
            return refusal
        token = message.get("token")
        with self.lock:
            unregistered, malformed = token in self._unregistered, token in self._malformed
        if unregistered:
            return google_error(
                404, "NOT_FOUND", "Requested entity was not found.", fcm_code="UNREGISTERED"
            )
        if malformed:
            return _invalid("The registration token is not a valid FCM registration token")
        name = (
            f"projects/{self.project_id}/messages/0:{time.time_ns() // 1000}%{secrets.token_hex(8)}"
        )
        with self.lock:
            self._messages.append(FcmMessage(name, message))
            drop = self._drops > 0
            self._drops -= drop
        return DROP if drop else Reply(200, {"name": name})

    def _refusal(self, message: dict[str, Any]) -> Reply | None:
        """FCM's answer to a message it would not accept, or None."""
        for name in message:
            if name not in _MESSAGE_FIELDS and name not in _TARGETS:
                text = f"Invalid JSON payload received. Unknown name \"{name}\" at 'message'"
                return _invalid(text + ": Cannot find field.", field="message")
        if sum(target in message for target in _TARGETS) != 1:
            return _invalid("Recipient of the message is not set.")
        data = message.get("data", {})
        for index, (key, value) in enumerate(data.items()):
            if not isinstance(value, str):
                return _invalid(
                    f"Invalid value at 'message.data[{index}].value' (TYPE_STRING), {value!r}",
                    field=f"message.data[{index}].value",
                )
            if key in _RESERVED_DATA_KEYS or key.startswith(("google", "gcm")):
                return _invalid(f"Invalid data payload key: {key}", field="message.data")
        collapse_id = message.get("apns", {}).get("headers", {}).get("apns-collapse-id", "")
        if len(collapse_id.encode()) > 64:
            return _invalid("apns-collapse-id must not exceed 64 bytes", field="message.apns")
        return None

    def _exchange(self, form: dict[str, str]) -> Reply:
        with self.lock:
            self.token_requests += 1
        if form.get("grant_type") != JWT_BEARER:
            return Reply(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": f"Invalid grant_type: {form.get('grant_type')}",
                },
            )
        if problem := self._assertion_problem(form.get("assertion", "")):
            return Reply(400, {"error": "invalid_grant", "error_description": problem})
        token = "ya29." + secrets.token_urlsafe(24)
        with self.lock:
            self._valid_tokens.add(token)
        body = {"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer"}
        return Reply(200, body)

    def _assertion_problem(self, assertion: str) -> str | None:
        """Why Google would refuse this JWT, or None."""
        try:
            header_part, claims_part, signature_part = assertion.split(".")
            header, claims = _decode(header_part), _decode(claims_part)
            signature = _unb64(signature_part)
        except (ValueError, binascii.Error):
            return "Invalid JWT: malformed."
        with self.lock:
            key = self._accounts.get(claims.get("iss", ""))
        if header.get("alg") != "RS256" or key is None:
            return "Invalid JWT Signature."
        try:
            key.verify(
                signature,
                f"{header_part}.{claims_part}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature:
            return "Invalid JWT Signature."
        now = time.time()
        if claims.get("aud") != self.token_uri:
            return "Invalid JWT: audience is not the token endpoint."
        if FCM_SCOPE not in str(claims.get("scope", "")).split():
            return "Invalid JWT: the firebase.messaging scope was not asked for."
        iat, exp = claims.get("iat", 0), claims.get("exp", 0)
        if not (iat - 60 <= now < exp and exp - iat <= 3600):
            return (
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                "reasonable timeframe."
            )
        return None


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _decode(part: str) -> dict[str, Any]:
    value = json.loads(_unb64(part))
    if not isinstance(value, dict):
        raise ValueError("a JWT part is not an object")
    return value
