"""Templates and push notifications as use cases, through the outbox to the real server."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desk.core.fanout import PushScope
from desk.core.kinds import Channel, EnrollmentType, ProgramKind
from desk.server.db import Database
from desk.services import push, templates
from tests.support.factories import CentreIds
from tests.support.office import SignIn, add_device, add_program


def test_a_saved_template_shows_at_once_and_is_confirmed_by_the_server(
    office: SignIn,
) -> None:
    admin = office("admin")
    draft = templates.TemplateDraft(
        "families", Channel.APP, "Closure", "{centre.name} is closed", "Stay safe!"
    )
    queued = templates.save_template(admin.cache, draft)
    assert [t.name for t in templates.templates(admin.cache)] == ["Closure"]  # optimistic
    assert admin.sync().rejected == []
    [saved] = templates.templates(admin.cache, page="families")
    assert (saved.id, saved.title) == (queued.args["template_id"], "{centre.name} is closed")
    renamed = templates.TemplateDraft(
        "families", Channel.APP, "Snow closure", saved.title, saved.body, id=saved.id
    )
    templates.save_template(admin.cache, renamed)
    assert admin.sync().rejected == []
    assert [t.name for t in templates.templates(admin.cache)] == ["Snow closure"]
    bad = templates.TemplateDraft("families", Channel.SMS, "Oops", "", "Hi {guardian.frist_name}")
    with pytest.raises(templates.TemplateRefused, match="did you mean"):
        templates.save_template(admin.cache, bad)


def test_push_estimate_counts_devices_once_and_active_enrollments_only(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    add_device(server_database, centre, centre.family)
    add_device(server_database, centre, centre.family)
    add_device(server_database, centre, centre.split_family, active=False)
    start = date(2026, 7, 6)
    camp = add_program(
        server_database,
        centre,
        ProgramKind.CAMP,
        "Summer camp",
        {"leo": EnrollmentType.ACTIVE, "ava": EnrollmentType.ACTIVE, "kim": EnrollmentType.TRIAL},
        starts_on=start,
        ends_on=start + timedelta(days=4),
    )
    admin = office("admin")
    students = [centre.students[k] for k in ("leo", "ava", "kim")]
    assert push.estimate(admin.cache, push.Source.STUDENTS, students) == push.Estimate(2, 2)
    assert push.estimate(admin.cache, push.Source.CAMPS, [camp]) == push.Estimate(1, 2)
    per_student = push.estimate(admin.cache, push.Source.CAMPS, [camp], scope=PushScope.PER_STUDENT)
    assert per_student.devices == 2  # still one per device
    august = (date(2026, 8, 1), date(2026, 8, 7))
    assert push.estimate(admin.cache, push.Source.CAMPS, [camp], date_range=august).devices == 0
    assert push.estimate(admin.cache, push.Source.FAMILIES, []) == push.Estimate(0, 0)


def test_push_is_refused_before_queueing_when_it_cannot_reach_anyone(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    add_device(server_database, centre, centre.family)
    admin = office("admin")
    nobody = push.PushRequest(push.Source.FAMILIES, (centre.split_family,), "Hi", "Snow day")
    with pytest.raises(push.PushRefused, match="no device"):
        push.send_push(admin.cache, nobody)
    guardian = push.PushRequest(
        push.Source.FAMILIES, (centre.family,), "Hi", "Hi {guardian.first_name}"
    )
    with pytest.raises(push.PushRefused, match="not a guardian"):
        push.send_push(admin.cache, guardian)
    assert admin.cache.read("SELECT COUNT(*) FROM outbox") == [(0,)]
    fine = push.PushRequest(push.Source.FAMILIES, (centre.family,), "Hi", "Snow day")
    push.send_push(admin.cache, fine)
    assert admin.sync().rejected == []


def test_push_choices_page_through_each_source_with_what_tells_rows_apart(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    """The push audience list pages by offset (it stopped at 500 rows before)."""
    start = date(2026, 7, 6)
    camp = add_program(
        server_database,
        centre,
        ProgramKind.CAMP,
        "Summer camp",
        {"leo": EnrollmentType.ACTIVE, "kim": EnrollmentType.WAITLIST},
        starts_on=start,
        ends_on=start + timedelta(days=4),
    )
    add_program(
        server_database,
        centre,
        ProgramKind.CLASS,
        "Art",
        {"ava": EnrollmentType.ACTIVE},
        starts_on=start,
    )
    admin = office("admin")

    def page(source: push.Source, offset: int, search: str = "") -> list[tuple[str, str]]:
        found = push.choices(admin.cache, source, search, offset=offset, limit=2)
        return [(c.name, c.detail) for c in found]

    assert page(push.Source.STUDENTS, 0) == [("Ava Kid", "Diaz"), ("Kim Kid", "Lee")]
    assert page(push.Source.STUDENTS, 2) == [("Leo Kid", "Diaz")]
    families = page(push.Source.FAMILIES, 0)  # told apart by the children's names
    assert [(name, set(detail.split(", "))) for name, detail in families] == [
        ("Diaz", {"Leo", "Ava"}),
        ("Lee", {"Kim"}),
    ]
    assert page(push.Source.FAMILIES, 2) == []
    assert page(push.Source.ENROLLMENTS, 0) == [
        ("Ava Kid", "Art · ACTIVE"),
        ("Kim Kid", "Summer camp · WAITLIST"),
    ]
    assert page(push.Source.ENROLLMENTS, 2) == [("Leo Kid", "Summer camp · ACTIVE")]
    assert page(push.Source.ENROLLMENTS, 0, "summer") == page(push.Source.ENROLLMENTS, 1)
    assert [c.id for c in push.choices(admin.cache, push.Source.CAMPS)] == [camp]
    assert page(push.Source.CAMPS, 1) == []
    assert page(push.Source.CLASSES, 0) == [("Art", "")]
