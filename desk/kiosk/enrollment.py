"""First run: an admin types the server address and a one-time enrollment code.

The code comes from the office app (or `POST /api/v1/kiosk/enrollment-codes`); the
server trades it for a device token that reaches kiosk endpoints only. Until then
there is nothing to protect, so this screen, unlike the kiosk, can be quit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk import resources
from desk.models.cache import Cache
from desk.services.background import run_in_background
from desk.services.kiosk_device import Connection, Enrollment, enroll
from desk.sync.errors import SyncError


class EnrollmentScreen(QWidget):
    """Server address, enrollment code and a name for this kiosk.

    Signals:
        enrolled(object, object): the `Enrollment` and its `Connection`.
        attempt_finished(bool): an attempt succeeded (True) or failed.
        quit_requested(): the admin gave up setting the kiosk up.
    """

    enrolled = Signal(object, object)
    attempt_finished = Signal(bool)
    quit_requested = Signal()

    def __init__(self, cache: Cache, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self.setObjectName("enrollmentScreen")
        self.setWindowTitle(self.tr("Set up the Front Desk kiosk"))
        self.setStyleSheet(resources.read_text("styles/kiosk.qss"))
        title = QLabel(self.tr("Set up this kiosk"))
        title.setObjectName("prompt")
        explain = QLabel(
            self.tr(
                "An admin issues a one-time enrollment code in the office app. "
                "Type it here with the server's address."
            )
        )
        explain.setWordWrap(True)
        self.server = QLineEdit(server_url)
        self.server.setObjectName("server")
        self.server.setPlaceholderText("https://frontdesk.example.org")
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.name = QLineEdit(self.tr("Front door"))
        self.name.setObjectName("kioskName")
        self.error = QLabel()
        self.error.setObjectName("pinMessage")
        self.error.setWordWrap(True)
        self.enroll_button = QPushButton(self.tr("Enroll this kiosk"))
        self.enroll_button.setObjectName("primary")
        self.enroll_button.clicked.connect(self.submit)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.quit_requested)
        form = QFormLayout()
        form.addRow(self.tr("&Server"), self.server)
        form.addRow(self.tr("Enrollment &code"), self.code)
        form.addRow(self.tr("Kiosk &name"), self.name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.enroll_button)
        box = QWidget()
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(explain)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def submit(self) -> None:
        """Enroll with what was typed, off the GUI thread; the screen says why it failed."""
        server, code, name = (
            self.server.text().strip(),
            self.code.text().strip(),
            self.name.text().strip(),
        )
        if not (server and code and name):
            self.error.setText(self.tr("Fill in the server, the code and a name for this kiosk."))
            return
        self.enroll_button.setEnabled(False)
        self.error.setText(self.tr("Enrolling…"))
        run_in_background(lambda: enroll(self._cache, server, code, name), self._done, self._failed)

    def _done(self, result: tuple[Enrollment, Connection]) -> None:
        self.error.setText("")
        self.attempt_finished.emit(True)
        self.enrolled.emit(*result)

    def _failed(self, error: Exception) -> None:
        self.enroll_button.setEnabled(True)
        self.error.setText(str(error) if isinstance(error, SyncError) else repr(error))
        self.attempt_finished.emit(False)
