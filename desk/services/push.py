"""Push notifications (seed 003).

Pick an audience, see how many devices it reaches, queue the `send_push` command.

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
from desk.core.ids import new_id
from desk.core.kinds import ProgramKind
from desk.core.push_templates import check_push_template
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.models import delivery_queries as q
from desk.models import directory_queries as people
from desk.models.cache import Cache
from desk.models.queries import list_families
from desk.sync.outbox import Queued, submit


class Source(StrEnum):
    """The page a push notification is sent from; its name is the template page."""

    FAMILIES = "families"
    STUDENTS = "students"
    CLASSES = "classes"
    CAMPS = "camps"
    ENROLLMENTS = "enrollments"


@dataclass(frozen=True)
class Choice:
    """One pickable audience row: a family, student, class, camp or enrollment.

    Attributes:
        id: what the `send_push` audience lists.
        name: the family, student, program or enrolled student.
        detail: what tells rows of one name apart: a student's family, an
            enrollment's program and type.
    """

    id: str
    name: str
    detail: str = ""


def choices(
    cache: Cache, source: Source, search: str = "", *, offset: int = 0, limit: int = 200
) -> list[Choice]:
    """One page of what the audience list offers for `source`, optionally matching `search`."""
    with cache.session() as session:
        if source is Source.FAMILIES:
            return [
                Choice(f.id, f.name, f.children)
                for f in list_families(session, search, limit=limit, offset=offset)
            ]
        if source is Source.STUDENTS:
            return [
                Choice(s.id, s.name, s.family_name)
                for s in people.student_choices(session, search, limit=limit, offset=offset)
            ]
        if source is Source.ENROLLMENTS:
            return [
                Choice(e.id, e.student_name, f"{e.program_name} · {e.type}")
                for e in q.list_enrollments(session, search, limit=limit, offset=offset)
            ]
        kind = ProgramKind.CLASS if source is Source.CLASSES else ProgramKind.CAMP
        return [
            Choice(p.id, p.name)
            for p in q.list_programs(session, kind, search, limit=limit, offset=offset)
        ]


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


@dataclass(frozen=True)
class PushRequest:
    """A push notification as the dialog hands it over."""

    source: Source
    ids: tuple[str, ...]
    title: str
    body: str
    scope: PushScope = PushScope.PER_FAMILY
    date_range: tuple[date, date] | None = None


class PushRefused(UserError):
    """A notification that cannot be sent as it stands; the message says why."""


def check_message(title: str, body: str, source: Source) -> None:
    """Refuse a subject or message the server could not fill in for every family.

    The same rule the server applies (`desk.core.push_templates`), said while the
    office is still typing: a variable it cannot fill would block the whole send
    after the dialog had closed, with only a Background Task error to show for it.

    Raises:
        TemplateError: for malformed braces, an unknown variable, or one a
            notification from `source` has no value for.
    """
    check_push_template(title, body, source.value)


def send_push(cache: Cache, request: PushRequest) -> Queued:
    """Queue the notification; the server fills the template in and sends it.

    The server fills it in per family and sends one per device; a variable it cannot
    fill blocks it and shows in Background Tasks.

    Raises:
        PushRefused: nothing picked, no device reached, a blank subject or message,
            or a bad variable; nothing is queued.
    """
    try:
        check_message(request.title, request.body, request.source)
        reach = estimate(
            cache, request.source, request.ids, scope=request.scope, date_range=request.date_range
        )
    except ValueError as error:
        raise PushRefused.from_error(error) from error
    if not reach.devices:
        raise PushRefused(
            QT_TRANSLATE_NOOP(
                "Errors", "no device of the chosen families can receive notifications"
            )
        )
    if not request.title.strip() or not request.body.strip():
        raise PushRefused(
            QT_TRANSLATE_NOOP("Errors", "a notification needs a subject and a message")
        )
    first, last = request.date_range or (None, None)
    audience = {
        "source": request.source.value,
        "ids": list(dict.fromkeys(request.ids)),
        "scope": request.scope.value,
        "date_from": first.isoformat() if first else None,
        "date_to": last.isoformat() if last else None,
    }
    return submit(
        cache,
        "send_push",
        {
            "notification_id": new_id(),
            "audience": audience,
            "title": request.title,
            "body": request.body,
        },
    )
