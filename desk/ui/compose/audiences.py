"""The kinds of recipient the compose dialogs offer, each an `AudienceSource`.

Each source reads its rows through a service and words them for the picker. New
Message offers `anyone`: one search over every kind of recipient (issue 13 item 1),
so typing "Mar" lists the guardian, the student and the staff member of that name
together, each saying what it is. Push offers the five sources of seed 003, one at
a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from desk.core.audience import Pick, PickKind
from desk.core.kinds import ProgramKind
from desk.models.cache import Cache
from desk.models.directory_queries import StudentChoice
from desk.services import compose, new_message, push
from desk.services.directory import Me
from desk.ui.compose.audience_source import (
    AudienceQuery,
    AudienceRow,
    AudienceSource,
    Group,
    Grouping,
)
from desk.ui.shared.people_text import family_label, plural, role_label


def kind_labels() -> dict[PickKind, str]:
    """What a recipient chip of each kind says it is (read once per page of rows)."""
    everyone = QCoreApplication.translate("Audiences", "Everyone")
    return {
        PickKind.STUDENT: QCoreApplication.translate("Audiences", "Student"),
        PickKind.GUARDIAN: QCoreApplication.translate("Audiences", "Guardian"),
        PickKind.FAMILY: QCoreApplication.translate("Audiences", "Family"),
        PickKind.STAFF: QCoreApplication.translate("Audiences", "Staff"),
        PickKind.STAFF_GROUP: QCoreApplication.translate("Audiences", "Staff group"),
        PickKind.ROOM: QCoreApplication.translate("Audiences", "Room"),
        PickKind.PROGRAM: QCoreApplication.translate("Audiences", "Program"),
        PickKind.ALL_FAMILIES: everyone,
        PickKind.ALL_STAFF: everyone,
        PickKind.SIGNED_IN: everyone,
    }


def row_id(pick: Pick) -> str:
    """The picker's id of a pick: "kind:id", or the kind alone for a broad one."""
    return pick.kind.value if pick.id is None else f"{pick.kind.value}:{pick.id}"


def pick_of(row: str) -> Pick:
    """The pick an `anyone` row id stands for (`row_id` read back)."""
    kind, _, record = row.partition(":")
    return Pick(PickKind(kind), record or None)


def _broad_rows(me: Me | None) -> list[AudienceRow]:
    """The audiences that name no record, those `me` may message."""
    full = me is not None and me.full_messaging
    rows = [
        (PickKind.ALL_FAMILIES, QCoreApplication.translate("Audiences", "All families")),
        (PickKind.ALL_STAFF, QCoreApplication.translate("Audiences", "All staff")),
        (
            PickKind.SIGNED_IN,
            QCoreApplication.translate("Audiences", "Everyone signed in right now"),
        ),
    ]
    labels = kind_labels()
    return [
        AudienceRow(kind.value, name, "", labels[kind])
        for kind, name in rows
        if full or kind is PickKind.ALL_STAFF
    ]


def _choice_row(choice: new_message.KindChoice, labels: dict[PickKind, str]) -> AudienceRow:
    kind = PickKind(choice.kind)
    name, detail = choice.name, choice.detail
    if kind is PickKind.FAMILY:  # the chip itself tells same-name families apart
        name, detail = family_label(choice.name, choice.detail), ""
    elif kind is PickKind.STAFF:
        detail = role_label(choice.detail)
    elif kind is PickKind.STAFF_GROUP:
        detail = plural(
            choice.count,
            QCoreApplication.translate("Audiences", "1 member"),
            QCoreApplication.translate("Audiences", "{n} members"),
        )
    elif kind is PickKind.ROOM:
        detail = plural(
            choice.count,
            QCoreApplication.translate("Audiences", "1 student"),
            QCoreApplication.translate("Audiences", "{n} students"),
        )
    elif kind is PickKind.PROGRAM:
        words = {
            ProgramKind.CLASS.value: QCoreApplication.translate("Audiences", "Class"),
            ProgramKind.CAMP.value: QCoreApplication.translate("Audiences", "Camp"),
        }
        detail = words.get(choice.detail, choice.detail)
    return AudienceRow(row_id(Pick(kind, choice.id)), name, detail, labels[kind])


def _student_pick_row(student: StudentChoice) -> AudienceRow:
    """A student of a room, as "Select all in room" picks them."""
    room = student.room_name or QCoreApplication.translate("Audiences", "no room")
    return AudienceRow(
        row_id(Pick(PickKind.STUDENT, student.id)),
        student.name,
        f"{room} · {student.family_name}",
        QCoreApplication.translate("Audiences", "Student"),
    )


def anyone(cache: Cache, me: Callable[[], Me | None]) -> AudienceSource:
    """New Message's recipients of every kind in one search (issue 13 item 1).

    The broad audiences ("All families", "All staff", "Everyone signed in right
    now") head the list while they match what is typed; then rooms, staff groups
    and programs; then people of every kind by name. The room filter lists one
    room's students, and "Select all in room" picks them all. Row ids are
    `row_id(pick)`; `pick_of` reads them back, and `find` names the ids a record's
    "Message this family / person" picks unlisted. `me` is asked on every read.
    """

    def load(query: AudienceQuery, offset: int, limit: int) -> list[AudienceRow]:
        words = query.search.casefold().split()
        broad = (
            []
            if query.group is not None
            else [
                row
                for row in _broad_rows(me())
                if all(word in row.name.casefold() for word in words)
            ]
        )
        head = broad[offset : offset + limit]
        rest = limit - len(head)
        if rest <= 0:
            return head
        found = new_message.pick_anyone(
            cache, me(), query.search, query.group, offset=max(0, offset - len(broad)), limit=rest
        )
        labels = kind_labels()
        return head + [_choice_row(choice, labels) for choice in found]

    def find(ids: Sequence[str]) -> list[AudienceRow]:
        labels = kind_labels()
        return [_choice_row(c, labels) for c in new_message.named_recipients(cache, ids)]

    rooms = Grouping(
        label=QCoreApplication.translate("Audiences", "Room"),
        everything=QCoreApplication.translate("Audiences", "All rooms"),
        select_all=QCoreApplication.translate("Audiences", "Select &all in room"),
        groups=lambda: [Group(room.id, room.name) for room in compose.rooms_for(cache, me())],
        members=lambda room_id: [
            _student_pick_row(s) for s in compose.room_students(cache, me(), room_id)
        ],
    )
    return AudienceSource(
        key="anyone",
        label=QCoreApplication.translate("Audiences", "Recipients"),
        load=load,
        search_hint=QCoreApplication.translate(
            "Audiences", "Search people, families, staff, groups, rooms…"
        ),
        find=find,
        grouping=rooms,
    )


def push_sources(cache: Cache) -> list[AudienceSource]:
    """The pages a push notification is sent from (seed 003), keyed by `push.Source`."""
    labels = {
        push.Source.FAMILIES: QCoreApplication.translate("Audiences", "Families"),
        push.Source.STUDENTS: QCoreApplication.translate("Audiences", "Students"),
        push.Source.CLASSES: QCoreApplication.translate("Audiences", "Classes"),
        push.Source.CAMPS: QCoreApplication.translate("Audiences", "Camps"),
        push.Source.ENROLLMENTS: QCoreApplication.translate("Audiences", "Enrollments"),
    }
    return [
        AudienceSource(key=source.value, label=label, load=_push_loader(cache, source))
        for source, label in labels.items()
    ]


def _push_loader(
    cache: Cache, source: push.Source
) -> Callable[[AudienceQuery, int, int], list[AudienceRow]]:
    def load(query: AudienceQuery, offset: int, limit: int) -> list[AudienceRow]:
        found = push.choices(cache, source, query.search, offset=offset, limit=limit)
        return [AudienceRow(c.id, c.name, c.detail) for c in found]

    return load
