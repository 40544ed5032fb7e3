"""Sync failures, the server's refusals and language names reach a Spanish office in Spanish.

Issue 15 item 3: the status bar showed "Offline — cannot reach the server at …" and
a refused reply "Not sent: Rosa Diaz's guardian record … opted out" in English in the
Spanish app. These read the real compiled catalogue (`desk.resources`).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk.core.optin import PhoneHolder, opt_out_reason
from desk.core.permissions import Capability, PermissionDenied
from desk.core.worded_wire import from_wire, to_wire
from desk.i18n.errors import error_text
from desk.i18n.language import Languages
from desk.i18n.language_names import language_name
from desk.models.cache import DiskFull
from desk.sync.errors import Offline
from desk.sync.http import ServerApi

SPAIN = QLocale(QLocale.Language.Spanish, QLocale.Country.Spain)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The real Spanish catalogue installed; translators and locale restored after."""
    before = QLocale()
    languages = Languages(qapp)
    assert languages.use(SPAIN)
    yield
    for translator in languages.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    languages.deleteLater()
    QLocale.setDefault(before)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_server_is_said_in_spanish(spanish: None) -> None:
    address = f"http://127.0.0.1:{_closed_port()}"
    api = ServerApi(address)
    try:
        with pytest.raises(Offline) as caught:
            api.health()
    finally:
        api.close()
    assert str(caught.value) == f"cannot reach the server at {address}"  # logs stay English
    assert error_text(caught.value) == f"no se puede conectar con el servidor en {address}"


def test_a_refusal_from_the_server_is_worded_in_spanish_with_its_names(spanish: None) -> None:
    shared = [
        PhoneHolder("guardian", "g1", "Joe Weber", False, role="pickup", family="Weber"),
        PhoneHolder("staff", "s1", "Kim Lee", False),
    ]
    refusal = opt_out_reason(shared)
    assert refusal is not None
    received = from_wire(str(refusal), to_wire(refusal))
    assert error_text(received) == (
        "este número de teléfono lo comparten 2 registros y todos deben estar dados de alta;"
        " dados de baja: el registro de persona autorizada a recoger de Joe Weber en la familia"
        " Weber, el registro de personal de Kim Lee"
    )


def test_a_permission_is_named_as_the_permission_screens_name_it(spanish: None) -> None:
    denied = PermissionDenied(Capability.MASS_TEXT)
    assert str(denied) == "this action needs the Mass Text permission"
    assert error_text(from_wire(str(denied), to_wire(denied))) == (
        "esta acción requiere el permiso «SMS masivos»"
    )


def test_a_full_disk_is_said_in_spanish(spanish: None) -> None:
    assert error_text(DiskFull("your draft")) == (
        "El disco está lleno: Front Desk no pudo guardar su borrador. "
        "Libere espacio; no se perdió nada."
    )


def test_an_old_server_s_english_refusal_is_shown_as_it_came(spanish: None) -> None:
    assert error_text(from_wire("a sentence no catalogue holds", None)) == (
        "a sentence no catalogue holds"
    )


def test_languages_are_named_in_the_reader_s_language(spanish: None) -> None:
    assert language_name("vi") == "vietnamita"
    assert language_name("pt-BR") == "portugués"
    assert language_name("sw") == "Kiswahili"  # not in the list: its own name, not English
    assert language_name("xx-unknown") == "xx-unknown"


def test_an_english_office_reads_english_names(qapp: QApplication) -> None:
    before = QLocale()
    QLocale.setDefault(US)
    try:
        assert language_name("es") == "Spanish"
        assert language_name("sw") == "Swahili"
    finally:
        QLocale.setDefault(before)
