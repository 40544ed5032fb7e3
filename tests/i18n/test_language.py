"""desk.i18n: translators installed per language, errors worded in it, dates in its locale."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.core.wire import format_utc
from desk.i18n.errors import error_text
from desk.i18n.language import Languages, locale_for
from desk.services.kiosk_messages import MAX_BODY, validate_body
from desk.tools.build_resources import qt_tool, run
from desk.ui.shared.formatting import date_and_time, local_time
from desk.ui.shared.phone_display import home_region, national

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
SPAIN = QLocale(QLocale.Language.Spanish, QLocale.Country.Spain)

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context><name>Errors</name>
<message><source>write the message first</source>
<translation>escriba primero el mensaje</translation></message>
<message><source>a kiosk message is at most {limit} characters</source>
<translation>un mensaje del quiosco tiene como máximo {limit} caracteres</translation></message>
</context>
</TS>
"""


@pytest.fixture(scope="module")
def spanish_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a small desk_es.qm, compiled by lrelease like the real one."""
    folder = tmp_path_factory.mktemp("es")
    (folder / "desk_es.ts").write_text(TS, encoding="utf-8")
    run(
        [qt_tool("pyside6-lrelease"), str(folder / "desk_es.ts"), "-qm", str(folder / "desk_es.qm")]
    )
    return folder


@pytest.fixture
def languages(qapp: QApplication, spanish_folder: Path) -> Iterator[Languages]:
    """Translators over the small catalogue; removed, and the default locale restored, after."""
    before = QLocale()
    made = Languages(qapp, default=US, folder=str(spanish_folder))
    yield made
    for translator in made.findChildren(QTranslator):
        qapp.removeTranslator(translator)
    made.deleteLater()
    QLocale.setDefault(before)


def test_spanish_installs_ours_and_qts_and_becomes_the_default_locale(
    languages: Languages,
) -> None:
    assert languages.use(SPAIN)
    assert languages.installed == ["desk", "qtbase"]
    assert QLocale().name() == "es_ES"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"


def test_back_to_the_default_removes_the_translation(languages: Languages) -> None:
    languages.use(SPAIN)
    assert languages.use_default()  # English: the sources' own language
    assert "desk" not in languages.installed
    assert QCoreApplication.translate("Errors", "write the message first") == (
        "write the message first"
    )


def test_a_language_without_a_translation_does_not_read(languages: Languages) -> None:
    assert not languages.use(QLocale(QLocale.Language.French, QLocale.Country.France))


def test_locale_for_stored_tags() -> None:
    assert locale_for("es").language() == QLocale.Language.Spanish
    assert locale_for("es-MX").name() == "es_MX"
    assert locale_for("en_GB").name() == "en_GB"
    assert locale_for("C").name() == "en_US"  # no locale configured: not "6 12 2026"


def test_refusals_are_translated_before_their_values_fill_in(languages: Languages) -> None:
    languages.use(SPAIN)
    with pytest.raises(UserError) as refused:
        validate_body("x" * 5000)
    assert error_text(refused.value) == (
        f"un mensaje del quiosco tiene como máximo {MAX_BODY} caracteres"
    )
    assert str(refused.value) == f"a kiosk message is at most {MAX_BODY} characters"  # for logs
    assert error_text(UserError(QT_TRANSLATE_NOOP("Errors", "write the message first"))) == (
        "escriba primero el mensaje"
    )
    assert error_text(ValueError("the server said no")) == "the server said no"


AT = datetime(2026, 12, 6, 15, 42, tzinfo=UTC)


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The workstation's zone is UTC for the test, so wire times read as written."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize(
    ("locale", "today", "other_day", "both"),
    [
        (US, "3:42 PM", "12/6/2026", "12/6/2026, 3:42 PM"),
        (UK, "15:42", "06/12/2026", "06/12/2026, 15:42"),
        (SPAIN, "15:42", "6/12/2026", "6/12/2026, 15:42"),
    ],
)
def test_dates_and_times_in_the_locale(
    locale: QLocale, today: str, other_day: str, both: str
) -> None:
    wire = format_utc(AT)
    plain = str.maketrans({"\u202f": " ", "\xa0": " "})  # CLDR's narrow space before PM
    assert local_time(wire, now=AT, locale=locale).translate(plain) == today
    later = AT.replace(day=20)
    assert local_time(wire, now=later, locale=locale) == other_day
    assert date_and_time(wire, locale).translate(plain) == both


def test_one_phone_format_the_centres_country_national() -> None:
    assert home_region(US) == "US"
    assert home_region(SPAIN) == "ES"
    assert home_region(QLocale.c()) == "US"
    assert national("+12025550100", "US") == "(202) 555-0100"
    assert national("+34612345678", "ES") == "612 34 56 78"
    assert national("+34612345678", "US") == "+34 612 34 56 78"  # foreign: dialable as shown
    assert national("not a number", "US") == "not a number"
