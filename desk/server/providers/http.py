"""HTTP plumbing shared by the HTTP adapters (Twilio, FCM, Google OAuth) and the translator.

It runs on the keep-alive transport of `desk.net.keepalive` (urllib3).

The one decision that matters here is what a failed request means. A connection that
never opened sent nothing, so retrying is safe (`ProviderUnavailable`). A connection
that broke after the request went out may have delivered it (`OutcomeUnknown`),
unless the request was a read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlencode

import orjson

from desk.net.keepalive import ConnectFailed, KeepAlive, Reply, TlsSettingsError

from .base import OutcomeUnknown, ProviderUnavailable

USER_AGENT = "front-desk-server"
_CONNECT_TIMEOUT = 5.0


def new_client(
    base_url: str, timeout_seconds: float, auth: tuple[str, str] | None = None
) -> KeepAlive:
    """Keep-alive connections to one provider, with timeouts on every phase.

    A delivery worker sends from several threads at once (`send_concurrency`, 8 by
    default); the pool keeps up to 16 connections per host, so none of them opens a
    connection per call. Redirects are never followed: a provider API that redirects
    a POST is misconfigured, and following it could resend the message or leak the
    credentials elsewhere.
    """
    return KeepAlive(
        base_url,
        {"User-Agent": USER_AGENT, "Accept": "application/json"},
        connect_timeout=min(timeout_seconds, _CONNECT_TIMEOUT),
        read_timeout=timeout_seconds,
        basic_auth=auth,
        max_connections=16,
    )


def send(
    client: KeepAlive,
    provider: str,
    method: str,
    url: str,
    *,
    idempotent: bool,
    data: Mapping[str, str] | None = None,
    json: Any = None,
    content: bytes | None = None,
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """One request to a provider, with transport failures turned into `ProviderError`s.

    Args:
        client: the provider's client.
        provider: its name for error sentences, e.g. "Twilio".
        method: the HTTP method.
        url: the path below the client's base URL, or an absolute URL.
        idempotent: whether repeating the request is harmless (a read, a token
            exchange); a broken connection is then merely `ProviderUnavailable`, and
            a kept connection the provider had closed is tried again at once.
        data: a form to send, URL-encoded.
        json: a JSON body to send.
        content: a body already encoded (its Content-Type goes in `headers`).
        params: the query string.
        headers: extra headers.

    Raises:
        ProviderUnavailable: the request never left, or it was idempotent.
        OutcomeUnknown: a non-idempotent request went out and no answer came back.
    """
    sent_headers = dict(headers or {})
    body = content
    if data is not None:
        body = urlencode(data).encode()
        sent_headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif json is not None:
        body = orjson.dumps(json)
        sent_headers["Content-Type"] = "application/json"
    if params:
        url = f"{url}?{urlencode(params)}"
    try:
        return client.request(method, url, body, sent_headers, resend_if_stale=idempotent)
    except (ConnectFailed, TlsSettingsError) as error:
        raise ProviderUnavailable(f"{provider} could not be reached ({error}).") from error
    except OSError as error:  # `ExchangeFailed`: the request may have gone out
        if idempotent:
            raise ProviderUnavailable(f"{provider} did not answer ({error}).") from error
        raise OutcomeUnknown(
            f"The connection to {provider} broke after the request was sent ({error}), "
            "so it may have been accepted."
        ) from error


def json_object(response: Reply) -> dict[str, Any]:
    """The response body as a JSON object, or {} when it is not one (a proxy's HTML)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def retry_after(response: Reply) -> float | None:
    """Seconds the `Retry-After` header asks for (delta-seconds or an HTTP date)."""
    value = (response.headers.get("Retry-After") or "").strip()
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
