"""Driving a kiosk window as a parent does: tapping the keypad and buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.kiosk.window import KioskWindow, Screen
from tests.support.qt_async import Runner, until

MakeKiosk = Callable[..., KioskWindow]
"""The `make_kiosk` fixture of `tests/kiosk/conftest.py`."""


def screen(window: KioskWindow) -> Screen:
    """The screen the kiosk shows now.

    Read through a call, not `window.current`: mypy keeps a property narrowed by an
    `is` check across the taps that change it, and would call the next check unreachable.
    """
    return window.current


def tap_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    """Tap the PIN on the on-screen keypad."""
    for digit in pin:
        button = window.pin_screen.keypad.buttons[digit]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tap(qtbot: QtBot, button: object) -> None:
    """Click `button` as a finger would."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_until_sent(run_async: Runner, window: KioskWindow) -> None:
    """Until the outbox is empty: everything tapped has reached the server."""
    assert window.engine is not None
    run_async(until(lambda: window.desk.waiting() == 0, window.engine.outbox_changed))
