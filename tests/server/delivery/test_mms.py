"""Incoming MMS: the text is stored by the webhook, its media fetched by a worker.

Against the Twilio double, which serves media as Twilio does (basic auth on the
API, then a redirect to a storage host that refuses credentials). Every refusal
keeps the text and says in it what was not attached.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Callable
from pathlib import Path

import httpx
from PIL import Image

from desk.core.attachments import MAX_BYTES
from desk.core.ids import derived_id
from desk.server import orm
from desk.server.db import Database, open_database
from tests.support.conversation_facts import rows_of
from tests.support.delivery_stack import PUBLIC_URL, Stack
from tests.support.doubles.twilio_double import TwilioDouble, inbound, sign
from tests.support.factories import CentreIds, make_centre
from tests.support.polling import wait_until
from tests.support.texting_server import texting_server

PHONE = "+15555550101"  # the centre's SMS thread (Maria and Rosa Diaz)


def png(colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, "PNG")
    return out.getvalue()


def mms(
    stack: Stack, centre: CentreIds, body: str, media: list[tuple[str, str]]
) -> tuple[httpx.Response, orm.Message]:
    """Text `body` with `media` to the centre; answers the webhook's reply and message."""
    path = f"/api/v1/webhooks/twilio/inbound/{centre.centre}"
    hook = inbound(
        PUBLIC_URL + path,
        PHONE,
        stack.twilio.numbers[0],
        body,
        stack.twilio.auth_token,
        media=media,
    )
    answer = stack.twilio_post(path, hook)
    sid = hook.form["MessageSid"]
    [message] = [
        m
        for m in rows_of(stack.database, orm.Message, thread_id=centre.threads["sms"])
        if m.id == _message_id(centre, sid)
    ]
    return answer, message


def _message_id(centre: CentreIds, sid: str) -> str:
    return derived_id("inbound-sms", centre.centre, sid)


def body_of(database: Database, message_id: str) -> str:
    [message] = rows_of(database, orm.Message, id=message_id)
    return str(message.body)


def stored_blobs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "attachments"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_an_mms_photo_is_fetched_with_credentials_only_from_twilio_and_attached(
    stack: Stack, centre: CentreIds, tmp_path: Path
) -> None:
    photo = png()
    answer, message = mms(
        stack, centre, "Doctor's note", [(stack.twilio.add_media(photo, "image/png"), "image/png")]
    )
    assert answer.status_code == 200
    assert message.body == "Doctor's note"  # stored at once; the photo follows

    assert stack.work() == 1
    [attachment] = rows_of(stack.database, orm.Attachment, message_id=message.id)
    assert (attachment.filename, attachment.mime_type, attachment.size) == (
        "MMS 1.png",
        "image/png",
        len(photo),
    )
    assert [p.read_bytes() for p in stored_blobs(tmp_path)] == [photo]
    [(api, with_auth), (cdn, cdn_auth)] = stack.twilio.media_requests
    assert "/Media/ME" in api
    assert cdn.startswith("/media-cdn/")
    assert (with_auth, cdn_auth) == (True, False)  # no credentials past Twilio
    assert body_of(stack.database, message.id) == "Doctor's note"
    office = stack.callers["office"]
    got = office.get(f"/api/v1/attachments/{attachment.id}")
    assert got.content == photo


def test_a_refused_kind_or_a_lying_file_is_noted_and_the_rest_attached(
    stack: Stack, centre: CentreIds
) -> None:
    twilio = stack.twilio
    media = [
        (twilio.add_media(png("teal"), "image/png"), "image/png"),
        (twilio.add_media(b"BEGIN:VCARD\r\nEND:VCARD\r\n", "text/vcard"), "text/vcard"),
        (twilio.add_media(b"<html><script>x</script></html>", "image/jpeg"), "image/jpeg"),
    ]
    _, message = mms(stack, centre, "Three things", media)

    stack.work()

    [attachment] = rows_of(stack.database, orm.Attachment, message_id=message.id)
    assert attachment.filename == "MMS 1.png"
    body = body_of(stack.database, message.id)
    assert body.startswith("Three things\n\n")
    assert '[Not attached: MMS item 2: a "text/vcard" file is not a kind' in body
    assert '[Not attached: MMS item 3: "MMS 3.jpg" is not the kind of file' in body


def test_a_media_url_that_is_not_http_is_never_requested(stack: Stack, centre: CentreIds) -> None:
    _, message = mms(
        stack,
        centre,
        "",
        [("file:///etc/passwd", "image/jpeg"), ("ftp://example.org/a.png", "image/png")],
    )

    stack.work()

    assert rows_of(stack.database, orm.Attachment, message_id=message.id) == []
    assert body_of(stack.database, message.id) == (
        "[Not attached: MMS item 1: its address is not an http(s) URL, so it was not fetched.]\n"
        "[Not attached: MMS item 2: its address is not an http(s) URL, so it was not fetched.]"
    )
    assert stack.twilio.media_requests == []
    [thread] = rows_of(stack.database, orm.Thread, id=centre.threads["sms"])
    assert thread.last_message_preview.startswith("[Not attached: MMS item 1")


def test_an_item_over_the_limit_is_refused_and_nothing_kept(
    stack: Stack, centre: CentreIds, tmp_path: Path
) -> None:
    huge = b"\xff\xd8\xff" + b"\0" * MAX_BYTES
    _, message = mms(
        stack, centre, "Video?", [(stack.twilio.add_media(huge, "image/jpeg"), "image/jpeg")]
    )

    stack.work()

    assert rows_of(stack.database, orm.Attachment, message_id=message.id) == []
    assert "attachments can be at most 20 MB" in body_of(stack.database, message.id)
    assert stored_blobs(tmp_path) == []


def test_a_host_other_than_twilios_never_gets_the_credentials(
    stack: Stack, centre: CentreIds
) -> None:
    with TwilioDouble() as elsewhere:  # another account's host: any host but ours
        url = elsewhere.add_media(png(), "image/png")
        _, message = mms(stack, centre, "Look", [(url, "image/png")])
        stack.work()
        assert elsewhere.media_requests == [(url.removeprefix(elsewhere.base_url), False)]
    assert "MMS item 1: the carrier answered 401." in body_of(stack.database, message.id)


def test_an_unreachable_carrier_is_retried_then_noted_with_the_text_kept(
    stack: Stack, centre: CentreIds
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _, message = mms(stack, centre, "Photo", [(f"http://127.0.0.1:{port}/m.jpg", "image/jpeg")])

    stack.work()
    assert body_of(stack.database, message.id) == "Photo"  # not yet given up
    for _ in range(3):
        stack.make_due()
        stack.work()

    body = body_of(stack.database, message.id)
    assert body.startswith("Photo\n\n[Not attached: MMS item 1 could not be fetched (")
    [job] = [
        j for j in rows_of(stack.database, orm.Job) if j.idempotency_key == f"media:{message.id}"
    ]
    assert (job.state, job.attempts) == ("done", 4)


def test_twilio_retrying_the_webhook_fetches_the_media_once(
    stack: Stack, centre: CentreIds
) -> None:
    url = stack.twilio.add_media(png("plum"), "image/png")
    path = f"/api/v1/webhooks/twilio/inbound/{centre.centre}"
    hook = inbound(
        PUBLIC_URL + path,
        PHONE,
        stack.twilio.numbers[0],
        "Again",
        stack.twilio.auth_token,
        media=[(url, "image/png")],
    )
    assert stack.twilio_post(path, hook).status_code == 200
    assert stack.twilio_post(path, hook).status_code == 200

    assert stack.work() == 1
    message_id = _message_id(centre, hook.form["MessageSid"])
    assert len(rows_of(stack.database, orm.Attachment, message_id=message_id)) == 1


def test_a_count_without_urls_keeps_the_text_and_says_so(stack: Stack, centre: CentreIds) -> None:
    path = f"/api/v1/webhooks/twilio/inbound/{centre.centre}"
    hook = inbound(PUBLIC_URL + path, PHONE, stack.twilio.numbers[0], "Hi", stack.twilio.auth_token)
    form = {**hook.form, "NumMedia": "2"}
    signed = inbound(
        PUBLIC_URL + path, PHONE, stack.twilio.numbers[0], "Hi", stack.twilio.auth_token
    )
    del signed

    headers = {"X-Twilio-Signature": sign(stack.twilio.auth_token, PUBLIC_URL + path, form)}
    assert stack.api.post(path, data=form, headers=headers).status_code == 200

    stack.work()

    message_id = _message_id(centre, form["MessageSid"])
    assert body_of(stack.database, message_id) == (
        "Hi\n\n[Not attached: 2 media item(s) the carrier did not say where to fetch]"
    )


def test_a_photo_without_words_names_the_thread_preview(stack: Stack, centre: CentreIds) -> None:
    url = stack.twilio.add_media(png("olive"), "image/png")
    mms(stack, centre, "", [(url, "image/png")])

    stack.work()

    [thread] = rows_of(stack.database, orm.Thread, id=centre.threads["sms"])
    assert thread.last_message_preview == "MMS 1.png"


def test_a_real_server_fetches_mms_media_with_its_own_workers(
    database_factory: Callable[[], str], tmp_path: Path
) -> None:
    """`desk server` wires the fetcher into its worker threads (not only the test stack)."""
    with texting_server(database_factory(), tmp_path, workers=1) as texting:
        database = open_database(texting.process.database_url)
        try:
            centre = make_centre(database)
            photo = png("maroon")
            url = texting.twilio.add_media(photo, "image/png")
            answer = texting.text(centre.centre, PHONE, "Rash, see photo", [(url, "image/png")])
            assert answer.status_code == 200

            def attached() -> bool:
                return bool(rows_of(database, orm.Attachment, centre_id=centre.centre))

            wait_until(attached, "the MMS photo is attached", timeout=60)
            [attachment] = rows_of(database, orm.Attachment, centre_id=centre.centre)
        finally:
            database.dispose()
    assert (attachment.filename, attachment.size) == ("MMS 1.png", len(photo))
