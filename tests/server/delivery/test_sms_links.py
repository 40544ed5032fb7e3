"""A text whose message has attachments carries a link to them (issue 14 item 2).

The link opens without signing in, lists and serves that message's files only,
is audited when opened, expires, and its token is stored only as a hash.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from urllib.parse import quote

from sqlalchemy import update

from desk.core.ids import new_id
from desk.core.sms import segment_count
from desk.server import orm
from desk.server.delivery.quota import count_texts, month_key
from desk.server.orm.base import utcnow
from tests.support.conversation_facts import rows_of
from tests.support.deliveries import deliveries_of, texts_counted
from tests.support.delivery_stack import PUBLIC_URL, Stack
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher

PDF = b"%PDF-1.4\n% the field trip form\n%%EOF\n"


def send_with_file(stack: Stack, centre: CentreIds, body: str, data: bytes, name: str) -> str:
    office = stack.callers["office"]
    sha = hashlib.sha256(data).hexdigest()
    put = office.api.put(
        f"/api/v1/blobs/{sha}", content=data, headers={**office.headers, "X-File-Name": quote(name)}
    )
    assert put.status_code in (200, 201), put.text
    message_id = new_id()
    outcome = Pusher(office).run(
        "send_message",
        message_id=message_id,
        thread_id=centre.threads["sms"],
        body=body,
        attachments=[{"sha256": sha, "name": name}],
    )
    assert outcome["status"] == "applied", outcome["error"]
    return message_id


def texted_link(stack: Stack) -> tuple[str, str]:
    """The last text's words and the link it ends with."""
    text = stack.twilio.messages[-1].body
    words, _, link = text.rpartition("\n")
    return words, link


def test_a_text_with_a_file_carries_a_link_that_serves_it_and_is_audited(
    stack: Stack, centre: CentreIds
) -> None:
    message_id = send_with_file(stack, centre, "Field trip form attached", PDF, "Trip form.pdf")
    [planned] = deliveries_of(stack.database, message_id)
    assert stack.work() == 1

    words, link = texted_link(stack)
    assert words == "For Maria: Field trip form attached"
    assert link.startswith(PUBLIC_URL + "/f/")
    token = link.rpartition("/")[2]
    assert len(token) >= 22  # 128 random bits, URL-safe
    [delivery] = deliveries_of(stack.database, message_id)
    assert delivery.segments == segment_count(f"{words}\n{link}")
    assert planned.segments == delivery.segments  # the quota counted the link up front

    page = stack.api.get(link.removeprefix(PUBLIC_URL), headers={"Accept-Language": "es"})
    assert page.status_code == 200
    assert "Archivos de" in page.text
    assert "Trip form.pdf" in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    [attachment] = rows_of(stack.database, orm.Attachment, message_id=message_id)
    file = stack.api.get(f"/f/{token}/{attachment.id}")
    assert file.status_code == 200
    assert file.content == PDF
    assert file.headers["content-disposition"] == "attachment; filename*=utf-8''Trip%20form.pdf"

    [opened] = [
        e
        for e in rows_of(stack.database, orm.AuditEvent, message_id=message_id)
        if e.action == "link_opened"
    ]
    assert opened.phone == delivery.address
    [stored] = rows_of(stack.database, orm.AttachmentLink, delivery_id=delivery.id)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    jobs = [j.payload for j in rows_of(stack.database, orm.Job) if delivery.id in j.payload]
    assert jobs
    assert all(token not in payload for payload in jobs)  # only the text held it


def test_the_link_reaches_only_its_own_message_files(stack: Stack, centre: CentreIds) -> None:
    other = send_with_file(stack, centre, "Menu", b"%PDF-1.4\nmenu\n", "menu.pdf")
    send_with_file(stack, centre, "Form", PDF, "form.pdf")
    stack.work()
    [link] = [
        m.body.rpartition("\n")[2]
        for m in stack.twilio.messages
        if m.body.startswith("For Maria: Form")
    ]
    token = link.rpartition("/")[2]
    [theirs] = rows_of(stack.database, orm.Attachment, message_id=other)

    assert stack.api.get(f"/f/{token}/{theirs.id}").status_code == 404
    assert stack.api.get(f"/f/{token}/..%2F{theirs.id}").status_code == 404


def test_an_unknown_or_expired_link_says_so_and_serves_nothing(
    stack: Stack, centre: CentreIds
) -> None:
    message_id = send_with_file(stack, centre, "Photo day", PDF, "photo-day.pdf")
    stack.work()
    _, link = texted_link(stack)
    token = link.rpartition("/")[2]
    [attachment] = rows_of(stack.database, orm.Attachment, message_id=message_id)

    unknown = stack.api.get("/f/" + "A" * 22)
    assert unknown.status_code == 404
    assert "does not exist" in unknown.text
    with stack.database.writing() as session:
        session.execute(
            update(orm.AttachmentLink)
            .where(orm.AttachmentLink.message_id == message_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    expired = stack.api.get(f"/f/{token}")
    assert expired.status_code == 410
    assert "expired" in expired.text
    assert stack.api.get(f"/f/{token}/{attachment.id}").status_code == 410
    opened = [
        e
        for e in rows_of(stack.database, orm.AuditEvent, message_id=message_id)
        if e.action == "link_opened"
    ]
    assert opened == []


def test_the_link_is_counted_in_the_quota_before_the_text_is_sent(
    stack: Stack, centre: CentreIds
) -> None:
    """Regression: a 120-character text with a file is 2 segments, not 1, with its link."""
    body = "Permission slip for Friday's trip to the farm; please sign and send it back. " * 2
    message_id = send_with_file(stack, centre, body[:120], PDF, "slip.pdf")
    [planned] = deliveries_of(stack.database, message_id)
    assert segment_count("For Maria: " + body[:120]) == 1
    assert planned.segments == 2


def test_a_text_planned_without_its_link_is_recounted_when_sent(
    stack: Stack, centre: CentreIds
) -> None:
    """The worker's recount with the link moves the month's count by the difference.

    As when a server that did not know its public URL planned the text short.
    """
    slip = "Permission slip for Friday's trip to the farm; please sign and send it back. "
    body = (slip * 2)[:120]
    message_id = send_with_file(stack, centre, body, PDF, "slip.pdf")
    [planned] = deliveries_of(stack.database, message_id)
    with stack.database.writing() as session:  # as planned with no link base
        session.get_one(orm.Delivery, planned.id).segments = 1
        count_texts(session, centre.centre, month_key(utcnow()), 1 - planned.segments)
    assert stack.work() == 1
    [sent] = deliveries_of(stack.database, message_id)
    assert sent.segments == planned.segments == 2
    counted, summed = texts_counted(stack.database, centre.centre)
    assert counted == summed
    assert stack.callers["office"].get("/api/v1/sms-quota").json()["used"] == 2


def test_a_text_without_files_carries_no_link(stack: Stack, centre: CentreIds) -> None:
    outcome = Pusher(stack.callers["office"]).run(
        "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body="No files"
    )
    assert outcome["status"] == "applied"
    stack.work()
    assert stack.twilio.messages[-1].body == "For Maria: No files"
