"""Enrolling a kiosk on its first start.

The token goes to the keyring only, and no PIN secret reaches the kiosk at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.kiosk.enrollment import EnrollmentScreen
from desk.models.cache import open_cache
from desk.services.kiosk_device import resume, unenroll
from desk.sync.credentials import SERVICE
from tests.support.clipping import clipped_texts
from tests.support.factories import CentreIds
from tests.support.kiosk import OfficeClient
from tests.support.qt_async import Runner, next_emission
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")


def attempt(qtbot: QtBot, run_async: Runner, screen: EnrollmentScreen) -> bool:
    """Press Enroll; answer whether it worked."""

    async def submit() -> bool:
        qtbot.mouseClick(screen.enroll_button, Qt.MouseButton.LeftButton)
        (succeeded,) = await next_emission(screen.attempt_finished)
        return bool(succeeded)

    return bool(run_async(submit()))


def test_enrolling_keeps_the_secrets_in_the_keyring_and_a_restart_finds_them(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    tmp_path: Path,
    keyring_file: Any,
) -> None:
    cache_path = tmp_path / "kiosk.db"
    with open_cache(cache_path) as cache:
        screen = EnrollmentScreen(cache)
        qtbot.addWidget(screen)
        qtbot.keyClicks(screen.server, server.url)
        qtbot.keyClicks(screen.code, "NOT-A-CODE")
        assert not attempt(qtbot, run_async, screen)
        assert "unknown, used or expired" in screen.error.text()

        with OfficeClient(server.url, kiosk_centre) as office:
            code = office.enrollment_code()
        screen.code.setText(code.lower())  # typed as it comes: case does not matter
        enrolled: list[Any] = []
        screen.enrolled.connect(lambda enrollment, api: enrolled.append((enrollment, api)))
        assert attempt(qtbot, run_async, screen)
        [(enrollment, api)] = enrolled
        api.close()
        token = keyring.get_password(SERVICE, f"{server.url}|kiosk:{enrollment.device_id}")
        assert token

    raw = b"".join(path.read_bytes() for path in tmp_path.glob("kiosk.db*"))
    assert token.encode() not in raw
    assert kiosk_centre.secret.hex().encode() not in raw

    with open_cache(cache_path) as cache:  # the next start
        found = resume(cache)
        assert found is not None
        again, api = found
        api.close()
        assert again == enrollment
        unenroll(cache, again)
        assert resume(cache) is None
    assert keyring.get_password(SERVICE, f"{server.url}|kiosk:{enrollment.device_id}") is None


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_no_enrollment_text_is_clipped(qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    """Regression (issue 15 item 5): the fields' text was cut top and bottom under X11.

    The window's layout kept the form's height from before the kiosk style applied,
    squeezing each 54 px field to 36 px.
    """
    with open_cache(tmp_path / "kiosk.db") as cache:
        screen = EnrollmentScreen(cache, "frontdesk.example.org")
        qtbot.addWidget(screen)
        screen.resize(*size)
        screen.show()
        qtbot.waitExposed(screen)
        qtbot.waitUntil(lambda: clipped_texts(screen) == [])
        screen.error.setText(
            "The kiosk cannot reach https://frontdesk.example.org. Check the address and the"
            " network, then try again."
        )
        qtbot.waitUntil(lambda: clipped_texts(screen) == [])
        assert screen.target.text() == (
            "This kiosk will use the server at https://frontdesk.example.org."
        )
