"""Preferred channel, fallback and reset, translation, quota (seeds 000 and 004)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import update

from desk.core.ids import derived_id, new_id
from desk.core.kinds import Channel, MessageState
from desk.server import orm
from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.delivery.translate import TranslationSettings
from desk.server.providers.config import ProviderSettings
from tests.support.callers import sign_in
from tests.support.deliveries import deliveries_of
from tests.support.delivery_stack import Stack, StackFactory
from tests.support.doubles.translate_double import TranslateDouble
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all

ANN_PHONE = "+15555550102"


def classroom_message(stack: Stack, centre: CentreIds, body: str) -> list[str]:
    """A Classroom Chat New Message to Kim's guardians (Ann and Ben Lee, split family)."""
    result = Pusher(stack.callers["admin"]).run(
        "send_new_message", student_ids=[centre.students["kim"]], channel="classroom", body=body
    )
    assert result["status"] == "applied", result
    return list(result["result"]["message_ids"])


def deliveries_to(
    database: Database, message_ids: list[str], guardian_id: str
) -> list[orm.Delivery]:
    return [
        d
        for message_id in message_ids
        for d in deliveries_of(database, message_id)
        if d.recipient_id == guardian_id
    ]


def test_email_preference_goes_through_smtp_over_starttls(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["ann"]).preferred_channel = Channel.EMAIL
    ids = classroom_message(stack, centre, "Picture day tomorrow")
    stack.work()
    [email] = stack.smtp.received
    assert email.over_tls
    assert email.login == "desk"
    assert email.rcpt_tos == ("ann@example.org",)
    assert email.message.get_content().strip() == "Picture day tomorrow"
    [delivery] = deliveries_to(database, ids, centre.guardians["ann"])
    assert delivery.channel == Channel.EMAIL
    assert delivery.state == MessageState.SENT
    assert delivery.provider_ref == email.message["Message-ID"]
    assert delivery.id in email.message["Message-ID"]  # the same id on any resend
    # Ben keeps the default, SMS, with no label: nobody else holds his number.
    [ben] = [m for m in stack.twilio.messages if m.to == "+15555550103"]
    assert ben.body == "Picture day tomorrow"


def test_failing_channel_falls_back_and_is_used_again_after_reset(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    stack.twilio.fail_for(ANN_PHONE, 21614)  # a landline: never takes texts
    first = classroom_message(stack, centre, "Field trip forms")
    stack.work()
    sms, email = deliveries_to(database, first, centre.guardians["ann"])
    assert (sms.channel, sms.state) == (Channel.SMS, MessageState.FAILED)
    assert "21614" in sms.error
    assert (email.channel, email.state) == (Channel.EMAIL, MessageState.SENT)
    # The fallback says so, for the record and the thread (issue 13 item 4).
    assert (sms.fallback_from, email.fallback_from) == ("", "sms")
    assert [e.rcpt_tos for e in stack.smtp.received] == [("ann@example.org",)]
    status_id = derived_id("channel-status", "guardian", centre.guardians["ann"], Channel.SMS)
    with database.reading() as session:
        status = session.get_one(orm.ChannelStatus, status_id)
        assert status.failing
        assert "21614" in status.reason

    # While SMS is failing, the next message goes straight to email.
    second = classroom_message(stack, centre, "Reminder: forms")
    assert [
        (d.channel, d.fallback_from)
        for d in deliveries_to(database, second, centre.guardians["ann"])
    ] == [(Channel.EMAIL, "sms")]
    tables, _ = pull_all(stack.callers["admin"])
    assert any(row["id"] == status_id and row["failing"] for row in tables["channel_status"])

    teacher = Pusher(stack.callers["teacher"]).run(
        "reset_channel", person_kind="guardian", person_id=centre.guardians["ann"], channel="sms"
    )
    assert teacher["status"] == "rejected"  # only an admin (or the person) resets
    reset = Pusher(stack.callers["admin"]).run(
        "reset_channel", person_kind="guardian", person_id=centre.guardians["ann"], channel="sms"
    )
    assert reset["result"] == {"reset": True}
    third = classroom_message(stack, centre, "Thanks!")
    assert [
        (d.channel, d.fallback_from)
        for d in deliveries_to(database, third, centre.guardians["ann"])
    ] == [(Channel.SMS, "")]


def test_bounced_email_falls_back_to_sms(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Seed 004's own example, the other way round: the inbox is full."""
    with database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["ann"]).preferred_channel = Channel.EMAIL
    stack.smtp.refuse("ann@example.org", 552)
    ids = classroom_message(stack, centre, "Snow day")
    stack.work()
    email, sms = deliveries_to(database, ids, centre.guardians["ann"])
    assert (email.channel, email.state) == (Channel.EMAIL, MessageState.FAILED)
    assert (sms.channel, sms.state) == (Channel.SMS, MessageState.SENT)
    assert [m.body for m in stack.twilio.messages if m.to == ANN_PHONE] == ["Snow day"]


def test_preferred_language_without_translator_goes_out_untranslated_and_says_so(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["ann"]).language = "es"
    ids = classroom_message(stack, centre, "School closes early")
    stack.work()
    assert [m.body for m in stack.twilio.messages if m.to == ANN_PHONE] == ["School closes early"]
    [delivery] = deliveries_to(database, ids, centre.guardians["ann"])
    answer = stack.callers["admin"].get(f"/api/v1/messages/{delivery.message_id}/deliveries")
    assert answer.status_code == 200, answer.text
    [detail] = [d for d in answer.json() if d["id"] == delivery.id]
    assert detail["note"].startswith("sent untranslated")
    assert detail["state"] == "sent"
    [synced] = [
        d for d in pull_all(stack.callers["admin"])[0]["delivery"] if d["id"] == delivery.id
    ]
    assert (synced["language"], synced["note"]) == ("en", detail["note"])


def test_preferred_language_is_translated_by_the_configured_service(
    make_stack: StackFactory,
    translator: TranslateDouble,
    centre: CentreIds,
    database: Database,
) -> None:
    stack = make_stack(TranslationSettings(url=translator.base_url))
    with database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["ann"]).language = "es"
    classroom_message(stack, centre, "School closes early")
    stack.work()
    assert [m.body for m in stack.twilio.messages if m.to == ANN_PHONE] == [
        "[es] School closes early"
    ]
    assert [r["target"] for r in translator.requests] == ["es"]  # Ben reads English
    synced = {d["address"]: d for d in pull_all(stack.callers["admin"])[0]["delivery"]}
    assert (synced[ANN_PHONE]["language"], synced[ANN_PHONE]["note"]) == ("es", "")
    assert synced["+15555550103"]["language"] == "en"


def test_quota_is_shown_and_a_send_past_it_is_refused(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Centre, centre.centre).sms_monthly_quota = 2
    quota = stack.callers["office"].get("/api/v1/sms-quota").json()
    assert (quota["limit"], quota["used"], quota["remaining"]) == (2, 0, 2)
    admin = Pusher(stack.callers["admin"])
    every_family = [centre.students["leo"], centre.students["kim"]]  # 3 distinct numbers
    refused = admin.run(
        "send_new_message",
        student_ids=every_family,
        channel="office",
        body="Closed today",
        emergency_sms=True,
    )
    assert refused["status"] == "rejected"
    assert "monthly text limit" in refused["error"]
    assert "needs 3" in refused["error"]
    ok = admin.run(
        "send_new_message",
        student_ids=[centre.students["leo"]],
        channel="office",
        body="Closed today",
        emergency_sms=True,
    )
    assert ok["status"] == "applied"
    assert stack.callers["office"].get("/api/v1/sms-quota").json()["used"] == 1
    stack.work()
    assert [m.to for m in stack.twilio.messages] == ["+15555550101"]

    # With one text left and two wanted, notifications skip SMS for email.
    with database.writing() as session:
        session.get_one(orm.Centre, centre.centre).sms_monthly_quota = 2
    ids = classroom_message(stack, centre, "Pajama day")
    channels = sorted(d.channel for message_id in ids for d in deliveries_of(database, message_id))
    assert channels == [Channel.EMAIL, Channel.SMS]
    assert stack.callers["office"].get("/api/v1/sms-quota").json()["remaining"] == 0


def test_quota_counts_billable_segments_as_the_carrier_bills(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Regression (issue 12 item 12): the server counted one SMS per text, not segments.

    desk.core.sms said the quota was spent in segments while the server counted one per
    text, so a long text cost 1. Carriers bill segments: the server now counts the
    labelled text's segments, with a family emoji never split between two of them.
    """
    with database.writing() as session:
        session.get_one(orm.Centre, centre.centre).sms_monthly_quota = 4
    office = Pusher(stack.callers["office"])
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    # "For Maria: " (11) + 51 + the family (11 UTF-16 units) + 60: 133 units, which
    # code-point packing fits in 2 segments; whole characters need 3.
    long_text = "a" * 51 + family + "a" * 60
    sent = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body=long_text
    )
    assert sent["status"] == "applied", sent
    quota = stack.callers["office"].get("/api/v1/sms-quota").json()
    assert (quota["used"], quota["remaining"], quota["unit"]) == (3, 1, "segment")
    too_long = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="b" * 200
    )
    assert too_long["status"] == "rejected"
    assert "3 of 4 SMS segments used; this needs 2" in too_long["error"]
    short = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="ok"
    )
    assert short["status"] == "applied", short
    assert stack.callers["office"].get("/api/v1/sms-quota").json()["used"] == 4


def test_log_provider_writes_every_channel_to_its_file(
    migrated_url: str, centre: CentreIds, database: Database, tmp_path: Path
) -> None:
    """`desk demo` sends nothing anywhere; the file shows what would have gone."""
    log = tmp_path / "deliveries.jsonl"
    settings = ServerSettings(
        database_url=migrated_url, workers=0, providers=ProviderSettings.log_only(log)
    )
    with TestClient(create_app(settings)) as client:
        with database.writing() as session:
            session.execute(
                update(orm.Job).where(orm.Job.state.in_(("queued", "running"))).values(state="done")
            )
        admin = sign_in(client, centre.usernames["admin"])
        message_id = new_id()
        Pusher(admin).run(
            "send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hi"
        )
        client.app.state.delivery.pool.run_until_idle()  # type: ignore[attr-defined]
    [line] = [json.loads(text) for text in log.read_text().splitlines()]
    assert (line["channel"], line["to"], line["body"]) == ("sms", "+15555550101", "For Maria: hi")
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.DELIVERED


def test_deliveries_endpoint_checks_thread_access(stack: Stack, centre: CentreIds) -> None:
    message_id = new_id()
    Pusher(stack.callers["office"]).run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hi"
    )
    answer = stack.callers["teacher"].get(f"/api/v1/messages/{message_id}/deliveries")
    assert answer.status_code == 404
