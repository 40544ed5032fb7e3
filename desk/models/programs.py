"""Classes, camps and enrollments, as mirrored from `desk.server.orm.programs`."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desk.models.base import CacheBase, IsoDate, Synced, mirror_table


class Program(Synced, CacheBase):
    """A class or a camp."""

    __table__ = mirror_table("program")
    kind: Mapped[str]  # ProgramKind
    name: Mapped[str]
    room_id: Mapped[str | None]
    starts_on: Mapped[IsoDate]
    ends_on: Mapped[IsoDate | None]


class Enrollment(Synced, CacheBase):
    """A student's place in a program."""

    __table__ = mirror_table("enrollment")
    program_id: Mapped[str]
    student_id: Mapped[str]
    type: Mapped[str]  # EnrollmentType
    starts_on: Mapped[IsoDate]
    ends_on: Mapped[IsoDate | None]
