"""The audience picker's list: one source's rows, page by page, with check boxes.

The checks are kept apart from the rows, keyed by source and id in the order they
were made, so they survive a new search, another group, another source and a sync
that reloads the rows; the chips are drawn from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desk.ui.compose.audience_source import AudienceQuery, AudienceRow, AudienceSource, Picked
from desk.ui.shared.checkable import CheckableListModel
from desk.ui.shared.row_model import ROW_ROLE, PagedRows

Index = QModelIndex | QPersistentModelIndex
Key = tuple[str, str]  # (source key, row id)


class AudienceModel(CheckableListModel):
    """The current source's rows for the current query; checks across sources.

    In "picked only" mode the list shows what is picked from the current source
    (the search then narrows it by name or detail), which is how the office reviews
    and unticks a selection too long for chips (a whole room). A row unticked in
    that list stays listed, so a slip can be ticked again; one unpicked any other
    way (a chip, Backspace) leaves it.

    Signals:
        selection_changed(): a row was checked or unchecked, from the list or by call.
    """

    selection_changed = Signal()

    def __init__(
        self,
        sources: Sequence[AudienceSource],
        *,
        page_size: int = 200,
        parent: QObject | None = None,
    ) -> None:
        if not sources:
            raise ValueError("an audience model needs at least one source")
        super().__init__(parent)
        self._sources = {source.key: source for source in sources}
        self._source = sources[0]
        self._query = AudienceQuery()
        self._picked_only = False
        self._checked: dict[Key, Picked] = {}  # insertion-ordered
        self._pages = PagedRows[AudienceRow](self, self._load, page_size)

    # -- what is listed ----------------------------------------------------------------

    @property
    def source(self) -> AudienceSource:
        """The source whose rows are listed."""
        return self._source

    @property
    def query(self) -> AudienceQuery:
        """The search and group the list was last loaded for."""
        return self._query

    @property
    def picked_only(self) -> bool:
        """Whether the list shows only what is picked from the current source."""
        return self._picked_only

    def set_source(self, key: str, query: AudienceQuery | None = None) -> None:
        """List another source: its first page for `query` (default: no search, no group)."""
        self._source = self._sources[key]
        self._query = query or AudienceQuery()
        self._picked_only = False
        self._pages.reload()

    def set_query(self, query: AudienceQuery) -> None:
        """Narrow the list to `query` and read its first page."""
        self._query = query
        self._pages.reload()

    def set_picked_only(self, on: bool) -> None:
        """Show only the picked rows of the current source, or everything again."""
        if on != self._picked_only:
            self._picked_only = on
            self._pages.reload()

    def reload(self) -> None:
        """Read the first page again (after a sync), checks kept."""
        self._pages.reload()

    def row_at(self, row: int) -> AudienceRow:
        """The row shown at `row`."""
        return self._pages.rows[row]

    def rows(self) -> list[AudienceRow]:
        """The rows loaded so far (a copy)."""
        return list(self._pages.rows)

    def _load(self, offset: int, limit: int) -> Sequence[AudienceRow]:
        if not self._picked_only:
            return self._source.load(self._query, offset, limit)
        words = self._query.search.casefold()
        mine = [
            p.row
            for p in self._checked.values()
            if p.source == self._source.key
            and (words in p.row.name.casefold() or words in p.row.detail.casefold())
        ]
        return mine[offset : offset + limit]

    # -- what is checked ---------------------------------------------------------------

    def checked(self) -> list[Picked]:
        """Everything picked, from every source, in the order it was picked."""
        return list(self._checked.values())

    def checked_ids(self, source: str | None = None) -> list[str]:
        """The ids picked (from `source` only, when given), in the order picked."""
        return [p.row.id for p in self._checked.values() if source in (None, p.source)]

    def is_checked(self, row_id: str, source: str | None = None) -> bool:
        """Whether `row_id` of `source` (default: the current one) is picked."""
        return (source or self._source.key, row_id) in self._checked

    def check_rows(self, rows: Iterable[AudienceRow], on: bool = True) -> None:
        """Check (or uncheck) rows of the current source, listed or not."""
        key = self._source.key
        changed = False
        for row in rows:
            if on and (key, row.id) not in self._checked:
                self._checked[key, row.id] = Picked(key, row)
                changed = True
            elif not on and self._checked.pop((key, row.id), None) is not None:
                changed = True
        if changed:
            self._announce()

    def set_checked(self, ids: Iterable[str], on: bool = True) -> None:
        """Check (or uncheck) ids of the current source, listed or not.

        Raises:
            ValueError: an id to check is neither listed nor known to the source's
                `find` (a chip without a name would be a guess).
        """
        wanted = list(dict.fromkeys(ids))
        if not on:
            key = self._source.key
            self.uncheck([(key, row_id) for row_id in wanted])
            return
        known = {row.id: row for row in self._pages.rows}
        missing = [i for i in wanted if i not in known and not self.is_checked(i)]
        if missing:
            if self._source.find is None:
                raise ValueError(f"{self._source.key}: cannot name unlisted ids {missing}")
            known.update((row.id, row) for row in self._source.find(missing))
            unknown = [i for i in missing if i not in known]
            if unknown:
                raise ValueError(f"{self._source.key}: no such ids {unknown}")
        self.check_rows(known[i] for i in wanted if not self.is_checked(i))

    def uncheck(self, keys: Iterable[Key]) -> None:
        """Uncheck picks of any source (a chip's remove button)."""
        removed = [self._checked.pop(key, None) for key in keys]
        if any(p is not None for p in removed):
            self._announce()

    def clear(self) -> None:
        """Uncheck everything, of every source."""
        if self._checked:
            self._checked.clear()
            self._announce()

    def _announce(self) -> None:
        if self._picked_only:
            self._pages.reload()  # an unticked row leaves the list
        elif self._pages.rows:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self._pages.rows) - 1),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.selection_changed.emit()

    # -- CheckableListModel ------------------------------------------------------------

    def _is_checked(self, row: int) -> bool:
        return (self._source.key, self._pages.rows[row].id) in self._checked

    def _check(self, row: int, on: bool) -> None:
        found = self._pages.rows[row]
        key = (self._source.key, found.id)
        if on:
            self._checked.setdefault(key, Picked(self._source.key, found))
        else:
            self._checked.pop(key, None)

    def _after_check(self) -> None:
        self.selection_changed.emit()

    # -- Qt overrides ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows loaded so far; a flat list."""
        return 0 if parent.isValid() else len(self._pages.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Name, kind and detail; the same for screen readers and the tooltip; the check."""
        rows = self._pages.rows
        if not index.isValid() or index.row() >= len(rows):
            return None
        row = rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "  ·  ".join(part for part in (row.name, row.kind, row.detail) if part)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return ", ".join(part for part in (row.name, row.kind, row.detail) if part)
        if role == Qt.ItemDataRole.CheckStateRole:
            return self.check_state(index.row())
        if role == ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index) -> bool:
        """More rows wait, and no reset or insert is being announced (`PagedRows`)."""
        return self._pages.can_fetch_more(parent)

    def fetchMore(self, parent: Index) -> None:
        """Append the next page as the view scrolls near the end."""
        self._pages.fetch_more(parent)
