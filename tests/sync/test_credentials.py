"""Sign-in tokens live in the keyring only; a missing keyring is said plainly."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from desk.services.account import resume, sign_in, sign_out
from desk.sync.credentials import KeyringUnavailable, load_secret, save_secret
from desk.sync.errors import Unauthorized
from tests.support.factories import PASSWORD, CentreIds
from tests.support.server_process import ServerProcess


def test_without_a_keyring_the_error_says_what_to_do() -> None:
    # The suite installs keyring's "fail" backend unless a test asks for a keyring.
    with pytest.raises(KeyringUnavailable, match="no system keyring"):
        save_secret("https://desk.example.org", "admin", "secret")
    with pytest.raises(KeyringUnavailable, match="locked or unavailable"):
        load_secret("https://desk.example.org", "admin")


def test_sign_in_then_sign_out_removes_the_token_everywhere(
    keyring_file: PlaintextKeyring, server: ServerProcess, centre: CentreIds
) -> None:
    username = centre.usernames["office"]
    account, api = sign_in(server.url, username, PASSWORD)
    assert account.display_name == "Office Staff"
    token = api.token
    assert keyring.get_keyring() is keyring_file
    resumed = resume(server.url, username)
    assert resumed is not None
    assert resumed.token == token
    assert resumed.me()["id"] == centre.office
    sign_out(api, username)
    assert resume(server.url, username) is None
    with pytest.raises(Unauthorized):
        resumed.me()  # the server revoked the token too
    resumed.close()
    api.close()


def test_a_file_keyring_nobody_configured_is_refused(
    tmp_path: Path, server: ServerProcess, centre: CentreIds
) -> None:
    """Regression, issue 12 item 5: the token went to a plaintext keyring file.

    With `keyrings.alt` installed (the `[dev]` extra) and no system keyring, `keyring`
    picks a plaintext file by itself. Failed before the fix: sign-in succeeded and the
    file held the token.
    """
    automatic = PlaintextKeyring()  # what keyring's own priority pick gives
    automatic.file_path = str(tmp_path / "python_keyring" / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(automatic)  # PYTHON_KEYRING_BACKEND still names another backend
    try:
        with pytest.raises(KeyringUnavailable, match="plain file"):
            sign_in(server.url, centre.usernames["office"], PASSWORD)
        with pytest.raises(KeyringUnavailable, match="plain file"):
            save_secret(server.url, "office", "secret")
    finally:
        keyring.set_keyring(previous)
    assert not Path(automatic.file_path).exists()


def test_a_file_keyring_named_in_the_environment_is_used(
    keyring_file: PlaintextKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tests' explicitly configured file keyring keeps working."""
    save_secret("https://desk.example.org", "admin", "secret")
    assert load_secret("https://desk.example.org", "admin") == "secret"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(KeyringUnavailable, match="plain file"):
        load_secret("https://desk.example.org", "admin")
