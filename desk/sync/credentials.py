"""Bearer tokens and kiosk secrets live in the OS keyring, never in a file or the cache.

A machine without a usable keyring gets a clear message instead of a silent fallback
to plain text. `keyrings.alt` (installed by the `[dev]` extra for the tests) makes
`keyring` pick a plaintext file backend by itself when there is no system keyring, so
every backend of `keyrings.alt` is refused unless it was chosen explicitly: named by
`PYTHON_KEYRING_BACKEND` or by the `default-keyring` of keyring's configuration file,
as the tests and a kiosk without a desktop session do.
"""

from __future__ import annotations

import keyring
import keyring.core
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, NoKeyringError

from desk.sync.errors import SyncError

SERVICE = "front-desk"
_PROBE_ACCOUNT = "front-desk-keyring-probe"

_NO_KEYRING = (
    "no system keyring is available to keep your sign-in safe; "
    "install or unlock one (e.g. GNOME Keyring, KWallet, macOS Keychain)"
)


class KeyringUnavailable(SyncError):
    """No usable keyring: the app cannot store a sign-in safely."""


def _entry(server_url: str, account: str) -> str:
    return f"{server_url.rstrip('/')}|{account}"


def _leaves(backend: KeyringBackend) -> list[KeyringBackend]:
    """The backends that actually store secrets (a chainer hands on to several)."""
    chained = getattr(backend, "backends", None)
    return list(chained) if isinstance(chained, list | tuple) else [backend]


def _is_file_backend(backend: KeyringBackend) -> bool:
    """Whether `backend` comes from `keyrings.alt`: files, plain or weakly encrypted."""
    return type(backend).__module__.split(".")[0] == "keyrings"


def _configured_class() -> type[KeyringBackend] | None:
    """The backend class the user named (environment or config file), if any."""
    try:
        named = keyring.core.load_env() or keyring.core.load_config()
    except Exception:  # a broken setting names nothing usable
        return None
    return None if named is None else type(named)


def safe_keyring() -> KeyringBackend:
    """The keyring backend, once it is known not to be a file nobody asked for.

    Raises:
        KeyringUnavailable: with what to do, when the backend is a `keyrings.alt` file
            backend that neither `PYTHON_KEYRING_BACKEND` nor keyring's configuration
            file names (issue 12, item 5: the dev install wrote the token to a file).
    """
    backend = keyring.get_keyring()
    chosen = _configured_class()
    for leaf in _leaves(backend):
        if _is_file_backend(leaf) and type(leaf) is not chosen:
            raise KeyringUnavailable(
                f"{_NO_KEYRING}. The only keyring found keeps secrets in a plain file "
                f"({type(leaf).__module__}.{type(leaf).__name__}), which Front Desk does "
                "not use unless PYTHON_KEYRING_BACKEND or keyring's configuration names it"
            )
    return backend


def check_keyring() -> None:
    """Make sure a secret can be stored, before asking the server for one.

    Writes and removes a probe entry, so a locked or missing keyring is found out
    while nothing has been spent yet (issue 12, item 16: enrolling used up the
    one-time code before finding that the token could not be kept).

    Raises:
        KeyringUnavailable: when a secret could not be kept.
    """
    backend = safe_keyring()
    try:
        backend.set_password(SERVICE, _PROBE_ACCOUNT, "probe")
        backend.delete_password(SERVICE, _PROBE_ACCOUNT)
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable(_NO_KEYRING) from error


def save_secret(server_url: str, account: str, secret: str) -> None:
    """Store a token or key for `account` on `server_url`."""
    try:
        safe_keyring().set_password(SERVICE, _entry(server_url, account), secret)
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable(_NO_KEYRING) from error


def load_secret(server_url: str, account: str) -> str | None:
    """The stored secret, or None when there is none."""
    try:
        return safe_keyring().get_password(SERVICE, _entry(server_url, account))
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable("the system keyring is locked or unavailable") from error


def forget_secret(server_url: str, account: str) -> None:
    """Remove a stored secret; removing one that is not there is fine."""
    try:
        safe_keyring().delete_password(SERVICE, _entry(server_url, account))
    except keyring.errors.PasswordDeleteError:
        return
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable("the system keyring is locked or unavailable") from error
