"""The Settings page (issue 13 item 7): what an admin changes from the app, not the database.

Each staff member's capabilities (full messaging, Mass Text, SMS Logs, admin) and
whether students may take part in conversations. A guardian's split-family privacy
is per person, so it sits on the guardian's record with their other preferences.
Every change is a command in the outbox: shown here at once, checked and audited by
the server, and followed by the other workstations on their next sync, the staff
member's own included (gaining full messaging shows them Office Chat).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from desk.core.permissions import Capability
from desk.models.cache import Cache
from desk.services import settings
from desk.services.directory import who_am_i
from desk.services.settings import StaffPermissions
from desk.ui.shared.people_text import capability_label, role_label
from desk.ui.shared.row_model import Column, RowTableModel
from desk.ui.shared.widgets import ERROR_STYLE, table

Index = QModelIndex | QPersistentModelIndex
FIRST_CAPABILITY_COLUMN = 2
"""Name and role come first; then one check box column per `settings.ASSIGNABLE`."""

Change = Callable[[StaffPermissions, frozenset[Capability]], bool]
"""Queue a staff member's new capabilities; False when refused (the page says why)."""


class CapabilityModel(RowTableModel[StaffPermissions]):
    """Staff with a check box per capability an admin may give.

    Checking or unchecking one asks `change`; the row shows the new set only when
    it was queued, so a refused change (your own admin) leaves the box as it was.
    """

    def __init__(self, cache: Cache, change: Change, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("Staff member"),
                    lambda r: (
                        r.name if r.active else self.tr("{name} (inactive)").format(name=r.name)
                    ),
                ),
                Column(self.tr("Role"), lambda r: role_label(r.role)),
                *(Column(capability_label(c), lambda r: "") for c in settings.ASSIGNABLE),
            ],
            lambda offset, limit: settings.staff_permissions(cache, offset, limit),
            parent=parent,
        )
        self._change = change

    def capability(self, column: int) -> Capability | None:
        """The capability of a check box column, None for name and role."""
        n = column - FIRST_CAPABILITY_COLUMN
        return settings.ASSIGNABLE[n] if 0 <= n < len(settings.ASSIGNABLE) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Check states on the capability columns, said in words for screen readers."""
        capability = self.capability(index.column()) if index.isValid() else None
        if capability is None or index.row() >= self.rowCount():
            return super().data(index, role)
        held = capability in self.row_at(index.row()).capabilities
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if held else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{capability}: {held}").format(
                capability=capability_label(capability),
                held=self.tr("yes") if held else self.tr("no"),
            )
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Capability cells are checkable; every cell is enabled and selectable."""
        flags = super().flags(index)
        if index.isValid() and self.capability(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Give or take the column's capability; the row changes only if it was queued."""
        capability = self.capability(index.column()) if index.isValid() else None
        if capability is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.row_at(index.row())
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        wanted = row.capabilities | {capability} if on else row.capabilities - {capability}
        if wanted == row.capabilities or not self._change(row, frozenset(wanted)):
            return False
        self._pages.rows[index.row()] = replace(row, capabilities=frozenset(wanted))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class CentreSettingsView(QWidget):
    """Staff capabilities and the centre's conversation settings (administrators only)."""

    def __init__(self, cache: Cache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centreSettingsView")
        self._cache = cache
        self.staff = CapabilityModel(cache, self._set_capabilities, self)
        self.table = table(self.staff, "capabilityTable", 0, self.tr("Staff permissions"))
        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.students = QCheckBox(self.tr("Students may take part in group conversations"))
        self.students.setObjectName("studentsInConversations")
        self.students.clicked.connect(self._set_students)
        privacy = QLabel(
            self.tr(
                "Split families: whether a guardian's conversations are kept apart from the "
                "family's other guardians is set on that guardian's record (Families)."
            )
        )
        privacy.setObjectName("cardLine")
        privacy.setWordWrap(True)
        explain = QLabel(
            self.tr(
                "Full messaging: Office Chat and every classroom. Mass Text: send texts and "
                "push notifications. SMS Logs: read the Messenger Center. Administration: "
                "settings, audit log, kiosks, templates."
            )
        )
        explain.setObjectName("cardLine")
        explain.setWordWrap(True)
        staff_heading = QLabel(self.tr("STAFF PERMISSIONS"))
        staff_heading.setObjectName("detailsHeading")
        talk_heading = QLabel(self.tr("CONVERSATIONS"))
        talk_heading.setObjectName("detailsHeading")
        layout = QVBoxLayout(self)
        layout.addWidget(staff_heading)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(talk_heading)
        layout.addWidget(self.students)
        layout.addWidget(privacy)
        self.refresh()

    def refresh(self) -> None:
        """Re-read staff and the centre's settings (after a sync)."""
        self.staff.reload()
        centre = settings.centre_settings(self._cache)
        self.students.setEnabled(centre is not None)
        self.students.setChecked(bool(centre and centre.students_in_conversations))

    def _set_capabilities(self, row: StaffPermissions, wanted: frozenset[Capability]) -> bool:
        me = who_am_i(self._cache)
        if me is not None and row.id == me.id and Capability.ADMIN not in wanted:
            self._refuse(self.tr("You cannot take away your own administration permission."))
            return False
        try:
            settings.set_capabilities(self._cache, row.id, wanted)
        except settings.SettingRefused as refused:
            self._refuse(
                self.tr("{name} not changed: {reason}").format(name=row.name, reason=refused)
            )
            return False
        self.problem.hide()
        return True

    def _refuse(self, reason: str) -> None:
        self.problem.setText(reason)
        self.problem.show()

    def _set_students(self, on: bool) -> None:
        settings.set_students_in_conversations(self._cache, on)
