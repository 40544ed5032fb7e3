"""Emailed replies reach their conversation (issue 14 item 2), through real processes.

A real `desk server` emails a group conversation's message through an SMTP double
with a signed reply address; replies come back as Mailgun's inbound-parse webhook
and through a real `desk mail` SMTP receiver. Forged senders, tampered addresses,
bad signatures and stopped conversations are refused and store nothing. The
same server emails a New Message's file to a guardian who prefers email (seed 002).
"""

from __future__ import annotations

import hashlib
import io
import secrets
import smtplib
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from urllib.parse import quote

import httpx
import pytest
from PIL import Image

from desk.core.email_replies import delivery_of
from desk.server import orm
from desk.server.db import Database, open_database
from tests.support.callers import Caller, sign_in
from tests.support.conversation_facts import rows_of
from tests.support.email_server import REPLY_DOMAIN, EmailServer, email_server
from tests.support.factories import CentreIds, make_centre
from tests.support.server_calls import Pusher

MARIA = "maria@example.org"


@pytest.fixture(scope="module")
def emailing(
    database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmailServer]:
    with email_server(database_factory(), tmp_path_factory.mktemp("emailing")) as server:
        yield server


@pytest.fixture(scope="module")
def database(emailing: EmailServer) -> Iterator[Database]:
    db = open_database(emailing.process.database_url)
    yield db
    db.dispose()


@pytest.fixture
def centre(database: Database) -> CentreIds:
    return make_centre(database)


@pytest.fixture
def admin(emailing: EmailServer, centre: CentreIds) -> Iterator[Caller]:
    with httpx.Client(base_url=emailing.url, timeout=30) as client:
        caller = sign_in(client, centre.usernames["admin"])
        prefers_email = Pusher(caller).run(
            "set_contact_preferences",
            person_kind="guardian",
            person_id=centre.guardians["maria"],
            preferred_channel="email",
            language="en",
        )
        assert prefers_email["status"] == "applied", prefers_email["error"]
        yield caller


def conversation(admin: Caller, centre: CentreIds, subject: str) -> str:
    """A group conversation of the admin, the teacher and Maria, who prefers email."""
    outcome = Pusher(admin).run(
        "send_new_message",
        recipients=[
            {"kind": "staff", "id": centre.teacher},
            {"kind": "guardian", "id": centre.guardians["maria"]},
        ],
        mode="group",
        subject=subject,
        body="Who can bring a cake on Friday?",
    )
    assert outcome["status"] == "applied", outcome["error"]
    [thread_id] = outcome["result"]["thread_ids"]
    return str(thread_id)


def reply_to_of(emailing: EmailServer, count: int) -> str:
    """The Reply-To of the `count`-th email Maria got."""
    email = emailing.email_to(MARIA, count)
    return parseaddr(str(email.message["Reply-To"]))[1]


def replies_in(database: Database, thread_id: str) -> list[orm.Message]:
    return rows_of(database, orm.Message, thread_id=thread_id, direction="in")


def refusals_in(database: Database, thread_id: str) -> list[orm.AuditEvent]:
    events = rows_of(database, orm.AuditEvent, thread_id=thread_id)
    return [e for e in events if e.action == "email_refused"]


@pytest.fixture
def sent(emailing: EmailServer, admin: Caller, centre: CentreIds) -> tuple[str, str]:
    """A conversation whose message has reached Maria's inbox, and its reply address."""
    before = len([r for r in emailing.smtp.received if MARIA in r.rcpt_tos])
    thread_id = conversation(admin, centre, f"Bake sale {time.monotonic_ns()}")
    return thread_id, reply_to_of(emailing, before + 1)


def test_the_email_carries_a_reply_address_of_its_delivery(
    database: Database, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    assert reply_to.endswith("@" + REPLY_DOMAIN)
    [delivery] = [
        d
        for message in rows_of(database, orm.Message, thread_id=thread_id)
        for d in rows_of(database, orm.Delivery, message_id=message.id, channel="email")
    ]
    assert reply_to.startswith("reply+" + delivery.id.replace("-", "") + ".")
    assert delivery_of(b"a guessed secret, not the server's", reply_to, REPLY_DOMAIN) is None


def test_an_emailed_reply_lands_in_the_conversation_once_without_the_quote(
    emailing: EmailServer, database: Database, centre: CentreIds, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    fields = {
        "recipient": reply_to,
        "sender": MARIA,
        "from": f"Maria Diaz <{MARIA}>",
        "subject": "Re: Bake sale",
        "body-plain": "I can bring one!\n\nOn Fri, Office <office@centre.test> wrote:\n> Who?",
        "Message-Id": make_msgid(domain="example.org"),
    }
    answer = emailing.post_inbound(fields)
    assert answer.status_code == 200, answer.text
    assert emailing.post_inbound(fields).status_code == 200  # the provider retried
    [reply] = replies_in(database, thread_id)
    assert (reply.author_kind, reply.author_id) == ("guardian", centre.guardians["maria"])
    assert reply.body == "I can bring one!"
    assert reply.from_phone is None
    [thread] = rows_of(database, orm.Thread, id=thread_id)
    assert thread.status == "unread"
    unread = {
        p.person_id: p.unread_count
        for p in rows_of(database, orm.Participant, thread_id=thread_id)
        if p.person_kind == "staff"
    }
    assert unread[centre.teacher] == 2  # the office's message, then Maria's reply


def test_a_forged_sender_is_refused_audited_and_stores_nothing(
    emailing: EmailServer, database: Database, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    answer = emailing.post_inbound(
        {
            "recipient": reply_to,
            "sender": "mallory@example.net",
            "body-plain": "Send the gate code to me",
            "Message-Id": make_msgid(domain="example.net"),
        }
    )
    assert answer.status_code == 406, answer.text
    assert replies_in(database, thread_id) == []
    [refusal] = refusals_in(database, thread_id)
    assert refusal.actor_label == "mallory@example.net"
    assert refusal.detail.endswith("not stored: Send the gate code to me")


def _flip_last_mac_digit(address: str) -> str:
    """The address with its signature's last hex digit changed (never to itself)."""
    local, _, domain = address.rpartition("@")
    last = "1" if local[-1] == "0" else "0"
    return f"{local[:-1]}{last}@{domain}"


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda a: a.replace("reply+", "reply+0", 1), id="shape"),
        pytest.param(lambda a: _flip_last_mac_digit(a), id="mac"),
        pytest.param(lambda a: a.replace(REPLY_DOMAIN, "elsewhere.test"), id="domain"),
    ],
)
def test_a_made_up_reply_address_is_refused(
    emailing: EmailServer,
    database: Database,
    sent: tuple[str, str],
    spoil: Callable[[str], str],
) -> None:
    thread_id, reply_to = sent
    forged = spoil(reply_to)
    assert forged != reply_to
    answer = emailing.post_inbound(
        {"recipient": forged, "sender": MARIA, "body-plain": "hello", "Message-Id": "<x@y>"}
    )
    assert answer.status_code == 406, answer.text
    assert replies_in(database, thread_id) == []


def test_an_unsigned_stale_or_wrongly_signed_webhook_is_refused(
    emailing: EmailServer, database: Database, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    fields = {"recipient": reply_to, "sender": MARIA, "body-plain": "hi", "Message-Id": "<s@x>"}
    assert emailing.post_inbound(fields, key="not the key").status_code == 403
    assert emailing.post_inbound(fields, timestamp=time.time() - 3600).status_code == 403
    unsigned = httpx.post(emailing.url + "/api/v1/webhooks/email/inbound", data=fields)
    assert unsigned.status_code == 403
    assert replies_in(database, thread_id) == []


def test_a_stopped_conversation_takes_no_emailed_reply(
    emailing: EmailServer, database: Database, admin: Caller, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    assert Pusher(admin).run("stop_conversation", thread_id=thread_id)["status"] == "applied"
    answer = emailing.post_inbound(
        {"recipient": reply_to, "sender": MARIA, "body-plain": "late", "Message-Id": "<l@x>"}
    )
    assert answer.status_code == 406
    assert replies_in(database, thread_id) == []
    assert len(refusals_in(database, thread_id)) == 1


def email(reply_to: str, sender: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Maria Diaz <{sender}>"
    message["To"] = reply_to
    message["Subject"] = "Re: Bake sale"
    message["Message-ID"] = make_msgid(domain="example.org")
    message.set_content(f"{text}\n\n-- \nMaria")
    return message


def test_desk_mail_takes_a_reply_over_smtp_and_refuses_strangers(
    emailing: EmailServer, database: Database, centre: CentreIds, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    with smtplib.SMTP(emailing.mail.host, emailing.mail.port, timeout=30) as session:
        refused = session.send_message(email(reply_to, MARIA, "See you Friday"))
        assert refused == {}
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            session.send_message(email(f"someone@{REPLY_DOMAIN}", MARIA, "open relay?"))
        with pytest.raises(smtplib.SMTPDataError) as forged:
            session.send_message(email(reply_to, "mallory@example.net", "me too"))
        assert forged.value.smtp_code == 550
    [reply] = replies_in(database, thread_id)
    assert reply.body == "See you Friday"
    assert reply.author_id == centre.guardians["maria"]
    assert len(refusals_in(database, thread_id)) == 1


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png_bytes(colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "PNG")
    return out.getvalue()


def attachments_of(database: Database, message_id: str) -> list[tuple[str, str, str]]:
    rows = rows_of(database, orm.Attachment, message_id=message_id)
    return sorted((a.filename, a.mime_type, a.sha256) for a in rows)


def test_a_webhook_reply_keeps_its_files_and_notes_the_refused_ones(
    emailing: EmailServer, database: Database, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    photo = png_bytes()
    answer = emailing.post_inbound(
        {
            "recipient": reply_to,
            "sender": MARIA,
            "body-plain": "Here is the form and a photo.",
            "Message-Id": make_msgid(domain="example.org"),
            "content-id-map": '{"<photo@maria>": "attachment-2"}',
        },
        files=[
            ("attachment-1", ("consent.pdf", PDF, "application/pdf")),
            ("attachment-2", ("image001.png", photo, "image/png")),  # inline: content-id-map
            ("attachment-3", ("../../etc/cron.d/x.txt", b"* * * * * rm -rf /", "text/plain")),
            ("attachment-4", ("run.exe", b"MZ\x90\x00", "application/octet-stream")),
            ("attachment-5", ("photo.jpg", b"<html><script>1</script>", "image/jpeg")),
        ],
    )

    assert answer.status_code == 200, answer.text
    [reply] = replies_in(database, thread_id)
    assert attachments_of(database, reply.id) == sorted(
        [
            ("consent.pdf", "application/pdf", hashlib.sha256(PDF).hexdigest()),
            ("image001.png", "image/png", hashlib.sha256(photo).hexdigest()),
        ]
    )
    text, notes = reply.body.split("\n\n", 1)
    assert text == "Here is the form and a photo."
    lines = notes.splitlines()
    assert len(lines) == 3
    assert "contains a folder path" in lines[0]
    assert '"run.exe" is not a kind of file' in lines[1]
    assert '"photo.jpg" is not the kind of file its name says' in lines[2]
    assert sorted(p.read_bytes() for p in emailing.stored_files()) >= sorted([PDF, photo])


def test_a_forged_sender_with_files_stores_no_file(
    emailing: EmailServer, database: Database, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    secret = b"%PDF-1.4\n" + secrets.token_bytes(32)
    answer = emailing.post_inbound(
        {
            "recipient": reply_to,
            "sender": "mallory@example.net",
            "body-plain": "invoice attached",
            "Message-Id": make_msgid(domain="example.net"),
        },
        files=[("attachment-1", ("invoice.pdf", secret, "application/pdf"))],
    )
    assert answer.status_code == 406
    assert replies_in(database, thread_id) == []
    assert secret not in [p.read_bytes() for p in emailing.stored_files()]


def test_desk_mail_attaches_mime_parts_and_inline_images(
    emailing: EmailServer, database: Database, sent: tuple[str, str]
) -> None:
    thread_id, reply_to = sent
    photo = png_bytes("navy")
    message = email(reply_to, MARIA, "Signed form attached")
    message.add_alternative('<p>Signed form attached</p><img src="cid:sig@maria">', subtype="html")
    parts = message.get_payload()
    assert isinstance(parts, list)
    html = parts[1]
    assert isinstance(html, EmailMessage)
    html.add_related(photo, "image", "png", cid="<sig@maria>")  # no file name
    message.add_attachment(PDF, "application", "pdf", filename="form.pdf")
    message.add_attachment(b"x", "application", "pdf", filename="..\\..\\boot.ini.pdf")

    with smtplib.SMTP(emailing.mail.host, emailing.mail.port, timeout=30) as session:
        assert session.send_message(message) == {}

    [reply] = replies_in(database, thread_id)
    assert attachments_of(database, reply.id) == sorted(
        [
            ("form.pdf", "application/pdf", hashlib.sha256(PDF).hexdigest()),
            ("inline 1.png", "image/png", hashlib.sha256(photo).hexdigest()),
        ]
    )
    assert reply.body.startswith("Signed form attached\n\n[Not attached: ")
    assert "contains a folder path" in reply.body


# Outgoing: seed 002's "Subject, body, attachments" reach a guardian who prefers email.
SLIP = b"%PDF-1.4\n" + b"permission slip " * 500


def test_an_emailed_new_message_carries_its_file(
    emailing: EmailServer, admin: Caller, centre: CentreIds
) -> None:
    already = emailing.received_by(MARIA)  # the module's server mailed her before
    sha256 = hashlib.sha256(SLIP).hexdigest()
    uploaded = admin.api.put(
        f"/api/v1/blobs/{sha256}",
        content=SLIP,
        headers={**admin.headers, "X-File-Name": quote("permission slip.pdf")},
    )
    assert uploaded.status_code == 201, uploaded.text
    outcome = Pusher(admin).run(
        "send_new_message",
        recipients=[{"kind": "guardian", "id": centre.guardians["maria"]}],
        mode="individual",
        subject="Field trip",
        body="Please sign the slip attached.",
        attachments=[{"sha256": sha256, "name": "permission slip.pdf"}],
    )
    assert outcome["status"] == "applied", outcome["error"]

    email = emailing.email_to(MARIA, count=already + 1).message
    assert isinstance(email, EmailMessage)
    assert email["Subject"] == "Field trip"
    [part] = list(email.iter_attachments())
    assert part.get_filename() == "permission slip.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_content() == SLIP
    body = email.get_body(("plain",))
    assert body is not None
    assert "Please sign the slip attached." in body.get_content()
