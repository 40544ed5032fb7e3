"""Push notification audiences (seed 003), resolved on the server from what was picked.

Families and students are picked directly; classes and camps reach only families
with an ACTIVE enrollment; the enrollments page reaches whatever enrollments were
picked. Push belongs to devices, not people, so however many students of a family
are picked, each of its active devices gets one notification.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desk.core.fanout import (
    AudienceItem,
    DeviceRef,
    EnrollmentRef,
    PushScope,
    audience_from_enrollments,
    audience_from_programs,
    families_of,
    push_targets,
    reached_enrollments,
)
from desk.core.kinds import EnrollmentType, ProgramKind
from desk.core.push_templates import push_values
from desk.server.fields import StoredText
from desk.server.orm import Device, Enrollment, Family, Program, Student

Source = Literal["families", "students", "classes", "camps", "enrollments"]


class AudienceError(ValueError):
    """The audience names something that is not there (a refusal, not a bug)."""


class Audience(BaseModel):
    """What the office picked, and on which page (seed 003)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Source
    ids: list[StoredText] = Field(min_length=1, max_length=5000)
    scope: PushScope = PushScope.PER_FAMILY
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Resolved:
    """An audience as families, what each was picked through, and their devices."""

    items: list[AudienceItem]
    devices: list[Device]
    students: dict[str, Student]
    programs: dict[str, Program]
    enrollments: dict[str, Enrollment]
    through: list[EnrollmentRef]
    """The enrollments that brought each family in (`reached_enrollments`)."""

    @property
    def family_ids(self) -> list[str]:
        """The distinct families reached."""
        return families_of(self.items)

    def devices_of(self, family_id: str) -> list[Device]:
        """The active devices of one family."""
        return [d for d in self.devices if d.family_id == family_id]


def resolve(session: Session, centre_id: str, audience: Audience) -> Resolved:
    """The families and devices an audience reaches.

    Raises:
        AudienceError: an id that is not the centre's, or a class picked as a camp.
        ValueError: a camp option on a class, or a date range that ends first.
    """
    date_range = _date_range(audience)
    students: dict[str, Student] = {}
    programs: dict[str, Program] = {}
    enrollments: dict[str, Enrollment] = {}
    through: list[EnrollmentRef] = []
    if audience.source == "families":
        found = set(
            session.scalars(
                select(Family.id).where(
                    Family.centre_id == centre_id, Family.id.in_(audience.ids), ~Family.deleted
                )
            )
        )
        _all_found(audience.ids, found, "family")
        items = [AudienceItem(f, None, None) for f in dict.fromkeys(audience.ids)]
    elif audience.source == "students":
        students = _rows(session, Student, centre_id, audience.ids, "student")
        items = [AudienceItem(s.family_id, s.id, None) for s in students.values()]
    elif audience.source in ("classes", "camps"):
        kind = ProgramKind.CLASS if audience.source == "classes" else ProgramKind.CAMP
        programs = _rows(session, Program, centre_id, audience.ids, audience.source[:-1])
        if wrong := [p.name for p in programs.values() if p.kind != kind]:
            raise AudienceError(f"{wrong[0]} is not one of the {audience.source}")
        enrollments, refs = _enrollments(
            session, select(Enrollment).where(Enrollment.program_id.in_(list(programs)))
        )
        students = _students_of(session, enrollments)
        items = audience_from_programs(programs, refs, scope=audience.scope, date_range=date_range)
        through = reached_enrollments(refs, program_ids=programs, date_range=date_range)
    else:
        enrollments, refs = _enrollments(
            session,
            select(Enrollment).where(
                Enrollment.centre_id == centre_id, Enrollment.id.in_(audience.ids)
            ),
        )
        _all_found(audience.ids, set(enrollments), "enrollment")
        students = _students_of(session, enrollments)
        programs = _rows(
            session, Program, centre_id, [e.program_id for e in enrollments.values()], "program"
        )
        items = audience_from_enrollments(
            enrollments, refs, scope=audience.scope, date_range=date_range
        )
        through = reached_enrollments(refs, enrollment_ids=enrollments, date_range=date_range)
    family_ids = families_of(items)
    rows = list(
        session.scalars(
            select(Device).where(
                Device.centre_id == centre_id, Device.family_id.in_(family_ids), ~Device.deleted
            )
        )
    )
    by_id = {d.id: d for d in rows}
    chosen = push_targets(family_ids, [DeviceRef(d.id, d.family_id, d.active) for d in rows])
    return Resolved(items, [by_id[d.id] for d in chosen], students, programs, enrollments, through)


def _date_range(audience: Audience) -> tuple[date, date] | None:
    if audience.date_from is None and audience.date_to is None:
        return None
    if audience.date_from is None or audience.date_to is None:
        raise AudienceError("a date range needs both its first and its last day")
    return audience.date_from, audience.date_to


def _all_found(wanted: Sequence[str], found: set[str], what: str) -> None:
    if missing := [i for i in wanted if i not in found]:
        raise AudienceError(f"{what} {missing[0]} does not exist")


def _rows(
    session: Session, model: type[Any], centre_id: str, ids: Sequence[str], what: str
) -> dict[str, Any]:
    rows = {
        row.id: row
        for row in session.scalars(
            select(model).where(
                model.centre_id == centre_id, model.id.in_(list(ids)), ~model.deleted
            )
        )
    }
    _all_found(list(dict.fromkeys(ids)), set(rows), what)
    return rows


def _enrollments(
    session: Session, query: Select[Enrollment]
) -> tuple[dict[str, Enrollment], list[EnrollmentRef]]:
    rows = [e for e in session.scalars(query) if not e.deleted]
    families = dict(
        session.execute(
            select(Student.id, Student.family_id).where(
                Student.id.in_({e.student_id for e in rows})
            )
        ).all()
    )
    kinds = dict(
        session.execute(
            select(Program.id, Program.kind).where(Program.id.in_({e.program_id for e in rows}))
        ).all()
    )
    refs = [
        EnrollmentRef(
            id=e.id,
            student_id=e.student_id,
            family_id=families[e.student_id],
            program_id=e.program_id,
            program_kind=ProgramKind(kinds[e.program_id]),
            type=EnrollmentType(e.type),
            starts_on=e.starts_on,
            ends_on=e.ends_on,
        )
        for e in rows
    ]
    return {e.id: e for e in rows}, refs


def _students_of(session: Session, enrollments: dict[str, Enrollment]) -> dict[str, Student]:
    ids = {e.student_id for e in enrollments.values()}
    return {s.id: s for s in session.scalars(select(Student).where(Student.id.in_(ids)))}


def template_values(resolved: Resolved, family_id: str, centre_name: str) -> dict[str, str]:
    """The variables a family's notification fills in (`desk.core.push_templates`).

    A notification is per device, not per person: `{student.*}` and `{program.name}`
    name the children and the classes or camps the family was reached through,
    several joined ("Ava & Leo"); `{guardian.*}` never has a value, since a device
    is not a guardian.
    """
    through = [e for e in resolved.through if e.family_id == family_id]
    student_ids = {i.student_id for i in resolved.items if i.family_id == family_id}
    student_ids |= {e.student_id for e in through}
    students = sorted(
        (s.first_name, s.last_name)
        for s in (resolved.students.get(i) for i in student_ids if i)
        if s is not None
    )
    programs = sorted(
        program.name
        for program in (resolved.programs.get(p) for p in {e.program_id for e in through})
        if program is not None
    )
    return push_values(centre_name, students, programs)
