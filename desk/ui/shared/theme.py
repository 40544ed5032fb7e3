"""Light and dark looks that follow the system colour scheme.

One `Colors` set per scheme feeds three things: the QPalette (so every stock widget
matches), the style sheet in `resources/styles/office.qss` (its `@name@` placeholders), and
the delegates, which pick their colours from the palette they are handed
(`colors_for`) rather than from a global, so a scheme change repaints correctly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desk import resources


@dataclass(frozen=True)
class Colors:
    """The colours of one scheme, as `#rrggbb` text."""

    window: str
    base: str
    alternate: str
    sidebar: str
    sidebar_selected: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    outbound: str
    inbound: str
    unread: str
    badge_grey: str
    closed: str
    ok: str
    warning: str
    match: str
    match_text: str


LIGHT = Colors(
    window="#f5f6f8",
    base="#ffffff",
    alternate="#f9fafb",
    sidebar="#eceff3",
    sidebar_selected="#dde4ee",
    text="#1d2330",
    muted="#667085",
    border="#d8dde5",
    accent="#2f6fde",
    accent_text="#ffffff",
    outbound="#dce8fc",
    inbound="#f0f2f5",
    unread="#d92d20",
    badge_grey="#8b95a5",
    closed="#98a2b3",
    ok="#12875d",
    warning="#b54708",
    match="#ffe27a",
    match_text="#1d2330",
)
DARK = Colors(
    window="#1b1e23",
    base="#22262d",
    alternate="#262a32",
    sidebar="#16191d",
    sidebar_selected="#2c3440",
    text="#e7e9ee",
    muted="#98a2b3",
    border="#353b45",
    accent="#5b8ff9",
    accent_text="#0d1117",
    outbound="#23375a",
    inbound="#2b3038",
    unread="#f04438",
    badge_grey="#5d6676",
    closed="#667085",
    ok="#32d583",
    warning="#fdb022",
    match="#8a6d00",
    match_text="#ffffff",
)


def colors_for(palette: QPalette) -> Colors:
    """The scheme a palette belongs to, judged by its window colour."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def is_dark_scheme() -> bool:
    """Whether the system asks for dark colours (Qt 6.5+ `QStyleHints.colorScheme`)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette(colors: Colors) -> QPalette:
    """A complete QPalette for the scheme."""
    result = QPalette()
    role = QPalette.ColorRole
    for name, value in (
        (role.Window, colors.window),
        (role.WindowText, colors.text),
        (role.Base, colors.base),
        (role.AlternateBase, colors.alternate),
        (role.Text, colors.text),
        (role.Button, colors.base),
        (role.ButtonText, colors.text),
        (role.Highlight, colors.accent),
        (role.HighlightedText, colors.accent_text),
        (role.ToolTipBase, colors.base),
        (role.ToolTipText, colors.text),
        (role.PlaceholderText, colors.muted),
        (role.Link, colors.accent),
        (role.Mid, colors.border),
    ):
        result.setColor(name, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.Text, role.ButtonText, role.WindowText):
        result.setColor(disabled, name, QColor(colors.muted))
    return result


def style_sheet(colors: Colors) -> str:
    """`resources/styles/office.qss` with the scheme's colours filled in."""
    sheet = resources.read_text("styles/office.qss")
    for field in fields(colors):
        sheet = sheet.replace(f"@{field.name}@", getattr(colors, field.name))
    return sheet


SCHEMES = ("system", "light", "dark")
"""The appearance choices (`desk.ui.settings.APPEARANCE`)."""


def wants_dark(choice: str) -> bool:
    """Whether an appearance choice means dark colours now ("system": ask the system).

    Raises:
        ValueError: for a choice that is not one of `SCHEMES`.
    """
    if choice not in SCHEMES:
        raise ValueError(f"appearance is one of {', '.join(SCHEMES)}, not {choice!r}")
    return is_dark_scheme() if choice == "system" else choice == "dark"


def apply_theme(app: QApplication, *, dark: bool | None = None) -> Colors:
    """Give the application the scheme the system asks for (or `dark` when given)."""
    colors = DARK if (is_dark_scheme() if dark is None else dark) else LIGHT
    app.setStyle("Fusion")
    app.setPalette(palette(colors))
    app.setStyleSheet(style_sheet(colors))
    return colors


def follow_system(app: QApplication, choice: Callable[[], str] = lambda: "system") -> None:
    """Apply the chosen scheme now, and again whenever the system's changes.

    Args:
        app: the application to colour.
        choice: reads the user's appearance choice (`desk.ui.settings.APPEARANCE`)
            each time, so a "light" or "dark" choice holds while the system switches.
    """
    apply_theme(app, dark=wants_dark(choice()))
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_theme(app, dark=wants_dark(choice()))
    )
