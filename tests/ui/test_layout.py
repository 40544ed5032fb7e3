"""Every office page lays out without cutting text off, from 1024x768 up (issue 15 item 6).

The clipping walk (`tests.support.clipping`) compares each visible label's and
button's size hint with the room it was given; the column rules are
`desk.ui.inbox.columns`, checked at the widths a new user tried.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.ui.compose.new_message import NewMessageDialog
from desk.ui.inbox.columns import CONVERSATION_MIN, DETAILS_MIN, LIST_MIN, fit_columns
from desk.ui.mainwindow.main_window import MainWindow, sidebar_width
from desk.ui.mainwindow.navigation import Place
from desk.ui.records.records import FamiliesView, StaffView
from tests.support.clipping import clipped_texts
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, act
from tests.support.qt_async import Runner
from tests.support.translations import spanish
from tests.support.ui_steps import open_thread

SIZES = [(1024, 768), (1280, 800)]


@pytest.mark.parametrize("width", range(700, 2001, 7))
def test_the_columns_fill_the_page_and_the_conversation_keeps_its_room(width: int) -> None:
    columns = fit_columns(width, handle=1)
    handles = 2 if columns.details_shown else 1
    assert columns.thread_list + columns.conversation + columns.details + handles == width
    assert columns.thread_list >= LIST_MIN
    assert columns.conversation >= CONVERSATION_MIN
    assert not columns.details_shown or columns.details >= DETAILS_MIN


def test_asked_for_on_a_narrow_page_the_details_show_at_their_minimum() -> None:
    assert not fit_columns(800, handle=1).details_shown
    columns = fit_columns(800, handle=1, details_forced=True)
    assert (columns.thread_list, columns.details) == (LIST_MIN, DETAILS_MIN)


def test_switched_off_the_details_stay_off_however_wide() -> None:
    assert not fit_columns(2000, handle=1, details_wanted=False).details_shown


def test_the_sidebar_gives_way_on_a_narrow_window() -> None:
    """Regression: a fixed 256-pixel sidebar squeezed the conversation at 1100 px."""
    assert sidebar_width(1280) == 256
    assert sidebar_width(1100) < 256
    assert sidebar_width(800) == sidebar_width(1024)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let the page just shown lay itself out."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.stack.width() + window.sidebar.width() == window.width())


def _show_a_record(window: MainWindow, place: Place, centre: CentreIds) -> None:
    """On the records pages, a record open beside the list."""
    page = window.page(place)
    if isinstance(page, FamiliesView):
        page.show_family(centre.family)
    elif isinstance(page, StaffView):
        page.show_staff(centre.teacher)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_office_page_cuts_text_off(
    qtbot: QtBot,
    run_async: Runner,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    tmp_path: Path,
    width: int,
    height: int,
    language: str,
) -> None:
    """In Spanish too: its longer words made a record's buttons need a 1064-pixel window."""
    with spanish(tmp_path) if language == "es" else contextlib.nullcontext():
        _check_every_page(qtbot, run_async, open_office, ui_centre, width, height)


def _check_every_page(
    qtbot: QtBot,
    run_async: Runner,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    width: int,
    height: int,
) -> None:
    window = open_office("admin")
    window.resize(width, height)
    open_thread(qtbot, run_async, window, Place.CLASSROOM, ui_centre.threads["classroom_a"])
    problems: dict[str, list[str]] = {}
    for place in window.nav_model.places:
        act(run_async, functools.partial(window.go, place))
        _show_a_record(window, place, ui_centre)
        _settle(qtbot, window)
        found = [str(c) for c in clipped_texts(window)]
        if (window.width(), window.height()) != (width, height):
            found.append(f"the page needs a {window.width()}x{window.height()} window")
        if found:
            problems[place.value] = found
    assert problems == {}


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_conversation_keeps_its_room_and_the_details_come_back_on_request(
    qtbot: QtBot,
    run_async: Runner,
    open_office: OpenOffice,
    ui_centre: CentreIds,
    width: int,
    height: int,
) -> None:
    window = open_office("admin")
    window.resize(width, height)
    open_thread(qtbot, run_async, window, Place.CLASSROOM, ui_centre.threads["classroom_a"])
    inbox = window.inbox
    assert inbox is not None
    _settle(qtbot, window)
    assert inbox.thread_view.width() >= CONVERSATION_MIN
    button = inbox.thread_view.details_button
    assert button.isChecked() == inbox.details.isVisible()
    if not inbox.details.isVisible():
        button.click()
        assert inbox.details.isVisible()
        _settle(qtbot, window)
        assert [str(c) for c in clipped_texts(window)] == []
    button.click()
    assert not inbox.details.isVisible()
    assert clipped_texts(window) == []


def test_new_message_cuts_no_text_off_at_1024(
    qtbot: QtBot, run_async: Runner, open_office: OpenOffice
) -> None:
    window = open_office("admin")
    window.resize(1024, 768)
    act(run_async, window.new_message)
    dialog = window.new_message_dialog
    assert isinstance(dialog, NewMessageDialog)
    dialog.resize(min(dialog.width(), 1004), min(dialog.height(), 708))
    QApplication.processEvents()
    assert dialog.width() <= 1004
    assert [str(c) for c in clipped_texts(dialog)] == []
    dialog.reject()


@pytest.mark.parametrize("width", [1024, 1100, 1280, 1600])
def test_the_sidebar_takes_its_share_of_the_window(
    qtbot: QtBot, open_office: OpenOffice, width: int
) -> None:
    window = open_office("admin")
    window.resize(width, 768)
    _settle(qtbot, window)
    assert window.sidebar.width() == sidebar_width(width)
