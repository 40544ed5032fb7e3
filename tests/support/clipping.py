"""Find text a window cuts off: a label or button narrower or shorter than its text.

A new user saw text cut at the right edge of the details pane and in fields under a
real X server (issue 15); screenshots catch that only when someone looks. This walks
every visible text-bearing widget of a window and compares what the widget needs
(its size hint; for a wrapped label, its height for its width) with the room it was
given, and whether that room lies inside its window (or inside the scroll area that
holds it, where scrolling shows the rest on purpose).

Fields count too: the kiosk's enrollment fields lost the top and bottom of their text
under a real X server when the layout squeezed them below their size hint.

Deliberate shortening is not clipping: a label whose text ends in "…" with the whole
text in its tooltip, a widget whose text is empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QLineEdit, QWidget

SLACK = 1
"""Pixels of difference put down to rounding, not clipping."""


@dataclass(frozen=True)
class Clipped:
    """One widget whose text does not fit, for the failure message."""

    kind: str
    name: str
    text: str
    needs: tuple[int, int]
    has: tuple[int, int]
    why: str

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.name or '(unnamed)'} {self.text!r}: {self.why}"
            f" (needs {self.needs[0]}x{self.needs[1]}, has {self.has[0]}x{self.has[1]})"
        )


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text() if widget.pixmap().isNull() else ""
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit):
        return widget.text() or widget.placeholderText()
    return ""


def _elided_on_purpose(widget: QWidget, text: str) -> bool:
    return text.endswith("…") and bool(widget.toolTip())


def _clip_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `window` that can show `widget`: all of it, or its scroll viewport.

    In a scroll area only the sides count: what lies above or below the viewport is
    scrolled out of view on purpose, what lies beside it is cut.
    """
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            viewport = QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size())
            tall = 1 << 20
            return QRect(viewport.left(), -tall, viewport.width(), 2 * tall)
        parent = grand
    return window.rect()


def _own_problem(widget: QWidget) -> str:
    """Why the widget's own box is too small for its text, or ""."""
    width, height = widget.width(), widget.height()
    if isinstance(widget, QLabel) and widget.wordWrap():
        needed = widget.heightForWidth(width)
        if needed > height + SLACK:
            return f"wrapped text needs {needed}px of height"
        room = widget.contentsRect().width() - 2 * widget.margin()
        metrics = widget.fontMetrics()
        widest = max((metrics.horizontalAdvance(w) for w in widget.text().split()), default=0)
        rich = widget.textFormat() == Qt.TextFormat.RichText
        if not rich and widest > room + SLACK and not widget.toolTip():
            return "a word too long to wrap, and no tooltip with the whole text"
        return ""
    if isinstance(widget, QLineEdit):  # it scrolls sideways; only its height can cut text
        needed_height = widget.sizeHint().height()
        return "text taller than the field" if needed_height > height + SLACK else ""
    hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
    if hint.width() > width + SLACK:
        return "text wider than the widget"
    if hint.height() > height + SLACK:
        return "text taller than the widget"
    return ""


def clipped_texts(window: QWidget) -> list[Clipped]:
    """Every visible label, button and field of `window` whose text is cut off."""
    found: list[Clipped] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            continue
        if not widget.isVisibleTo(window):
            continue
        text = _text(widget)
        if not text.strip() or _elided_on_purpose(widget, text):
            continue
        why = _own_problem(widget)
        if not why:
            # The text's own extent: a short label stretched wide is not cut by the edge.
            needs = QSize(min(widget.width(), widget.sizeHint().width()), widget.height())
            box = QRect(widget.mapTo(window, widget.rect().topLeft()), needs)
            area = _clip_rect(widget, window)
            if area.intersects(box) and not area.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(
                box
            ):
                why = "runs past the edge of its window or pane"
        if why:
            hint = widget.sizeHint()
            found.append(
                Clipped(
                    type(widget).__name__,
                    widget.objectName(),
                    text,
                    (hint.width(), hint.height()),
                    (widget.width(), widget.height()),
                    why,
                )
            )
    return found
