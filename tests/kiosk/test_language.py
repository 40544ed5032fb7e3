"""The kiosk speaks to a guardian in their own language after the PIN, and back after.

The guardian's `language` is on their record and reaches the kiosk with the kiosk
columns; a pseudo-Spanish translation of the sources stands in for the real one
(tests/support/pseudo_translation.py), so every text of the visit must be translated.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desk.i18n.language import Languages
from desk.kiosk.enrollment import EnrollmentScreen
from desk.kiosk.window import Screen
from desk.models.cache import open_cache
from desk.server import orm
from desk.server.db import Database
from tests.support.english_left import Catalogue, english_left, english_words, shown_texts
from tests.support.factories import CentreIds
from tests.support.kiosk import OfficeClient
from tests.support.kiosk_steps import MakeKiosk, screen, tap, tap_pin
from tests.support.pseudo_translation import build_pseudo_spanish
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(scope="module")
def pseudo_spanish(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue]:
    folder = tmp_path_factory.mktemp("pseudo-es")
    return folder, Catalogue.read(build_pseudo_spanish(folder))


@pytest.fixture
def languages(qapp: QApplication, pseudo_spanish: tuple[Path, Catalogue]) -> Iterator[Languages]:
    """A kiosk set up in US English with the pseudo-Spanish translation available."""
    before = QLocale()
    made = Languages(qapp, default=US, folder=str(pseudo_spanish[0]))
    made.use_default()
    yield made
    for translator in made.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    made.deleteLater()
    QLocale.setDefault(before)


def speaks(database: Database, guardian_id: str, language: str) -> None:
    with database.writing() as session:
        session.execute(
            update(orm.Guardian).where(orm.Guardian.id == guardian_id).values(language=language)
        )


def test_a_spanish_speaking_guardians_visit_is_in_spanish_then_the_kiosk_is_back(
    qtbot: QtBot,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    kiosk_database: Database,
    office: OfficeClient,
    make_kiosk: MakeKiosk,
    languages: Languages,
    pseudo_spanish: tuple[Path, Catalogue],
) -> None:
    catalogue = pseudo_spanish[1]
    maria = kiosk_centre.guardians["maria"]
    speaks(kiosk_database, maria, "es")
    office.queue(maria, "Please bring spare clothes for Leo")
    window = make_kiosk(server, kiosk_centre, languages=languages)
    pin_prompt = english_left(shown_texts(window.pin_screen), catalogue)
    assert pin_prompt, "the PIN screen is in the kiosk's own language, English"

    tap_pin(qtbot, window, kiosk_centre.pins["maria"])
    assert screen(window) is Screen.MESSAGE
    assert QLocale().name() == "es_ES"
    shown = shown_texts(window.message_screen)
    assert english_left(shown, catalogue) == []
    data = ["Please bring spare clothes for Leo"]
    assert english_words(shown, ignore=data) == []
    tap(qtbot, window.message_screen.ok_button)
    assert screen(window) is Screen.CHILDREN
    shown = shown_texts(window.children_screen)
    assert english_left(shown, catalogue) == []
    tap(qtbot, window.children_screen.done_button)
    assert screen(window) is Screen.DONE
    assert english_left(shown_texts(window.done_screen), catalogue) == []
    tap(qtbot, window.done_screen.ok_button)

    assert screen(window) is Screen.PIN
    assert QLocale().name() == "en_US"
    assert "desk" not in languages.installed


def test_an_english_speaking_guardian_keeps_the_kiosks_language(
    qtbot: QtBot,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    make_kiosk: MakeKiosk,
    languages: Languages,
) -> None:
    window = make_kiosk(server, kiosk_centre, languages=languages)
    tap_pin(qtbot, window, kiosk_centre.pins["ann"])
    assert screen(window) in (Screen.MESSAGE, Screen.CHILDREN)
    assert QLocale().name() == "en_US"
    assert window.children_screen.done_button.text() == "Done"


def test_a_spanish_kiosk_shows_no_english_before_a_pin(
    qapp: QApplication,
    tmp_path: Path,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    make_kiosk: MakeKiosk,
    pseudo_spanish: tuple[Path, Catalogue],
) -> None:
    """The PIN, admin and settings screens and enrollment, in the kiosk's own Spanish."""
    folder, catalogue = pseudo_spanish
    before = QLocale()
    spanish = Languages(qapp, default=QLocale("es_ES"), folder=str(folder))
    try:
        assert spanish.use_default()
        window = make_kiosk(server, kiosk_centre, languages=spanish)
        screens = (window.pin_screen, window.admin_screen, window.settings_screen)
        left = [line for page in screens for line in english_left(shown_texts(page), catalogue)]
        cache = open_cache(tmp_path / "fresh.db")
        try:
            enrollment = EnrollmentScreen(cache, server.url)
            left += english_left(shown_texts(enrollment), catalogue)
            enrollment.deleteLater()
        finally:
            cache.close()
        assert left == []
    finally:
        for translator in spanish.findChildren(QTranslator):
            qapp.removeTranslator(translator)
        spanish.deleteLater()
        QLocale.setDefault(before)
