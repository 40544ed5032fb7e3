"""Painting one line of text whose search matches are marked, elided to fit.

Search results carry their matches between `HIGHLIGHT_START` and `HIGHLIGHT_END`
(`desk.models.search`); delegates draw them with a highlight behind, which a rich
text document per row would also do at many times the cost while scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter

START = "\x02"
END = "\x03"


def segments(marked: str) -> list[tuple[str, bool]]:
    """(text, is_match) runs of a marked string, markers removed."""
    runs: list[tuple[str, bool]] = []
    inside = False
    current = ""
    for ch in marked:
        if ch in (START, END):
            if current:
                runs.append((current, inside))
            current, inside = "", ch == START
        else:
            current += ch
    if current:
        runs.append((current, inside))
    return runs


def plain(marked: str) -> str:
    """The text without its markers."""
    return marked.replace(START, "").replace(END, "")


def draw_marked(
    painter: QPainter,
    rect: QRect,
    marked: str,
    *,
    text: QColor,
    match_background: QColor,
    match_text: QColor,
    metrics: QFontMetrics | None = None,
) -> None:
    """Draw `marked` on one line in `rect`, matches highlighted, elided at the right.

    `metrics` are the painter's font's, when the caller has them at hand already.
    """
    metrics = metrics or QFontMetrics(painter.font())
    flat = " ".join(marked.split())
    if START not in flat:  # the common case, nothing marked: one elide, one draw
        painter.setPen(text)
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(flat, Qt.TextElideMode.ElideRight, rect.width()),
        )
        return
    x = rect.left()
    right = rect.right()
    baseline_rect = QRect(rect)
    for chunk, is_match in segments(flat):
        width = metrics.horizontalAdvance(chunk)
        room = right - x
        if room <= metrics.horizontalAdvance("…"):
            break
        shown = (
            chunk if width <= room else metrics.elidedText(chunk, Qt.TextElideMode.ElideRight, room)
        )
        shown_width = metrics.horizontalAdvance(shown)
        baseline_rect.setLeft(x)
        if is_match:
            box = QRectF(
                x - 1,
                rect.top() + (rect.height() - metrics.height()) / 2,
                shown_width + 2,
                metrics.height(),
            )
            painter.fillRect(box, match_background)
            painter.setPen(match_text)
        else:
            painter.setPen(text)
        painter.drawText(
            baseline_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown
        )
        x += shown_width
        if shown != chunk:
            break
