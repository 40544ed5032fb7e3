"""The shipped Spanish translation, compiled by Qt's own lrelease, for tests.

Tests load what the app would load: `resources/translations/desk_es.ts` compiled to
a .qm file and installed as a `QTranslator`, and read the .ts file's English
sources to tell whether a screen still shows English.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

SPANISH_TS = Path(__file__).parents[2] / "resources" / "translations" / "desk_es.ts"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")


def compile_ts(ts: Path, qm: Path) -> Path:
    """`ts` compiled to `qm` by the lrelease that ships with PySide6."""
    lrelease = Path(PySide6.__file__).parent / "lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@contextmanager
def spanish(tmp_path: Path) -> Iterator[QTranslator]:
    """The Spanish translation installed on the running application, then removed."""
    translator = QTranslator()
    assert translator.load(str(compile_ts(SPANISH_TS, tmp_path / "desk_es.qm")))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        yield translator
    finally:
        app.removeTranslator(translator)


def english_fragments(ts: Path = SPANISH_TS) -> set[str]:
    """Pieces of English source text that no Spanish translation keeps.

    Each source is cut at its placeholders, so "Signed in · {room}" gives
    "Signed in ·"; pieces shorter than six characters ("OK", "in") are left out,
    since they also occur inside Spanish words and data.
    """
    found: set[str] = set()
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        for piece in _PLACEHOLDER.split(source.replace("&", "")):
            piece = piece.strip()
            if len(piece) >= 6 and piece not in translation.replace("&", ""):
                found.add(piece)
    return found


def english_left(root: QWidget, fragments: set[str]) -> list[str]:
    """Texts of `root`'s visible labels and buttons that still hold English pieces."""
    widgets: list[QLabel | QAbstractButton] = [
        *root.findChildren(QLabel),
        *root.findChildren(QAbstractButton),
    ]
    texts = [
        widget.text().replace("&", "")
        for widget in widgets
        if widget.isVisibleTo(root) and widget.text()
    ]
    return [text for text in texts if any(piece in text for piece in fragments)]
