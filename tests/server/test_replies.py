"""Texted replies to group conversations, through Twilio's webhook of a real server."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree

import httpx
import pytest

from desk.core.kinds import Channel
from desk.server import orm
from desk.server.db import Database
from tests.support.callers import Caller, sign_in
from tests.support.conversation_facts import rows_of, set_columns
from tests.support.factories import CentreIds, make_centre
from tests.support.server_calls import Pusher
from tests.support.texting_server import TextingServer

MARIA_PHONE = "+15555550101"  # shared with Rosa, a pickup of the same family
ANN_PHONE = "+15555550102"


@pytest.fixture
def centre(texting_database: Database) -> CentreIds:
    return make_centre(texting_database)


@pytest.fixture
def admin(texting: TextingServer, centre: CentreIds) -> Iterator[Caller]:
    with httpx.Client(base_url=texting.url, timeout=30) as client:
        yield sign_in(client, centre.usernames["admin"])


def conversation(admin: Caller, centre: CentreIds) -> str:
    """A group conversation of the admin, the teacher, Maria and Ann, who prefer texts."""
    outcome = Pusher(admin).run(
        "send_new_message",
        recipients=[
            {"kind": "staff", "id": centre.teacher},
            {"kind": "guardian", "id": centre.guardians["maria"]},
            {"kind": "guardian", "id": centre.guardians["ann"]},
        ],
        mode="group",
        subject="Bake sale",
        body="Who can bring a cake on Friday?",
    )
    assert outcome["status"] == "applied", outcome["error"]
    [thread_id] = outcome["result"]["thread_ids"]
    return str(thread_id)


def answer_of(response: httpx.Response) -> str:
    """The text of the TwiML reply, "" for none."""
    body = ElementTree.fromstring(response.text)
    message = body.find("Message")
    return "" if message is None or message.text is None else str(message.text)


def test_a_texted_reply_is_posted_in_the_conversation_and_relayed_to_the_others(
    texting: TextingServer, texting_database: Database, centre: CentreIds, admin: Caller
) -> None:
    thread_id = conversation(admin, centre)
    response = texting.text(centre.centre, MARIA_PHONE, "I can bring one!")
    assert response.status_code == 200, response.text
    assert answer_of(response) == ""
    [posted] = rows_of(texting_database, orm.Message, thread_id=thread_id, direction="in")
    assert (posted.author_kind, posted.author_id) == ("guardian", centre.guardians["maria"])
    assert posted.body == "I can bring one!"
    relayed = rows_of(texting_database, orm.Delivery, message_id=posted.id)
    assert [(d.channel, d.address) for d in relayed] == [(Channel.SMS, ANN_PHONE)]
    unread = {
        p.person_id: p.unread_count
        for p in rows_of(texting_database, orm.Participant, thread_id=thread_id)
        if p.person_kind == "staff"
    }
    assert unread == {centre.admin: 1, centre.teacher: 2}
    # Nothing went to the number's Messenger Center thread.
    sms = rows_of(
        texting_database, orm.Thread, centre_id=centre.centre, kind="sms", phone=MARIA_PHONE
    )
    assert all(
        not rows_of(texting_database, orm.Message, thread_id=t.id, body="I can bring one!")
        for t in sms
    )


def test_a_reply_to_a_stopped_conversation_is_refused_told_and_audited(
    texting: TextingServer, texting_database: Database, centre: CentreIds, admin: Caller
) -> None:
    """Done when (issue 13), inbound side: no message is stored anywhere."""
    thread_id = conversation(admin, centre)
    assert Pusher(admin).run("stop_conversation", thread_id=thread_id)["status"] == "applied"
    before = len(rows_of(texting_database, orm.Message, centre_id=centre.centre))
    response = texting.text(centre.centre, ANN_PHONE, "Sorry, I'm late with this")
    assert response.status_code == 200, response.text
    assert "has been stopped" in answer_of(response)
    assert '"Bake sale"' in answer_of(response)
    assert len(rows_of(texting_database, orm.Message, centre_id=centre.centre)) == before
    retried = texting.webhook(centre.centre, ANN_PHONE, "Are you sure?")
    for _ in range(2):  # Twilio retries a webhook it did not hear back from
        assert "has been stopped" in answer_of(retried.post())
    refused = [
        e
        for e in rows_of(texting_database, orm.AuditEvent, thread_id=thread_id)
        if e.action == "reply_refused"
    ]
    assert len(refused) == 2  # two texts, each audited once however often it came
    assert refused[0].phone == ANN_PHONE
    assert {e.detail.rsplit(": ", 1)[1] for e in refused} == {
        "Sorry, I'm late with this",
        "Are you sure?",
    }


def test_a_removed_guardians_text_goes_to_the_messenger_center(
    texting: TextingServer, texting_database: Database, centre: CentreIds, admin: Caller
) -> None:
    thread_id = conversation(admin, centre)
    removed = Pusher(admin).run(
        "remove_participant",
        thread_id=thread_id,
        participant={"kind": "guardian", "id": centre.guardians["ann"]},
    )
    assert removed["status"] == "applied", removed["error"]
    texting.text(centre.centre, ANN_PHONE, "Can I still come?")
    assert rows_of(texting_database, orm.Message, thread_id=thread_id, direction="in") == []
    [sms] = rows_of(
        texting_database, orm.Thread, centre_id=centre.centre, kind="sms", phone=ANN_PHONE
    )
    assert rows_of(texting_database, orm.Message, thread_id=sms.id, body="Can I still come?")


def test_keywords_and_old_conversations_are_not_replies(
    texting: TextingServer, texting_database: Database, centre: CentreIds, admin: Caller
) -> None:
    thread_id = conversation(admin, centre)
    texting.text(centre.centre, ANN_PHONE, "STOP")
    assert rows_of(texting_database, orm.Message, thread_id=thread_id, direction="in") == []
    for delivery in rows_of(
        texting_database, orm.Delivery, address=ANN_PHONE, centre_id=centre.centre
    ):
        set_columns(
            texting_database,
            centre,
            orm.Delivery,
            delivery.id,
            updated_at=delivery.updated_at.replace(year=delivery.updated_at.year - 1),
        )
    texting.text(centre.centre, ANN_PHONE, "Hello?")
    assert rows_of(texting_database, orm.Message, thread_id=thread_id, direction="in") == []
