"""Sign out and Switch user on a shared PC: the token goes, the author's outbox stays."""

from __future__ import annotations

import pytest

from desk.services.account import leave
from desk.sync.credentials import load_secret, save_secret
from desk.sync.errors import Unauthorized
from desk.sync.http import ServerApi
from desk.sync.outbox import submit
from tests.support.cache_checks import count_rows
from tests.support.factories import CentreIds
from tests.support.net import free_port
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess
from tests.support.sync_client import MakeClient

pytestmark = pytest.mark.usefixtures("keyring_file")


def test_sign_out_revokes_the_token_on_the_server_and_forgets_it_here(
    make_client: MakeClient, server: ServerProcess, centre: CentreIds, run_async: Runner
) -> None:
    client = make_client(server, centre.usernames["admin"], name="admin")
    assert run_async(client.engine.sync_once())
    token = client.api.token
    assert token is not None
    save_secret(server.url, "office", token)
    assert leave(client.cache, client.api, "office", wipe=True) == 0
    assert load_secret(server.url, "office") is None
    assert count_rows(client.cache, "family") == 0, "Sign out drops the leaver's rows"
    with pytest.raises(Unauthorized):
        ServerApi(server.url, token).me()


def test_offline_the_outbox_is_held_for_its_author_either_way(
    make_client: MakeClient, server: ServerProcess, centre: CentreIds, run_async: Runner
) -> None:
    """Queued commands never go out under the next person's sign-in (issue 15 item 4)."""
    client = make_client(server, centre.usernames["admin"], name="admin")
    assert run_async(client.engine.sync_once())
    submit(client.cache, "close_thread", {"thread_id": centre.threads["office"]})
    families = count_rows(client.cache, "family")
    assert families > 0
    away = ServerApi(f"http://127.0.0.1:{free_port()}", client.api.token)  # nobody there
    save_secret(away.base_url, "office", "a-token")
    assert leave(client.cache, away, "office", wipe=False) == 1
    assert load_secret(away.base_url, "office") is None, "forgotten here even offline"
    assert count_rows(client.cache, "family") == families, "Switch user keeps the rows"
    assert leave(client.cache, away, "office", wipe=True) == 1
    assert count_rows(client.cache, "family") == 0
