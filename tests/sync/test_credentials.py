"""Sign-in tokens live in the keyring only; a missing keyring is said plainly."""

from __future__ import annotations

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
