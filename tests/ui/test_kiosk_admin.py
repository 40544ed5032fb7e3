"""Setting kiosks up from the office: enrollment codes, kiosk PINs, and Revoke.

An enrollment code, a new kiosk PIN for a parent, the list of kiosks with Revoke.

Both come from the server there and then and are shown once; only admins see them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk.core.pin_delivery import PinDelivery
from desk.core.pins import pin_lookup_key
from desk.models.directory_queries import GuardianDetail
from desk.server import orm
from desk.server.db import Database
from desk.sync.errors import Unauthorized
from desk.sync.http import ServerApi
from desk.ui.admin.kiosk_admin import EnrollKioskDialog, ResetKioskPinDialog
from desk.ui.admin.kiosk_devices import KiosksDialog
from desk.ui.admin.pin_choice import PinChoiceDialog
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.records.records import FamiliesView
from tests.support.factories import CentreIds
from tests.support.office_window import OpenOffice, family_page
from tests.support.polling import wait_until_async
from tests.support.qt_async import Runner, next_emission
from tests.support.server_process import ServerProcess


def test_an_admin_issues_an_enrollment_code_that_enrolls_a_kiosk(
    open_office: OpenOffice, run_async: Runner, ui_server: ServerProcess
) -> None:
    window = open_office("admin")
    menu = {action.text(): action for action in window.tools_menu.actions()}
    menu["&Enroll a kiosk…"].trigger()
    dialog = window.enroll_dialog
    assert isinstance(dialog, EnrollKioskDialog)
    run_async(wait_until_async(lambda: bool(dialog.value()), "the dialog shows a code"))
    assert dialog.secret.text() == dialog.value()
    assert dialog.note.text().startswith("Valid until")

    assert dialog.server.text() == f"Server address for the kiosk: {ui_server.url}"
    dialog.copy_button.click()
    assert dialog.copy_button.isEnabled()

    async def checked() -> bool:
        dialog.check_used()
        (used,) = await next_emission(dialog.used_checked)
        return bool(used)

    assert not run_async(checked())
    kiosk = ServerApi(ui_server.url).enroll_kiosk(dialog.value(), "Front door")
    assert kiosk["token"]
    assert run_async(checked())
    assert dialog.note.text().startswith("Used: a kiosk has enrolled with this code")
    assert dialog.secret.font().strikeOut()
    assert not dialog.copy_button.isEnabled()


def test_an_admin_gives_a_parent_a_new_kiosk_pin_shown_once(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    window = open_office("admin")
    view = family_page(qtbot, window, ui_centre.family)
    page = view.page
    assert page.new_pin.isVisible()
    assert not page.new_pin.isEnabled()  # nobody chosen yet
    page.contact_view.selectionModel().select(
        page.contacts.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = page.selected_contact()
    assert chosen is not None
    qtbot.mouseClick(page.new_pin, Qt.MouseButton.LeftButton)
    question = view.pin_question
    assert isinstance(question, PinChoiceDialog)
    assert question.question.text() == (
        f"Replace {chosen.detail.name}'s kiosk PIN? Their old PIN stops working at once."
    )
    assert question.send_by() is PinDelivery.SCREEN  # as before, unless the admin picks
    assert window.pin_dialog is None  # nothing replaced before the admin says so
    qtbot.mouseClick(question.replace_button, Qt.MouseButton.LeftButton)
    dialog = window.pin_dialog
    assert isinstance(dialog, ResetKioskPinDialog)
    run_async(wait_until_async(lambda: bool(dialog.value()), "the dialog shows a code"))
    pin = dialog.value()
    assert len(pin) == 6
    assert pin.isdigit()
    assert chosen.detail.name in dialog.intro.text()
    with ui_database.reading() as session:
        stored = session.scalar(
            select(orm.Guardian.kiosk_pin_key).where(orm.Guardian.id == chosen.detail.id)
        )
    assert stored == pin_lookup_key(ui_centre.secret, pin)  # only its keyed hash is kept


def _choose_first_contact(qtbot: QtBot, window: MainWindow, family_id: str) -> FamiliesView:
    view = family_page(qtbot, window, family_id)
    page = view.page
    page.contact_view.selectionModel().select(
        page.contacts.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return view


def test_cancelling_the_question_keeps_the_old_pin(
    qtbot: QtBot, open_office: OpenOffice, ui_centre: CentreIds, ui_database: Database
) -> None:
    window = open_office("admin")
    view = _choose_first_contact(qtbot, window, ui_centre.family)
    chosen = view.page.selected_contact()
    assert chosen is not None
    with ui_database.reading() as session:
        before = session.get_one(orm.Guardian, chosen.detail.id).kiosk_pin_key
    qtbot.mouseClick(view.page.new_pin, Qt.MouseButton.LeftButton)
    question = view.pin_question
    assert question is not None
    question.reject()
    assert window.pin_dialog is None
    with ui_database.reading() as session:
        assert session.get_one(orm.Guardian, chosen.detail.id).kiosk_pin_key == before


def test_an_admin_sends_a_new_pin_by_text_and_never_sees_it(
    qtbot: QtBot,
    open_office: OpenOffice,
    run_async: Runner,
    ui_centre: CentreIds,
    ui_database: Database,
) -> None:
    window = open_office("admin")
    view = _choose_first_contact(qtbot, window, ui_centre.family)
    chosen = view.page.selected_contact()
    assert chosen is not None
    qtbot.mouseClick(view.page.new_pin, Qt.MouseButton.LeftButton)
    question = view.pin_question
    assert question is not None
    assert set(question.options) == {PinDelivery.SCREEN, PinDelivery.SMS, PinDelivery.EMAIL}
    assert question.options[PinDelivery.SMS].text().startswith("Send it by text to ")
    question.options[PinDelivery.SMS].click()
    qtbot.mouseClick(question.replace_button, Qt.MouseButton.LeftButton)
    dialog = window.pin_dialog
    assert isinstance(dialog, ResetKioskPinDialog)
    run_async(wait_until_async(lambda: bool(dialog.note.text()), "the dialog says it is sent"))
    assert dialog.note.text() == "The new PIN is on its way by text. Front Desk does not show it."
    assert dialog.value() == ""
    assert dialog.secret.text() == "Sent"
    assert not dialog.copy_button.isEnabled()
    with ui_database.reading() as session:
        jobs = session.scalars(
            select(orm.Job.idempotency_key).where(
                orm.Job.centre_id == ui_centre.centre, orm.Job.kind == "kiosk_pin"
            )
        ).all()
    assert len(jobs) == 1  # queued for the delivery worker, the PIN in its payload only


def test_the_question_offers_only_the_ways_the_record_allows(qtbot: QtBot) -> None:
    person = GuardianDetail(
        id="g1",
        name="Maria Diaz",
        kind="guardian",
        relationship="Mother",
        phone="+15555550101",
        email=None,
        preferred_channel="sms",
        language="en",
        sms_opt_in=False,
        private_messaging=False,
    )
    dialog = PinChoiceDialog(person)
    qtbot.addWidget(dialog)
    assert set(dialog.options) == {PinDelivery.SCREEN}
    assert dialog.note.text() == "Not by text: this number has opted out of texts."
    with_email = PinChoiceDialog(replace(person, email="maria@example.org", sms_opt_in=True))
    qtbot.addWidget(with_email)
    assert set(with_email.options) == {PinDelivery.SCREEN, PinDelivery.SMS, PinDelivery.EMAIL}
    with_email.options[PinDelivery.EMAIL].click()
    assert with_email.send_by() is PinDelivery.EMAIL
    assert with_email.options[PinDelivery.EMAIL].text() == "Send it by email to maria@example.org"
    assert not with_email.note.isVisibleTo(with_email)


def test_a_teacher_is_offered_neither(qtbot: QtBot, open_office: OpenOffice) -> None:
    window = open_office("teacher")
    assert not window.enroll_action.isVisible()
    window.enroll_kiosk()  # even called directly, the hidden action does nothing
    assert window.enroll_dialog is None
    if Place.FAMILIES in window.nav_model.places:
        window.go(Place.FAMILIES)
        view = window.page(Place.FAMILIES)
        assert isinstance(view, FamiliesView)
        assert not view.page.new_pin.isVisible()
    window.new_kiosk_pin("any", "Anyone")
    assert window.pin_dialog is None
    assert not window.kiosks_action.isVisible()
    window.show_kiosks()
    assert window.kiosks_dialog is None


def test_an_admin_lists_kiosks_and_revokes_one(
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
    open_office: OpenOffice,
    run_async: Runner,
    ui_server: ServerProcess,
) -> None:
    """Issue 12 item 3: the office's Kiosks list, and Revoke that works at once.

    The list shows name, enrolled by and last seen; the revoked kiosk's token stops
    working at once.
    """
    window = open_office("admin")
    menu = {action.text(): action for action in window.tools_menu.actions()}
    menu["&Enroll a kiosk…"].trigger()
    code_dialog = window.enroll_dialog
    assert isinstance(code_dialog, EnrollKioskDialog)
    run_async(wait_until_async(lambda: bool(code_dialog.value()), "the dialog shows a code"))
    kiosk = ServerApi(ui_server.url)
    kiosk.token = kiosk.enroll_kiosk(code_dialog.value(), "Hall kiosk")["token"]

    menu["&Kiosks…"].trigger()
    dialog = window.kiosks_dialog
    assert isinstance(dialog, KiosksDialog)
    run_async(wait_until_async(lambda: dialog.model.rowCount() > 0, "the kiosks are listed"))
    qtmodeltester.check(dialog.model)
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    row = names.index("Hall kiosk")
    assert dialog.model.index(row, 1).data() == "Admin Staff"
    assert dialog.model.index(row, 3).data() == "never"
    assert dialog.model.index(row, 4).data() == "Active"
    assert not dialog.revoke_button.isEnabled()
    dialog.table.selectRow(row)
    assert dialog.revoke_button.isEnabled()
    monkeypatch.setattr(
        "desk.ui.admin.kiosk_devices.QMessageBox.question",
        lambda *_: QMessageBox.StandardButton.Yes,
    )
    dialog.revoke_button.click()
    run_async(
        wait_until_async(
            lambda: dialog.model.index(row, 4).data() == "Revoked", "the kiosk shows as revoked"
        )
    )
    with pytest.raises(Unauthorized):
        kiosk.me()
    kiosk.close()
