"""The kiosk's fixed screens in Spanish: PIN pad, messages, sign in and out.

A parent walks through the kiosk with the shipped Spanish translation installed;
every screen is in Spanish, with no English piece of interface text left. The
office's messages and the centre's names are data and stay as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desk.kiosk.window import KioskWindow, Screen
from tests.support.factories import CentreIds
from tests.support.kiosk import OfficeClient
from tests.support.kiosk_steps import MakeKiosk, screen, tap, tap_pin
from tests.support.server_process import ServerProcess
from tests.support.translations import english_fragments, english_left, spanish

pytestmark = pytest.mark.usefixtures("keyring_file")

WRONG = "918273"  # not weak, and not one of the factory's PINs


def _no_english(window: KioskWindow, fragments: set[str]) -> None:
    assert english_left(window, fragments) == [], screen(window)


def test_a_parent_goes_through_the_kiosk_in_spanish(
    qtbot: QtBot,
    tmp_path: Path,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    office: OfficeClient,
    make_kiosk: MakeKiosk,
) -> None:
    fragments = english_fragments()
    office.queue(kiosk_centre.guardians["maria"], "Please bring spare clothes for Leo")
    with spanish(tmp_path):
        window = make_kiosk(server, kiosk_centre)
        assert screen(window) is Screen.PIN
        assert window.pin_screen.prompt.text() == "¡Le damos la bienvenida! Introduzca su PIN"
        tap_pin(qtbot, window, WRONG)
        assert "No reconocemos ese PIN" in window.pin_screen.message.text()
        assert "intentos restantes: 4" in window.pin_screen.message.text()
        _no_english(window, fragments)

        tap_pin(qtbot, window, kiosk_centre.pins["maria"])
        assert screen(window) is Screen.MESSAGE
        assert window.message_screen.greeting.text() == "¡Hola, Maria!"
        assert window.message_screen.counter.text() == "Un mensaje de la oficina (1 de 1)"
        assert window.message_screen.body.text() == "Please bring spare clothes for Leo"
        assert window.message_screen.ok_button.text() == "Entendido, gracias"
        _no_english(window, fragments - {"Please bring spare clothes for Leo"})

        tap(qtbot, window.message_screen.ok_button)
        assert screen(window) is Screen.CHILDREN
        rows = window.children_screen.rows
        assert [row.toggle.text() for row in rows] == ["Registrar entrada"] * len(rows)
        _no_english(window, fragments)
        tap(qtbot, rows[0].toggle)
        assert rows[0].toggle.text() == "✓ Registrar entrada"
        tap(qtbot, window.children_screen.done_button)

        assert screen(window) is Screen.DONE
        summary = window.done_screen.summary.text()
        assert summary.startswith("Gracias, Maria.")
        assert f"Entrada de {rows[0].child.first_name} registrada a las" in summary
        assert summary.endswith("¡Que tenga un buen día!")
        _no_english(window, fragments)


def test_the_english_check_finds_untranslated_text(qtbot: QtBot) -> None:
    """The check above would fail on a screen left in English, not pass vacuously."""
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QLabel("Signed in · Pre-K"))
    layout.addWidget(QPushButton("Entendido, gracias"))
    hidden = QLabel("Welcome! Please enter your PIN")
    layout.addWidget(hidden)
    hidden.hide()
    assert english_left(root, english_fragments()) == ["Signed in · Pre-K"]
