"""Checking a server address before anyone types a password into it.

The first-run window asks for the centre's address first and checks it here: a
typo, a site that is not a Front Desk server, or a certificate the computer does
not trust each get their own answer, instead of a failed sign-in that leaves the
person guessing whether the password was wrong.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from desk.sync.errors import BadAnswer, Offline, Refused, ServerUnavailable, SyncError
from desk.sync.http import ServerApi


class Problem(Enum):
    """Why an address is not usable; the UI words each one, with what to do."""

    BAD_ADDRESS = "bad_address"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    NOT_FRONT_DESK = "not_front_desk"
    NOT_READY = "not_ready"


class ServerCheckFailed(SyncError):
    """The address cannot be used; `problem` says why (`str()` has the detail)."""

    def __init__(self, problem: Problem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem


@dataclass(frozen=True)
class CheckedServer:
    """A Front Desk server that answered and is ready to serve."""

    url: str
    schema_revision: str


def normalise_address(address: str) -> str:
    """The address as a base URL: `https://` added when no scheme is typed, no trailing /.

    Raises:
        ServerCheckFailed: BAD_ADDRESS for an empty address, another scheme or no host.
    """
    text = address.strip()
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServerCheckFailed(Problem.BAD_ADDRESS, f"not a web address: {address!r}")
    return text.rstrip("/")


def _is_tls_failure(error: BaseException) -> bool:
    """Whether a certificate or TLS handshake failure is somewhere in `error`'s chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def check_server(address: str) -> CheckedServer:
    """Ask `address` whether it is a Front Desk server ready to serve (no sign-in needed).

    `/api/v1/health/ready` answers only from a Front Desk server: its JSON names the
    schema revision, which a web page or another API does not.

    Raises:
        ServerCheckFailed: with the `Problem`.
    """
    url = normalise_address(address)
    api = ServerApi(url)
    try:
        answer = api.readiness()
    except Offline as error:
        problem = Problem.TLS if _is_tls_failure(error) else Problem.UNREACHABLE
        raise ServerCheckFailed(problem, str(error)) from error
    except ServerUnavailable as error:  # a Front Desk server mid-upgrade, or any 5xx
        raise ServerCheckFailed(Problem.NOT_READY, str(error)) from error
    except (Refused, BadAnswer) as error:  # a 404 page, HTML, another API
        raise ServerCheckFailed(Problem.NOT_FRONT_DESK, str(error)) from error
    finally:
        api.close()
    revision = answer.get("schema_revision")
    if answer.get("status") != "ok" or not isinstance(revision, str):
        raise ServerCheckFailed(Problem.NOT_FRONT_DESK, f"{url} answered, but not as Front Desk")
    return CheckedServer(url, revision)
