"""Kiosk fixtures: an enrolled kiosk window over its own cache, against a real server.

A real server process per backend, a centre with an admin PIN, and the kiosk window
driven through its real widgets.

Fixtures:
    kiosk_database: direct access to the shared server's database.
    kiosk_centre: a fresh centre whose admin has the kiosk admin PIN
        `tests.support.kiosk.ADMIN_PIN`.
    office: the centre's admin talking to the server (`OfficeClient`).
    make_kiosk: `make_kiosk(server, idle_seconds=600, cache_name="kiosk")`: an enrolled
        kiosk window, synced once, its engine running; stopped after the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desk.i18n.language import Languages
from desk.kiosk.app import open_kiosk
from desk.kiosk.window import KioskWindow
from desk.models.cache import Cache, open_cache
from desk.server.db import Database, open_database
from desk.services.kiosk_device import enroll, resume
from tests.support.factories import CentreIds, make_centre
from tests.support.kiosk import OfficeClient, give_admin_pin
from tests.support.kiosk_steps import MakeKiosk
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")


@pytest.fixture(scope="session")
def kiosk_database(server: ServerProcess) -> Iterator[Database]:
    """The shared server's database (migrated by the process)."""
    database = open_database(server.database_url)
    yield database
    database.dispose()


@pytest.fixture
def kiosk_centre(kiosk_database: Database) -> CentreIds:
    """A fresh centre on the shared server; its admin has the kiosk admin PIN."""
    centre = make_centre(kiosk_database)
    give_admin_pin(kiosk_database, centre)
    return centre


@pytest.fixture
def office(server: ServerProcess, kiosk_centre: CentreIds) -> Iterator[OfficeClient]:
    """The centre's admin, signed in on the shared server."""
    client = OfficeClient(server.url, kiosk_centre)
    yield client
    client.close()


@pytest.fixture
def make_kiosk(run_async: Runner, tmp_path: Path, keyring_file: Any) -> Iterator[MakeKiosk]:
    """Enrolled, synced kiosk windows; their engines stop and caches close afterwards."""
    made: list[tuple[KioskWindow, Cache]] = []

    def make(
        server: ServerProcess,
        centre: CentreIds,
        *,
        idle_seconds: float | None = 600,
        cache_name: str = "kiosk",
        cache: Cache | None = None,
        languages: Languages | None = None,
    ) -> KioskWindow:
        if cache is None:
            cache = open_cache(tmp_path / f"{cache_name}.db")
            with OfficeClient(server.url, centre) as admin:
                code = admin.enrollment_code()
            enrollment, api = enroll(cache, server.url, code, "Front door")
        else:
            found = resume(cache)
            assert found is not None
            enrollment, api = found
        window = open_kiosk(
            cache,
            enrollment,
            api,
            idle_seconds=idle_seconds,
            long_press_ms=50,
            long_poll=2,
            languages=languages,
        )
        made.append((window, cache))
        window.resize(1280, 800)
        window.show()
        assert window.engine is not None
        assert run_async(window.engine.sync_once())
        window.refresh_centre()
        return window

    yield make
    for window, _ in made:
        if window.engine is not None:
            run_async(window.engine.stop())
        window.allow_close()
        window.close()
        window.deleteLater()  # not qtbot.addWidget: it would delete the engine before stop()
    for cache in {id(cache): cache for _, cache in made}.values():
        cache.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
