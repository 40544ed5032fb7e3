"""What keeps the kiosk safe and never stuck.

Wrong PINs, lockout, idle timeout, the admin exit, and the ways out it refuses.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.kinds import AuditAction
from desk.core.pins import MAX_WRONG_PINS
from desk.kiosk.window import KioskWindow, Screen
from desk.server.db import Database
from tests.support.factories import CentreIds
from tests.support.kiosk import ADMIN_PIN, OfficeClient, audit_count
from tests.support.kiosk_steps import MakeKiosk, screen, tap, tap_pin, wait_until_sent
from tests.support.qt_async import Runner, next_emission, until
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")

WRONG = "918273"  # not weak, and not one of the factory's PINs


def test_a_wrong_pin_says_so_and_counts_down_the_tries(
    qtbot: QtBot, server: ServerProcess, kiosk_centre: CentreIds, make_kiosk: MakeKiosk
) -> None:
    window = make_kiosk(server, kiosk_centre)
    tap_pin(qtbot, window, WRONG)
    assert screen(window) is Screen.PIN
    assert "not recognised" in window.pin_screen.message.text()
    assert f"{MAX_WRONG_PINS - 1} tries left" in window.pin_screen.message.text()
    tap_pin(qtbot, window, kiosk_centre.pins["ann"])
    assert screen(window) is Screen.CHILDREN  # a right PIN still works, and clears the count
    tap(qtbot, window.children_screen.done_button)
    tap(qtbot, window.done_screen.ok_button)
    assert window.pin_screen.message.text() == ""


def test_five_wrong_pins_lock_the_keypad_even_across_a_restart_and_are_audited(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    kiosk_database: Database,
    make_kiosk: MakeKiosk,
) -> None:
    window = make_kiosk(server, kiosk_centre)
    for _ in range(MAX_WRONG_PINS):
        qtbot.keyClicks(window, WRONG)
    assert not window.pin_screen.keypad.isEnabled()
    assert "locked for 30 s" in window.pin_screen.message.text()
    qtbot.keyClicks(window, kiosk_centre.pins["ann"])  # refused while locked
    assert screen(window) is Screen.PIN
    assert window.pin_screen.keypad.entered == 0
    wait_until_sent(run_async, window)
    assert audit_count(kiosk_database, kiosk_centre, AuditAction.KIOSK_LOCKOUT) == 1

    assert window.engine is not None
    run_async(window.engine.stop())
    window.allow_close()
    window.close()
    restarted = make_kiosk(server, kiosk_centre, cache=window.desk.cache)
    assert not restarted.pin_screen.keypad.isEnabled()
    assert "locked" in restarted.pin_screen.message.text()
    tap_pin(qtbot, restarted, kiosk_centre.pins["ann"])
    assert screen(restarted) is Screen.PIN


def test_the_idle_timeout_returns_to_the_pin_screen_from_a_message(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    office: OfficeClient,
    make_kiosk: MakeKiosk,
) -> None:
    office.queue(kiosk_centre.guardians["maria"], "Left on screen")
    window = make_kiosk(server, kiosk_centre, idle_seconds=0.3)
    assert window.idle_interval_ms == 300

    async def walk_away() -> None:
        tap_pin(qtbot, window, kiosk_centre.pins["maria"])
        assert screen(window) is Screen.MESSAGE
        await next_emission(window.idle_returned)

    run_async(walk_away())
    assert screen(window) is Screen.PIN
    assert window.pin_screen.keypad.entered == 0
    tap_pin(qtbot, window, kiosk_centre.pins["maria"])
    assert window.message_screen.body.text() == "Left on screen"  # still not acknowledged


def test_the_default_idle_timeout_is_thirty_seconds_and_settings_change_it(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    make_kiosk: MakeKiosk,
) -> None:
    window = make_kiosk(server, kiosk_centre, idle_seconds=None)
    assert window.idle_interval_ms == 30_000
    open_settings(qtbot, run_async, window)
    tap(qtbot, window.settings_screen.more_button)
    assert window.idle_interval_ms == 35_000
    assert window.desk.idle_seconds() == 35


def open_settings(qtbot: QtBot, run_async: Runner, window: KioskWindow) -> None:
    """Hold the hidden corner, then type the admin PIN."""

    async def unlock() -> None:
        qtbot.mousePress(window.corner, Qt.MouseButton.LeftButton)
        await until(lambda: screen(window) is Screen.ADMIN, window.screen_changed)
        qtbot.mouseRelease(window.corner, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(window, ADMIN_PIN)
        (valid,) = await next_emission(window.admin_checked)
        assert valid

    run_async(unlock())
    assert screen(window) is Screen.SETTINGS


def test_only_an_admin_pin_after_a_long_press_lets_anyone_out(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    make_kiosk: MakeKiosk,
) -> None:
    window = make_kiosk(server, kiosk_centre)

    async def try_parent_pin_as_admin() -> bool:
        qtbot.mousePress(window.corner, Qt.MouseButton.LeftButton)
        await until(lambda: screen(window) is Screen.ADMIN, window.screen_changed)
        qtbot.mouseRelease(window.corner, Qt.MouseButton.LeftButton)
        tap_pin_on(window, kiosk_centre.pins["maria"])
        (valid,) = await next_emission(window.admin_checked)
        return bool(valid)

    assert not run_async(try_parent_pin_as_admin())
    assert screen(window) is Screen.ADMIN
    assert "not an admin PIN" in window.admin_screen.message.text()
    tap(qtbot, window.admin_screen.cancel_button)
    assert screen(window) is Screen.PIN

    open_settings(qtbot, run_async, window)
    exits = []
    window.exit_requested.connect(lambda: exits.append(True))
    tap(qtbot, window.settings_screen.exit_button)
    assert exits == [True]


def test_the_admin_gets_in_while_the_parents_keypad_is_locked(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    make_kiosk: MakeKiosk,
) -> None:
    window = make_kiosk(server, kiosk_centre)
    for _ in range(MAX_WRONG_PINS):
        qtbot.keyClicks(window, WRONG)
    assert not window.pin_screen.keypad.isEnabled()
    open_settings(qtbot, run_async, window)
    tap(qtbot, window.settings_screen.back_button)
    assert screen(window) is Screen.PIN
    assert window.pin_screen.keypad.isEnabled(), "the admin's PIN ended the lockout"


def tap_pin_on(window: KioskWindow, pin: str) -> None:
    for digit in pin:
        window.admin_screen.keypad.buttons[digit].click()


def test_escape_alt_f4_and_close_requests_are_refused(
    qtbot: QtBot, server: ServerProcess, kiosk_centre: CentreIds, make_kiosk: MakeKiosk
) -> None:
    window = make_kiosk(server, kiosk_centre)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    tap_pin(qtbot, window, kiosk_centre.pins["ann"])
    assert screen(window) is Screen.CHILDREN
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.close()
    assert window.isVisible()
    assert screen(window) is Screen.CHILDREN  # nothing moved the parent on either
