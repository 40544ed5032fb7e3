"""Issue 12 on the kiosk device: what a kiosk keeps, and what it does when revoked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from desk.models.cache import Cache, open_cache
from desk.services.account import adopt
from desk.services.kiosk_admin import list_kiosks, revoke_kiosk
from desk.services.kiosk_device import enroll, resume, rotate_token_if_due
from desk.services.kiosk_messages import list_kiosk_messages, queue_kiosk_messages
from desk.sync.credentials import KeyringUnavailable
from desk.sync.engine import SyncEngine
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id
from desk.sync.state import Phase
from tests.support.factories import PASSWORD, CentreIds
from tests.support.kiosk import OfficeClient
from tests.support.kiosk_steps import MakeKiosk
from tests.support.qt_async import Runner, until
from tests.support.server_process import ServerProcess


def test_enrolling_without_a_keyring_keeps_the_code_usable(
    server: ServerProcess, kiosk_centre: CentreIds, tmp_path: Path, keyring_file: Any
) -> None:
    """Regression, issue 12 item 16: with no keyring, enrolling used up the code.

    On a machine with no keyring the enrollment used up the one-time code before
    finding it could not store the token, and the next try said the code was unknown.
    Failed before the fix at the second `enroll`.
    """
    with OfficeClient(server.url, kiosk_centre) as office:
        code = office.enrollment_code()
    with open_cache(tmp_path / "kiosk.db") as cache:
        keyring.set_keyring(NoKeyring())  # type: ignore[no-untyped-call]  # keyring is untyped
        try:
            with pytest.raises(KeyringUnavailable, match="no system keyring"):
                enroll(cache, server.url, code, "Front door")
        finally:
            keyring.set_keyring(keyring_file)
        enrollment, api = enroll(cache, server.url, code, "Front door")  # same code
        api.close()
        assert enrollment.device_id


def _workstation(server: ServerProcess, centre: CentreIds, path: Path) -> tuple[Cache, ServerApi]:
    """An office cache signed in as the admin and synced once, engine not running."""
    cache = open_cache(path)
    api = ServerApi(server.url)
    api.token = api.login(centre.usernames["admin"], PASSWORD)["token"]
    adopt(cache, api)
    return cache, api


def _sync(run_async: Runner, cache: Cache, api: ServerApi) -> None:
    engine = SyncEngine(cache, api, client_id(cache), long_poll=2)
    try:
        assert run_async(engine.sync_once())
    finally:
        engine.deleteLater()


def test_a_message_typed_offline_first_shows_first_at_the_kiosk_and_office(
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    tmp_path: Path,
    make_kiosk: MakeKiosk,
    keyring_file: Any,
) -> None:
    """Regression, issue 12 item 8: kiosk messages showed in server arrival order.

    Workstation A, offline, queues a kiosk message; workstation B, online, queues one
    later; A comes back online. Failed before the fix: the kiosk and the office list
    showed B's first.
    """
    maria = kiosk_centre.guardians["maria"]
    offline, offline_api = _workstation(server, kiosk_centre, tmp_path / "a.db")
    online, online_api = _workstation(server, kiosk_centre, tmp_path / "b.db")
    try:
        _sync(run_async, offline, offline_api)
        _sync(run_async, online, online_api)
        queue_kiosk_messages(offline, [maria], "typed first, while offline")
        queue_kiosk_messages(online, [maria], "typed second, online")
        _sync(run_async, online, online_api)  # B's arrives first
        _sync(run_async, offline, offline_api)
        _sync(run_async, online, online_api)
        expected = ["typed first, while offline", "typed second, online"]
        assert [m.body for m in list_kiosk_messages(online, guardian_ids=[maria])] == expected

        kiosk = make_kiosk(server, kiosk_centre)
        person = kiosk.desk.enter_pin(kiosk_centre.pins["maria"]).person
        assert person is not None
        assert [n.body for n in kiosk.desk.messages_for(person)] == expected
    finally:
        for cache, api in ((offline, offline_api), (online, online_api)):
            api.close()
            cache.close()


def test_a_revoked_kiosk_wipes_its_pin_verifiers(
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    make_kiosk: MakeKiosk,
) -> None:
    """Regression, issue 12 item 3: an enrolled kiosk could not be revoked.

    What it cached stayed, too. Failed before the fix: there was no revoke endpoint.
    Now the kiosk's next request gets 401 and it forgets every guardian's PIN verifier.
    """
    kiosk = make_kiosk(server, kiosk_centre)
    pin = kiosk_centre.pins["maria"]
    assert kiosk.desk.enter_pin(pin).person is not None
    with OfficeClient(server.url, kiosk_centre) as office:
        [listed] = list_kiosks(office.api)
        assert (listed.name, listed.enrolled_by, listed.revoked) == (
            "Front door",
            "Admin Staff",
            False,
        )
        assert listed.last_seen_at is not None
        assert revoke_kiosk(office.api, listed.id).revoked
    engine = kiosk.engine
    assert engine is not None
    assert run_async(engine.pull_once()) is None  # its next request: 401
    run_async(until(lambda: engine.state.phase is Phase.SIGNED_OUT, engine.state_changed))
    left = kiosk.desk.cache.read(
        "SELECT COUNT(*) FROM guardian WHERE kiosk_pin_verifier IS NOT NULL"
    )
    assert left == [(0,)]
    assert kiosk.desk.enter_pin(pin).person is None


def test_the_kiosk_rotates_its_token_daily_and_keeps_the_new_one(
    server: ServerProcess, kiosk_centre: CentreIds, tmp_path: Path, keyring_file: Any
) -> None:
    """Issue 12 item 3: a kiosk trades its token for a new one once a day.

    The new one is in the keyring for the next start, and the old one stops within
    the hour.
    """
    with OfficeClient(server.url, kiosk_centre) as office:
        code = office.enrollment_code()
    with open_cache(tmp_path / "kiosk.db") as cache:
        enrollment, api = enroll(cache, server.url, code, "Front door")
        old = api.token
        assert not rotate_token_if_due(cache, enrollment, api)  # just enrolled
        later = datetime.now(UTC) + timedelta(days=1, minutes=1)
        assert rotate_token_if_due(cache, enrollment, api, now=later)
        assert api.token != old
        found = resume(cache)
        assert found is not None
        assert found[1].token == api.token
        assert api.me()["kind"] == "kiosk"
        api.close()
        found[1].close()
    assert old is not None
