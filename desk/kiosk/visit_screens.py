"""The screens of one visit after a correct PIN: messages, children, confirmation.

Each screen only shows what it is given and says what was tapped; the window
decides what comes next and records it through `desk.services.kiosk`. A visit is in
the guardian's language, switched to after the PIN, so each screen words its fixed
buttons again on a `LanguageChange`; the rest is worded when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.services.kiosk import Child, KioskNote


def _greeting(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("greeting")
    label.setWordWrap(True)
    return label


def _button(text: str, name: str = "primary") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class MessageScreen(QWidget):
    """One queued message, large, with a single button to acknowledge it.

    Signals:
        acknowledged(): the guardian tapped OK on the message shown.
    """

    acknowledged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageScreen")
        self.greeting = _greeting(self)
        self.counter = QLabel()
        self.counter.setObjectName("messageCounter")
        self.body = QLabel()
        self.body.setObjectName("messageBody")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # office text is never markup
        self.ok_button = _button("")
        self.ok_button.clicked.connect(self.acknowledged)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addWidget(self.greeting)
        layout.addWidget(self.counter)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignRight)
        self._retranslate()

    def show_note(self, name: str, note: KioskNote, number: int, total: int) -> None:
        """Show message `number` of `total` for `name`."""
        self.greeting.setText(self.tr("Hello, {name}!").format(name=name))
        self.counter.setText(
            self.tr("A message from the office ({n} of {total})").format(n=number, total=total)
        )
        self.body.setText(note.body)

    def _retranslate(self) -> None:
        self.ok_button.setText(self.tr("OK, thank you"))

    def changeEvent(self, event: QEvent) -> None:
        """Word the fixed texts again when the language switches (after a PIN, or back)."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class ChildRow(QFrame):
    """A child's name and room, and a toggle to sign them in or out."""

    def __init__(self, child: Child, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        self.setObjectName("childRow")
        name = QLabel(f"{child.first_name} {child.last_name}")
        name.setObjectName("childName")
        where = (
            self.tr("Signed in · {room}") if child.signed_in else self.tr("Not signed in · {room}")
        )
        room = QLabel(where.format(room=child.room or self.tr("no room")))
        room.setObjectName("childRoom")
        text = self.tr("Sign out") if child.signed_in else self.tr("Sign in")
        self.toggle = _button(text, "signToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(f"{text} {child.first_name}")
        self.toggle.toggled.connect(lambda on: self.toggle.setText(f"✓ {text}" if on else text))
        labels = QVBoxLayout()
        labels.addWidget(name)
        labels.addWidget(room)
        layout = QHBoxLayout(self)
        layout.addLayout(labels, 1)
        layout.addWidget(self.toggle)


class ChildrenScreen(QWidget):
    """The person's children with a Sign in / Sign out toggle each, and Done.

    Signals:
        confirmed(list): the `Child` rows whose toggle was on when Done was tapped.
    """

    confirmed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("childrenScreen")
        self.greeting = _greeting(self)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.rows: list[ChildRow] = []
        self._grid = QGridLayout()
        self._grid.setVerticalSpacing(16)
        self.done_button = _button("")
        self.done_button.clicked.connect(self._confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addWidget(self.greeting)
        layout.addWidget(self.hint)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self._retranslate()

    def show_children(self, name: str, children: list[Child]) -> None:
        """List `children` for `name`, every toggle off."""
        for row in self.rows:
            self._grid.removeWidget(row)
            row.deleteLater()
        self.rows = [ChildRow(child) for child in children]
        for n, row in enumerate(self.rows):
            self._grid.addWidget(row, n, 0)
        self.greeting.setText(self.tr("Hello, {name}!").format(name=name))
        self.hint.setText(
            self.tr("Tap Sign in or Sign out for each child, then Done.")
            if children
            else self.tr("There are no children for you to sign in or out today.")
        )

    def toggle_for(self, child_id: str) -> QPushButton:
        """The toggle of one child (for the window's keyboard shortcuts and tests)."""
        return next(row.toggle for row in self.rows if row.child.id == child_id)

    def _confirm(self) -> None:
        self.confirmed.emit([row.child for row in self.rows if row.toggle.isChecked()])

    def _retranslate(self) -> None:
        self.done_button.setText(self.tr("Done"))

    def changeEvent(self, event: QEvent) -> None:
        """Word the fixed texts again when the language switches (after a PIN, or back)."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class DoneScreen(QWidget):
    """What was recorded, before the kiosk goes back to the PIN screen.

    Signals:
        finished(): the person tapped OK.
    """

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doneScreen")
        self.summary = QLabel()
        self.summary.setObjectName("doneSummary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ok_button = _button("")
        self.ok_button.clicked.connect(self.finished)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.addStretch(1)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._retranslate()

    def show_summary(self, name: str, lines: list[str]) -> None:
        """Thank `name` and list what was recorded (nothing, if nothing was)."""
        done = "\n".join(lines) if lines else self.tr("Nothing was changed.")
        self.summary.setText(
            self.tr("Thank you, {name}.\n\n{done}\n\nHave a good day!").format(name=name, done=done)
        )

    def _retranslate(self) -> None:
        self.ok_button.setText(self.tr("OK"))

    def changeEvent(self, event: QEvent) -> None:
        """Word the fixed texts again when the language switches (after a PIN, or back)."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
