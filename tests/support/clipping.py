"""Finding text a layout cut off: each visible text widget against what it needs.

A label or field smaller than its size hint (or, for wrapped text, than its height
for its width) draws its text cut at the edge; this is how the kiosk enrollment
fields lost their top and bottom under a real X server (issue 15).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget


def clipped_texts(top: QWidget) -> list[str]:
    """Visible labels, fields and buttons under `top` that are too small for their text."""
    found: list[str] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            continue
        name = widget.objectName() or repr(widget.text()[:30])
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed_height = widget.heightForWidth(widget.width())
            needed_width = 0
        else:
            needed_height = widget.minimumSizeHint().height()
            needed_width = widget.minimumSizeHint().width()
        if isinstance(widget, QLineEdit):
            needed_height = widget.sizeHint().height()
        if widget.height() < needed_height or widget.width() < needed_width:
            found.append(
                f"{type(widget).__name__} {name}: {widget.width()}x{widget.height()},"
                f" needs {needed_width}x{needed_height}"
            )
    return found
