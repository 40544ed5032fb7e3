"""The office's kiosk messages, from queueing to acknowledgement at the kiosk.

Queue for two guardians, cancel one, and see when the other was shown and
acknowledged at the kiosk.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.models.cache import Cache, open_cache
from desk.server.db import Database
from desk.services.account import adopt
from desk.services.kiosk_messages import NoteState
from desk.sync.engine import SyncEngine
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, waiting_count
from desk.ui.admin.kiosk_messages import KioskMessagesView, QueueKioskMessageDialog
from tests.support.factories import PASSWORD, CentreIds
from tests.support.kiosk import kiosk_message
from tests.support.kiosk_steps import MakeKiosk, tap, tap_pin, wait_until_sent
from tests.support.qt_async import Runner, until
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")


@pytest.fixture
def office_engine(
    server: ServerProcess, kiosk_centre: CentreIds, tmp_path: Path, run_async: Runner
) -> Iterator[SyncEngine]:
    """The admin's office cache and sync engine, synced once and running."""
    cache = open_cache(tmp_path / "office.db")
    api = ServerApi(server.url)
    api.token = api.login(kiosk_centre.usernames["admin"], PASSWORD)["token"]
    adopt(cache, api)
    engine = SyncEngine(cache, api, client_id(cache), long_poll=2)
    engine.start()  # its loops take their first steps inside the next run_async
    assert run_async(engine.sync_once())
    yield engine
    run_async(engine.stop())
    engine.deleteLater()
    api.close()
    cache.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def states(view: KioskMessagesView) -> dict[str, tuple[str, str]]:
    """Guardian name -> (message, status column text) of every listed row."""
    model = view.model
    return {
        model.index(r, 0).data(): (model.index(r, 2).data(), model.index(r, 4).data())
        for r in range(model.rowCount())
    }


def select_row(view: KioskMessagesView, guardian_name: str) -> None:
    for r in range(view.model.rowCount()):
        if view.model.index(r, 0).data() == guardian_name:
            view.table.selectionModel().select(
                view.model.index(r, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            return
    raise AssertionError(f"{guardian_name} is not listed")


def test_queue_for_two_cancel_one_and_see_the_other_acknowledged(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    run_async: Runner,
    server: ServerProcess,
    kiosk_centre: CentreIds,
    kiosk_database: Database,
    office_engine: SyncEngine,
    make_kiosk: MakeKiosk,
) -> None:
    cache: Cache = office_engine.cache
    view = KioskMessagesView(cache)
    qtbot.addWidget(view)
    office_engine.data_changed.connect(view.refresh)
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 0

    family = [kiosk_centre.guardians["maria"], kiosk_centre.guardians["ann"]]
    dialog = view.open_queue_dialog(family)  # as from a family record
    qtmodeltester.check(dialog.guardians)
    assert dialog.recipients.text() == "For: Maria Diaz, Ann Lee"
    tap(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.isVisible()  # nothing written yet: say why
    assert dialog.error.text() == "write the message first"
    qtbot.keyClicks(dialog.body, "Picture day is on Friday")
    tap(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible()
    assert len(dialog.queued_ids) == 2
    assert states(view) == {
        "Maria Diaz": ("Picture day is on Friday", "Waiting"),
        "Ann Lee": ("Picture day is on Friday", "Waiting"),
    }

    select_row(view, "Ann Lee")
    assert view.cancel_button.isEnabled()
    tap(qtbot, view.cancel_button)
    assert list(states(view)) == ["Maria Diaz"]
    run_async(until(lambda: waiting_count(cache) == 0, office_engine.outbox_changed))
    maria_note, ann_note = dialog.queued_ids  # in the order the guardians were given
    assert kiosk_message(kiosk_database, ann_note).cancelled

    kiosk = make_kiosk(server, kiosk_centre)
    tap_pin(qtbot, kiosk, kiosk_centre.pins["maria"])
    assert kiosk.message_screen.body.text() == "Picture day is on Friday"
    tap(qtbot, kiosk.message_screen.ok_button)
    wait_until_sent(run_async, kiosk)
    acknowledged = kiosk_message(kiosk_database, maria_note).acknowledged_at
    assert acknowledged is not None

    run_async(until(lambda: view.model.rowCount() == 0, office_engine.data_changed))
    view.show_done.setChecked(True)
    listed = states(view)
    assert listed["Ann Lee"][1] == "Cancelled"
    assert listed["Maria Diaz"][1].startswith("Acknowledged ")
    row = view.model.row_at(
        next(
            r for r in range(view.model.rowCount()) if view.model.index(r, 0).data() == "Maria Diaz"
        )
    )
    assert row.state is NoteState.ACKNOWLEDGED
    assert row.shown_at is not None
    assert row.acknowledged_at is not None
    select_row(view, "Maria Diaz")
    assert not view.cancel_button.isEnabled()  # read messages cannot be withdrawn


def test_the_dialog_finds_guardians_but_never_pickups(
    qtbot: QtBot, kiosk_centre: CentreIds, office_engine: SyncEngine
) -> None:
    dialog = QueueKioskMessageDialog(office_engine.cache)
    qtbot.addWidget(dialog)
    names = {dialog.guardians.index(r).data() for r in range(dialog.guardians.rowCount())}
    assert names == {"Maria Diaz (Diaz)", "Ann Lee (Lee)", "Ben Lee (Lee)"}  # not Rosa
    qtbot.keyClicks(dialog.search, "Lee")
    dialog.apply_search()  # what the typing pause triggers
    assert dialog.guardians.rowCount() == 2
    dialog.guardians.setData(
        dialog.guardians.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert dialog.recipients.text() == "For: Ann Lee"
