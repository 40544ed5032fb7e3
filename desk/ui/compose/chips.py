"""Removable chips: what an audience picker has picked, as a wrapping row.

A chip shows a name and a remove button. A name too long for a chip is cut with an
ellipsis, never silently: the chip's tooltip and accessible name carry it whole.
Past `MAX_CHIPS` one "+N more" chip stands for the rest (a whole room would be
hundreds of widgets); it toggles the picker's list to show only what is picked.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desk.ui.shared.flow_layout import FlowLayout, flow_policy

MAX_CHIPS = 8
"""Chips shown before the "+N more" chip; two or three lines at the picker's width."""
MAX_CHIP_TEXT = 180
"""Pixels of name a chip shows before it elides (the tooltip has the whole name)."""


@dataclass(frozen=True)
class ChipSpec:
    """One chip to show.

    Attributes:
        key: what `ChipRow.remove_requested` hands back for this chip.
        text: the name on the chip.
        tooltip: the name in full and what tells it apart (room, family, kind).
        kind: what the pick is ("Guardian", "Room"), shown small before the name
            when a picker mixes kinds; empty to show the name alone.
    """

    key: Hashable
    text: str
    tooltip: str
    kind: str = ""


class Chip(QFrame):
    """A name and a remove button.

    Signals:
        remove_clicked(): the remove button was pressed.
    """

    remove_clicked = Signal()

    def __init__(self, spec: ChipSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.key = spec.key
        self.full_text = spec.text
        self.setToolTip(spec.tooltip)
        self.setAccessibleName(f"{spec.kind}: {spec.text}" if spec.kind else spec.text)
        self.kind = QLabel(spec.kind, self)
        self.kind.setObjectName("chipKind")
        if not spec.kind:
            self.kind.hide()
        small = self.kind.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.kind.setFont(small)
        self.kind.setEnabled(False)  # drawn in the palette's muted text colour
        self.label = QLabel()
        self.label.setObjectName("chipText")
        metrics = QFontMetrics(self.label.font())
        self.label.setText(
            metrics.elidedText(spec.text, Qt.TextElideMode.ElideRight, MAX_CHIP_TEXT)
        )
        self.label.setToolTip(spec.tooltip)
        self.remove = QToolButton()
        self.remove.setObjectName("chipRemove")
        self.remove.setText("×")
        self.remove.setAutoRaise(True)
        self.remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove.setToolTip(self.tr("Remove {name}").format(name=spec.text))
        self.remove.setAccessibleName(self.tr("Remove {name}").format(name=spec.text))
        self.remove.clicked.connect(self.remove_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.kind)
        layout.addSpacing(2 if spec.kind else 0)
        layout.addWidget(self.label)
        layout.addWidget(self.remove)

    def is_elided(self) -> bool:
        """Whether the chip shows less than the whole name (its tooltip has it)."""
        return self.label.text() != self.full_text

    def kind_text(self) -> str:
        """The kind the chip says it is ("" when it shows none)."""
        return self.kind.text()


class ChipRow(QWidget):
    """The picked names as chips that wrap, then one "+N more" chip.

    Signals:
        remove_requested(object): a chip's remove button was pressed; its key.
        more_toggled(bool): the "+N more" chip was pressed on or off.
    """

    remove_requested = Signal(object)
    more_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chips")
        self.setAccessibleName(self.tr("Picked"))
        self.setSizePolicy(flow_policy())
        self._layout = FlowLayout(self, spacing=4)
        self.chips: list[Chip] = []
        self.more = QToolButton(self)
        self.more.setObjectName("chipMore")
        self.more.setCheckable(True)
        self.more.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.more.toggled.connect(self.more_toggled)
        self.more.hide()

    def set_chips(self, specs: Sequence[ChipSpec], total: int) -> None:
        """Show `specs` (the first few picks) and "+N more" for the rest of `total`."""
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self._layout.removeWidget(self.more)
        self.chips = []
        for spec in specs[:MAX_CHIPS]:
            chip = Chip(spec, self)
            chip.remove_clicked.connect(lambda key=spec.key: self.remove_requested.emit(key))
            self._layout.addWidget(chip)
            self.chips.append(chip)
        rest = total - len(self.chips)
        if rest > 0:
            self.more.setText(self.tr("+{n} more").format(n=rest))
            self.more.setToolTip(
                self.tr(
                    "{n} more picked. Press to list only what is picked (to review or untick "
                    "it); press again to list everyone."
                ).format(n=rest)
            )
            self.more.setAccessibleName(self.tr("{n} more picked").format(n=rest))
            self._layout.addWidget(self.more)
            self.more.show()
        else:
            self.more.hide()
            if self.more.isChecked():
                self.more.setChecked(False)
        self.setVisible(total > 0)
        self._layout.invalidate()
        self.updateGeometry()

    def texts(self) -> list[str]:
        """The chips' names in order, then the "+N more" chip's text if shown."""
        shown = [chip.full_text for chip in self.chips]
        return shown + ([self.more.text()] if not self.more.isHidden() else [])
