"""A list model whose rows carry check boxes, for the pickers of the compose dialogs."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class CheckableListModel(QAbstractListModel):
    """Rows the user checks and unchecks; the flags and the edit are the same for all.

    Subclasses keep what is checked: `_is_checked` answers for a row, `_check` records a
    change, and `_after_check` may announce it once the view was told.
    """

    def _is_checked(self, row: int) -> bool:
        raise NotImplementedError

    def _check(self, row: int, on: bool) -> None:
        raise NotImplementedError

    def _after_check(self) -> None:
        """Called after a row was checked or unchecked and the view told."""

    def check_state(self, row: int) -> Qt.CheckState:
        """What `data` answers for `Qt.CheckStateRole`."""
        return Qt.CheckState.Checked if self._is_checked(row) else Qt.CheckState.Unchecked

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every valid row is enabled, selectable and checkable by the user."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Take only a check-state edit: `_check` records it, then `_after_check` runs."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        self._check(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self._after_check()
        return True
