"""An emailed message carries its files (seed 002: "Subject, body, attachments").

A real `desk server` emails a New Message with an uploaded file to a guardian who
prefers email, through an SMTP double; the email holds the file, by name and type,
byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from urllib.parse import quote

import httpx
import pytest

from desk.server.db import Database, open_database
from tests.support.callers import Caller, sign_in
from tests.support.email_server import EmailServer, email_server
from tests.support.factories import CentreIds, make_centre
from tests.support.server_calls import Pusher

MARIA = "maria@example.org"
PDF = b"%PDF-1.4\n" + b"permission slip " * 500


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


def test_an_emailed_new_message_carries_its_file(
    emailing: EmailServer, admin: Caller, centre: CentreIds
) -> None:
    sha256 = hashlib.sha256(PDF).hexdigest()
    uploaded = admin.api.put(
        f"/api/v1/blobs/{sha256}",
        content=PDF,
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

    email = emailing.email_to(MARIA).message
    assert isinstance(email, EmailMessage)
    assert email["Subject"] == "Field trip"
    [part] = list(email.iter_attachments())
    assert part.get_filename() == "permission slip.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_content() == PDF
    body = email.get_body(("plain",))
    assert body is not None
    assert "Please sign the slip attached." in body.get_content()
