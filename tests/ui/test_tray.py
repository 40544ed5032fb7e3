"""The tray and window icon: the app icon, with the unread count in its corner."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.desktop.icon import app_icon
from desk.ui.mainwindow.tray import badged_icon


def test_no_unread_shows_the_app_icon_itself(qtbot: QtBot) -> None:
    badged = badged_icon(0).pixmap(64).toImage()
    assert badged == app_icon().pixmap(64).toImage().convertToFormat(badged.format())


def test_unread_paints_a_badge_over_the_app_icon(qtbot: QtBot) -> None:
    plain = badged_icon(0).pixmap(64).toImage()
    badged = badged_icon(7).pixmap(64).toImage()
    assert badged != plain
    assert badged.pixelColor(48, 16).red() > 200  # the red badge, top right
    assert badged.pixelColor(16, 48) == plain.pixelColor(16, 48)  # the icon elsewhere
