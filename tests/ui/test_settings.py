"""The client settings, declared once (issue 11): typed reads, one signal per change."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QByteArray, QSettings
from pytestqt.qtbot import QtBot

from desk.ui import settings as declared
from desk.ui.settings import INBOX_SPLITTER, SERVER_URL, USERNAME, WINDOW_GEOMETRY, Settings


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_every_setting_is_declared_once_with_a_description() -> None:
    keys = [setting.key for setting in declared.ALL]
    assert len(keys) == len(set(keys))
    assert all(setting.description for setting in declared.ALL)
    assert all(isinstance(setting.default, setting.type) for setting in declared.ALL)


def test_a_fresh_profile_reads_the_defaults(tmp_path: Path) -> None:
    settings = Settings(ini(tmp_path / "s.ini"))
    assert settings.get(SERVER_URL) == ""
    assert settings.get(WINDOW_GEOMETRY) == QByteArray()


def test_values_survive_a_restart_with_their_types(tmp_path: Path) -> None:
    first = Settings(ini(tmp_path / "s.ini"))
    first.set(SERVER_URL, "https://desk.example.org")
    first.set(INBOX_SPLITTER, QByteArray(b"\x00\x01state"))
    first.sync()
    again = Settings(ini(tmp_path / "s.ini"))
    assert again.get(SERVER_URL) == "https://desk.example.org"
    assert again.get(INBOX_SPLITTER) == QByteArray(b"\x00\x01state")


def test_a_change_is_announced_once_and_a_repeat_not_at_all(tmp_path: Path, qtbot: QtBot) -> None:
    settings = Settings(ini(tmp_path / "s.ini"))
    heard: list[str] = []
    settings.changed.connect(heard.append)
    settings.set(USERNAME, "ana")
    settings.set(USERNAME, "ana")
    assert heard == [USERNAME.key]


def test_a_value_of_the_wrong_type_is_refused_and_not_stored(tmp_path: Path) -> None:
    settings = Settings(ini(tmp_path / "s.ini"))
    with pytest.raises(TypeError, match="account/username"):
        settings.set(USERNAME, cast(Any, QByteArray(b"ana")))
    assert settings.get(USERNAME) == ""


def test_a_stored_value_of_another_type_reads_as_the_default(tmp_path: Path) -> None:
    store = ini(tmp_path / "s.ini")
    store.setValue(WINDOW_GEOMETRY.key, "not a geometry")
    assert Settings(store).get(WINDOW_GEOMETRY) == QByteArray()
