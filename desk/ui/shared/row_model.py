"""Item models over frozen dataclass rows: `RowTableModel` and `RowListModel`.

`PagedRows` is the paging both share, for any other model that pages by offset.

Rows are loaded lazily (`canFetchMore`/`fetchMore`), so a list of 20,000 threads
costs one page of queries to show, and the view scrolls into more on demand. A list
whose rows come whole (one thread's messages) is given them with `set_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's dataclass itself


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header and how to show a row in it."""

    header: str
    text: Callable[[R], str]


PageLoader = Callable[[int, int], Sequence[R]]  # (offset, limit) -> rows


class PagedRows(Generic[R]):
    """The rows a paged model has loaded, and how it reads more.

    One implementation behind `RowTableModel`, `RowListModel` and the compose
    dialogs' audience picker (`AudienceModel`). The first page comes with a reset. No page is
    fetched while a reset or an insert is being announced: a listener that fetches
    more when told of one would nest a change inside another (Qt's model tester
    reports it), and, during an insert, read the same page again.
    """

    def __init__(
        self, model: QAbstractItemModel, load: PageLoader[R] | None, page_size: int
    ) -> None:
        self._model = model
        self._load = load
        self._page_size = page_size
        self.rows: list[R] = []
        self._exhausted = load is None
        self._changing = False  # a reset or insert is being announced: no fetchMore

    def reload(self) -> None:
        """Drop every loaded row and bring the first page with the reset."""
        self._model.beginResetModel()
        self.rows = list(self._load(0, self._page_size)) if self._load is not None else []
        self._exhausted = self._load is None or len(self.rows) < self._page_size
        self._changing = True
        try:
            self._model.endResetModel()
        finally:
            self._changing = False

    def replace(self, rows: Sequence[R]) -> None:
        """Show exactly `rows`; nothing more is fetched until the next `reload`."""
        self._model.beginResetModel()
        self.rows = list(rows)
        self._exhausted = True
        self._model.endResetModel()

    def can_fetch_more(self, parent: Index) -> bool:
        """More pages wait (never without a loader), and no change is being announced."""
        return not parent.isValid() and not self._exhausted and not self._changing

    def fetch_more(self, parent: Index) -> None:
        """Append the loader's next page."""
        if not self.can_fetch_more(parent) or self._load is None:
            return
        page = list(self._load(len(self.rows), self._page_size))
        if len(page) < self._page_size:
            self._exhausted = True
        if page:
            first = len(self.rows)
            self._changing = True
            try:
                self._model.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self.rows.extend(page)
                self._model.endInsertRows()
            finally:
                self._changing = False


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows from `load(offset, limit)`, shown through `columns`."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        load: PageLoader[R],
        *,
        page_size: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._pages = PagedRows[R](self, load, page_size)

    def reload(self) -> None:
        """Drop every loaded row and read the first page again (after a sync)."""
        self._pages.reload()

    def row_at(self, row: int) -> R:
        """The dataclass shown in `row`."""
        return self._pages.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows loaded so far; a flat table, so a valid parent has none."""
        return 0 if parent.isValid() else len(self._pages.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One per `Column`; a valid parent has none."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The column's text for display, and the row itself for `ROW_ROLE`."""
        rows = self._pages.rows
        if not index.isValid() or index.row() >= len(rows):
            return None
        row = rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # The tooltip holds the whole text of a cell the column's width cuts short.
            return self._columns[index.column()].text(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers across the top; rows are not numbered."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def canFetchMore(self, parent: Index) -> bool:
        """More pages wait, and no reset or insert is being announced (see `PagedRows`)."""
        return self._pages.can_fetch_more(parent)

    def fetchMore(self, parent: Index) -> None:
        """Append the next page as the view scrolls near the end."""
        self._pages.fetch_more(parent)


class RowListModel(QAbstractListModel, Generic[R]):
    """The one-column counterpart of `RowTableModel`: rows shown as `text(row)`.

    Rows come from `load(offset, limit)` page by page, or whole from `set_rows` (then
    pass no loader). `ROW_ROLE` answers the row itself; subclasses add their roles by
    overriding `data` and falling back to this one. Painting belongs in a delegate.
    """

    def __init__(
        self,
        text: Callable[[R], str],
        load: PageLoader[R] | None = None,
        *,
        page_size: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._text = text
        self._pages = PagedRows[R](self, load, page_size)

    @property
    def rows(self) -> list[R]:
        """Every row loaded so far (a copy)."""
        return list(self._pages.rows)

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show exactly `rows` (a model without a loader is filled this way)."""
        self._pages.replace(rows)

    def reload(self) -> None:
        """Drop every loaded row and bring the first page with the reset (after a sync)."""
        self._pages.reload()

    def row_at(self, row: int) -> R:
        """The dataclass shown in `row`."""
        return self._pages.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows loaded so far; a flat list, so a valid parent has none."""
        return 0 if parent.isValid() else len(self._pages.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """`text(row)` for display and screen readers, the row itself for `ROW_ROLE`."""
        rows = self._pages.rows
        if not index.isValid() or index.row() >= len(rows):
            return None
        row = rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row)
        if role == ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index) -> bool:
        """More pages wait (never without a loader), and no change is being announced."""
        return self._pages.can_fetch_more(parent)

    def fetchMore(self, parent: Index) -> None:
        """Append the loader's next page as the view scrolls near the end."""
        self._pages.fetch_more(parent)
