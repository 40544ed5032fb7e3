"""Two-way SMS through the queue and Twilio's webhooks (seeds 001 and 004)."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from desk.core.ids import new_id
from desk.core.kinds import AuditAction, Direction, MessageState, ThreadStatus
from desk.server import orm
from desk.server.db import Database
from desk.server.versioning import stamp
from tests.support.deliveries import deliveries_of, message
from tests.support.delivery_stack import PUBLIC_URL, Stack
from tests.support.doubles.twilio_double import inbound, status_callback
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all
from tests.support.shared_phone import GRANDPA, grandpa_in_two_families, grandpa_thread

SHARED = "+15555550101"  # Maria Diaz (guardian) and Rosa Diaz (pickup)


def inbound_path(centre: CentreIds) -> str:
    return f"/api/v1/webhooks/twilio/inbound/{centre.centre}"


def text_in(
    stack: Stack, centre: CentreIds, body: str, *, bad: bool = False, phone: str = SHARED
) -> httpx.Response:
    path = inbound_path(centre)
    hook = inbound(
        PUBLIC_URL + path,
        phone,
        stack.twilio.numbers[0],
        body,
        stack.twilio.auth_token,
        bad_signature=bad,
    )
    answer: httpx.Response = stack.twilio_post(path, hook)
    return answer


def test_reply_to_shared_number_is_labelled_sent_once_and_delivered_only_by_receipt(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    message_id = new_id()
    result = Pusher(stack.callers["office"]).run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body="Pickup at 3"
    )
    assert result["status"] == "applied", result
    [queued] = deliveries_of(database, message_id)
    assert queued.state == MessageState.QUEUED
    assert queued.for_label == "For Maria"

    assert stack.work() == 1
    [sent] = stack.twilio.messages
    assert sent.to == SHARED
    assert sent.body == "For Maria: Pickup at 3"
    [delivery] = deliveries_of(database, message_id)
    assert delivery.provider_ref == sent.sid
    assert delivery.state == MessageState.SENT  # accepted is not delivered
    assert message(database, message_id).state == MessageState.SENT

    path = f"/api/v1/webhooks/twilio/status/{delivery.id}"
    assert sent.status_callback == PUBLIC_URL + path
    token = stack.twilio.auth_token
    delivered = status_callback(PUBLIC_URL + path, sent.sid, "delivered", token, to=SHARED)
    assert stack.twilio_post(path, delivered).status_code == 200
    late_sent = status_callback(PUBLIC_URL + path, sent.sid, "sent", token, to=SHARED)
    assert stack.twilio_post(path, late_sent).status_code == 200
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.DELIVERED
    assert message(database, message_id).state == MessageState.DELIVERED


def test_failed_text_is_shown_failed_never_delivered(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Regression guard for the complaint users of other systems make most."""
    message_id = new_id()
    Pusher(stack.callers["office"]).run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hello"
    )
    stack.work()
    [sent] = stack.twilio.messages
    [delivery] = deliveries_of(database, message_id)
    path = f"/api/v1/webhooks/twilio/status/{delivery.id}"
    token = stack.twilio.auth_token
    failed = status_callback(PUBLIC_URL + path, sent.sid, "undelivered", token, error_code=30007)
    stack.twilio_post(path, failed)
    delivered = status_callback(PUBLIC_URL + path, sent.sid, "delivered", token)
    stack.twilio_post(path, delivered)  # out of order, after the failure: ignored
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.FAILED
    assert "30007" in delivery.error
    stored = message(database, message_id)
    assert stored.state == MessageState.FAILED
    assert "30007" in stored.error


def test_status_callback_with_bad_signature_is_refused_and_changes_nothing(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    message_id = new_id()
    Pusher(stack.callers["office"]).run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hello"
    )
    stack.work()
    [sent] = stack.twilio.messages
    [delivery] = deliveries_of(database, message_id)
    path = f"/api/v1/webhooks/twilio/status/{delivery.id}"
    forged = status_callback(
        PUBLIC_URL + path, sent.sid, "delivered", stack.twilio.auth_token, bad_signature=True
    )
    assert stack.twilio_post(path, forged).status_code == 403
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.SENT


def test_inbound_text_lands_in_the_numbers_thread_and_makes_it_unread(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    with database.writing() as session:
        session.get_one(orm.Thread, centre.threads["sms"]).status = ThreadStatus.OPEN
    answer = text_in(stack, centre, "Running late, sorry")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/xml")
    assert "<Message>" not in answer.text  # a conversation, not a keyword: no auto-reply
    with database.reading() as session:
        thread = session.get_one(orm.Thread, centre.threads["sms"])
        assert thread.status == ThreadStatus.UNREAD
        assert thread.last_message_preview == "Running late, sorry"
        [stored] = session.scalars(
            select(orm.Message).where(
                orm.Message.thread_id == thread.id, orm.Message.direction == Direction.INBOUND
            )
        )
        assert stored.from_phone == SHARED
        assert stored.author_id is None  # two records hold the number: nobody is guessed
        audit = session.scalars(
            select(orm.AuditEvent).where(
                orm.AuditEvent.thread_id == thread.id,
                orm.AuditEvent.action == AuditAction.MARKED_UNREAD_BY_NUMBER,
            )
        ).all()
        assert [a.phone for a in audit] == [SHARED]
    tables, _ = pull_all(stack.callers["office"])
    assert any(m["body"] == "Running late, sorry" for m in tables["message"])


def test_inbound_from_unknown_number_opens_a_thread_titled_with_every_holder(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """A number shared by several records shows every match (seed 004)."""
    phone = "+15555550199"
    with database.writing() as session:
        for first in ("Sam", "Alex"):
            session.add(
                orm.Guardian(
                    id=new_id(),
                    centre_id=centre.centre,
                    family_id=centre.family if first == "Sam" else centre.split_family,
                    first_name=first,
                    last_name="Holder",
                    phone=phone,
                )
            )
    assert text_in(stack, centre, "hi", phone=phone).status_code == 200
    with database.reading() as session:
        [thread] = session.scalars(
            select(orm.Thread).where(
                orm.Thread.centre_id == centre.centre, orm.Thread.phone == phone
            )
        )
        assert thread.title == "Alex Holder / Sam Holder"
        assert thread.family_id is None  # two families: the thread belongs to the number
        assert thread.status == ThreadStatus.UNREAD


def test_inbound_with_bad_signature_gets_403_and_stores_nothing(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    with database.reading() as session:
        before = session.get_one(orm.Thread, centre.threads["sms"]).message_count
    answer = text_in(stack, centre, "STOP", bad=True)
    assert answer.status_code == 403
    with database.reading() as session:
        assert session.get_one(orm.Thread, centre.threads["sms"]).message_count == before
        maria = session.get_one(orm.Guardian, centre.guardians["maria"])
        assert maria.sms_opt_in  # the forged STOP changed nothing


def test_retried_webhook_is_stored_once(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    path = inbound_path(centre)
    hook = inbound(PUBLIC_URL + path, SHARED, "+12025550100", "once", stack.twilio.auth_token)
    assert stack.twilio_post(path, hook).status_code == 200
    assert stack.twilio_post(path, hook).status_code == 200
    with database.reading() as session:
        bodies = session.scalars(
            select(orm.Message.body).where(orm.Message.thread_id == centre.threads["sms"])
        ).all()
    assert bodies.count("once") == 1


def test_stop_and_start_from_a_shared_number_apply_to_every_holder(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    office = Pusher(stack.callers["office"])
    answer = text_in(stack, centre, "  stop \n")
    assert "unsubscribed" in answer.text
    assert "START" in answer.text
    with database.reading() as session:
        for key in ("maria", "rosa"):
            assert not session.get_one(orm.Guardian, centre.guardians[key]).sms_opt_in
    refused = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="still there?"
    )
    assert refused["status"] == "rejected"
    assert "opted out" in refused["error"]

    # One holder opted back in by the office is not enough: every holder must be.
    with database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["maria"]).sms_opt_in = True
    again = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="and now?"
    )
    assert again["status"] == "rejected"
    assert "Rosa Diaz" in again["error"]

    answer = text_in(stack, centre, "Unstop")
    assert "subscribed to texts again" in answer.text
    with database.reading() as session:
        for key in ("maria", "rosa"):
            assert session.get_one(orm.Guardian, centre.guardians[key]).sms_opt_in
    sent = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="welcome back"
    )
    assert sent["status"] == "applied"
    stack.work()
    assert [m.body for m in stack.twilio.messages] == ["For Maria: welcome back"]


def test_help_keyword_gets_the_carrier_help_answer(stack: Stack, centre: CentreIds) -> None:
    answer = text_in(stack, centre, "info")
    assert "Reply STOP" in answer.text
    assert "<Message>" in answer.text


def test_carrier_opt_out_answer_marks_every_holder_opted_out(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Twilio's 21610 means the number replied STOP to the carrier directly."""
    stack.twilio.fail_for(SHARED, 21610)
    message_id = new_id()
    Pusher(stack.callers["office"]).run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hello"
    )
    stack.work()
    [delivery, *_fallback] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.FAILED
    assert "21610" in delivery.error
    with database.reading() as session:
        for key in ("maria", "rosa"):
            assert not session.get_one(orm.Guardian, centre.guardians[key]).sms_opt_in
    assert stack.twilio.messages == []


def fail_on_the_carrier(stack: Stack, delivery: orm.Delivery) -> None:
    """Twilio reports the text undelivered (carrier filtering: not a dead number)."""
    path = f"/api/v1/webhooks/twilio/status/{delivery.id}"
    failed = status_callback(
        PUBLIC_URL + path,
        delivery.provider_ref or "",
        "undelivered",
        stack.twilio.auth_token,
        error_code=30007,
    )
    assert stack.twilio_post(path, failed).status_code == 200


def test_retry_of_a_failed_text_sends_one_copy_however_often_it_is_asked(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Regression (issue 12 item 9): every Retry click sent another copy of the text.

    The message also stayed failed. A retry is of the message: one new attempt per
    request, none while one is under way, and the message leaves FAILED.
    """
    office = Pusher(stack.callers["office"])
    message_id = new_id()
    office.run("send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hi")
    stack.work()
    [first] = deliveries_of(database, message_id)
    fail_on_the_carrier(stack, first)
    assert message(database, message_id).state == MessageState.FAILED

    click = office.command("retry_delivery", message_id=message_id)
    answer = office.send(click, office.command("retry_delivery", message_id=message_id))
    assert answer.status_code == 200, answer.text
    assert [(r["status"], r["result"]["retried"]) for r in answer.json()["results"]] == [
        ("applied", 1),
        ("applied", 0),  # a second click while the first retry is under way
    ]
    assert office.send(click).json()["results"][0]["status"] == "duplicate"  # a lost answer
    assert message(database, message_id).state == MessageState.QUEUED
    assert message(database, message_id).error == ""

    assert stack.work() == 1
    assert [m.body for m in stack.twilio.messages] == ["For Maria: hi"] * 2
    old, new = deliveries_of(database, message_id)
    assert (old.id, old.state) == (first.id, MessageState.FAILED)  # the record stays
    assert (new.state, new.provider_ref) == (MessageState.SENT, stack.twilio.messages[1].sid)
    assert message(database, message_id).state == MessageState.SENT

    # A retry that fails again shows failed again, and may be retried again.
    fail_on_the_carrier(stack, new)
    assert message(database, message_id).state == MessageState.FAILED
    assert office.run("retry_delivery", message_id=message_id)["result"]["retried"] == 1
    stack.work()
    assert len(stack.twilio.messages) == 3


def test_retry_is_refused_for_an_opted_out_number_and_sends_nothing(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    office = Pusher(stack.callers["office"])
    message_id = new_id()
    office.run("send_message", message_id=message_id, thread_id=centre.threads["sms"], body="hi")
    stack.work()
    [first] = deliveries_of(database, message_id)
    fail_on_the_carrier(stack, first)
    assert text_in(stack, centre, "STOP").status_code == 200
    result = office.run("retry_delivery", message_id=message_id)
    assert result["status"] == "rejected"
    assert "opted out" in result["error"]
    stack.work()
    assert len(stack.twilio.messages) == 1
    assert message(database, message_id).state == MessageState.FAILED


def test_text_to_a_grandparent_shared_by_two_families_says_which_family(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Regression (issue 12 item 11, seed 004): a shared number's texts named no family.

    The Messenger Center thread of a number held by records of two families has no
    family, so a reply to it went out with no "For" label at all, and a group
    conversation's text named only "Joe": the grandparent could not tell which family it
    was about.
    """
    records = grandpa_in_two_families(database, centre)
    assert text_in(stack, centre, "Who is picking up?", phone=GRANDPA).status_code == 200
    thread = grandpa_thread(database, centre)
    assert thread.family_id is None  # the thread spans both families
    office = Pusher(stack.callers["office"])
    reply = office.run("send_message", message_id=new_id(), thread_id=thread.id, body="Me")
    assert reply["status"] == "applied", reply

    group = new_id()
    created = Pusher(stack.callers["admin"]).run(
        "create_conversation",
        thread_id=group,
        title="Weber pickups",
        participants=[{"kind": "guardian", "id": records["Weber"]}],
    )
    assert created["status"] == "applied", created
    said = Pusher(stack.callers["admin"]).run(
        "send_message", message_id=new_id(), thread_id=group, body="Bring the car seat"
    )
    assert said["status"] == "applied", said
    stack.work()
    assert sorted(m.body for m in stack.twilio.messages if m.to == GRANDPA) == [
        "For Joe (Diaz & Weber families): Me",
        "For Joe (Weber family): Bring the car seat",
    ]


def test_refusal_names_the_opted_out_record_and_its_family(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Regression (issue 12 item 11): an opt-out reason did not say which record it meant.

    "opted out: Joe Weber (guardian)" named neither the kind of record nor which of his
    two families it is in.
    """
    records = grandpa_in_two_families(database, centre)
    assert text_in(stack, centre, "Hello", phone=GRANDPA).status_code == 200
    with database.writing() as s:
        s.get_one(orm.Guardian, records["Weber"]).sms_opt_in = False
        stamp(s, centre.centre)
    refused = Pusher(stack.callers["office"]).run(
        "send_message",
        message_id=new_id(),
        thread_id=grandpa_thread(database, centre).id,
        body="Hi",
    )
    assert refused["status"] == "rejected"
    assert refused["error"].endswith("opted out: Joe Weber's pickup record in the Weber family")
