"""The audit log from the cache: sends, opens, closes and numbers that made threads Unread."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.server.db import Database
from desk.services import audit
from desk.sync.outbox import submit
from tests.support.factories import CentreIds
from tests.support.office import SignIn, number_made_unread


def test_audit_log_filters_by_action_who_thread_phone_day_and_text(
    office: SignIn, centre: CentreIds, server_database: Database
) -> None:
    long_ago = datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
    number_made_unread(server_database, centre, "sms", "+15555550101", long_ago)
    admin = office("admin")
    sms, office_thread = centre.threads["sms"], centre.threads["office"]
    submit(admin.cache, "open_thread", {"thread_id": sms})
    submit(admin.cache, "close_thread", {"thread_id": office_thread})
    submit(
        admin.cache,
        "send_message",
        {"message_id": new_id(), "thread_id": office_thread, "body": "Invoice attached"},
    )
    assert admin.sync().rejected == []

    def actions(**query: Any) -> list[str]:
        return [row.action for row in audit.audit_page(admin.cache, audit.AuditQuery(**query))]

    assert sorted(actions()) == ["close", "login", "open", "send", "unread_by_number"]
    [unread] = audit.audit_page(
        admin.cache, audit.AuditQuery(action=AuditAction.MARKED_UNREAD_BY_NUMBER)
    )
    assert (unread.actor_name, unread.thread_name, unread.phone) == (
        "+15555550101",
        "Diaz",
        "+15555550101",
    )
    assert sorted(actions(actor_id=centre.admin)) == ["close", "login", "open", "send"]
    assert sorted(actions(thread_id=sms)) == ["open", "unread_by_number"]
    assert actions(phone="555-0101") == ["unread_by_number"]
    assert actions(text="invoice") == ["send"]  # the message's words
    [sent] = audit.audit_page(admin.cache, audit.AuditQuery(action="send"))
    assert (sent.actor_name, sent.message_preview) == ("Admin Staff", "Invoice attached")
    day = long_ago.astimezone().date()
    assert actions(first_day=day, last_day=day) == ["unread_by_number"]
    assert "unread_by_number" not in actions(first_day=day + timedelta(days=1))
    assert [a.id for a in audit.actors(admin.cache)] == [centre.admin]
    assert audit.has_events(admin.cache)


def test_only_administrators_receive_the_audit_log(office: SignIn) -> None:
    teacher = office("teacher")
    assert not audit.has_events(teacher.cache)
    assert audit.audit_page(teacher.cache, audit.AuditQuery(first_day=date(2020, 1, 1))) == []
