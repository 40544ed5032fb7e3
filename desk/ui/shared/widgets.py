"""Small widget builders and styles that several office pages share.

They lived in the page that first needed them (records, New Message, the audit
log), and other pages imported them from there; a page should not reach into
another page's module, so they are here.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
)

from desk.ui.shared.row_model import RowTableModel

R = TypeVar("R")

ERROR_STYLE = "color: #b3261e"
"""The style sheet of a line that says why something cannot be sent or saved."""


def table(model: RowTableModel[R], name: str, stretch: int, accessible: str) -> QTableView:
    """A read-only, row-selecting table as every list on these pages looks."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def empty_hint() -> QLabel:
    """The centred, wrapping sentence a page shows where its list has nothing."""
    label = QLabel()
    label.setObjectName("emptyHint")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def table_or_hint(view: QTableView, hint: QLabel) -> QStackedWidget:
    """A stack showing `view`, or `hint` while the view has nothing to list."""
    stack = QStackedWidget()
    stack.addWidget(view)
    stack.addWidget(hint)
    return stack


def calendar_day(edit: QDateEdit) -> date:
    """The day a date field shows."""
    day = edit.date()
    return date(day.year(), day.month(), day.day())


UNBREAKABLE = 24
"""A word longer than this (an email address) may be cut in a narrow pane."""


def pane_label(text: str, name: str) -> QLabel:
    """A selectable line of a side pane (a family's details, a conversation's people).

    Every line wraps and takes the pane's width instead of asking for its own: one
    line that asked for more (a heading, a long address) widened the pane past the
    window and cut every line in it at the right edge. A word too long to wrap is cut
    alone, and the tooltip holds it all.
    """
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if any(len(word) > UNBREAKABLE for word in text.split()):
        label.setToolTip(text)
    return label
