"""Connect to your centre: the server address is checked before any password is asked.

Two steps on one page. The address goes to `check_server` first, so a typo, a site
that is not Front Desk or an untrusted certificate is said plainly; only a server
that answered as Front Desk gets the username and password fields.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.services.account import Account, Connection, sign_in
from desk.services.server_check import CheckedServer, check_server
from desk.ui.shared.operations import run_in_background
from desk.ui.shared.sign_in_errors import sign_in_error_text


def title_label(text: str) -> QLabel:
    """A page title of the first-run window (office.qss gives it its size)."""
    label = QLabel(text)
    label.setObjectName("firstRunTitle")
    return label


class ConnectPage(QWidget):
    """Server address, then (once it checked out) username and password.

    Signals:
        connected(object, object): the signed-in `Account` and its `Connection`.
        back_requested(): the person wants the three choices again.
        check_finished(bool): an address check succeeded (True) or failed.
        attempt_finished(bool): a sign-in attempt succeeded (True) or failed.
    """

    connected = Signal(object, object)
    back_requested = Signal()
    check_finished = Signal(bool)
    attempt_finished = Signal(bool)

    def __init__(self, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectPage")
        self.checked: CheckedServer | None = None
        title = title_label(self.tr("Connect to your centre"))
        explain = QLabel(
            self.tr(
                "Type the address of your centre's Front Desk server. Your administrator"
                " has it; Front Desk checks it before asking for your password."
            )
        )
        explain.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setObjectName("server")
        self.server.setPlaceholderText(self.tr("https://frontdesk.example.org"))
        self.server.textEdited.connect(self._address_edited)
        self.server.returnPressed.connect(self.check)
        self.check_button = QPushButton(self.tr("&Check address"))
        self.check_button.setObjectName("checkAddress")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("firstRunMessage")
        self.message.setWordWrap(True)
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.clicked.connect(self.submit)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.clicked.connect(self.back_requested)

        address = QHBoxLayout()
        address.addWidget(self.server, 1)
        address.addWidget(self.check_button)
        self.credentials = QWidget()
        self.credentials.setObjectName("credentials")
        form = QFormLayout(self.credentials)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explain)
        server_label = QLabel(self.tr("Server &address"))
        server_label.setBuddy(self.server)
        layout.addWidget(server_label)
        layout.addLayout(address)
        layout.addWidget(self.credentials)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._show_credentials(False)

    def check(self) -> None:
        """Check the typed address off the GUI thread; the page says what it found."""
        address = self.server.text().strip()
        self.check_button.setEnabled(False)
        self.message.setText(self.tr("Checking {server}…").format(server=address))
        run_in_background(self, lambda: check_server(address), self._checked, self._check_failed)

    def submit(self) -> None:
        """Sign in at the checked server with what was typed."""
        if self.checked is None:
            return
        user, password = self.username.text().strip(), self.password.text()
        if not (user and password):
            self.message.setText(self.tr("Fill in your username and your password."))
            return
        server = self.checked.url
        self.sign_in_button.setEnabled(False)
        self.message.setText(self.tr("Signing in…"))
        run_in_background(
            self, lambda: sign_in(server, user, password), self._signed_in, self._sign_in_failed
        )

    def _checked(self, checked: CheckedServer) -> None:
        self.checked = checked
        self.check_button.setEnabled(True)
        self.server.setText(checked.url)
        self.message.setText(
            self.tr("Found the Front Desk server at {server}. Sign in with your account.").format(
                server=checked.url
            )
        )
        self._show_credentials(True)
        self.username.setFocus()
        self.check_finished.emit(True)

    def _check_failed(self, error: Exception) -> None:
        self.check_button.setEnabled(True)
        self.message.setText(sign_in_error_text(error, self.server.text().strip()))
        self.server.setFocus()
        self.check_finished.emit(False)

    def _signed_in(self, result: tuple[Account, Connection]) -> None:
        self.message.setText("")
        self.attempt_finished.emit(True)
        self.connected.emit(*result)

    def _sign_in_failed(self, error: Exception) -> None:
        self.sign_in_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        server = self.checked.url if self.checked is not None else ""
        self.message.setText(sign_in_error_text(error, server))
        self.attempt_finished.emit(False)

    def _address_edited(self) -> None:
        """A changed address must be checked again before it gets a password."""
        self.checked = None
        self._show_credentials(False)

    def _show_credentials(self, shown: bool) -> None:
        self.credentials.setVisible(shown)
        self.sign_in_button.setVisible(shown)
        self.sign_in_button.setEnabled(shown)
