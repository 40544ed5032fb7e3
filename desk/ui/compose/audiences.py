"""The kinds of recipient the compose dialogs offer, each an `AudienceSource`.

Each source reads its rows through a service and words them for the picker. New
Message offers students, which its server command takes today; Push offers the five
sources of seed 003, one at a time. Issue 13's guardians, families, staff, staff
groups, rooms and programs for New Message are further functions here over their
services; the picker itself does not change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desk.models.cache import Cache
from desk.models.directory_queries import StudentChoice
from desk.services import compose, push
from desk.services.directory import Me
from desk.ui.compose.audience_source import (
    AudienceQuery,
    AudienceRow,
    AudienceSource,
    Group,
    Grouping,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Audiences", text)


def _student_row(student: StudentChoice) -> AudienceRow:
    room = student.room_name or _tr("no room")
    return AudienceRow(student.id, student.name, f"{room}  ·  {student.family_name}")


def students(cache: Cache, me: Callable[[], Me | None]) -> AudienceSource:
    """New Message's students: those `me()` may message, by room, "Select all in room".

    `me` is asked on every read, so a dialog that re-reads who is signed in after a
    sync (a teacher given another room) lists what they may now message.
    """

    def load(query: AudienceQuery, offset: int, limit: int) -> list[AudienceRow]:
        found = compose.pick_students(
            cache, me(), query.search, query.group, offset=offset, limit=limit
        )
        return [_student_row(s) for s in found]

    rooms = Grouping(
        label=_tr("Room"),
        everything=_tr("All rooms"),
        select_all=_tr("Select &all in room"),
        groups=lambda: [Group(room.id, room.name) for room in compose.rooms_for(cache, me())],
        members=lambda room_id: [
            _student_row(s) for s in compose.room_students(cache, me(), room_id)
        ],
    )
    return AudienceSource(
        key="students",
        label=_tr("Students"),
        load=load,
        search_hint=_tr("Search students, families, guardians, phones…"),
        find=lambda ids: [_student_row(s) for s in compose.find_students(cache, ids)],
        grouping=rooms,
    )


def push_sources(cache: Cache) -> list[AudienceSource]:
    """The pages a push notification is sent from (seed 003), keyed by `push.Source`."""
    labels = {
        push.Source.FAMILIES: _tr("Families"),
        push.Source.STUDENTS: _tr("Students"),
        push.Source.CLASSES: _tr("Classes"),
        push.Source.CAMPS: _tr("Camps"),
        push.Source.ENROLLMENTS: _tr("Enrollments"),
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
