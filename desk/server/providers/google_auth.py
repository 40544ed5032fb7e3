"""OAuth2 access tokens for Google APIs, as FCM HTTP v1 requires.

In production the token comes from a service-account key: we sign a JWT with its
private key (RS256) and exchange it at the key's `token_uri` for an access token
(RFC 7523, the JWT-bearer grant), then reuse that token until shortly before it
expires. Tests and local runs use a fixed token instead.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from . import http
from .base import AuthenticationFailed, ProviderUnavailable

FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
_ASSERTION_SECONDS = 3600  # the longest Google accepts
_REFRESH_MARGIN = 60.0  # renew this long before expiry, so no request carries a stale token


class TokenSource(Protocol):
    """Where the FCM adapter gets its bearer token."""

    def access_token(self) -> str:
        """A currently valid access token; raises `ProviderError` if none can be had."""
        ...

    def invalidate(self) -> None:
        """Forget the cached token: the API refused it before it should have expired."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


class StaticTokenSource:
    """A fixed token: for tests, and for tokens minted by something else."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "StaticTokenSource(token=<hidden>)"

    def access_token(self) -> str:
        """The token given."""
        return self._token

    def invalidate(self) -> None:
        """Nothing to renew: a fixed token stays what it is."""

    def close(self) -> None:
        """Nothing to release."""


@dataclass(frozen=True)
class ServiceAccountKey:
    """The fields of a Google service-account JSON key that the exchange needs."""

    client_email: str
    private_key_id: str
    token_uri: str
    private_key: str = field(repr=False)

    @classmethod
    def from_file(cls, path: Path) -> ServiceAccountKey:
        """Read the JSON key file downloaded from the Google Cloud console.

        Raises:
            ValueError: the file is not a service-account key.
        """
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
        names = ("client_email", "private_key_id", "token_uri", "private_key")
        if not isinstance(raw, dict) or raw.get("type") != "service_account":
            raise ValueError(f"{path} is not a Google service-account key")
        if missing := [name for name in names if not isinstance(raw.get(name), str)]:
            raise ValueError(f"{path} lacks {', '.join(missing)}")
        return cls(**{name: raw[name] for name in names})


class ServiceAccountTokenSource:
    """Access tokens from a service-account key, cached until shortly before expiry."""

    def __init__(
        self,
        key: ServiceAccountKey,
        *,
        token_uri: str | None = None,
        scope: str = FCM_SCOPE,
        timeout_seconds: float = 10.0,
    ) -> None:
        """Load the signing key.

        Args:
            key: the service-account key.
            token_uri: where to exchange the assertion; the key's own `token_uri`
                unless given (tests point it at a loopback double).
            scope: the API access asked for.
            timeout_seconds: the longest one exchange may take.

        Raises:
            ValueError: the private key is not an unencrypted RSA key in PEM.
        """
        signer = serialization.load_pem_private_key(key.private_key.encode(), password=None)
        if not isinstance(signer, rsa.RSAPrivateKey):
            raise ValueError(f"the key of {key.client_email} is not an RSA key")
        self._key = key
        self._signer = signer
        self._token_uri = token_uri or key.token_uri
        self._scope = scope
        self._client = http.new_client("", timeout_seconds)
        self._lock = threading.Lock()
        self._token: str | None = None
        self._renew_at = 0.0

    def access_token(self) -> str:
        """The cached token, or a fresh one; one exchange at a time across threads.

        Raises:
            AuthenticationFailed: Google refused the key (revoked, wrong, clock skew).
            ProviderUnavailable: the token endpoint could not answer.
        """
        with self._lock:
            if self._token is None or time.monotonic() >= self._renew_at:
                self._token, lifetime = self._exchange()
                self._renew_at = time.monotonic() + lifetime - _REFRESH_MARGIN
            return self._token

    def invalidate(self) -> None:
        """Drop the cached token so the next call exchanges again."""
        with self._lock:
            self._token = None

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def _exchange(self) -> tuple[str, float]:
        form = {"grant_type": JWT_BEARER_GRANT, "assertion": self._assertion(int(time.time()))}
        response = http.send(
            self._client, "Google OAuth", "POST", self._token_uri, idempotent=True, data=form
        )
        body = http.json_object(response)
        token, lifetime = body.get("access_token"), body.get("expires_in", _ASSERTION_SECONDS)
        if response.is_success and isinstance(token, str) and isinstance(lifetime, int | float):
            return token, float(lifetime)
        if response.is_success or response.status_code == 429 or response.status_code >= 500:
            raise ProviderUnavailable(
                f"Google OAuth answered {response.status_code} without an access token.",
                retry_after=http.retry_after(response),
            )
        error = str(body.get("error") or response.status_code)
        detail = str(body.get("error_description") or response.reason_phrase).rstrip(".")
        raise AuthenticationFailed(
            f"Google refused the service account {self._key.client_email}: {detail}.",
            code=error,
        )

    def _assertion(self, now: int) -> str:
        """The signed JWT that asks for `scope` on behalf of the service account."""
        header = {"alg": "RS256", "typ": "JWT", "kid": self._key.private_key_id}
        claims = {
            "iss": self._key.client_email,
            "scope": self._scope,
            "aud": self._token_uri,
            "iat": now,
            "exp": now + _ASSERTION_SECONDS,
        }
        signing_input = f"{_b64(header)}.{_b64(claims)}".encode("ascii")
        signature = self._signer.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input.decode('ascii')}.{_b64url(signature)}"


def _b64(part: dict[str, Any]) -> str:
    return _b64url(json.dumps(part, separators=(",", ":")).encode())


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
