"""The demo centre has the shape the demo promises, read back as the server reads it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.core.conversations import MAX_PARTICIPANTS
from desk.core.kinds import (
    AttendanceKind,
    AuditAction,
    Channel,
    EnrollmentType,
    GuardianKind,
    ProgramKind,
    StaffRole,
    ThreadKind,
    ThreadStatus,
)
from desk.core.permissions import ROLE_DEFAULTS, parse_capabilities
from desk.core.phones import is_e164
from desk.core.pins import is_weak_pin, pin_lookup_key, pin_verifier
from desk.core.templates import check_template
from desk.server.conversations import participant_id
from desk.server.orm import (
    AttendanceEvent,
    AuditEvent,
    AuthorizedPickup,
    BackgroundTaskError,
    Centre,
    Device,
    Enrollment,
    Family,
    Guardian,
    KioskMessage,
    Participant,
    Program,
    Room,
    Staff,
    StaffGroup,
    StaffGroupMember,
    StaffRoom,
    Student,
    Template,
    Thread,
)
from desk.tools.seeding import (
    DEMO_ADMIN_PIN,
    DEMO_ADMIN_USERNAME,
    DEMO_PASSWORD,
    DEMO_TEACHER_USERNAME,
    DemoInfo,
    demo_pins,
    load_demo,
)
from tests.support.seeding import NOW


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_has_the_promised_size(demo_session: Session) -> None:
    assert count(demo_session, Centre) == 1
    assert count(demo_session, Family) == 120
    assert count(demo_session, Student) == 180
    assert count(demo_session, Staff) == 25
    assert count(demo_session, Thread) == 300
    rooms = demo_session.scalars(select(Room.name).order_by(Room.id)).all()
    assert rooms == [
        "Infants",
        "Toddlers",
        "Twos",
        "Preschool A",
        "Preschool B",
        "Pre-K",
        "Kindergarten",
        "School-Age",
    ]


def test_staff_roles_capabilities_and_rooms(demo_session: Session) -> None:
    staff = demo_session.scalars(select(Staff)).all()
    assert Counter(member.role for member in staff) == {"admin": 2, "office": 3, "teacher": 20}
    for member in staff:
        held = parse_capabilities(member.capabilities)
        assert held <= ROLE_DEFAULTS[StaffRole(member.role)]
        assert (member.admin_pin_hash is not None) == (member.role == StaffRole.ADMIN)
    view_only = [m for m in staff if m.role == "office" and "mass_text" not in m.capabilities]
    assert len(view_only) == 1  # seed 001: sees the Messenger Center, cannot text
    teachers = {m.id for m in staff if m.role == StaffRole.TEACHER}
    assigned = demo_session.scalars(select(StaffRoom.staff_id)).all()
    assert set(assigned) == teachers
    assert count(demo_session, StaffGroup) >= 5
    assert count(demo_session, StaffGroupMember) > 25


def test_logins_work_with_the_demo_credentials(demo_session: Session) -> None:
    hasher = PasswordHasher()
    admin = demo_session.scalars(select(Staff).where(Staff.username == DEMO_ADMIN_USERNAME)).one()
    teacher = demo_session.scalars(
        select(Staff).where(Staff.username == DEMO_TEACHER_USERNAME)
    ).one()
    assert admin.role == StaffRole.ADMIN
    assert teacher.role == StaffRole.TEACHER
    assert hasher.verify(teacher.password_hash, DEMO_PASSWORD)
    assert admin.admin_pin_hash is not None
    assert hasher.verify(admin.admin_pin_hash, DEMO_ADMIN_PIN)
    assert not is_weak_pin(DEMO_ADMIN_PIN)
    hashes = set(demo_session.scalars(select(Staff.password_hash)))
    assert len(hashes) == 1  # hashed once, reused


def test_demo_pins_find_their_guardians(demo_session: Session, demo: tuple[str, DemoInfo]) -> None:
    info = demo[1]
    assert info.pins == demo_pins()
    assert len(info.pins) == 5
    centre = demo_session.scalars(select(Centre)).one()
    secret = bytes.fromhex(centre.kiosk_pin_secret)
    assert len(secret) == 32
    for name, pin in info.pins.items():
        person = demo_session.scalars(
            select(Guardian).where(Guardian.kiosk_pin_key == pin_lookup_key(secret, pin))
        ).one()
        assert f"{person.first_name} {person.last_name}" == name
        assert person.kiosk_pin_verifier == pin_verifier(centre.kiosk_pin_salt, pin)
    keys = demo_session.scalars(select(Guardian.kiosk_pin_key)).all()
    assert None not in keys
    assert len(set(keys)) == len(keys)


def test_split_families_have_private_guardians(demo_session: Session) -> None:
    private = demo_session.scalars(
        select(Guardian).where(Guardian.private_messaging.is_(True))
    ).all()
    split_families = {guardian.family_id for guardian in private}
    assert 10 <= len(split_families) <= 14  # about 10% of 120
    for family_id in split_families:
        parents = demo_session.scalars(
            select(Guardian).where(
                Guardian.family_id == family_id, Guardian.kind == GuardianKind.GUARDIAN
            )
        ).all()
        assert len(parents) == 2
        # Seed 000: each parent of a split family has a private Office Chat.
        threads = demo_session.scalars(
            select(Thread.guardian_id).where(
                Thread.family_id == family_id, Thread.kind == ThreadKind.OFFICE
            )
        ).all()
        assert None not in threads


def test_phone_numbers_shared_by_several_records(demo_session: Session) -> None:
    holders: dict[str, list[tuple[str, str]]] = {}
    rows = [
        *demo_session.execute(select(Guardian.phone, Guardian.kind, Guardian.family_id)),
        *demo_session.execute(select(Staff.phone, Staff.role, Staff.id)),
    ]
    for phone, kind, owner in rows:
        assert phone is None or is_e164(phone)
        if phone:
            assert phone[5:10] == "55501"  # fictional 555-01xx numbers only
            holders.setdefault(phone, []).append((kind, owner))
    shared = {phone: who for phone, who in holders.items() if len(who) > 1}
    assert 0.03 <= len(shared) / len(holders) <= 0.08  # about 5%
    kinds = [sorted(kind for kind, _ in who) for who in shared.values()]
    assert ["guardian", "pickup"] in kinds  # a grandparent using a parent's phone
    assert ["guardian", "teacher"] in kinds  # a parent who works at the centre
    assert ["guardian", "guardian"] in kinds  # a household landline
    cousins = [who for who in shared.values() if [k for k, _ in who] == ["pickup", "pickup"]]
    assert cousins
    assert all(len({family for _, family in who}) == 2 for who in cousins)
    opted_out = demo_session.scalars(
        select(Guardian.phone).where(Guardian.sms_opt_in.is_(False))
    ).all()
    assert len(opted_out) >= 5
    assert set(opted_out) & set(shared)  # seed 001: one opt-out silences a shared number


def test_authorized_pickups_may_collect_their_familys_children(demo_session: Session) -> None:
    pickups = demo_session.scalars(
        select(Guardian).where(Guardian.kind == GuardianKind.PICKUP)
    ).all()
    assert len(pickups) >= 30
    links = demo_session.execute(
        select(AuthorizedPickup.guardian_id, Student.family_id).join(
            Student, Student.id == AuthorizedPickup.student_id
        )
    ).all()
    family_of = {pickup.id: pickup.family_id for pickup in pickups}
    assert {guardian_id for guardian_id, _ in links} == set(family_of)
    assert all(family_of[guardian_id] == family for guardian_id, family in links)


def test_devices_per_family_vary(demo_session: Session) -> None:
    per_family = Counter(demo_session.scalars(select(Device.family_id)))
    families = count(demo_session, Family)
    assert families - len(per_family) >= 10  # some families have no device
    assert max(per_family.values()) == 3
    assert any(n == 2 for n in per_family.values())


def test_programs_and_enrollments(demo_session: Session) -> None:
    programs = demo_session.scalars(select(Program)).all()
    kinds = Counter(program.kind for program in programs)
    assert kinds[ProgramKind.CLASS] >= 6
    assert kinds[ProgramKind.CAMP] >= 5
    enrollments = demo_session.scalars(select(Enrollment)).all()
    assert {e.type for e in enrollments} == set(EnrollmentType)
    for enrollment in enrollments:
        assert enrollment.ends_on is None or enrollment.starts_on <= enrollment.ends_on


def test_every_thread_kind_and_status(demo_session: Session) -> None:
    threads = demo_session.scalars(select(Thread)).all()
    assert {t.kind for t in threads} == set(ThreadKind)
    assert {t.status for t in threads} == set(ThreadStatus)
    for kind in ThreadKind:
        assert {t.status for t in threads if t.kind == kind} == set(ThreadStatus)
    stopped = [t for t in threads if t.stopped]
    assert len(stopped) >= 2
    assert all(t.kind == ThreadKind.GROUP and t.status == ThreadStatus.CLOSED for t in stopped)
    sms = [t for t in threads if t.kind == ThreadKind.SMS]
    assert all(t.phone and is_e164(t.phone) for t in sms)
    assert any(t.family_id is None for t in sms)  # staff and strangers text in too


def test_group_conversations_have_up_to_fifteen_participants(demo_session: Session) -> None:
    groups = demo_session.scalars(select(Thread).where(Thread.kind == ThreadKind.GROUP)).all()
    sizes = Counter(demo_session.scalars(select(Participant.thread_id)))
    assert set(sizes) == {group.id for group in groups}
    assert max(sizes.values()) == MAX_PARTICIPANTS
    assert min(sizes.values()) >= 3
    assert all(group.title for group in groups)
    members = demo_session.scalars(select(Participant)).all()
    # The id every writer looks a member up by: a seeded one can be muted or removed.
    assert all(m.id == participant_id(m.thread_id, m.person_kind, m.person_id) for m in members)


def test_kiosk_messages_queue_in_entry_order(demo_session: Session) -> None:
    messages = demo_session.scalars(select(KioskMessage).order_by(KioskMessage.entered_seq)).all()
    assert [m.entered_seq for m in messages] == list(range(1, len(messages) + 1))
    entered = [m.entered_at for m in messages]
    assert entered == sorted(entered)
    waiting = Counter(m.guardian_id for m in messages if m.shown_at is None and not m.cancelled)
    [(busiest, queued)] = waiting.most_common(1)
    assert queued == 3
    assert sum(1 for n in waiting.values() if n == 1) >= 5
    assert any(m.acknowledged_at is not None for m in messages)
    featured = demo_session.get(Guardian, busiest)
    assert featured is not None
    assert f"{featured.first_name} {featured.last_name}" == next(iter(demo_pins()))


def test_todays_attendance(demo_session: Session) -> None:
    events = demo_session.scalars(select(AttendanceEvent)).all()
    zone = ZoneInfo("America/New_York")
    assert {e.at.astimezone(zone).date() for e in events} == {NOW.astimezone(zone).date()}
    assert all(e.at <= NOW for e in events)
    ins = [e for e in events if e.kind == AttendanceKind.SIGN_IN]
    outs = [e for e in events if e.kind == AttendanceKind.SIGN_OUT]
    assert 0.8 * 180 <= len(ins) <= 180
    assert outs
    assert len(outs) < len(ins)
    signed_in = {e.student_id for e in ins}
    assert {e.student_id for e in outs} <= signed_in


def test_templates_cover_every_page_and_channel(demo_session: Session) -> None:
    templates = demo_session.scalars(select(Template)).all()
    pages = {"families", "students", "classes", "camps", "enrollments"}
    assert {(t.page, t.channel) for t in templates} == {
        (page, channel) for page in pages for channel in Channel
    }
    for template in templates:
        check_template(template.title, template.body)


def test_audit_log_and_background_error(demo_session: Session) -> None:
    actions = Counter(AuditAction(a) for a in demo_session.scalars(select(AuditEvent.action)))
    for action in (
        AuditAction.SEND,
        AuditAction.OPEN,
        AuditAction.CLOSE,
        AuditAction.MARKED_UNREAD_BY_NUMBER,
        AuditAction.LOGIN,
        AuditAction.OPT_OUT,
        AuditAction.STOP,
    ):
        assert actions[action] >= 1, action
    [error] = demo_session.scalars(select(BackgroundTaskError)).all()
    assert "{student.nickname}" in error.error
    assert NOW - timedelta(days=2) < error.at < NOW


def test_messages_are_realistic(demo_session: Session) -> None:
    threads = demo_session.scalars(select(Thread)).all()
    previews = " ".join(t.last_message_preview for t in threads)
    for topic in ("pickup", "tuition", "fever", "permission slip", "Photo day", "closed"):
        assert (
            topic.lower() in previews.lower()
            or topic.lower() in " ".join(demo_session.scalars(select(Template.body))).lower()
        ), topic
    assert "{" not in previews  # every name field was filled in
    assert max(len(t.last_message_preview) for t in threads) <= 200
    assert all(t.created_at.tzinfo is UTC for t in threads)


def test_load_demo_twice_writes_nothing(demo: tuple[str, DemoInfo]) -> None:
    url, first = demo
    assert first.created
    again = load_demo(url, now=NOW + timedelta(days=1))
    assert not again.created
    assert again.centre_id == first.centre_id
    assert again.pins == first.pins
    assert again.report is None
