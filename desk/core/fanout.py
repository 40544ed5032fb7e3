"""Recipient fan-out: from what the office picked to who and what is reached.

The New Message and push dialogs say, before anything is sent, how many guardians,
phones and devices a message reaches and who is left out and why; the server then
sends to exactly that list. Both sides get it from these functions, so the preview
and the sending cannot disagree. Every result is in a deterministic order, so that
a retried fan-out produces the same messages in the same order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import assert_never

from desk.core.kinds import Channel, EnrollmentType, GuardianKind, ProgramKind
from desk.core.optin import PhoneHolder
from desk.core.sms import needs_for_label, text_label


@dataclass(frozen=True)
class StudentRef:
    """A student the office picked."""

    id: str
    family_id: str
    name: str


@dataclass(frozen=True)
class GuardianRef:
    """A family contact as fan-out needs it.

    Attributes:
        student_ids: the children this contact is a guardian or pickup of; in a
            split family a child appears under the guardians of both households.
        private_messaging: this guardian keeps conversations private from the
            family's other guardians (seed 000, split families).
        phone: E.164, or None when the office has no number.
    """

    id: str
    family_id: str
    name: str
    kind: GuardianKind
    private_messaging: bool
    phone: str | None
    email: str | None
    preferred_channel: Channel
    sms_opt_in: bool
    student_ids: frozenset[str]


def _guardian_order(guardian: GuardianRef) -> tuple[str, str, str]:
    return (guardian.family_id, guardian.name.casefold(), guardian.id)


def guardians_for_students(
    students: Iterable[StudentRef], guardians: Iterable[GuardianRef]
) -> list[GuardianRef]:
    """Every guardian of the chosen students, each once (seed 000).

    A New Message goes to all guardians of a child, both parents of a split family
    included, but not to authorized pickups. A parent of two chosen children gets
    one message, not two.

    Returns:
        Guardians ordered by family, then name, then id.
    """
    chosen = {student.id for student in students}
    unique = {
        guardian.id: guardian
        for guardian in guardians
        if guardian.kind == GuardianKind.GUARDIAN and guardian.student_ids & chosen
    }
    return sorted(unique.values(), key=_guardian_order)


@dataclass(frozen=True)
class ThreadTarget:
    """A parent conversation: a family's shared thread or one guardian's private one.

    Attributes:
        guardian_id: None for the thread the whole family shares.
    """

    family_id: str
    guardian_id: str | None


def parent_threads_for(guardians: Iterable[GuardianRef]) -> list[ThreadTarget]:
    """Which parent threads a message to these guardians is posted in (seed 000).

    When any guardian of a family keeps messages private, every guardian of that
    family gets a private thread, so neither parent reads the other's conversation;
    otherwise the family shares one thread. Pass all guardians of each family (as
    `guardians_for_students` returns them): privacy is decided per family. Pickups
    have no parent thread.

    Returns:
        Targets ordered by family, with a family's shared thread or its private
        threads ordered by guardian id.
    """
    targets: set[ThreadTarget] = set()
    for family_id, members in _guardians_by_family(guardians).items():
        if any(member.private_messaging for member in members):
            targets.update(ThreadTarget(family_id, member.id) for member in members)
        else:
            targets.add(ThreadTarget(family_id, None))
    return sorted(targets, key=lambda t: (t.family_id, t.guardian_id or ""))


def _guardians_by_family(guardians: Iterable[GuardianRef]) -> dict[str, list[GuardianRef]]:
    """The guardians (not pickups) of each family: who parent threads are for."""
    by_family: dict[str, list[GuardianRef]] = {}
    for guardian in guardians:
        if guardian.kind == GuardianKind.GUARDIAN:
            by_family.setdefault(guardian.family_id, []).append(guardian)
    return by_family


class ExclusionReason(StrEnum):
    """Why a guardian is left out of an SMS."""

    NO_PHONE = "no_phone"
    OPTED_OUT = "opted_out"  # this guardian's own record is opted out
    SHARED_NUMBER_OPTED_OUT = "shared_number_opted_out"  # another holder of the number is
    OPT_IN_UNKNOWN = "opt_in_unknown"  # the caller did not say whether the number may be texted


@dataclass(frozen=True)
class Exclusion:
    """A guardian an SMS will not reach, and why."""

    guardian: GuardianRef
    reason: ExclusionReason


@dataclass(frozen=True)
class Reach:
    """Who an SMS reaches, as the dialog shows it before sending.

    Attributes:
        reached: guardians who will get the text.
        excluded: guardians who will not, each with the reason.
    """

    reached: list[GuardianRef]
    excluded: list[Exclusion]

    @property
    def phones(self) -> list[str]:
        """The distinct numbers texted, in `reached` order; the quota is spent per number."""
        return list(dict.fromkeys(g.phone for g in self.reached if g.phone is not None))


def sms_reach(guardians: Iterable[GuardianRef], opted_in_by_phone: Mapping[str, bool]) -> Reach:
    """Split guardians into those an SMS reaches and those it cannot, with reasons.

    Args:
        guardians: the intended recipients; a guardian listed twice counts once.
        opted_in_by_phone: for each E.164 number, whether every record holding it
            is opted in (`optin.can_text` over all its holders, seed 001). A number
            missing from the map is not texted: without knowing who else holds it,
            consent is not established.

    Returns:
        Reached and excluded guardians, each in the order first given.
    """
    reached: list[GuardianRef] = []
    excluded: list[Exclusion] = []
    seen: set[str] = set()
    for guardian in guardians:
        if guardian.id in seen:
            continue
        seen.add(guardian.id)
        reason = _exclusion_reason(guardian, opted_in_by_phone)
        if reason is None:
            reached.append(guardian)
        else:
            excluded.append(Exclusion(guardian, reason))
    return Reach(reached=reached, excluded=excluded)


def _exclusion_reason(
    guardian: GuardianRef, opted_in_by_phone: Mapping[str, bool]
) -> ExclusionReason | None:
    if not guardian.phone:
        return ExclusionReason.NO_PHONE
    if not guardian.sms_opt_in:
        return ExclusionReason.OPTED_OUT
    number_ok = opted_in_by_phone.get(guardian.phone)
    if number_ok is None:
        return ExclusionReason.OPT_IN_UNKNOWN
    return None if number_ok else ExclusionReason.SHARED_NUMBER_OPTED_OUT


@dataclass(frozen=True)
class DeviceRef:
    """A device that installed the parent app and holds a push token.

    Attributes:
        active: the token is still valid; an uninstalled app or disabled
            notifications make it inactive.
    """

    id: str
    family_id: str
    active: bool


def push_targets(family_ids: Iterable[str], devices: Iterable[DeviceRef]) -> list[DeviceRef]:
    """The devices a push notification goes to: each active device once (seed 003).

    Push is tied to a device, not a guardian, so a family with three selected
    children and two phones gets two notifications, not six.

    Returns:
        Devices ordered by family, then id.
    """
    wanted = set(family_ids)
    unique = {d.id: d for d in devices if d.active and d.family_id in wanted}
    return sorted(unique.values(), key=lambda d: (d.family_id, d.id))


def estimate_devices(family_ids: Iterable[str], devices: Iterable[DeviceRef]) -> int:
    """The "# of Push Notification messages being sent" figure (seed 003).

    It is an estimate because a token may belong to an app since uninstalled; the
    dialog hides the subject and message fields when it is 0.
    """
    return len(push_targets(family_ids, devices))


class PushScope(StrEnum):
    """How many messages a camp audience gets: per family, student or enrollment."""

    PER_FAMILY = "per_family"
    PER_STUDENT = "per_student"
    PER_ENROLLMENT = "per_enrollment"


@dataclass(frozen=True)
class EnrollmentRef:
    """A student's enrollment in a class or camp.

    Attributes:
        ends_on: last day attended, or None for an open-ended class enrollment.
    """

    id: str
    student_id: str
    family_id: str
    program_id: str
    program_kind: ProgramKind
    type: EnrollmentType
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class AudienceItem:
    """One message to send: to a family, about a student or an enrollment.

    Attributes:
        student_id: set for per-student and per-enrollment scopes.
        enrollment_id: set for the per-enrollment scope.
    """

    family_id: str
    student_id: str | None
    enrollment_id: str | None


def audience_from_programs(
    program_ids: Iterable[str],
    enrollments: Iterable[EnrollmentRef],
    *,
    scope: PushScope = PushScope.PER_FAMILY,
    date_range: tuple[date, date] | None = None,
) -> list[AudienceItem]:
    """The audience for a message sent from the CLASSES or CAMPS page (seed 003).

    Only ACTIVE enrollments count there; the ENROLLMENTS page
    (`audience_from_enrollments`) is how other types are reached. Per-student or
    per-enrollment scope and a date range are camp options, so they are refused
    when a chosen class has enrollments.

    Args:
        program_ids: the chosen classes and camps.
        enrollments: candidate enrollments; those of other programs are ignored.
        scope: one message per family, per student or per enrollment.
        date_range: first and last day, inclusive; keeps only enrollments
            attending on at least one day in it.

    Raises:
        ValueError: for a camp option applied to a class, or a range that ends
            before it starts.
    """
    wanted = set(program_ids)
    chosen = [e for e in enrollments if e.program_id in wanted]
    if (scope != PushScope.PER_FAMILY or date_range is not None) and any(
        e.program_kind == ProgramKind.CLASS for e in chosen
    ):
        raise ValueError("per-student, per-enrollment and date filters apply to camps only")
    active = [e for e in chosen if e.type == EnrollmentType.ACTIVE]
    return _audience(active, scope=scope, date_range=date_range)


def audience_from_enrollments(
    enrollment_ids: Iterable[str],
    enrollments: Iterable[EnrollmentRef],
    *,
    scope: PushScope = PushScope.PER_FAMILY,
    date_range: tuple[date, date] | None = None,
) -> list[AudienceItem]:
    """The audience for a message sent from the ENROLLMENTS page (seed 003).

    Any enrollment type is reached: picking the enrollments is how the office
    reaches waitlisted or trial families that the CLASSES and CAMPS pages skip.
    Ids with no matching enrollment are ignored (it was deleted meanwhile).

    Raises:
        ValueError: for a range that ends before it starts.
    """
    wanted = set(enrollment_ids)
    chosen = [e for e in enrollments if e.id in wanted]
    return _audience(chosen, scope=scope, date_range=date_range)


def reached_enrollments(
    enrollments: Iterable[EnrollmentRef],
    *,
    program_ids: Collection[str] = (),
    enrollment_ids: Collection[str] = (),
    date_range: tuple[date, date] | None = None,
) -> list[EnrollmentRef]:
    """The enrollments an audience reaches its families through, whatever its scope.

    A per-family item no longer says which children or classes brought the family
    in; a notification's `{student.*}` and `{program.name}` need them
    (`desk.core.push_templates`). Chosen programs count their ACTIVE enrollments
    only, as `audience_from_programs` does; chosen enrollments count whatever their
    type, as `audience_from_enrollments` does.

    Raises:
        ValueError: for a range that ends before it starts.
    """
    programs, picked = set(program_ids), set(enrollment_ids)
    chosen = [
        e
        for e in enrollments
        if e.id in picked or (e.program_id in programs and e.type == EnrollmentType.ACTIVE)
    ]
    return _in_range(chosen, date_range)


def _in_range(
    enrollments: Collection[EnrollmentRef], date_range: tuple[date, date] | None
) -> list[EnrollmentRef]:
    if date_range is None:
        return list(enrollments)
    first, last = date_range
    if last < first:
        raise ValueError(f"the date range ends ({last}) before it starts ({first})")
    return [e for e in enrollments if _attends_during(e, first, last)]


def _audience(
    enrollments: Collection[EnrollmentRef],
    *,
    scope: PushScope,
    date_range: tuple[date, date] | None,
) -> list[AudienceItem]:
    items = {_item(e, scope) for e in _in_range(enrollments, date_range)}
    return sorted(items, key=lambda i: (i.family_id, i.student_id or "", i.enrollment_id or ""))


def _attends_during(enrollment: EnrollmentRef, first: date, last: date) -> bool:
    return enrollment.starts_on <= last and (
        enrollment.ends_on is None or enrollment.ends_on >= first
    )


def _item(enrollment: EnrollmentRef, scope: PushScope) -> AudienceItem:
    match scope:
        case PushScope.PER_FAMILY:
            return AudienceItem(enrollment.family_id, None, None)
        case PushScope.PER_STUDENT:
            return AudienceItem(enrollment.family_id, enrollment.student_id, None)
        case PushScope.PER_ENROLLMENT:
            return AudienceItem(enrollment.family_id, enrollment.student_id, enrollment.id)
        case _:
            assert_never(scope)


def families_of(items: Iterable[AudienceItem]) -> list[str]:
    """The distinct families of an audience, to hand to `push_targets`."""
    return list(dict.fromkeys(item.family_id for item in items))


def shared_phone_labels(
    reach: Reach,
    holders: Mapping[str, list[PhoneHolder]],
    first_names: Mapping[str, str],
) -> list[str]:
    """The "For <name>" label of each phone in `reach.phones` ("" for an unshared one).

    A shared phone's label names the reached guardians on it by first name, in
    `reach.reached` order (seed 004). They are gathered in one pass over the
    reached guardians: a scan of them per phone made a room's preview quadratic.
    """
    phones = reach.phones
    named: dict[str, list[tuple[str, str]]] = {
        phone: [] for phone in phones if needs_for_label(len(holders[phone]))
    }
    for guardian in reach.reached:
        people = named.get(guardian.phone or "")
        if people is not None:
            people.append((guardian.id, first_names.get(guardian.id, "")))
    return [text_label(holders[phone], named[phone]) if phone in named else "" for phone in phones]
