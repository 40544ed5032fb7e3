"""The audience picker both compose dialogs use: type ahead, tick, see chips.

New Message picks anyone from one source listing every kind (with the room filter
and "Select all in room"), each row and chip saying its kind; Push picks families,
students, classes, camps or enrollments, one source at a time. Each
dialog hands the picker its sources (`desk.ui.compose.audience_source`); the picker
lists the current one page by page (`AudienceModel`), narrows it as the office
types, and shows what is picked as removable chips that wrap (`ChipRow`).

Keyboard: Enter in the search picks the row whose name is exactly what was typed,
else the first row listed, and empties the search for the next name; Down moves
into the list, where Space or Enter ticks; Backspace in an empty search removes the
last chip; Tab reaches each chip's remove button.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.ui.compose.audience_model import AudienceModel
from desk.ui.compose.audience_source import (
    AudienceQuery,
    AudienceRow,
    AudienceSource,
    Grouping,
    Picked,
)
from desk.ui.compose.chips import MAX_CHIPS, ChipRow, ChipSpec
from desk.ui.shared.people_text import plural

SEARCH_PAUSE_MS = 120
"""Typing pauses this long before the list is searched again (Enter does not wait)."""


class AudiencePicker(QWidget):
    """Pick an audience from the sources a dialog offers.

    Args:
        sources: the kinds offered, the first listed first.
        one_source_at_a_time: choosing another source unticks everything (Push: its
            command takes one source); False keeps picks from every source (a mixed
            audience, as issue 13's New Message will pick).
        page_size: rows read per page as the list scrolls.
        parent: the owning widget.

    Signals:
        selection_changed(): something was picked or unpicked.
        source_changed(str): another source is listed (its key); with
            `one_source_at_a_time` the selection was cleared first.
    """

    selection_changed = Signal()
    source_changed = Signal(str)

    def __init__(
        self,
        sources: Sequence[AudienceSource],
        *,
        one_source_at_a_time: bool = True,
        page_size: int = 200,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audiencePicker")
        self._sources = list(sources)
        self._one_source = one_source_at_a_time
        self.model = AudienceModel(self._sources, page_size=page_size, parent=self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self._apply_query)

        self.heading = QLabel()
        self.heading.setObjectName("pickerHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.source_box = QComboBox()
        self.source_box.setObjectName("audienceSource")
        self.source_box.setAccessibleName(self.tr("Pick from"))
        for source in self._sources:
            self.source_box.addItem(source.label, source.key)
        self.source_box.currentIndexChanged.connect(self._source_chosen)
        several = len(self._sources) > 1
        self.heading.setVisible(not several)
        self.source_box.setVisible(several)

        self.search = QLineEdit()
        self.search.setObjectName("audienceSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.installEventFilter(self)

        self.group = QComboBox()
        self.group.setObjectName("audienceGroup")
        self.group.currentIndexChanged.connect(self._group_chosen)
        self.select_group = QPushButton()
        self.select_group.setObjectName("selectAllInGroup")
        self.select_group.setAutoDefault(False)
        self.select_group.clicked.connect(self._select_group_clicked)
        self.group_menu = QMenu(self)
        self.group_menu.setObjectName("groupMenu")
        self.group_row = QWidget()
        groups = QHBoxLayout(self.group_row)
        groups.setContentsMargins(0, 0, 0, 0)
        groups.addWidget(self.group, 1)
        groups.addWidget(self.select_group)

        self.list = QListView()
        self.list.setObjectName("audienceList")
        self.list.setUniformItemSizes(True)
        self.list.setModel(self.model)
        self.list.activated.connect(self._toggle)

        self.chips = ChipRow()
        self.chips.remove_requested.connect(lambda key: self.model.uncheck([key]))
        self.chips.more_toggled.connect(self._show_picked_only)
        self.count = QLabel()
        self.count.setObjectName("pickedCount")
        self.count.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("C&lear"))
        self.clear_button.setObjectName("clearPicked")
        self.clear_button.setAutoDefault(False)
        self.clear_button.setToolTip(self.tr("Untick everything picked"))
        self.clear_button.clicked.connect(self.clear)
        counted = QHBoxLayout()
        counted.addWidget(self.count, 1)
        counted.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.source_box)
        layout.addWidget(self.search)
        layout.addWidget(self.group_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chips)
        layout.addLayout(counted)
        self.setFocusProxy(self.search)

        self.model.selection_changed.connect(self._selection_changed)
        self._show_source(self._sources[0].key)
        self._selection_changed()

    # -- the API the dialogs use -------------------------------------------------------

    def current_source(self) -> AudienceSource:
        """The source listed now."""
        return self.model.source

    def set_source(self, key: str) -> None:
        """List another source, as choosing it in the source list does."""
        self.source_box.setCurrentIndex(self.source_box.findData(key))

    def checked(self) -> list[Picked]:
        """Everything picked, with its source, in the order picked."""
        return self.model.checked()

    def checked_ids(self, source: str | None = None) -> list[str]:
        """The ids picked (from `source` only, when given), in the order picked."""
        return self.model.checked_ids(source)

    def set_checked(self, ids: Iterable[str], on: bool = True) -> None:
        """Pick (or unpick) ids of the current source, listed or not.

        Raises:
            ValueError: an id the source cannot name (see `AudienceModel.set_checked`).
        """
        self.model.set_checked(ids, on)

    def clear(self) -> None:
        """Unpick everything."""
        self.model.clear()

    def refresh(self) -> None:
        """Read the groups and the listed rows again (after a sync); picks are kept."""
        self._fill_groups(self.model.source.grouping)
        self._apply_query()

    def select_all_in(self, group_id: str) -> None:
        """Pick every row of one group of the current source ("Select all in room")."""
        grouping = self.model.source.grouping
        if grouping is not None:
            self.model.check_rows(grouping.members(group_id))

    def pick_from_search(self) -> AudienceRow | None:
        """Pick what the search names (Enter): an exact name, else the first row.

        The search is read now, without waiting for the typing pause, and emptied
        after a pick, ready for the next name. Returns the row picked, if any.
        """
        self.search_now()
        rows = self.model.rows()
        if not rows:
            return None
        typed = self.search.text().strip().casefold()
        row = next((r for r in rows if r.name.casefold() == typed), rows[0])
        self.model.check_rows([row])
        self.search.clear()
        return row

    def search_now(self) -> None:
        """List what the search says now, without waiting for the typing pause."""
        if self._search_timer.isActive() or self.model.query != self._query():
            self._search_timer.stop()
            self._apply_query()

    def remove_last(self) -> bool:
        """Unpick the last pick (Backspace in an empty search); whether there was one."""
        picked = self.model.checked()
        if not picked:
            return False
        last = picked[-1]
        self.model.uncheck([(last.source, last.row.id)])
        return True

    def chip_texts(self) -> list[str]:
        """The names on the chips, then "+N more" when there are more picks."""
        return self.chips.texts()

    # -- reacting ----------------------------------------------------------------------

    def _query(self) -> AudienceQuery:
        return AudienceQuery(self.search.text().strip(), self.group.currentData())

    def _apply_query(self) -> None:
        self.model.set_query(self._query())

    def _source_chosen(self, index: int) -> None:
        key = self.source_box.itemData(index)
        if key is None or key == self.model.source.key:
            return
        if self._one_source:
            self.model.clear()
        self.chips.more.setChecked(False)
        self._show_source(key)
        self.source_changed.emit(key)

    def _show_source(self, key: str) -> None:
        """List source `key`: label the search and list, fill its groups, read its rows."""
        source = next(s for s in self._sources if s.key == key)
        self.heading.setText(source.label)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.search.setPlaceholderText(source.search_hint or self.tr("Search…"))
        self.search.setAccessibleName(self.tr("Search {source}").format(source=source.label))
        self.list.setAccessibleName(source.label)
        grouping = source.grouping
        self.group_row.setVisible(grouping is not None)
        if grouping is not None:
            self.group.setAccessibleName(grouping.label)
            self.select_group.setText(grouping.select_all)
        self._fill_groups(grouping)
        self.model.set_source(key, self._query())

    def _fill_groups(self, grouping: Grouping | None) -> None:
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        if grouping is not None:
            self.group.addItem(grouping.everything, None)
            for group in grouping.groups():
                self.group.addItem(group.name, group.id)
        self.group.setCurrentIndex(max(self.group.findData(chosen), 0))
        self.group.blockSignals(False)
        self._fill_group_menu(grouping)

    def _fill_group_menu(self, grouping: Grouping | None) -> None:
        """Under "All rooms" the button asks which room: one menu entry per group."""
        self.group_menu.clear()
        if grouping is None:
            return
        for index in range(1, self.group.count()):
            group_id = self.group.itemData(index)
            action = self.group_menu.addAction(self.group.itemText(index))
            action.triggered.connect(lambda _=False, g=group_id: self.select_all_in(g))
        everywhere = self.group.currentData() is None
        self.select_group.setEnabled(self.group.count() > 1)
        self.select_group.setToolTip(
            self.tr("Asks which one, then picks all of it")
            if everywhere
            else self.tr("Picks all of {group}").format(group=self.group.currentText())
        )

    def _group_chosen(self) -> None:
        self._fill_group_menu(self.model.source.grouping)
        self._apply_query()

    def _select_group_clicked(self) -> None:
        group_id = self.group.currentData()
        if group_id is not None:
            self.select_all_in(group_id)
            return
        self.group_menu.popup(self.select_group.mapToGlobal(self.select_group.rect().bottomLeft()))

    def _toggle(self, index: QModelIndex) -> None:
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.model.setData(
            index,
            Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def _show_picked_only(self, on: bool) -> None:
        self.model.set_picked_only(on)
        hint = self.model.source.search_hint or self.tr("Search…")
        self.search.setPlaceholderText(self.tr("Search what is picked…") if on else hint)

    def _selection_changed(self) -> None:
        picked = self.model.checked()
        several = len(self._sources) > 1 and not self._one_source
        labels = {source.key: source.label for source in self._sources}
        shown = picked[:MAX_CHIPS]
        repeated = {name for name, n in Counter(p.row.name for p in shown).items() if n > 1}
        specs = [
            ChipSpec(
                key=(p.source, p.row.id),
                # Two families named "Ali" make two chips that read alike: add the detail.
                text=self.tr("{name} — {detail}").format(name=p.row.name, detail=p.row.detail)
                if p.row.name in repeated and p.row.detail
                else p.row.name,
                tooltip=self._chip_tooltip(p, p.row.kind or (labels[p.source] if several else "")),
                kind=p.row.kind,
            )
            for p in shown
        ]
        self.chips.set_chips(specs, len(picked))
        self._chain_chips()
        self.count.setText(
            plural(len(picked), self.tr("1 picked"), self.tr("{n} picked"))
            if picked
            else self.tr("Nothing picked yet.")
        )
        self.clear_button.setEnabled(bool(picked))
        self.selection_changed.emit()

    def _chain_chips(self) -> None:
        """Tab goes from the list through the chips' buttons to Clear, as they read.

        New chips would otherwise join the end of the window's focus chain, after
        the dialog's own buttons.
        """
        stops: list[QWidget] = [chip.remove for chip in self.chips.chips]
        stops += [self.chips.more, self.clear_button]
        before: QWidget = self.list
        for stop in stops:
            QWidget.setTabOrder(before, stop)
            before = stop

    @staticmethod
    def _chip_tooltip(picked: Picked, kind: str) -> str:
        parts = [picked.row.name, picked.row.detail, kind]
        return ", ".join(part for part in parts if part)

    # -- Qt overrides ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter, Backspace and Down in the search field (see the module docstring)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.pick_from_search()
                return True
            if key == Qt.Key.Key_Backspace and not self.search.text():
                self.remove_last()
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.model.index(0))
                return True
        return super().eventFilter(watched, event)
