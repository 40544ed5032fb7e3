"""Every item model of the office app and the kiosk, checked by Qt's model tester.

STYLE.md: every model is checked with `qtmodeltester`. Each check attaches Qt's
`QAbstractItemTester` to a model over realistic rows read from a real cache
(several pages where the model pages), then changes the model the way the app does
(fetching more, reloading, searching, checking rows, updating counters) while the
tester watches every signal. A broken rule is a Qt warning, which fails the test
(`qt_log_level_fail = WARNING`).

`test_every_item_model_is_checked` walks `desk.ui` and `desk.kiosk` for item models,
so a model added later without a check here fails that test rather than going
unchecked.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

import desk.kiosk
import desk.ui
from desk.core.kinds import PersonKind, ThreadKind
from desk.core.permissions import Capability
from desk.models.apply import apply_page
from desk.models.cache import Cache
from desk.models.directory_queries import student_choices, students_by_id
from desk.models.inbox_sql import InboxFilter
from desk.models.queries import FamilyRow, list_families
from desk.models.thread_view import conversation
from desk.services.conversations import Conversations
from desk.services.everything import GROUPS, search_everything
from desk.services.group_conversations import Person
from desk.services.kiosk_messages import GuardianChoice
from desk.services.settings import StaffPermissions
from desk.ui.admin.centre_settings import FIRST_CAPABILITY_COLUMN, CapabilityModel
from desk.ui.admin.kiosk_messages import GuardianChoiceModel
from desk.ui.compose.audience_model import AudienceModel
from desk.ui.compose.audience_source import AudienceQuery, AudienceRow, AudienceSource
from desk.ui.inbox.messages import MessageListModel
from desk.ui.inbox.participants_dialog import CandidateModel, CandidateSource
from desk.ui.inbox.thread_list import PAGE_SIZE as INBOX_PAGE
from desk.ui.inbox.thread_list import ThreadListModel
from desk.ui.mainwindow.navigation import NavigationModel, Place, Section
from desk.ui.mainwindow.search_everything import EverythingModel
from desk.ui.shared.checkable import CheckableListModel
from desk.ui.shared.row_model import ROW_ROLE, Column, RowListModel, RowTableModel
from tests.support.feed import page, table

FAMILIES = ["Diaz", "Lee", "Nguyen", "Okafor", "Schmidt", "Weber", "Yamamoto"]
"""More families than one page of the paged models below holds (`PAGE`)."""
GUARDIANS = ["Maria", "Ann", "Binh", "Chidi", "Eva", "Jonas", "Yuki"]
CHILDREN = ["Kim", "Leo", "Mai", "Obi", "Pia", "Tom", "Yui"]
PAGE = 3


class ModelChecker(Protocol):
    """pytest-qt's `qtmodeltester` fixture, typed."""

    def check(self, model: QAbstractItemModel, force_py: bool = False) -> None: ...


def at(minute: int) -> str:
    return f"2026-11-02T08:{minute:02d}:00.000000Z"


@pytest.fixture
def centre(cache: Cache) -> Cache:
    """A small centre in a real cache, written through the change feed's apply path.

    Seven families with a guardian and a child each, two rooms, an SMS thread per
    family (one without messages yet, so it sorts last), a conversation of three
    messages, one of them failed with a reason, and more Office Chat threads than
    the inbox reads in one page.
    """
    families = [{"id": f"f{n}", "version": 1, "name": name} for n, name in enumerate(FAMILIES)]
    guardians = [
        {
            "id": f"g{n}",
            "version": 1,
            "family_id": f"f{n}",
            "first_name": first,
            "last_name": name,
            "phone": f"+1202555{n:04d}",
        }
        for n, (first, name) in enumerate(zip(GUARDIANS, FAMILIES, strict=True))
    ]
    students = [
        {
            "id": f"s{n}",
            "version": 1,
            "family_id": f"f{n}",
            "room_id": "r1" if n % 2 else "r2",
            "first_name": first,
            "last_name": name,
        }
        for n, (first, name) in enumerate(zip(CHILDREN, FAMILIES, strict=True))
    ]
    threads = [
        {
            "id": f"t{n}",
            "version": 1,
            "kind": ThreadKind.SMS,
            "status": "unread" if n % 3 == 0 else "open",
            "family_id": f"f{n}",
            "guardian_id": f"g{n}",
            "phone": f"+1202555{n:04d}",
            "last_message_at": None if n == 6 else at(n),
            "last_message_preview": "" if n == 6 else f"About pickup, {name}",
            "message_count": 0 if n == 6 else 1,
            "unread_count": 1 if n % 3 == 0 else 0,
        }
        for n, name in enumerate(FAMILIES)
    ]
    office = [
        {
            "id": f"o{n:03d}",
            "version": 1,
            "kind": ThreadKind.OFFICE,
            "family_id": f"f{n % len(FAMILIES)}",
            "guardian_id": f"g{n % len(FAMILIES)}",
            "last_message_at": f"2026-11-01T{n // 60:02d}:{n % 60:02d}:00.000000Z",
            "last_message_preview": f"Invoice {n}",
        }
        for n in range(INBOX_PAGE + 10)
    ]
    messages = [
        {"id": "m1", "version": 1, "thread_id": "t0", "direction": "in", "author_kind": None}
        | {"from_phone": "+12025550000", "body": "Can Kim leave at 3?", "created_at": at(0)},
        {"id": "m2", "version": 1, "thread_id": "t0", "body": "Yes, see you then."}
        | {"created_at": at(1), "state": "delivered"},
        {"id": "m3", "version": 1, "thread_id": "t0", "body": "Bring her coat."}
        | {"created_at": at(2), "state": "failed", "error": "the number is opted out"},
    ]
    rooms = {
        "name": "room",
        "columns": ["id", "version", "deleted", "name", "capacity"],
        "rows": [["r1", 1, False, "Butterflies", 12], ["r2", 1, False, "Caterpillars", 10]],
    }
    apply_page(
        cache,
        page(
            table("family", *families),
            table("guardian", *guardians),
            rooms,
            table("student", *students),
            table("thread", *threads, *office),
            table("message", *messages),
        ),
    )
    return cache


def fetch_all(model: QAbstractItemModel) -> None:
    """Scroll to the end, as a view does: fetch pages while the model has more."""
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def check_rows(model: QAbstractItemModel, row: int) -> None:
    """Check and uncheck `row` through the check-state role, as a click does."""
    index = model.index(row, 0)
    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


# -- one case per model --------------------------------------------------------------


def row_table_model(tester: ModelChecker, cache: Cache) -> None:
    """The families list of Records: a table over `FamilyRow`, three rows a page."""

    def load(offset: int, limit: int) -> list[FamilyRow]:
        with cache.session() as session:
            return list_families(session, limit=limit, offset=offset)

    columns = [
        Column[FamilyRow]("Family", lambda r: r.name),
        Column[FamilyRow]("Guardians", lambda r: str(r.guardians)),
        Column[FamilyRow]("Students", lambda r: str(r.students)),
    ]
    model = RowTableModel[FamilyRow](columns, load, page_size=PAGE)
    tester.check(model)
    model.reload()
    assert model.rowCount() == PAGE
    fetch_all(model)
    assert [model.row_at(r).name for r in range(model.rowCount())] == FAMILIES
    assert model.index(0, 1).data() == "1"
    model.reload()
    assert model.rowCount() == PAGE


def row_list_model(tester: ModelChecker, cache: Cache) -> None:
    """The families as a paged one-column list, reloaded, then given rows whole."""

    def load(offset: int, limit: int) -> list[FamilyRow]:
        with cache.session() as session:
            return list_families(session, limit=limit, offset=offset)

    model = RowListModel[FamilyRow](lambda r: f"{r.name} ({r.guardians})", load, page_size=PAGE)
    tester.check(model)
    model.reload()
    assert model.rowCount() == PAGE
    fetch_all(model)
    assert [model.row_at(r).name for r in range(model.rowCount())] == FAMILIES
    assert model.index(0, 0).data() == f"{FAMILIES[0]} (1)"
    assert model.index(1, 0).data(ROW_ROLE).name == FAMILIES[1]
    model.reload()
    assert model.rowCount() == PAGE
    model.set_rows(model.rows[:1])
    assert (model.rowCount(), model.canFetchMore(QModelIndex())) == (1, False)


def thread_list_model(tester: ModelChecker, cache: Cache) -> None:
    """The inbox through the conversations service.

    Two pages of Office Chat, then SMS threads newest first, filtered by status,
    searched.
    """
    model = ThreadListModel(Conversations(cache), InboxFilter(kinds=(ThreadKind.OFFICE,)))
    tester.check(model)
    model.set_filter(InboxFilter(kinds=(ThreadKind.OFFICE,)))
    assert model.rowCount() == INBOX_PAGE
    fetch_all(model)
    assert model.rowCount() == INBOX_PAGE + 10
    model.reload()
    model.set_filter(InboxFilter(kinds=(ThreadKind.SMS,)))
    fetch_all(model)
    assert model.rowCount() == len(FAMILIES)
    assert model.row_at(model.rowCount() - 1).id == "t6"  # no messages: last
    model.set_filter(InboxFilter(kinds=(ThreadKind.SMS,), status="unread"))
    assert {model.row_at(r).id for r in range(model.rowCount())} == {"t0", "t3", "t6"}
    model.set_filter(InboxFilter(kinds=(ThreadKind.SMS,)))
    model.set_query("Nguyen")
    assert [model.row_at(r).id for r in range(model.rowCount())] == ["t2"]
    model.set_query("")
    assert model.rowCount() == len(FAMILIES)


def message_list_model(tester: ModelChecker, cache: Cache) -> None:
    """One conversation: an incoming, a delivered and a failed message."""
    model = MessageListModel()
    tester.check(model)
    with cache.session() as session:
        model.set_messages(conversation(session, "t0"))
    assert model.rowCount() == 3
    assert "the number is opted out" in model.index(2, 0).data()
    model.set_offline(True)
    with cache.session() as session:
        model.set_messages(conversation(session, "t1"))
    assert model.rowCount() == 0


def navigation_model(tester: ModelChecker, cache: Cache) -> None:
    """The sections an admin sees, then their counters, then a teacher's fewer sections."""
    model = NavigationModel()
    tester.check(model)
    everything = [Section(place, place.value.title()) for place in Place]
    model.set_sections(everything)
    model.set_counters(Place.SMS, unread=2, open_=5)
    row = model.row_of(Place.SMS)
    assert "2 unread, 5 open" in model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    model.set_sections(everything[:2])
    assert model.rowCount() == 2


def audience_model(tester: ModelChecker, cache: Cache) -> None:
    """The compose dialogs' audience: students three a page, then families.

    Checks survive a reload and a search; "picked only" lists the picks and drops a
    row unticked there; another source lists its own rows, picks kept.
    """

    def students(query: AudienceQuery, offset: int, limit: int) -> list[AudienceRow]:
        with cache.session() as session:
            found = student_choices(session, query.search, limit=limit, offset=offset)
        return [AudienceRow(s.id, s.name, s.family_name) for s in found]

    def families(query: AudienceQuery, offset: int, limit: int) -> list[AudienceRow]:
        with cache.session() as session:
            found = list_families(session, query.search, limit=limit, offset=offset)
        return [AudienceRow(f.id, f.name) for f in found]

    def find(ids: Sequence[str]) -> list[AudienceRow]:
        with cache.session() as session:
            return [AudienceRow(s.id, s.name) for s in students_by_id(session, ids)]

    model = AudienceModel(
        [
            AudienceSource("students", "Students", students, find=find),
            AudienceSource("families", "Families", families),
        ],
        page_size=PAGE,
    )
    tester.check(model)
    model.reload()
    fetch_all(model)
    assert model.rowCount() == len(FAMILIES)
    check_rows(model, 1)
    model.set_checked(["s0", "s4"])
    model.reload()
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.set_query(AudienceQuery(search="Nguyen"))
    assert [model.row_at(r).id for r in range(model.rowCount())] == ["s2"]
    model.set_query(AudienceQuery())
    model.set_picked_only(True)
    assert [model.row_at(r).id for r in range(model.rowCount())] == ["s0", "s4"]
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    model.set_checked(["s4"], on=False)
    assert model.rowCount() == 0
    model.set_picked_only(False)
    model.set_checked(["s6"])  # never listed: named by the source's `find`
    model.set_source("families")
    fetch_all(model)
    check_rows(model, 2)
    assert model.checked_ids("students") == ["s6"]
    model.clear()


def guardian_choice_model(tester: ModelChecker, cache: Cache) -> None:
    """The kiosk-message dialog's guardians: a search, a choice kept across searches."""
    model = GuardianChoiceModel()
    tester.check(model)
    rows = [
        GuardianChoice(f"g{n}", f"Guardian {name}", name, waiting=n % 2)
        for n, name in enumerate(FAMILIES)
    ]
    model.set_rows(rows)
    check_rows(model, 3)
    model.choose(rows[:2])
    model.set_rows(rows[1:3])
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def capability_model(tester: ModelChecker, cache: Cache) -> None:
    """The Settings page's staff with a check box per capability; a refusal changes nothing."""
    staff = [
        {"id": f"st{n}", "version": 1, "first_name": name, "capabilities": caps}
        for n, (name, caps) in enumerate(
            [("Ada", "admin,sms_logs"), ("Bo", ""), ("Cy", "mass_text"), ("Di", "")]
        )
    ]
    apply_page(cache, page(table("staff", *staff)))
    asked: list[tuple[str, frozenset[Capability]]] = []

    def change(row: StaffPermissions, wanted: frozenset[Capability]) -> bool:
        asked.append((row.id, wanted))
        return row.name != "Bo Teach"  # refused, as your own admin would be

    model = CapabilityModel(cache, change)
    tester.check(model)
    model.reload()
    assert [model.row_at(r).name for r in range(model.rowCount())] == [
        "Ada Teach",
        "Bo Teach",
        "Cy Teach",
        "Di Teach",
    ]
    full = FIRST_CAPABILITY_COLUMN  # full messaging, the first capability column
    check_cells = [model.index(r, full) for r in range(model.rowCount())]
    assert model.flags(check_cells[0]) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    checked = Qt.CheckState.Checked.value
    assert model.setData(check_cells[2], checked, Qt.ItemDataRole.CheckStateRole)
    assert check_cells[2].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not model.setData(check_cells[1], checked, Qt.ItemDataRole.CheckStateRole)
    assert check_cells[1].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert asked[0] == ("st2", frozenset({Capability.MASS_TEXT, Capability.FULL_MESSAGING}))
    model.reload()


def candidate_model(tester: ModelChecker, cache: Cache) -> None:
    """A group conversation's Add people picker: paged, one already in, picks kept."""
    present = {Person(PersonKind.GUARDIAN, "g0")}
    model = CandidateModel(CandidateSource(cache, present), page_size=3)
    tester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    names = [model.row_at(r).name for r in range(model.rowCount())]
    assert names == [f"{first} {name}" for first, name in zip(GUARDIANS, FAMILIES, strict=True)][1:]
    check_rows(model, 0)
    model.setData(model.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.search("Binh")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def everything_model(tester: ModelChecker, cache: Cache) -> None:
    """Search everything: results grouped under headings that cannot be picked, then reset."""
    model = EverythingModel()
    tester.check(model)
    found = search_everything(
        cache, "Diaz", ("office", "classroom", "sms", "group"), frozenset(GROUPS)
    )
    model.set_results(found)
    assert model.rowCount() > len(found)  # a heading row before each kind found
    first = model.first_result()
    assert first.isValid()
    assert model.flags(first) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    model.set_results([])
    assert model.rowCount() == 0


Case = Callable[[ModelChecker, Cache], None]

CASES: dict[type[QAbstractItemModel], Case] = {
    RowTableModel: row_table_model,
    RowListModel: row_list_model,
    ThreadListModel: thread_list_model,
    MessageListModel: message_list_model,
    NavigationModel: navigation_model,
    AudienceModel: audience_model,
    GuardianChoiceModel: guardian_choice_model,
    CapabilityModel: capability_model,
    CandidateModel: candidate_model,
    EverythingModel: everything_model,
}
"""Each item model of the app, and how to fill and change it under the tester."""

ABSTRACT: dict[type[QAbstractItemModel], str] = {
    CheckableListModel: "a base: its subclasses (pickers) are checked instead",
}
"""Item models with no case of their own, and why."""


@pytest.mark.parametrize("model_class", list(CASES), ids=lambda c: c.__name__)
def test_the_model_keeps_qt_model_rules(
    model_class: type[QAbstractItemModel],
    qtbot: QtBot,
    qtmodeltester: ModelChecker,
    centre: Cache,
) -> None:
    """Regression: three models fetched a page while a change was being announced.

    `RowTableModel`, the student picker and `ThreadListModel` fetched while a reset
    or an insert was being announced (Qt's tester fetches more from its slots, as a
    view may): a change nested in another, and during an insert the same page read
    twice. Their cases failed before that fix.
    """
    CASES[model_class](qtmodeltester, centre)


# -- the guard -----------------------------------------------------------------------


def item_models(*packages: Any) -> Iterator[type[QAbstractItemModel]]:
    """Every `QAbstractItemModel` subclass defined in a module of `packages`."""
    for package in packages:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, QAbstractItemModel) and value.__module__ == info.name:
                    yield value


def test_every_item_model_is_checked() -> None:
    found = set(item_models(desk.ui, desk.kiosk))
    unchecked = sorted(
        f"{m.__module__}.{m.__qualname__}" for m in found - set(CASES) - set(ABSTRACT)
    )
    assert not unchecked, (
        "item models without a qtmodeltester case in tests/ui/test_qt_models.py "
        f"(add one to CASES): {unchecked}"
    )
    assert set(CASES) | set(ABSTRACT) <= found  # nothing listed that the walk misses
