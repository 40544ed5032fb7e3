"""Texts sent by real `desk server` and `desk worker` processes (issue 12 items 9 to 12).

Each test talks HTTP to the server, Twilio's webhooks included, and the separate worker
process sends to the Twilio double, on SQLite and on PostgreSQL. The same behaviours
are also pinned in-process, with the workers driven by hand, in `test_sms.py`,
`test_queue.py` and `test_channels.py`.
"""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from desk.core.ids import new_id
from desk.core.kinds import MessageState
from desk.server import orm
from desk.server.versioning import stamp
from tests.support.callers import Caller, sign_in
from tests.support.deliveries import deliveries_of, job_of, message
from tests.support.doubles.twilio_double import inbound
from tests.support.factories import CentreIds
from tests.support.served_delivery import SEND_TIMEOUT, ServedDelivery
from tests.support.server_calls import Pusher
from tests.support.shared_phone import GRANDPA, grandpa_in_two_families, grandpa_thread

SHARED = "+15555550101"  # Maria Diaz (guardian) and Rosa Diaz (pickup): "For Maria"


def _staff(processes: ServedDelivery, centre: CentreIds, role: str) -> Caller:
    return sign_in(processes.http, centre.usernames[role])


def _reply(office: Pusher, centre: CentreIds, body: str) -> str:
    """A reply in the Diaz family's Messenger Center thread; returns the message id."""
    message_id = new_id()
    sent = office.run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body=body
    )
    assert sent["status"] == "applied", sent
    return message_id


def _text_in(
    processes: ServedDelivery, centre: CentreIds, body: str, phone: str = SHARED
) -> httpx.Response:
    """`phone` texts the centre: Twilio's signed webhook, POSTed to the server."""
    twilio = processes.twilio
    hook = inbound(
        f"{processes.server.url}/api/v1/webhooks/twilio/inbound/{centre.centre}",
        phone,
        twilio.numbers[0],
        body,
        twilio.auth_token,
        account_sid=twilio.account_sid,
    )
    return hook.post()


def _carrier_fails(processes: ServedDelivery, sid: str | None) -> None:
    """The carrier filters text `sid`: Twilio calls the StatusCallback the worker gave it."""
    assert sid is not None
    answer = processes.twilio.report_status(sid, "undelivered", error_code=30007)
    assert answer.status_code == 200, answer.text


def test_retry_of_a_failed_text_sends_one_copy_however_often_it_is_asked(
    processes: ServedDelivery, process_centre: CentreIds
) -> None:
    """Regression (issue 12 item 9): every Retry click sent another copy of the text.

    The message also stayed failed. A retry is of the message: one new attempt per
    request, none while one is under way, and the message leaves FAILED.
    """
    database, centre = processes.database, process_centre
    office = Pusher(_staff(processes, centre, "office"))
    message_id = _reply(office, centre, "hi")
    processes.settled(message_id)
    [first] = deliveries_of(database, message_id)
    assert first.state == MessageState.SENT
    _carrier_fails(processes, first.provider_ref)
    assert message(database, message_id).state == MessageState.FAILED

    click = office.command("retry_delivery", message_id=message_id)
    answer = office.send(click, office.command("retry_delivery", message_id=message_id))
    assert answer.status_code == 200, answer.text
    # How many texts each click retried or, for a refused click, why not.
    assert [
        (r["status"], r["result"]["retried"] if r["status"] == "applied" else r["error"])
        for r in answer.json()["results"]
    ] == [
        ("applied", 1),
        ("applied", 0),  # a second click while the first retry is under way
    ]
    assert office.send(click).json()["results"][0]["status"] == "duplicate"  # a lost answer
    assert message(database, message_id).state != MessageState.FAILED

    processes.settled(message_id, count=2)
    texts = processes.twilio.messages
    assert [m.body for m in texts] == ["For Maria: hi"] * 2
    old, new = deliveries_of(database, message_id)
    assert (old.id, old.state) == (first.id, MessageState.FAILED)  # the record stays
    assert (new.state, new.provider_ref) == (MessageState.SENT, texts[1].sid)
    assert message(database, message_id).state == MessageState.SENT

    # A retry that fails again shows failed again, and may be retried again.
    _carrier_fails(processes, new.provider_ref)
    assert message(database, message_id).state == MessageState.FAILED
    assert office.run("retry_delivery", message_id=message_id)["result"]["retried"] == 1
    processes.settled(message_id, count=3)
    assert len(processes.twilio.messages) == 3


def test_reconciliation_never_takes_an_identical_earlier_text_for_the_lost_one(
    processes: ServedDelivery, process_centre: CentreIds
) -> None:
    """Regression (issue 12 item 10): reconciliation took a repeated text for the first.

    The same body to the same number twice within two minutes, and the `desk worker`
    process is killed while its request for the second is still unanswered (Twilio
    never took it). The worker that took the job over matched the first text by
    recipient and body and marked the second `sent`, though the parent never got it.
    It must send the second instead.
    """
    database, centre, twilio = processes.database, process_centre, processes.twilio
    office = Pusher(_staff(processes, centre, "office"))
    first_id = _reply(office, centre, "same words twice")
    processes.settled(first_id)
    [first_sent] = twilio.messages
    [first] = deliveries_of(database, first_id)
    assert first.provider_ref == first_sent.sid

    twilio.hold_next()
    second_id = _reply(office, centre, "same words twice")
    assert twilio.held.wait(SEND_TIMEOUT), "the worker never sent the second text"
    processes.worker.kill()  # SIGKILL, its request to Twilio unanswered
    twilio.release_held()
    assert len(twilio.messages) == 1  # the second never reached Twilio
    [second] = deliveries_of(database, second_id)
    assert second.state == MessageState.SENDING
    job = job_of(database, second.id)
    assert (job.state, job.in_flight_since is not None) == ("running", True)

    processes.lease_runs_out()
    processes.worker.start()  # a new worker process takes the job over
    processes.settled(second_id)
    texts = twilio.messages
    [second] = deliveries_of(database, second_id)
    assert (second.state, second.provider_ref) != (MessageState.SENT, first_sent.sid), (
        "the lost text was marked sent on the evidence of the earlier one"
    )
    assert [m.body for m in texts] == ["For Maria: same words twice"] * 2
    assert (second.state, second.provider_ref) == (MessageState.SENT, texts[1].sid)
    [first] = deliveries_of(database, first_id)
    assert first.provider_ref == first_sent.sid


def test_text_to_a_grandparent_shared_by_two_families_says_which_family(
    processes: ServedDelivery, process_centre: CentreIds
) -> None:
    """Regression (issue 12 item 11, seed 004): a shared number's texts named no family.

    The Messenger Center thread of a number held by records of two families has no
    family, so a reply to it went out with no "For" label at all, and a group
    conversation's text named only "Joe": the grandparent could not tell which family it
    was about.
    """
    database, centre = processes.database, process_centre
    records = grandpa_in_two_families(database, centre)
    assert _text_in(processes, centre, "Who is picking up?", GRANDPA).status_code == 200
    thread = grandpa_thread(database, centre)
    assert thread.family_id is None  # the thread spans both families
    reply_id = new_id()
    office = Pusher(_staff(processes, centre, "office"))
    reply = office.run("send_message", message_id=reply_id, thread_id=thread.id, body="Me")
    assert reply["status"] == "applied", reply

    group, said_id = new_id(), new_id()
    admin = Pusher(_staff(processes, centre, "admin"))
    created = admin.run(
        "create_conversation",
        thread_id=group,
        title="Weber pickups",
        participants=[{"kind": "guardian", "id": records["Weber"]}],
    )
    assert created["status"] == "applied", created
    said = admin.run("send_message", message_id=said_id, thread_id=group, body="Bring the car seat")
    assert said["status"] == "applied", said
    processes.settled(reply_id)
    processes.settled(said_id)
    assert sorted(m.body for m in processes.twilio.messages if m.to == GRANDPA) == [
        "For Joe (Diaz & Weber families): Me",
        "For Joe (Weber family): Bring the car seat",
    ]


def test_refusal_names_the_opted_out_record_and_its_family(
    processes: ServedDelivery, process_centre: CentreIds
) -> None:
    """Regression (issue 12 item 11): an opt-out reason did not say which record it meant.

    "opted out: Joe Weber (guardian)" named neither the kind of record nor which of his
    two families it is in.
    """
    database, centre = processes.database, process_centre
    records = grandpa_in_two_families(database, centre)
    assert _text_in(processes, centre, "Hello", GRANDPA).status_code == 200
    with database.writing() as session:
        session.get_one(orm.Guardian, records["Weber"]).sms_opt_in = False
        stamp(session, centre.centre)
    refused = Pusher(_staff(processes, centre, "office")).run(
        "send_message",
        message_id=new_id(),
        thread_id=grandpa_thread(database, centre).id,
        body="Hi",
    )
    assert refused["status"] == "rejected"
    reason: str = refused["error"]
    assert reason.endswith("opted out: Joe Weber's pickup record in the Weber family"), reason


def test_quota_counts_billable_segments_as_the_carrier_bills(
    processes: ServedDelivery, served_quota_centre: CentreIds
) -> None:
    """Regression (issue 12 item 12): the server counted one SMS per text, not segments.

    desk.core.sms said the quota was spent in segments while the server counted one per
    text, so a long text cost 1. Carriers bill segments: the server now counts the
    labelled text's segments, with a family emoji never split between two of them.
    """
    centre = served_quota_centre
    office_caller = _staff(processes, centre, "office")
    office = Pusher(office_caller)
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    # "For Maria: " (11) + 51 + the family (11 UTF-16 units) + 60: 133 units, which
    # code-point packing fits in 2 segments; whole characters need 3.
    long_text = "a" * 51 + family + "a" * 60
    sent = _reply(office, centre, long_text)
    quota = office_caller.get("/api/v1/sms-quota").json()
    assert (quota["used"], quota["remaining"]) == (3, 1), quota
    assert quota["unit"] == "segment"
    too_long = office.run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="b" * 200
    )
    assert too_long["status"] == "rejected"
    assert "3 of 4 SMS segments used; this needs 2" in too_long["error"]
    short = _reply(office, centre, "ok")
    assert office_caller.get("/api/v1/sms-quota").json()["used"] == 4
    processes.settled(sent)
    processes.settled(short)
    assert sorted(m.body for m in processes.twilio.messages) == [
        f"For Maria: {long_text}",
        "For Maria: ok",
    ]


def test_the_worker_process_reports_what_it_sent_on_its_own_metrics_port(
    processes: ServedDelivery, process_centre: CentreIds
) -> None:
    """Delivery outcomes happen in `desk worker`, so it is a scrape target of its own."""

    def sent() -> float:
        answer = httpx.get(f"{processes.worker_metrics_url}/metrics", timeout=10)
        assert answer.status_code == 200
        for family in text_string_to_metric_families(answer.text):
            for sample in family.samples:
                wanted = {"channel": "sms", "provider": "TwilioSms", "outcome": "sent"}
                if sample.name == "desk_delivery_outcomes_total" and sample.labels == wanted:
                    return sample.value
        return 0.0

    before = sent()
    office = Pusher(_staff(processes, process_centre, "office"))
    processes.settled(_reply(office, process_centre, "metrics, please"))
    assert sent() - before == 1
    families = {
        f.name
        for f in text_string_to_metric_families(
            httpx.get(f"{processes.worker_metrics_url}/metrics", timeout=10).text
        )
    }
    assert {"desk_job_queue_depth", "desk_job_queue_oldest_seconds"} <= families
