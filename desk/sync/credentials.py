"""Bearer tokens and kiosk secrets live in the OS keyring, never in a file or the cache.

A machine without a usable keyring gets a clear message instead of a silent fallback
to plain text; tests and kiosks without a desktop session configure a keyring
backend explicitly (for example through `PYTHON_KEYRING_BACKEND`).
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError

from desk.sync.errors import SyncError

SERVICE = "front-desk"


class KeyringUnavailable(SyncError):
    """No usable keyring: the app cannot store a sign-in safely."""


def _entry(server_url: str, account: str) -> str:
    return f"{server_url.rstrip('/')}|{account}"


def save_secret(server_url: str, account: str, secret: str) -> None:
    """Store a token or key for `account` on `server_url`."""
    try:
        keyring.set_password(SERVICE, _entry(server_url, account), secret)
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable(
            "no system keyring is available to keep your sign-in safe; "
            "install or unlock one (e.g. GNOME Keyring, KWallet, macOS Keychain)"
        ) from error


def load_secret(server_url: str, account: str) -> str | None:
    """The stored secret, or None when there is none."""
    try:
        return keyring.get_password(SERVICE, _entry(server_url, account))
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable("the system keyring is locked or unavailable") from error


def forget_secret(server_url: str, account: str) -> None:
    """Remove a stored secret; removing one that is not there is fine."""
    try:
        keyring.delete_password(SERVICE, _entry(server_url, account))
    except keyring.errors.PasswordDeleteError:
        return
    except (NoKeyringError, KeyringError, RuntimeError) as error:
        raise KeyringUnavailable("the system keyring is locked or unavailable") from error
