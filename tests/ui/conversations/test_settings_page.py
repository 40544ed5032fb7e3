"""The Settings page an admin uses instead of the database (issue 13 item 7).

Staff capabilities, students in conversations and (on the guardian's record) the
split-family privacy flag. A change made on one workstation is followed by the
others after their sync: a teacher given full messaging sees Office Chat.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.core.permissions import Capability
from desk.services.settings import ASSIGNABLE
from desk.ui.admin.centre_settings import FIRST_CAPABILITY_COLUMN, CentreSettingsView
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from tests.support.factories import CentreIds
from tests.support.office_window import (
    OpenOffice,
    act,
    cache_of,
    family_page,
    shown_place,
    sync,
)
from tests.support.qt_async import Runner
from tests.support.record_steps import cells, pick_contact, tick

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def settings_page(qtbot: QtBot, window: MainWindow) -> CentreSettingsView:
    """Settings, reached with its shortcut as an admin would."""
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert shown_place(window) is Place.SETTINGS
    page = window.page(Place.SETTINGS)
    assert isinstance(page, CentreSettingsView)
    return page


def toggle(
    qtbot: QtBot, run_async: Runner, page: CentreSettingsView, name: str, what: Capability
) -> Qt.CheckState:
    """Move to a staff member's capability box and press Space; the box's state after."""
    index = page.staff.index(
        cells(page.staff, 0).index(name), FIRST_CAPABILITY_COLUMN + ASSIGNABLE.index(what)
    )
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    act(run_async, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Space))
    return Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole))


def test_settings_is_listed_for_admins_only(qtbot: QtBot, open_office: OpenOffice) -> None:
    assert Place.SETTINGS not in open_office("teacher").nav_model.places
    assert Place.SETTINGS not in open_office("office").nav_model.places
    page = settings_page(qtbot, open_office("admin"))
    assert cells(page.staff, 0) == ["Admin Staff", "Office Staff", "Teacher Staff"]
    assert cells(page.staff, 1) == ["Admin", "Office", "Teacher"]


def test_giving_a_teacher_full_messaging_shows_them_office_chat_after_their_sync(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    open_office: OpenOffice,
    run_async: Runner,
) -> None:
    teacher = open_office("teacher")
    assert Place.OFFICE not in teacher.nav_model.places
    admin = open_office("admin")
    page = settings_page(qtbot, admin)
    qtmodeltester.check(page.staff)
    assert toggle(qtbot, run_async, page, "Teacher Staff", Capability.FULL_MESSAGING) == CHECKED
    sync(run_async, admin)
    assert not page.problem.isVisible()

    sync(run_async, teacher)  # their feed starts over: what they may read changed
    assert Place.OFFICE in teacher.nav_model.places
    teacher.go(Place.OFFICE)
    assert shown_place(teacher) is Place.OFFICE

    assert toggle(qtbot, run_async, page, "Teacher Staff", Capability.FULL_MESSAGING) == UNCHECKED
    sync(run_async, admin)
    sync(run_async, teacher)
    assert Place.OFFICE not in teacher.nav_model.places


def test_an_admin_cannot_take_away_their_own_administration(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    admin = open_office("admin")
    page = settings_page(qtbot, admin)
    assert toggle(qtbot, run_async, page, "Admin Staff", Capability.ADMIN) == CHECKED
    assert page.problem.isVisible()
    assert page.problem.text() == "You cannot take away your own administration permission."
    assert cache_of(admin).read("SELECT COUNT(*) FROM outbox") == [(0,)]
    assert toggle(qtbot, run_async, page, "Office Staff", Capability.ADMIN) == CHECKED
    assert not page.problem.isVisible()


def test_students_in_conversations_is_followed_by_another_admin_workstation(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner
) -> None:
    first = open_office("admin")
    page = settings_page(qtbot, first)
    assert not page.students.isChecked()
    tick(qtbot, run_async, page.students)
    assert page.students.isChecked()
    sync(run_async, first)
    second = settings_page(qtbot, open_office("admin"))
    assert second.students.isChecked()


def test_split_family_privacy_is_set_on_the_guardians_record_by_an_admin(
    qtbot: QtBot, open_office: OpenOffice, run_async: Runner, ui_centre: CentreIds
) -> None:
    clerk = open_office("office")
    seen = family_page(qtbot, clerk, ui_centre.family).page
    pick_contact(seen, "Maria Diaz")
    assert not seen.preferences.private.isChecked()
    assert not seen.preferences.private.isEnabled()  # administrators only

    admin = open_office("admin")
    page = family_page(qtbot, admin, ui_centre.family).page
    pick_contact(page, "Maria Diaz")
    tick(qtbot, run_async, page.preferences.private)
    assert page.preferences.private.isChecked()
    sync(run_async, admin)
    sync(run_async, clerk)
    pick_contact(seen, "Maria Diaz")
    assert seen.preferences.private.isChecked()
