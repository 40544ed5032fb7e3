"""Rename a group conversation, for everyone in it.

The title is checked with the server's rule (`desk.core.conversations.validate_title`:
not blank, at most 100 characters, one line) as it is typed, so a refusal shows in
the dialog with the reason and the text typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.core.conversations import MAX_TITLE_LENGTH, InvalidTitle, validate_title
from desk.services.group_conversations import ConversationRefused, GroupConversations


class RenameDialog(QDialog):
    """One line for the new title; Rename queues the command.

    Signals:
        renamed(str): the new title was queued.
    """

    renamed = Signal(str)

    def __init__(
        self, groups: GroupConversations, thread_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("renameDialog")
        self.setWindowTitle(self.tr("Rename conversation"))
        self._groups = groups
        self._thread_id = thread_id
        self._old = title
        self.title = QLineEdit(title)
        self.title.setObjectName("conversationTitle")
        self.title.setAccessibleName(self.tr("Conversation title"))
        self.title.setMaxLength(MAX_TITLE_LENGTH * 2)  # a paste is cut with a reason, not silently
        self.title.selectAll()
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.rename_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.rename_button.setText(self.tr("Rename"))
        self.rename_button.setObjectName("renameButton")
        self.buttons.accepted.connect(self.rename)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Everyone in the conversation sees the new title.")))
        layout.addWidget(self.title)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())
        self._check()

    def _problem(self) -> str | None:
        try:
            cleaned = validate_title(self.title.text())
        except InvalidTitle as refused:
            return str(refused)
        return "" if cleaned == self._old else None

    def _check(self) -> None:
        problem = self._problem()
        self._show_refusal(problem or None)
        self.rename_button.setEnabled(problem is None)

    def _show_refusal(self, reason: str | None) -> None:
        self.refusal.setText(self.tr("Cannot rename: {reason}").format(reason=reason or ""))
        self.refusal.setVisible(reason is not None)

    def rename(self) -> None:
        """Queue the new title, or keep the dialog open with the reason it cannot be."""
        if self._problem() is not None:
            return
        title = validate_title(self.title.text())
        try:
            self._groups.rename(self._thread_id, title)
        except ConversationRefused as refused:
            self._show_refusal(str(refused))
            return
        self.renamed.emit(title)
        self.accept()
