"""Issue 12 on the server: who receives kiosk messages, in which order, and what a
kiosk's token and feed give away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk.core.ids import new_id
from desk.core.wire import format_utc
from tests.server.conftest import Caller
from tests.server.factories import CentreIds
from tests.server.helpers import Pusher, pull_all

BILLING = "Billing: the Diaz invoice is overdue, please see the office"


def _kiosk_bodies(caller: Caller, path: str = "/api/v1/changes") -> list[str]:
    tables, _ = pull_all(caller, path)
    return [row["body"] for row in tables.get("kiosk_message", [])]


def test_a_teacher_gets_no_kiosk_copy_of_an_office_chat_message(
    admin: Caller, teacher: Caller, office: Caller, centre: CentreIds
) -> None:
    """Regression, issue 12 item 1: a message sent in Office Chat with "Show at Sign
    In-Out Kiosk" reached every staff member's feed through `kiosk_message`. Failed
    before the fix: the teacher's feed held the billing text.
    """
    desk = Pusher(admin)
    for channel, body in (("office", BILLING), ("classroom", "Leo's class photo is Friday")):
        sent = desk.run(
            "send_new_message",
            student_ids=[centre.students["leo"]],
            channel=channel,
            body=body,
            show_at_kiosk=True,
        )
        assert sent["status"] == "applied", sent
    alone = desk.run(
        "queue_kiosk_message",
        kiosk_message_id=new_id(),
        guardian_id=centre.guardians["maria"],
        body="Please pick up the lost mitten",
    )
    assert alone["status"] == "applied", alone

    seen_by_teacher = _kiosk_bodies(teacher)
    assert BILLING not in seen_by_teacher
    # Leo is in the teacher's room: the classroom message and the kiosk-only one stay.
    assert "Leo's class photo is Friday" in seen_by_teacher
    assert "Please pick up the lost mitten" in seen_by_teacher
    assert BILLING not in str(pull_all(teacher)[0])
    # Office staff without full messaging read no Office Chat either; the admin does.
    assert BILLING not in _kiosk_bodies(office)
    assert BILLING in _kiosk_bodies(admin)


def test_kiosk_messages_are_ordered_by_when_staff_entered_them(
    admin: Caller, kiosk: Caller, centre: CentreIds
) -> None:
    """Regression, issue 12 item 8: the server numbered kiosk messages on arrival, so
    one typed offline earlier showed after one typed later online. Failed before the
    fix: `entered_at` was the arrival time.
    """
    now = datetime.now(UTC)
    online, offline = Pusher(admin), Pusher(admin)
    maria = centre.guardians["maria"]
    typed = {
        "first, typed offline an hour ago": now - timedelta(hours=1),
        "second, typed online a minute ago": now - timedelta(minutes=1),
    }
    for pusher, body in zip((online, offline), reversed(typed), strict=True):
        outcome = pusher.run(
            "queue_kiosk_message",
            kiosk_message_id=new_id(),
            guardian_id=maria,
            body=body,
            entered_at=format_utc(typed[body]),
        )
        assert outcome["status"] == "applied", outcome
    # A fast clock says "tomorrow", a stopped one "last year": both stay in bounds.
    for body, when in (
        ("fast clock", now + timedelta(days=1)),
        ("old clock", now - timedelta(days=365)),
    ):
        assert (
            online.run(
                "queue_kiosk_message",
                kiosk_message_id=new_id(),
                guardian_id=maria,
                body=body,
                entered_at=format_utc(when),
            )["status"]
            == "applied"
        )

    tables, _ = pull_all(kiosk, "/api/v1/kiosk/changes")
    rows = [r for r in tables["kiosk_message"] if r["guardian_id"] == maria]
    ordered = [r["body"] for r in sorted(rows, key=lambda r: (r["entered_at"], r["entered_seq"]))]
    assert ordered == [
        "old clock",
        "first, typed offline an hour ago",
        "second, typed online a minute ago",
        "fast clock",
    ]
    entered = {r["body"]: datetime.fromisoformat(r["entered_at"]) for r in rows}
    assert abs(
        entered["first, typed offline an hour ago"] - typed["first, typed offline an hour ago"]
    ) < timedelta(seconds=1)
    assert entered["fast clock"] <= datetime.now(UTC)
    assert entered["old clock"] >= now - timedelta(days=3)
