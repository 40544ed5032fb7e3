"""Sign-in tokens live in the keyring only; a missing keyring is said plainly."""

from __future__ import annotations

import os
import subprocess
import sys
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


# The office app's sign-in, in a process of its own that sets no keyring: `keyring`
# chooses the backend by itself, as in the venv the README's test command builds.
_SIGN_IN = """
import sys

import keyring

from desk.services.account import sign_in
from desk.sync.credentials import KeyringUnavailable

print("keyring:", type(keyring.get_keyring()).__name__, flush=True)
try:
    sign_in(sys.argv[1], sys.argv[2], sys.argv[3])
except KeyringUnavailable as error:
    print("refused:", error)
    sys.exit(3)
print("signed in")
"""


def test_the_dev_install_never_puts_the_token_in_the_file_keyring_it_finds(
    tmp_path: Path, server: ServerProcess, centre: CentreIds
) -> None:
    """Regression, issue 12 item 5, as a user of the dev install meets it.

    With `keyrings.alt` installed, no desktop keyring and nothing configured,
    `keyring` picks `PlaintextKeyring` on its own. Failed before the fix: the sign-in
    to the real server succeeded and the token was written, base64-encoded, to
    `~/.local/share/python_keyring/`.
    """
    home = tmp_path / "home"
    hidden = ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")
    env = {name: value for name, value in os.environ.items() if name not in hidden}
    env |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    run = subprocess.run(
        [sys.executable, "-c", _SIGN_IN, server.url, centre.usernames["office"], PASSWORD],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.stdout.startswith("keyring: PlaintextKeyring"), output  # keyring's own pick
    assert run.returncode == 3, output
    assert "plain file" in run.stdout
    assert [path for path in home.rglob("*") if path.is_file()] == []


def test_a_file_keyring_named_in_the_environment_is_used(
    keyring_file: PlaintextKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tests' explicitly configured file keyring keeps working."""
    save_secret("https://desk.example.org", "admin", "secret")
    assert load_secret("https://desk.example.org", "admin") == "secret"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(KeyringUnavailable, match="plain file"):
        load_secret("https://desk.example.org", "admin")
