"""The kiosk driven like a parent drives it, against a real server on each backend.

PINs on the keypad and on the keyboard, queued messages in entry order with an
acknowledgement each, signing children in and out, what an authorized pickup sees,
and what reaches the server.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.core.kinds import AttendanceKind
from desk.kiosk.keypad import DOT, EMPTY
from desk.kiosk.window import Screen
from desk.server.db import Database
from desk.services.kiosk import Person
from tests.support.factories import CentreIds
from tests.support.kiosk import OfficeClient, attendance, kiosk_message
from tests.support.kiosk_steps import MakeKiosk, screen, tap, tap_pin, wait_until_sent
from tests.support.qt_async import Runner, until
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")


def test_a_guardian_reads_queued_messages_in_entry_order_and_signs_children_in(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    kiosk_database: Database,
    office: OfficeClient,
    make_kiosk: MakeKiosk,
) -> None:
    maria = kiosk_centre.guardians["maria"]
    first = office.queue(maria, "Please bring spare clothes for Leo")
    other = office.queue(kiosk_centre.guardians["ann"], "Kim's photo day is Friday")
    second = office.queue(maria, "Your invoice is ready")
    third = office.queue(maria, "Ava has a small bump on her knee, all fine")
    window = make_kiosk(server, kiosk_centre)
    assert screen(window) is Screen.PIN
    assert window.pin_screen.centre.text().startswith("Maple")

    tap_pin(qtbot, window, kiosk_centre.pins["maria"])
    seen = []
    while screen(window) is Screen.MESSAGE:
        seen.append(window.message_screen.body.text())
        assert window.message_screen.greeting.text() == "Hello, Maria!"
        assert f"({len(seen)} of 3)" in window.message_screen.counter.text()
        tap(qtbot, window.message_screen.ok_button)
    assert seen == [
        "Please bring spare clothes for Leo",
        "Your invoice is ready",
        "Ava has a small bump on her knee, all fine",
    ]
    assert screen(window) is Screen.CHILDREN
    assert [row.child.first_name for row in window.children_screen.rows] == ["Ava", "Leo"]
    assert {row.child.room for row in window.children_screen.rows} == {"Pre-K", "Toddlers"}
    for row in window.children_screen.rows:
        assert row.toggle.text() == "Sign in"
        tap(qtbot, row.toggle)
        assert row.toggle.text() == "✓ Sign in"
    tap(qtbot, window.children_screen.done_button)
    assert screen(window) is Screen.DONE
    summary = window.done_screen.summary.text()
    assert "Ava signed in at" in summary
    assert "Leo signed in at" in summary
    tap(qtbot, window.done_screen.ok_button)
    assert screen(window) is Screen.PIN

    wait_until_sent(run_async, window)
    for message_id in (first, second, third):
        stored = kiosk_message(kiosk_database, message_id)
        assert stored.shown_at is not None
        assert stored.acknowledged_at is not None
        assert stored.shown_at <= stored.acknowledged_at
    assert kiosk_message(kiosk_database, other).acknowledged_at is None
    device = window.desk.cache.read("SELECT value FROM sync_meta WHERE key = 'principal_id'")
    for child in ("leo", "ava"):
        assert attendance(kiosk_database, kiosk_centre.students[child]) == [
            (AttendanceKind.SIGN_IN, maria, device[0][0])
        ]

    tap_pin(qtbot, window, kiosk_centre.pins["maria"])
    assert screen(window) is Screen.CHILDREN  # every message was acknowledged


def test_a_pin_typed_on_the_keyboard_signs_a_child_in_then_out(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    kiosk_database: Database,
    make_kiosk: MakeKiosk,
) -> None:
    window = make_kiosk(server, kiosk_centre)
    pin = kiosk_centre.pins["ann"]
    qtbot.keyClicks(window, pin[:3])
    dots = window.pin_screen.keypad.dots.text()
    assert dots == DOT * 3 + EMPTY * 3
    assert not any(ch.isdigit() for ch in dots)
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window, pin[2:])
    assert screen(window) is Screen.CHILDREN  # Ann has no messages waiting
    [row] = window.children_screen.rows
    assert (row.child.first_name, row.child.room, row.toggle.text()) == (
        "Kim",
        "Toddlers",
        "Sign in",
    )
    tap(qtbot, row.toggle)
    tap(qtbot, window.children_screen.done_button)
    tap(qtbot, window.done_screen.ok_button)

    qtbot.keyClicks(window, pin)
    [row] = window.children_screen.rows
    assert row.child.signed_in
    assert row.toggle.text() == "Sign out"
    tap(qtbot, row.toggle)
    tap(qtbot, window.children_screen.done_button)
    assert "Kim signed out at" in window.done_screen.summary.text()
    tap(qtbot, window.done_screen.ok_button)

    wait_until_sent(run_async, window)
    kinds = [kind for kind, *_ in attendance(kiosk_database, kiosk_centre.students["kim"])]
    assert kinds == [AttendanceKind.SIGN_IN, AttendanceKind.SIGN_OUT]


def test_an_authorized_pickup_sees_only_their_children_and_no_messages(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    kiosk_database: Database,
    office: OfficeClient,
    make_kiosk: MakeKiosk,
) -> None:
    office.queue(kiosk_centre.guardians["maria"], "For Maria only")
    window = make_kiosk(server, kiosk_centre)
    tap_pin(qtbot, window, kiosk_centre.pins["rosa"])
    assert screen(window) is Screen.CHILDREN
    assert window.children_screen.greeting.text() == "Hello, Rosa!"
    [row] = window.children_screen.rows  # Leo, not his sister Ava
    assert row.child.id == kiosk_centre.students["leo"]
    tap(qtbot, row.toggle)
    tap(qtbot, window.children_screen.done_button)
    tap(qtbot, window.done_screen.ok_button)
    wait_until_sent(run_async, window)
    [(kind, who, _)] = attendance(kiosk_database, kiosk_centre.students["leo"])
    assert (kind, who) == (AttendanceKind.SIGN_IN, kiosk_centre.guardians["rosa"])


def test_a_message_queued_in_the_office_reaches_the_running_kiosk(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    office: OfficeClient,
    make_kiosk: MakeKiosk,
) -> None:
    window = make_kiosk(server, kiosk_centre)
    assert window.engine is not None
    ben = Person(kiosk_centre.guardians["ben"], "guardian", kiosk_centre.split_family, "Ben", "")
    assert window.desk.messages_for(ben) == []
    office.queue(ben.id, "The heating is being fixed today")
    run_async(until(lambda: bool(window.desk.messages_for(ben)), window.engine.data_changed))
    tap_pin(qtbot, window, kiosk_centre.pins["ben"])
    assert window.message_screen.body.text() == "The heating is being fixed today"
