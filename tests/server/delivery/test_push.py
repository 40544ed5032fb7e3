"""Push notifications: audiences, one per device, templates (seed 003)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desk.core.ids import new_id
from desk.core.kinds import EnrollmentType, MessageState, ProgramKind
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from tests.support.deliveries import background_errors, deliveries_of
from tests.support.delivery_stack import Stack
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all


@pytest.fixture
def devices(centre: CentreIds, database: Database) -> dict[str, str]:
    """Tokens: two active phones in the Diaz family, one uninstalled; one Lee phone."""
    tokens = {key: f"token-{key}-{new_id()}" for key in ("diaz1", "diaz2", "diaz_old", "lee")}
    with database.writing() as session:
        for key, family, active in (
            ("diaz1", centre.family, True),
            ("diaz2", centre.family, True),
            ("diaz_old", centre.family, False),
            ("lee", centre.split_family, True),
        ):
            session.add(
                orm.Device(
                    id=new_id(),
                    centre_id=centre.centre,
                    family_id=family,
                    push_token=tokens[key],
                    active=active,
                    registered_at=utcnow(),
                )
            )
        stamp(session, centre.centre)
    return tokens


@pytest.fixture
def programs(centre: CentreIds, database: Database) -> dict[str, str]:
    """A class with Leo ACTIVE and Kim WAITLIST; a camp with Ava ACTIVE in July."""
    ids = {key: new_id() for key in ("class", "camp", "leo_class", "kim_class", "ava_camp")}
    with database.writing() as session:
        session.add_all(
            [
                orm.Program(
                    id=ids["class"],
                    centre_id=centre.centre,
                    kind=ProgramKind.CLASS,
                    name="Tumbling",
                    starts_on=date(2026, 9, 1),
                ),
                orm.Program(
                    id=ids["camp"],
                    centre_id=centre.centre,
                    kind=ProgramKind.CAMP,
                    name="Summer Camp",
                    starts_on=date(2026, 7, 1),
                    ends_on=date(2026, 7, 31),
                ),
            ]
        )
        session.flush()
        for key, program, student, kind, start, end in (
            ("leo_class", "class", "leo", EnrollmentType.ACTIVE, date(2026, 9, 1), None),
            ("kim_class", "class", "kim", EnrollmentType.WAITLIST, date(2026, 9, 1), None),
            ("ava_camp", "camp", "ava", EnrollmentType.ACTIVE, date(2026, 7, 6), date(2026, 7, 10)),
        ):
            session.add(
                orm.Enrollment(
                    id=ids[key],
                    centre_id=centre.centre,
                    program_id=ids[program],
                    student_id=centre.students[student],
                    type=kind,
                    starts_on=start,
                    ends_on=end,
                )
            )
        stamp(session, centre.centre)
    return ids


def audience(source: str, ids: list[str], **extra: Any) -> dict[str, Any]:
    return {"source": source, "ids": ids, **extra}


def estimate(stack: Stack, body: dict[str, Any]) -> Any:
    return stack.callers["office"].post("/api/v1/push/estimate", json=body)


def push(stack: Stack, body: dict[str, Any], title: str, text: str) -> dict[str, Any]:
    return Pusher(stack.callers["office"]).run(
        "send_push", notification_id=new_id(), audience=body, title=title, body=text
    )


def test_one_notification_per_device_however_many_students(
    stack: Stack, centre: CentreIds, devices: dict[str, str], database: Database
) -> None:
    chosen = audience(
        "students", [centre.students["leo"], centre.students["ava"], centre.students["kim"]]
    )
    assert estimate(stack, chosen).json() == {"devices": 3, "families": 2}
    result = push(stack, chosen, "Closed Monday", "{centre.name} is closed on Monday")
    assert result["status"] == "applied", result
    assert result["result"]["devices"] == 3
    stack.work()
    sent = stack.fcm.messages
    assert sorted(m.message["token"] for m in sent) == sorted(
        devices[k] for k in ("diaz1", "diaz2", "lee")
    )
    assert {m.message["notification"]["title"] for m in sent} == {"Closed Monday"}
    assert all(m.message["notification"]["body"].endswith("is closed on Monday") for m in sent)
    for message_id in result["result"]["message_ids"]:
        assert {d.state for d in deliveries_of(database, message_id)} == {MessageState.SENT}
    tables, _ = pull_all(stack.callers["office"])
    device_rows = [d for d in tables["device"] if d["family_id"] == centre.family]
    assert all("push_token" not in row for row in device_rows)  # tokens never leave


def test_zero_devices_is_estimated_and_refused(stack: Stack, centre: CentreIds) -> None:
    chosen = audience("families", [centre.family])
    assert estimate(stack, chosen).json() == {"devices": 0, "families": 0}
    result = push(stack, chosen, "Hello", "Hi")
    assert result["status"] == "rejected"
    assert "0 devices" in result["error"]


def test_classes_reach_only_active_enrollments_and_enrollments_reach_any(
    stack: Stack, centre: CentreIds, devices: dict[str, str], programs: dict[str, str]
) -> None:
    from_class = audience("classes", [programs["class"]])
    assert estimate(stack, from_class).json() == {"devices": 2, "families": 1}  # Diaz only
    from_enrollments = audience("enrollments", [programs["kim_class"]])
    assert estimate(stack, from_enrollments).json() == {"devices": 1, "families": 1}  # Lee
    result = push(stack, from_class, "{program.name}", "Tumbling is cancelled today")
    assert result["status"] == "applied"
    stack.work()
    assert sorted(m.message["token"] for m in stack.fcm.messages) == sorted(
        [devices["diaz1"], devices["diaz2"]]
    )
    assert {m.message["notification"]["title"] for m in stack.fcm.messages} == {"Tumbling"}


def test_camp_date_range_and_camp_only_options(
    stack: Stack, centre: CentreIds, devices: dict[str, str], programs: dict[str, str]
) -> None:
    camp = [programs["camp"]]
    july = {"date_from": "2026-07-01", "date_to": "2026-07-05"}
    assert estimate(stack, audience("camps", camp, **july)).json()["devices"] == 0
    week = {"date_from": "2026-07-08", "date_to": "2026-07-09", "scope": "per_student"}
    assert estimate(stack, audience("camps", camp, **week)).json()["devices"] == 2
    on_class = estimate(stack, audience("classes", [programs["class"]], scope="per_student"))
    assert on_class.status_code == 422
    as_camp = estimate(stack, audience("camps", [programs["class"]]))
    assert as_camp.status_code == 422


@pytest.mark.parametrize(
    ("title", "body", "variable"),
    [
        ("Hi", "Hello {guardian.first_name}", "guardian.first_name"),  # a device is no guardian
        ("Hi", "Hello {student.frist_name}", "student.frist_name"),  # unknown
        ("{student.first_name}", "{student.first_name}", "student.first_name"),  # no value
    ],
)
def test_template_error_blocks_the_send_and_shows_in_background_tasks(
    stack: Stack,
    centre: CentreIds,
    devices: dict[str, str],
    database: Database,
    title: str,
    body: str,
    variable: str,
) -> None:
    result = push(stack, audience("families", [centre.family]), title, body)
    assert result["status"] == "applied"
    assert result["result"]["blocked"] is True
    assert result["result"]["variable"] == variable
    stack.work()
    assert stack.fcm.messages == []
    [error] = background_errors(database, centre.centre)
    assert error.task == "push_notification"
    assert "{" + variable + "}" in error.error
    tables, _ = pull_all(stack.callers["admin"])
    assert [row["id"] for row in tables["background_task_error"]] == [error.id]


def test_blank_value_that_would_send_a_blank_notification_is_blocked(
    stack: Stack, centre: CentreIds, devices: dict[str, str], database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Student, centre.students["kim"]).first_name = " "
    result = push(
        stack, audience("students", [centre.students["kim"]]), "Hi", "{student.first_name}"
    )
    assert result["result"]["blocked"] is True
    [error] = background_errors(database, centre.centre)
    assert "blank" in error.error


def test_student_variables_fill_in_per_family(
    stack: Stack, centre: CentreIds, devices: dict[str, str]
) -> None:
    result = push(
        stack,
        audience("students", [centre.students["kim"]]),
        "News",
        "{student.first_name} had a great day",
    )
    assert result["result"]["blocked"] is False
    stack.work()
    assert [m.message["notification"]["body"] for m in stack.fcm.messages] == [
        "Kim had a great day"
    ]


def test_invalid_tokens_reported_by_fcm_are_pruned(
    stack: Stack, centre: CentreIds, devices: dict[str, str], database: Database
) -> None:
    stack.fcm.unregister(devices["diaz2"])
    chosen = audience("families", [centre.family])
    result = push(stack, chosen, "Hello", "Hi")
    stack.work()
    assert [m.message["token"] for m in stack.fcm.messages] == [devices["diaz1"]]
    [message_id] = result["result"]["message_ids"]
    states = sorted(d.state for d in deliveries_of(database, message_id))
    assert states == [MessageState.FAILED, MessageState.SENT]
    assert estimate(stack, chosen).json()["devices"] == 1
    with database.reading() as session:
        tokens = {d.push_token: d.active for d in session.query(orm.Device).all()}
    assert tokens[devices["diaz2"]] is False


def test_templates_are_saved_checked_and_synced(stack: Stack, centre: CentreIds) -> None:
    admin = Pusher(stack.callers["admin"])
    template_id = new_id()
    saved = admin.run(
        "save_template",
        template_id=template_id,
        page="camps",
        channel="app",
        template_name="Rain",
        title="{program.name}",
        body="Camp moves indoors today",
    )
    assert saved["status"] == "applied"
    bad = admin.run(
        "save_template",
        template_id=new_id(),
        page="camps",
        channel="app",
        template_name="Typo",
        body="Hi {guardian.frist_name}",
    )
    assert bad["status"] == "rejected"
    assert "guardian.first_name" in bad["error"]  # the suggestion
    office = Pusher(stack.callers["office"]).run(
        "save_template",
        template_id=new_id(),
        page="camps",
        channel="app",
        template_name="x",
        body="y",
    )
    assert office["status"] == "rejected"
    tables, _ = pull_all(stack.callers["office"])
    [row] = [t for t in tables["template"] if t["id"] == template_id]
    assert (row["page"], row["channel"], row["title"]) == ("camps", "app", "{program.name}")


def test_two_classes_ticked_fill_in_both_for_a_family_in_each(
    stack: Stack,
    centre: CentreIds,
    devices: dict[str, str],
    programs: dict[str, str],
    database: Database,
) -> None:
    """Regression: "Class cancelled" to two classes was blocked after the dialog closed.

    The Diaz family is reached through Leo in Tumbling and in Ballet, and Ava in Ballet:
    its notification names both classes and both children instead of blocking the send.
    """
    ballet = new_id()
    with database.writing() as session:
        session.add(
            orm.Program(
                id=ballet,
                centre_id=centre.centre,
                kind=ProgramKind.CLASS,
                name="Ballet",
                starts_on=date(2026, 9, 1),
            )
        )
        session.flush()
        for student in ("leo", "ava"):
            session.add(
                orm.Enrollment(
                    id=new_id(),
                    centre_id=centre.centre,
                    program_id=ballet,
                    student_id=centre.students[student],
                    type=EnrollmentType.ACTIVE,
                    starts_on=date(2026, 9, 1),
                )
            )
        stamp(session, centre.centre)
    result = push(
        stack,
        audience("classes", [programs["class"], ballet]),
        "Cancelled this week: {program.name}",
        "{program.name}: no class this week. We'll see {student.first_name} next week!",
    )
    assert result["result"]["blocked"] is False, result
    stack.work()
    assert {m.message["notification"]["body"] for m in stack.fcm.messages} == {
        "Ballet & Tumbling: no class this week. We'll see Ava & Leo next week!"
    }
    assert background_errors(database, centre.centre) == []
