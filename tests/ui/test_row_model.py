"""`RowListModel`, the list counterpart of `RowTableModel` (issue 11), under qtmodeltester."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from desk.ui.shared.row_model import ROW_ROLE, RowListModel


@dataclass(frozen=True)
class Item:
    n: int


def test_a_paged_list_loads_page_by_page(qtmodeltester: ModelTester) -> None:
    calls: list[tuple[int, int]] = []

    def load(offset: int, limit: int) -> list[Item]:
        calls.append((offset, limit))
        return [Item(n) for n in range(offset, min(offset + limit, 25))]

    model = RowListModel[Item](lambda item: f"item {item.n}", load, page_size=10)
    model.reload()
    assert model.rowCount() == 10
    qtmodeltester.check(model)  # which scrolls into the other pages, as a view would
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    assert calls == [(0, 10), (10, 10), (20, 10)]
    last = model.index(24, 0)
    assert last.data() == "item 24"
    assert last.data(Qt.ItemDataRole.AccessibleTextRole) == "item 24"
    assert last.data(ROW_ROLE) == Item(24)


def test_a_list_given_its_rows_whole(qtmodeltester: ModelTester) -> None:
    model = RowListModel[Item](lambda item: str(item.n))
    assert not model.canFetchMore(QModelIndex())
    model.set_rows([Item(1), Item(2)])
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["1", "2"]
    assert model.rows == [Item(1), Item(2)]
    model.set_rows([])
    assert model.rowCount() == 0
