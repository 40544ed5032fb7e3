"""HTTP plumbing shared by the HTTP adapters (Twilio, FCM, Google OAuth).

The one decision that matters here is what a failed request means. A connection that
never opened sent nothing, so retrying is safe (`ProviderUnavailable`). A connection
that broke after the request went out may have delivered it (`OutcomeUnknown`),
unless the request was a read.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from .base import OutcomeUnknown, ProviderUnavailable

USER_AGENT = "front-desk-server"
_CONNECT_TIMEOUT = 5.0


def new_client(
    base_url: str, timeout_seconds: float, auth: tuple[str, str] | None = None
) -> httpx.Client:
    """A pooled client for one provider, with timeouts on every phase.

    Redirects are not followed: a provider API that redirects a POST is misconfigured,
    and following it could resend the message or leak the credentials elsewhere.
    """
    return httpx.Client(
        base_url=base_url,
        auth=auth,
        timeout=httpx.Timeout(timeout_seconds, connect=min(timeout_seconds, _CONNECT_TIMEOUT)),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=False,
    )


def send(
    client: httpx.Client,
    provider: str,
    method: str,
    url: str,
    *,
    idempotent: bool,
    **kwargs: Any,
) -> httpx.Response:
    """`client.request(...)`, with transport failures turned into `ProviderError`s.

    Args:
        client: the provider's client.
        provider: its name for error sentences, e.g. "Twilio".
        method: the HTTP method.
        url: the path below the client's base URL.
        idempotent: whether repeating the request is harmless (a read, a token
            exchange); a broken connection is then merely `ProviderUnavailable`.
        **kwargs: passed to `httpx.Client.request`.

    Raises:
        ProviderUnavailable: the request never left, or it was idempotent.
        OutcomeUnknown: a non-idempotent request went out and no answer came back.
    """
    try:
        return client.request(method, url, **kwargs)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
        raise ProviderUnavailable(f"{provider} could not be reached ({error}).") from error
    except httpx.TransportError as error:
        if idempotent:
            raise ProviderUnavailable(f"{provider} did not answer ({error}).") from error
        raise OutcomeUnknown(
            f"The connection to {provider} broke after the request was sent ({error}), "
            "so it may have been accepted."
        ) from error


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The response body as a JSON object, or {} when it is not one (a proxy's HTML)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def retry_after(response: httpx.Response) -> float | None:
    """Seconds the `Retry-After` header asks for (delta-seconds or an HTTP date)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except ValueError:
        return None
    if when.tzinfo is None:  # "-0000" means UTC with an unknown local zone
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
