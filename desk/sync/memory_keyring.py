"""A keyring that forgets everything when the process ends.

For the demo and for tests: secrets are as safe as the process memory and never
touch the disk. Configured explicitly, never picked by default.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict for the life of the process."""

    priority = 0  # never chosen automatically

    def __init__(self) -> None:
        # keyring's `KeyringBackend.__init__` carries no annotations.
        super().__init__()  # type: ignore[no-untyped-call]
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None: keyring's contract for "nothing stored"."""
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store `password`, replacing any secret already held for the pair."""
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Forget the secret.

        Raises:
            PasswordDeleteError: nothing was stored, as keyring's own backends do.
        """
        if self._secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(f"no secret stored for {username}")
