"""The on-screen PIN keypad with its masked display, shared by parents and admins.

Digits come from the big buttons or from a physical keyboard (the window forwards
key presses); the display shows one dot per digit, never the digit. The PIN is
submitted as soon as it has all its digits, so nobody has to find an Enter key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.core.pins import PIN_LENGTH

DOT = "●"
EMPTY = "○"


class Keypad(QWidget):
    """Ten digit keys, Clear and Delete, over a row of masked dots.

    Signals:
        submitted(str): the PIN, once `PIN_LENGTH` digits were entered.
        edited(): a digit was typed or removed (the window restarts its idle timer).
    """

    submitted = Signal(str)
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits = ""
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setAccessibleName(self.tr("PIN entered so far"))
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for n, label in enumerate("123456789"):
            grid.addWidget(self._key(label, label), n // 3, n % 3)
        self.clear_button = self._key(self.tr("Clear"), "clear")
        self.delete_button = self._key("⌫", "delete")
        self.delete_button.setAccessibleName(self.tr("Delete the last digit"))
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._key("0", "0"), 3, 1)
        grid.addWidget(self.delete_button, 3, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.dots)
        layout.addLayout(grid)
        self._show()

    def _key(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the window, not a button
        if name.isdigit():
            button.clicked.connect(lambda: self.press(name))
        elif name == "clear":
            button.clicked.connect(self.clear)
        else:
            button.clicked.connect(self.delete)
        self.buttons[name] = button
        return button

    @property
    def entered(self) -> int:
        """How many digits are typed (never which)."""
        return len(self._digits)

    def press(self, digit: str) -> None:
        """Add a digit; the last one submits the PIN and empties the display."""
        if not self.isEnabled() or len(digit) != 1 or digit not in "0123456789":
            return
        self._digits += digit
        self.edited.emit()
        if len(self._digits) >= PIN_LENGTH:
            pin, self._digits = self._digits, ""
            self._show()
            self.submitted.emit(pin)
            return
        self._show()

    def delete(self) -> None:
        """Remove the last digit."""
        self._digits = self._digits[:-1]
        self.edited.emit()
        self._show()

    def clear(self) -> None:
        """Forget what was typed."""
        self._digits = ""
        self._show()

    def _show(self) -> None:
        self.dots.setText(DOT * len(self._digits) + EMPTY * (PIN_LENGTH - len(self._digits)))
