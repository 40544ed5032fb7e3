"""Which English texts a translated window still shows.

`shown_texts` walks every visible widget of a window and collects what a person reads
there: labels, buttons, group and tab titles, menus and their actions, table and list
headers, placeholders, tooltips and window titles. `english_left` compares them with
the translation catalogue (a Qt Linguist .ts): a shown text is English left when it is
one of the catalogue's source texts, `{name}` fields filled in or not, that the
catalogue translates to something else (or not at all). Texts the catalogue keeps as
they are ("OK", "Email" where both languages agree) and people's own data never match.

A text that never went through `tr()` is not in the catalogue, so it is caught by the
second net: `english_words` flags texts with a common English word that Spanish does
not share.

Point the checker at any catalogue: the spanish translation's `desk_es.ts` when it is
complete, or a small one a test writes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

# Common English words of a UI that are not Spanish words too ("no", "a", "me" are).
ENGLISH_WORDS = frozenset(
    (
        *("the", "and", "your", "you", "with", "this", "that", "from", "for", "are"),
        *("was", "were", "will", "not", "yet", "has", "have", "new", "open", "close"),
        *("closed", "save", "cancel", "send", "sent", "search", "message", "messages"),
        *("sign", "settings", "family", "families", "staff", "unread", "read", "reply"),
        *("all", "none", "select", "choose", "enter", "back", "done", "show", "hide"),
        *("edit", "delete", "remove", "add", "name", "phone", "email", "today"),
        *("yesterday", "when", "who", "what", "waiting", "offline", "online", "syncing"),
        *("error", "failed"),
    )
)
ITEM = "item"  # a view's item text: compared with the catalogue, not with ENGLISH_WORDS
MAX_ITEMS = 200
FIELD = re.compile(r"\\\{[A-Za-z_][A-Za-z0-9_]*\\\}")  # an escaped "{name}" field


@dataclass(frozen=True)
class Shown:
    """One text on screen and where: "QPushButton#sendButton text"."""

    where: str
    text: str


def _name(widget: QWidget) -> str:
    return (
        f"{type(widget).__name__}#{widget.objectName()}"
        if widget.objectName()
        else (type(widget).__name__)
    )


def _columns(model: QAbstractItemModel) -> int:
    """A list model's `columnCount` is private in Qt: one column."""
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())


def _headers(model: QAbstractItemModel) -> Iterator[str]:
    """Column headers (row headers are numbers or data, never chrome)."""
    for section in range(_columns(model)):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(value, str):
            yield value


def _items(model: QAbstractItemModel) -> Iterator[str]:
    """The first rows' texts: chrome in a navigation list, people's data in most others."""
    for row in range(min(model.rowCount(QModelIndex()), MAX_ITEMS)):
        for column in range(_columns(model)):
            value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value


def _menu_texts(actions: Iterable[object], where: str) -> Iterator[Shown]:
    for action in actions:
        text = getattr(action, "text", lambda: "")()
        if text:
            yield Shown(f"{where} action", text)
        tip = getattr(action, "toolTip", lambda: "")()
        if tip and tip.replace("&", "") != text.replace("&", ""):
            yield Shown(f"{where} action tooltip", tip)
        menu = getattr(action, "menu", lambda: None)()
        if isinstance(menu, QMenu):
            yield from _menu_texts(menu.actions(), f"{where} > {text}")


def widget_texts(widget: QWidget) -> Iterator[Shown]:
    """The texts one widget shows itself (not its children's)."""
    where = _name(widget)
    texts: list[tuple[str, str]] = []
    if widget.isWindow():
        texts.append(("window title", widget.windowTitle()))
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(("text", widget.text()))
    elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        texts.append(("placeholder", widget.placeholderText()))
    elif isinstance(widget, QGroupBox):
        texts.append(("title", widget.title()))
    elif isinstance(widget, QTabWidget):
        texts += [("tab", widget.tabText(i)) for i in range(widget.count())]
    elif isinstance(widget, QComboBox):
        texts += [("item", widget.itemText(i)) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        texts += [("header", text) for text in _headers(widget.model())]
        texts += [(ITEM, text) for text in _items(widget.model())]
    texts.append(("tooltip", widget.toolTip()))
    texts.append(("accessible name", widget.accessibleName()))
    for kind, text in texts:
        if text and text.strip():
            yield Shown(f"{where} {kind}", text)
    if isinstance(widget, QMenuBar | QMenu):
        yield from _menu_texts(widget.actions(), where)


def shown_texts(root: QWidget) -> list[Shown]:
    """Every text a person can read in `root` and its visible children."""
    widgets = [root, *root.findChildren(QWidget)]
    return [
        shown
        for widget in widgets
        if widget is root or widget.isVisibleTo(root) or isinstance(widget, QMenu)
        for shown in widget_texts(widget)
    ]


@dataclass(frozen=True)
class Catalogue:
    """The source texts a translation changes, each as a pattern matching its filled-in form."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def read(cls, ts: Path) -> Catalogue:
        """The catalogue of a Qt Linguist .ts file."""
        patterns = []
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            translated = "" if translation is None else (translation.text or "")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            if not source.strip() or translated == source:
                continue  # the same in both languages: nothing to find
            if not re.search(r"[A-Za-z]", re.sub(r"\{[A-Za-z_]\w*\}", "", source)):
                continue  # only placeholders and punctuation ("{state} — {notes}"): no English
            pattern = FIELD.sub(".+?", re.escape(_plain(source)))
            patterns.append((source, re.compile(pattern, re.DOTALL)))
        return cls(tuple(patterns))

    def source_of(self, text: str) -> str | None:
        """The untranslated source text `text` shows, if it shows one."""
        plain = _plain(text)
        return next((s for s, p in self.patterns if p.fullmatch(plain)), None)


def _plain(text: str) -> str:
    """Without mnemonics, the status symbols that lead some texts, or outer spaces."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip(" ●○↻⚠✓☎")


def english_left(shown: Iterable[Shown], catalogue: Catalogue) -> list[str]:
    """`where: "text" (source)` for each shown text that is an untranslated source."""
    return [
        f'{item.where}: "{item.text}" (source "{source}")'
        for item in shown
        if (source := catalogue.source_of(item.text)) is not None
    ]


def english_words(shown: Iterable[Shown], ignore: Iterable[str] = ()) -> list[str]:
    """`where: "text"` for each shown text holding a common English word.

    Item texts of views are people's data mostly (names, previews), so they are left
    to `english_left`; `ignore`: other texts that are data (a centre's name).
    """
    skipped = set(ignore)
    found = []
    for item in shown:
        if item.text in skipped or item.where.endswith(f" {ITEM}"):
            continue
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", _plain(item.text))}
        if words & ENGLISH_WORDS:
            found.append(f'{item.where}: "{item.text}"')
    return found
