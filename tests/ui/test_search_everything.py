"""Search everything (Ctrl+K): one box over every section, opening results in their page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.ui.inbox.marked_text import END, START
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.mainwindow.search_everything import FOUND_ROLE, SearchEverythingDialog
from desk.ui.records.records import FamiliesView, StaffView
from desk.ui.shared.theme import LIGHT
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice


def ask(qtbot: QtBot, window: MainWindow, query: str) -> SearchEverythingDialog:
    """Press Ctrl+K and type `query`, then search without waiting for the pause."""
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.everything_dialog
    assert isinstance(dialog, SearchEverythingDialog)
    assert dialog.isVisible()
    assert dialog.box is dialog.focusWidget()  # typing goes to the box
    qtbot.keyClicks(dialog.box, query)
    dialog.search_now()
    return dialog


def shown(dialog: SearchEverythingDialog) -> list[str]:
    """The rows as listed: headings and results, as plain text."""
    model = dialog.model
    return [str(model.index(n).data()) for n in range(model.rowCount())]


def test_results_are_grouped_by_kind_with_the_match_highlighted(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds, qtmodeltester: ModelTester
) -> None:
    window = open_office("admin")
    dialog = ask(qtbot, window, "Diaz")
    rows = shown(dialog)
    assert [r for r in rows if r in ("Conversations", "Families", "Guardians", "Students")] == [
        "Conversations",
        "Families",
        "Guardians",
    ]
    assert rows[rows.index("Families") + 1] == "Diaz"
    assert {"Maria Diaz", "Rosa Diaz"} <= set(rows)
    heading = dialog.model.index(0)
    assert heading.data(FOUND_ROLE) is None
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
    first = dialog.results.currentIndex()
    assert first.row() == 1  # the first result, not its heading
    assert f"{START}Diaz{END}" in first.data(FOUND_ROLE).title
    dialog.resize(560, 480)
    image = dialog.results.viewport().grab().toImage()
    highlight = QColor(LIGHT.match).rgb()
    assert any(
        image.pixel(x, y) == highlight
        for x in range(0, image.width(), 2)
        for y in range(min(image.height(), 80))
    ), "the delegate paints the matched words highlighted"
    qtmodeltester.check(dialog.model)

    dialog.box.clear()
    qtbot.keyClicks(dialog.box, "zzzz")
    dialog.search_now()
    assert dialog.model.rowCount() == 0
    assert dialog.hint.isVisibleTo(dialog)
    assert "zzzz" in dialog.hint.text()


def test_enter_opens_a_student_in_the_family_page(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds
) -> None:
    window = open_office("admin")
    dialog = ask(qtbot, window, "Leo")
    rows = shown(dialog)
    assert rows.index("Conversations") < rows.index("Students")
    conversation = dialog.model.index(1)
    assert conversation.data(FOUND_ROLE).matched_by == "student"  # found through Leo
    assert str(conversation.data()).startswith("Diaz (")  # its channel tells it apart
    student = dialog.model.index(rows.index("Students") + 1)
    dialog.results.setCurrentIndex(student)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.place is Place.FAMILIES
    families = window.page(Place.FAMILIES)
    assert isinstance(families, FamiliesView)
    assert families.record is not None
    assert families.record.id == ui_centre.family
    assert families.search.text() == "Leo Kid"
    assert families.list.currentIndex().isValid()  # the family is chosen in its list


def test_conversations_and_staff_open_in_their_pages(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds
) -> None:
    window = open_office("admin")
    dialog = ask(qtbot, window, "Teacher")
    qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    assert dialog.results is dialog.focusWidget()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert window.place is Place.STAFF
    staff = window.page(Place.STAFF)
    assert isinstance(staff, StaffView)
    assert staff.record is not None
    assert staff.record.detail.name == "Teacher Staff"

    dialog = ask(qtbot, window, "Diaz")
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)  # the first result: a conversation
    assert window.place in (Place.OFFICE, Place.CLASSROOM, Place.SMS)
    assert window.inbox is not None
    assert window.inbox.thread_list.selected_id in ui_centre.threads.values()


def test_a_teacher_finds_only_what_they_may_open(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds
) -> None:
    window = open_office("teacher")
    dialog = ask(qtbot, window, "Diaz")
    conversations = [
        dialog.model.index(n).data(FOUND_ROLE).id
        for n in range(dialog.model.rowCount())
        if dialog.model.index(n).data(FOUND_ROLE) is not None
        and dialog.model.index(n).data(FOUND_ROLE).kind == "conversation"
    ]
    assert conversations  # their classroom's conversation with the Diaz family...
    assert ui_centre.threads["office"] not in conversations  # ...not Office Chat
    assert ui_centre.threads["sms"] not in conversations  # ...nor the Messenger Center
