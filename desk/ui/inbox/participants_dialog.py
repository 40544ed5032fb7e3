"""Add people to a group conversation: a searchable picker held to the 15-person rule.

Seed 004 caps a conversation at 15 people, its creator included. The dialog checks
each pick with the server's own rule (`GroupConversations.can_add`), so the 16th
person is refused here, with the reason, before anything is queued; the server
checks again when the command arrives. Staff and guardians are listed (students too
where the centre lets them take part); people already in the conversation are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desk.core.conversations import MAX_PARTICIPANTS
from desk.core.kinds import PersonKind
from desk.models.cache import Cache
from desk.services.compose import pick_students
from desk.services.directory import find_staff, who_am_i
from desk.services.group_conversations import ConversationRefused, GroupConversations, Person
from desk.services.new_message import pick_guardians
from desk.services.settings import centre_settings
from desk.ui.inbox.conversation_text import person_role
from desk.ui.shared.checkable import CheckableListModel
from desk.ui.shared.people_text import role_label

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
SEARCH_PAUSE_MS = 150


@dataclass(frozen=True)
class Candidate:
    """Someone the picker lists: who, and what tells two of the same name apart."""

    person: Person
    name: str
    detail: str


class CandidateSource:
    """People not yet in the conversation, read on: staff, then guardians, then students.

    Staff are few (tens at a centre, a couple of hundred at a large one), so they
    are read whole per search; guardians and students follow a page at a time. It
    is a cursor (`restart`, `next_page`, `more`) because people already in the
    conversation are left out of each page, so a short page does not mean the end.
    """

    def __init__(self, cache: Cache, present: set[Person]) -> None:
        self._cache = cache
        self._present = present
        settings = centre_settings(cache)
        self._students = settings is not None and settings.students_in_conversations
        self._search = ""
        self._staff: list[Candidate] = []
        self._guardians_read = 0
        self._guardians_done = False
        self._students_read = 0
        self.more = True
        self.restart("")

    def restart(self, words: str) -> None:
        """From the top, for names matching `words` ("" for everyone)."""
        self._search = words.strip()
        self._staff = [
            Candidate(Person(PersonKind.STAFF, row.id), row.name, role_label(row.role))
            for row in find_staff(self._cache, self._search, limit=1000)
            if row.active
        ]
        self._guardians_read = 0
        self._guardians_done = False
        self._students_read = 0
        self.more = True

    def next_page(self, limit: int) -> list[Candidate]:
        """Up to `limit` more people (fewer when some are already in); sets `more`."""
        found: list[Candidate] = []
        if self._staff:
            found, self._staff = self._staff[:limit], self._staff[limit:]
        if len(found) < limit and not self._guardians_done:
            wanted = limit - len(found)
            rows = pick_guardians(self._cache, self._search, self._guardians_read, wanted)
            self._guardians_read += len(rows)
            self._guardians_done = len(rows) < wanted
            found += [Candidate(Person(PersonKind.GUARDIAN, c.id), c.name, c.detail) for c in rows]
        if len(found) < limit and self._guardians_done and self._students:
            wanted = limit - len(found)
            me = who_am_i(self._cache)
            students = pick_students(
                self._cache, me, self._search, None, self._students_read, wanted
            )
            self._students_read += len(students)
            found += [
                Candidate(Person(PersonKind.STUDENT, s.id), s.name, s.family_name) for s in students
            ]
        self.more = len(found) == limit
        return [row for row in found if row.person not in self._present]


class CandidateModel(CheckableListModel):
    """The candidates as a checkable list; what is checked survives a new search.

    Signals:
        picked_changed(): a row was checked or unchecked.
    """

    picked_changed = Signal()

    def __init__(
        self, source: CandidateSource, *, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._picked: dict[Person, Candidate] = {}
        self._rows = source.next_page(page_size)

    @property
    def picked(self) -> list[Candidate]:
        """Who is checked, in the order they were checked."""
        return list(self._picked.values())

    def search(self, words: str) -> None:
        """Show the people matching `words`; checked people stay checked."""
        self.beginResetModel()
        self._source.restart(words)
        self._rows = self._source.next_page(self._page_size)
        self.endResetModel()

    def row_at(self, row: int) -> Candidate:
        """The candidate in `row`."""
        return self._rows[row]

    def _is_checked(self, row: int) -> bool:
        return self._rows[row].person in self._picked

    def _check(self, row: int, on: bool) -> None:
        candidate = self._rows[row]
        if on:
            self._picked[candidate.person] = candidate
        else:
            self._picked.pop(candidate.person, None)

    def _after_check(self) -> None:
        self.picked_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Candidates loaded so far; a flat list."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Name with what tells them apart, and the check box."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            kind = person_role(row.person.kind, "")
            return f"{row.name} — {kind}" + (f" · {row.detail}" if row.detail else "")
        if role == Qt.ItemDataRole.CheckStateRole:
            return self.check_state(index.row())
        return None

    def canFetchMore(self, parent: Index) -> bool:
        """More people wait."""
        return not parent.isValid() and self._source.more

    def fetchMore(self, parent: Index) -> None:
        """Append the next page as the list scrolls near its end."""
        if not self.canFetchMore(parent):
            return
        page = self._source.next_page(self._page_size)
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()


class ParticipantsDialog(QDialog):
    """Pick people to add; Add queues one command each, or says why it cannot.

    Signals:
        added(int): this many people were queued to join.
    """

    added = Signal(int)

    def __init__(
        self,
        cache: Cache,
        groups: GroupConversations,
        thread_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("participantsDialog")
        self.setWindowTitle(self.tr("Add participants"))
        self._groups = groups
        self._thread_id = thread_id
        present = {
            Person(PersonKind(p.person_kind), p.person_id) for p in groups.participants(thread_id)
        }
        self._present = len(present)
        self.model = CandidateModel(CandidateSource(cache, present), parent=self)
        self.model.picked_changed.connect(self._check_picks)

        self.search = QLineEdit()
        self.search.setObjectName("participantSearch")
        self.search.setPlaceholderText(self.tr("Search staff and guardians by name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search people"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._timer.start())

        self.list = QListView()
        self.list.setObjectName("participantCandidates")
        self.list.setAccessibleName(self.tr("People who can be added"))
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)

        self.count = QLabel()
        self.count.setObjectName("participantCount")
        self.count.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        self.add_button.setObjectName("addParticipantsButton")
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.resize(460, 520)
        self._check_picks()

    def pick(self, people: Sequence[Person]) -> None:
        """Check these people where the list shows them (as clicking their boxes does)."""
        wanted = set(people)
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).person in wanted:
                self.model.setData(
                    self.model.index(row),
                    Qt.CheckState.Checked.value,
                    Qt.ItemDataRole.CheckStateRole,
                )

    def _check_picks(self) -> None:
        picked = [c.person for c in self.model.picked]
        total = self._present + len(picked)
        self.count.setText(
            self.tr("{picked} selected · {total} of {most} people").format(
                picked=len(picked), total=total, most=MAX_PARTICIPANTS
            )
        )
        reason = self._groups.can_add(self._thread_id, picked) if picked else None
        self._show_refusal(reason)
        self.add_button.setEnabled(bool(picked) and reason is None)

    def _show_refusal(self, reason: str | None) -> None:
        self.refusal.setText(self.tr("Cannot add: {reason}").format(reason=reason or ""))
        self.refusal.setVisible(reason is not None)

    def add(self) -> None:
        """Queue the additions, or keep the dialog open with the reason they cannot be."""
        picked = [c.person for c in self.model.picked]
        if not picked:
            return
        try:
            self._groups.add(self._thread_id, picked)
        except ConversationRefused as refused:
            self._show_refusal(str(refused))
            self.add_button.setEnabled(False)
            return
        self.added.emit(len(picked))
        self.accept()
