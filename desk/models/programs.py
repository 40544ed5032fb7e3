"""Classes, camps and enrollments, as mirrored from `desk.server.orm.programs`."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import CacheBase, IsoDate, Synced


class Program(Synced, CacheBase):
    """A class or a camp."""

    __tablename__ = "program"
    kind: Mapped[str]  # ProgramKind
    name: Mapped[str]
    room_id: Mapped[str | None]
    starts_on: Mapped[IsoDate]
    ends_on: Mapped[IsoDate | None]


class Enrollment(Synced, CacheBase):
    """A student's place in a program."""

    __tablename__ = "enrollment"
    program_id: Mapped[str] = mapped_column(index=True)
    student_id: Mapped[str] = mapped_column(index=True)
    type: Mapped[str]  # EnrollmentType
    starts_on: Mapped[IsoDate]
    ends_on: Mapped[IsoDate | None]
