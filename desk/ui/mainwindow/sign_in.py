"""The sign-in dialog: server address, username and password.

Shown when a stored sign-in has lapsed, after Sign out and for Switch user; a
computer that has never been set up gets the first-run window instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk.services.account import Account, Connection, sign_in
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.sign_in_errors import sign_in_error_text

MINIMUM_WIDTH = 460
"""Wide enough for the title in the window frame and a typical server address."""


class SignInDialog(QDialog):
    """Asks for credentials and signs in off the GUI thread; shows why it failed.

    Signals:
        attempt_finished(bool): a sign-in attempt succeeded (True) or failed.
    """

    attempt_finished = Signal(bool)

    def __init__(
        self, server_url: str = "", username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to Front Desk"))
        # The frame draws the title in its own font beside its buttons; leave room.
        title_width = self.fontMetrics().horizontalAdvance(self.windowTitle())
        self.setMinimumWidth(max(MINIMUM_WIDTH, title_width + 200))
        self.account: Account | None = None
        self.api: Connection | None = None
        self.server = QLineEdit(server_url)
        self.server.setObjectName("server")
        self.server.setPlaceholderText(self.tr("https://frontdesk.example.org"))
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        form = QFormLayout()
        form.addRow(self.tr("&Server"), self.server)
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if server_url and username else self.server).setFocus()

    def submit(self) -> None:
        """Sign in with what was typed; the dialog closes only on success."""
        server, user, password = (
            self.server.text().strip(),
            self.username.text().strip(),
            self.password.text(),
        )
        if not (server and user and password):
            self.error.setText(
                self.tr("Fill in the server address, your username and your password.")
            )
            return
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Signing in…"))
        run_in_background(
            self, lambda: sign_in(server, user, password), self._signed_in, self._failed
        )

    def _signed_in(self, result: tuple[Account, Connection]) -> None:
        self.account, self.api = result
        self.attempt_finished.emit(True)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.error.setText(sign_in_error_text(error, self.server.text().strip()))
        self.attempt_finished.emit(False)
