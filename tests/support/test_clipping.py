"""The clipping walk: it finds text cut off, and leaves deliberate shortening alone."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.support.clipping import clipped_texts

LONG = "A sentence far too long to fit in the narrow little box it was given"


def _window(qtbot: QtBot, *children: QWidget) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    for child in children:
        column.addWidget(child)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_label_narrower_than_its_text_is_clipped(qtbot: QtBot) -> None:
    label = QLabel(LONG)
    label.setObjectName("squeezed")
    label.setFixedWidth(80)
    [found] = clipped_texts(_window(qtbot, label))
    assert found.name == "squeezed"
    assert "wider" in found.why


def test_a_wrapped_label_shorter_than_its_lines_is_clipped(qtbot: QtBot) -> None:
    label = QLabel(LONG)
    label.setWordWrap(True)
    label.setFixedSize(80, 20)
    [found] = clipped_texts(_window(qtbot, label))
    assert "height" in found.why


def test_a_button_cut_short_is_clipped(qtbot: QtBot) -> None:
    button = QPushButton(LONG)
    button.setFixedWidth(60)
    assert len(clipped_texts(_window(qtbot, button))) == 1


def test_a_label_past_the_side_of_its_scroll_area_is_clipped(qtbot: QtBot) -> None:
    """What lies below the viewport scrolls into view; what lies beside it is cut."""
    body = QWidget()
    column = QVBoxLayout(body)
    label = QLabel(LONG)
    column.addWidget(label)
    for n in range(40):
        column.addWidget(QLabel(f"line {n}"))
    area = QScrollArea()
    area.setWidget(body)
    area.setFixedWidth(120)
    found = clipped_texts(_window(qtbot, area))
    assert [c.text for c in found] == [LONG]


def test_text_elided_with_its_whole_in_a_tooltip_is_not_clipped(qtbot: QtBot) -> None:
    label = QLabel("A sentence far…")
    label.setToolTip(LONG)
    label.setFixedWidth(40)
    assert clipped_texts(_window(qtbot, label)) == []
