"""Opening a profile offline: a cache that has its owner opens without the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.models.cache import open_cache
from desk.models.local import MetaKey
from desk.services.account import adopt
from desk.sync.errors import Offline, Unauthorized
from desk.sync.http import ServerApi
from tests.support.cache_checks import count_rows
from tests.support.factories import CentreIds
from tests.support.net import free_port
from tests.support.server_process import ServerProcess
from tests.support.sync_client import MakeClient


def owner(cache_file: Path) -> str | None:
    with open_cache(cache_file) as cache:
        rows = cache.read("SELECT value FROM sync_meta WHERE key = ?", MetaKey.PRINCIPAL_ID.value)
    return rows[0][0] if rows else None


def test_a_cache_with_its_owner_opens_offline_as_it_is(
    make_client: MakeClient, server: ServerProcess, centre: CentreIds, tmp_path: Path
) -> None:
    client = make_client(server, centre.usernames["office"], name="office")
    with open_cache(client.cache.path) as cache:
        before = owner(client.cache.path)
        families = count_rows(cache, "family")
        adopt(cache, ServerApi(f"http://127.0.0.1:{free_port()}", "a-token"))  # nobody there
        assert owner(client.cache.path) == before
        assert count_rows(cache, "family") == families


def test_a_cache_without_an_owner_needs_the_server_once(tmp_path: Path) -> None:
    with open_cache(tmp_path / "fresh.db") as cache, pytest.raises(Offline):
        adopt(cache, ServerApi(f"http://127.0.0.1:{free_port()}", "a-token"))


def test_a_lapsed_sign_in_is_not_taken_for_being_offline(
    server: ServerProcess, tmp_path: Path
) -> None:
    with open_cache(tmp_path / "fresh.db") as cache, pytest.raises(Unauthorized):
        adopt(cache, ServerApi(server.url, "not-a-valid-token"))
