"""Push notifications (seed 003): pick an audience, see how many devices it reaches.

The estimate is `desk.core.fanout.estimate_devices` over the cached devices: one
notification per device however many students are picked, and from the Classes and
Camps pages only ACTIVE enrollments count. It is an estimate because a token may
belong to an app uninstalled since; the server prunes tokens FCM reports invalid.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desk.core.fanout import (
    PushScope,
    audience_from_enrollments,
    audience_from_programs,
    estimate_devices,
    families_of,
)
from desk.core.kinds import ProgramKind
from desk.models import delivery_queries as q
from desk.models import directory_queries as people
from desk.models.cache import Cache
from desk.models.queries import list_families


class Source(StrEnum):
    """The page a push notification is sent from; its name is the template page."""

    FAMILIES = "families"
    STUDENTS = "students"
    CLASSES = "classes"
    CAMPS = "camps"
    ENROLLMENTS = "enrollments"


@dataclass(frozen=True)
class Choice:
    """One pickable audience row: a family, student, class, camp or enrollment."""

    id: str
    label: str


def choices(cache: Cache, source: Source, search: str = "", limit: int = 500) -> list[Choice]:
    """What the audience list offers for `source`, optionally matching `search`."""
    with cache.session() as session:
        if source is Source.FAMILIES:
            return [Choice(f.id, f.name) for f in list_families(session, search, limit=limit)]
        if source is Source.STUDENTS:
            return [
                Choice(s.id, f"{s.name} · {s.family_name}")
                for s in people.student_choices(session, search, limit=limit)
            ]
        if source is Source.ENROLLMENTS:
            return [
                Choice(e.id, f"{e.student_name} · {e.program_name} · {e.type}")
                for e in q.list_enrollments(session, search, limit=limit)
            ]
        kind = ProgramKind.CLASS if source is Source.CLASSES else ProgramKind.CAMP
        return [Choice(p.id, p.name) for p in q.list_programs(session, kind, search)][:limit]


@dataclass(frozen=True)
class Estimate:
    """How far a push notification goes (seed 003 "# of Push Notification messages").

    Attributes:
        families: families in the audience.
        devices: active devices of those families, each counted once.
    """

    families: int
    devices: int


def estimate(
    cache: Cache,
    source: Source,
    ids: Collection[str],
    *,
    scope: PushScope = PushScope.PER_FAMILY,
    date_range: tuple[date, date] | None = None,
) -> Estimate:
    """The audience of the picked rows and the devices it reaches.

    Raises:
        ValueError: for a camp option (scope, date range) on classes, or a range that
            ends before it starts (`desk.core.fanout`).
    """
    if not ids:
        return Estimate(0, 0)
    with cache.session() as session:
        if source is Source.FAMILIES:
            family_ids = list(dict.fromkeys(ids))
        elif source is Source.STUDENTS:
            family_ids = q.family_ids_of_students(session, ids)
        elif source is Source.ENROLLMENTS:
            refs = q.enrollment_refs(session, enrollment_ids=ids)
            family_ids = families_of(
                audience_from_enrollments(ids, refs, scope=scope, date_range=date_range)
            )
        else:
            refs = q.enrollment_refs(session, program_ids=ids)
            family_ids = families_of(
                audience_from_programs(ids, refs, scope=scope, date_range=date_range)
            )
        devices = q.device_refs(session, family_ids)
    return Estimate(len(family_ids), estimate_devices(family_ids, devices))
