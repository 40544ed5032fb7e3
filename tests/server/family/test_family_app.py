"""The family web app over HTTP against a real server (issue 14 item 1).

Codes are read back from the log provider's file, as a phone would receive them.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from desk.core.ids import new_id
from desk.core.kinds import Direction, PersonKind, ThreadKind, ThreadStatus
from desk.server.db import Database
from desk.server.orm import (
    Attachment,
    FamilyCode,
    FamilySession,
    Message,
    Receipt,
    SyncState,
    Thread,
)
from desk.server.orm.base import utcnow
from desk.server.versioning import next_version
from tests.support.callers import sign_in
from tests.support.factories import CentreIds
from tests.support.family_app import (
    FamilyServer,
    FamilyVisitor,
    new_thread,
    png_bytes,
    post_from_office,
)
from tests.support.server_calls import Pusher, pull_all

MARIA = "+15555550101"


@pytest.fixture
def visitor(family: FamilyServer) -> Iterator[FamilyVisitor]:
    """A fresh browser of the family app."""
    browser = FamilyVisitor(family)
    yield browser
    browser.close()


@pytest.fixture
def other(family: FamilyServer) -> Iterator[FamilyVisitor]:
    """A second, unrelated browser."""
    browser = FamilyVisitor(family)
    yield browser
    browser.close()


def test_a_code_signs_in_once(
    family: FamilyServer, family_centre: CentreIds, visitor: FamilyVisitor, other: FamilyVisitor
) -> None:
    """A wrong code is refused; the right one signs in, and a replay of it does not."""
    c = family_centre.centre
    before = len(family.codes_to(MARIA))
    assert visitor.ask_code(c, MARIA).status_code == 200
    code = family.code_for(MARIA, before)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert visitor.give_code(c, MARIA, wrong).status_code == 400
    answer = visitor.give_code(c, MARIA, code)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    for part in ("HttpOnly", "SameSite=lax", "Path=/family/"):
        assert part in cookie
    assert visitor.get("/family/").status_code == 200
    other.get(f"/family/sign-in?centre={c}")
    replayed = other.give_code(c, MARIA, code)
    assert replayed.status_code == 400
    assert other.get("/family/").headers.get("location") == "/family/sign-in"


def test_no_code_is_stored_in_clear(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """The database holds a salted hash of a code and a hash of a session cookie."""
    c = family_centre.centre
    before = len(family.codes_to("maria@example.org"))
    visitor.ask_code(c, "Maria@Example.org")
    code = family.code_for("maria@example.org", before)
    visitor.give_code(c, "maria@example.org", code)
    token = visitor.http.cookies["desk_family"]
    with family_database.reading() as session:
        row = session.scalars(select(FamilyCode).where(FamilyCode.centre_id == c)).one()
        assert code not in (row.code_hash, row.salt)
        assert session.get(FamilySession, token) is None


def test_an_expired_code_is_refused(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """Ten minutes after it was sent, a code no longer signs in."""
    c = family_centre.centre
    before = len(family.codes_to(MARIA))
    visitor.ask_code(c, MARIA)
    code = family.code_for(MARIA, before)
    with family_database.writing() as session:
        session.execute(
            update(FamilyCode)
            .where(FamilyCode.centre_id == c)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert visitor.give_code(c, MARIA, code).status_code == 400


def test_five_wrong_guesses_spend_the_code(
    family: FamilyServer, family_centre: CentreIds, visitor: FamilyVisitor
) -> None:
    """After `MAX_TRIES` wrong codes even the right one is refused."""
    c = family_centre.centre
    before = len(family.codes_to(MARIA))
    visitor.ask_code(c, MARIA)
    code = family.code_for(MARIA, before)
    wrong = f"{(int(code) + 7) % 1_000_000:06d}"
    for _ in range(5):
        assert visitor.give_code(c, MARIA, wrong).status_code in (400, 429)
    assert visitor.give_code(c, MARIA, code).status_code in (400, 429)
    assert visitor.get("/family/").status_code == 303


def test_an_unknown_address_gets_the_same_answer(
    family: FamilyServer, family_centre: CentreIds, visitor: FamilyVisitor
) -> None:
    """No account enumeration: the page does not say whether the address is on file."""
    c = family_centre.centre
    known = visitor.ask_code(c, MARIA).text.replace(MARIA, "ADDRESS")
    unknown = visitor.ask_code(c, "+15555550199").text.replace("+15555550199", "ADDRESS")
    assert known == unknown
    assert family.sent_to("+15555550199") == []


def test_asking_for_codes_is_throttled(
    family: FamilyServer, family_centre: CentreIds, visitor: FamilyVisitor
) -> None:
    """One source asking again and again is made to wait, with the reason shown."""
    statuses = [visitor.ask_code(family_centre.centre, MARIA).status_code for _ in range(9)]
    assert statuses[:5] == [200] * 5
    assert 429 in statuses
    assert "Too many attempts" in visitor.page


def test_forms_without_their_csrf_token_are_refused(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    other: FamilyVisitor,
) -> None:
    """A post without the page's token, or from a browser with none, changes nothing."""
    c = family_centre.centre
    office = family_centre.threads["office"]
    forged = other.http.post(
        "/family/sign-in", data={"centre": c, "address": MARIA, "csrf": "forged"}
    )
    assert forged.status_code == 403
    visitor.sign_in(c, MARIA)
    refused = visitor.http.post(
        f"/family/c/{office}/reply", data={"body": "forged", "csrf": "not-the-token"}
    )
    assert refused.status_code == 403
    assert visitor.http.post("/family/sign-out", data={"csrf": ""}).status_code == 403
    with family_database.reading() as session:
        assert session.scalars(select(Message).where(Message.thread_id == office)).all() == []


def test_another_familys_thread_answers_404(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """Changing the id in a URL reaches nothing: page, reply and files all answer 404."""
    ids = family_centre
    diaz_office = ids.threads["office"]
    post_from_office(family_database, ids, diaz_office, "For the Diaz family only")
    visitor.sign_in(ids.centre, "+15555550102")  # Ann Lee
    assert "Diaz" not in visitor.get("/family/").text
    assert visitor.get(f"/family/c/{diaz_office}").status_code == 404
    assert visitor.get(f"/family/c/{ids.threads['sms']}").status_code == 404
    reply = visitor.post(f"/family/c/{diaz_office}/reply", {"body": "hello"})
    assert reply.status_code == 404
    with family_database.reading() as session:
        assert (
            len(session.scalars(select(Message).where(Message.thread_id == diaz_office)).all()) == 1
        )


def test_a_split_familys_private_thread_is_its_guardians_only(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    other: FamilyVisitor,
) -> None:
    """Ben Lee cannot open Ann Lee's private Office Chat; Ann reads it."""
    ids = family_centre
    anns = new_thread(
        family_database, ids, ThreadKind.OFFICE, family_id=ids.split_family, guardian="ann"
    )
    post_from_office(family_database, ids, anns, "Only for Ann")
    other.sign_in(ids.centre, "+15555550103")  # Ben
    assert anns not in other.get("/family/").text
    assert other.get(f"/family/c/{anns}").status_code == 404
    visitor.sign_in(ids.centre, "+15555550102")  # Ann
    assert anns in visitor.get("/family/").text
    assert "Only for Ann" in visitor.get(f"/family/c/{anns}").text


def test_a_reply_with_a_photo_lands_unread_in_the_office(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """Opening writes the guardian's receipt; the reply makes the thread Unread."""
    ids = family_centre
    office = ids.threads["office"]
    sent = post_from_office(family_database, ids, office, "Picture day is Friday")
    visitor.sign_in(ids.centre, MARIA)
    assert "New" in visitor.get("/family/").text
    page = visitor.get(f"/family/c/{office}")
    assert "Picture day is Friday" in page.text
    photo = png_bytes()
    answer = visitor.post(
        f"/family/c/{office}/reply",
        {"body": "Thanks! Here she is"},
        files={"photo": ("leo.png", photo, "image/png")},
    )
    assert answer.status_code == 303
    assert "Thanks! Here she is" in visitor.get(answer.headers["location"]).text
    with family_database.reading() as session:
        receipt = session.scalars(select(Receipt).where(Receipt.message_id == sent)).one()
        assert (receipt.person_kind, receipt.person_id) == (
            PersonKind.GUARDIAN,
            ids.guardians["maria"],
        )
        thread = session.get_one(Thread, office)
        assert thread.status == ThreadStatus.UNREAD
        reply = session.scalars(
            select(Message).where(
                Message.thread_id == office, Message.direction == Direction.INBOUND
            )
        ).one()
        assert (reply.author_kind, reply.author_id) == (PersonKind.GUARDIAN, ids.guardians["maria"])
        assert reply.version > 0
        attachment = session.scalars(
            select(Attachment).where(Attachment.message_id == reply.id)
        ).one()
        assert (attachment.filename, attachment.mime_type, attachment.size) == (
            "leo.png",
            "image/png",
            len(photo),
        )
        attachment_id = attachment.id
    image = visitor.get(f"/family/files/{attachment_id}")
    assert image.content == photo
    assert image.headers["content-disposition"].startswith("inline")


def test_a_refused_file_stores_nothing(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """A file the attachment rules refuse is not sent, and the page says why."""
    ids = family_centre
    office = ids.threads["office"]
    visitor.sign_in(ids.centre, MARIA)
    answer = visitor.post(
        f"/family/c/{office}/reply",
        {"body": "see this"},
        files={"photo": ("run.exe", b"MZ\x90\x00" * 10, "application/octet-stream")},
    )
    assert answer.status_code == 422
    assert "not sent" in answer.text
    with family_database.reading() as session:
        assert session.scalars(select(Message).where(Message.thread_id == office)).all() == []


def test_a_stopped_conversation_is_read_only(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """No reply form, and a reply posted anyway is refused and not stored."""
    ids = family_centre
    group = new_thread(
        family_database, ids, ThreadKind.GROUP, members=("admin", "maria", "ann"), title="Trip"
    )
    post_from_office(family_database, ids, group, "Bus leaves at 9")
    with family_database.writing() as session:
        session.get_one(Thread, group).stopped = True
    visitor.sign_in(ids.centre, MARIA)
    page = visitor.get(f"/family/c/{group}")
    assert "Bus leaves at 9" in page.text
    assert "<textarea" not in page.text
    assert visitor.post(f"/family/c/{group}/reply", {"body": "late"}).status_code == 409
    with family_database.reading() as session:
        assert len(session.scalars(select(Message).where(Message.thread_id == group)).all()) == 1


def test_a_group_conversation_names_no_other_family(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
    other: FamilyVisitor,
) -> None:
    """Maria sees staff by first name and Ann's reply as from "Another family"."""
    ids = family_centre
    group = new_thread(
        family_database, ids, ThreadKind.GROUP, members=("admin", "maria", "ann"), title="Trip"
    )
    post_from_office(family_database, ids, group, "Who can drive?")
    other.sign_in(ids.centre, "+15555550102")  # Ann
    assert other.post(f"/family/c/{group}/reply", {"body": "I can"}).status_code == 303
    visitor.sign_in(ids.centre, MARIA)
    page = visitor.get(f"/family/c/{group}").text
    for shown in ("I can", "Another family", "Admin"):
        assert shown in page
    for hidden in ("Ann", "Lee"):
        assert hidden not in page


def test_pages_follow_the_guardians_language(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """A Spanish-speaking guardian reads the app, and their code, in Spanish."""
    from desk.server.orm import Guardian

    ids = family_centre
    with family_database.writing() as session:
        session.get_one(Guardian, ids.guardians["maria"]).language = "es"
    visitor.sign_in(ids.centre, MARIA)
    assert "Sus conversaciones" in visitor.get("/family/").text
    assert "código" in family.sent_to(MARIA)[-1]["body"]


def test_the_office_feed_carries_the_reply_photo_and_read(
    family: FamilyServer, family_centre: CentreIds, visitor: FamilyVisitor
) -> None:
    """The office syncs its message read by the guardian and her reply Unread with the photo.

    The photo is then served to staff by the staff download route.
    """
    ids = family_centre
    office = ids.threads["office"]
    with httpx.Client(base_url=family.url, timeout=30) as http:
        admin = sign_in(http, ids.usernames["admin"])
        sent = Pusher(admin).run(
            "send_message", message_id=new_id(), thread_id=office, body="Picture day is Friday"
        )
        assert sent["status"] == "applied", sent
        _, cursor = pull_all(admin)
        visitor.sign_in(ids.centre, MARIA)
        assert "Picture day is Friday" in visitor.get(f"/family/c/{office}").text
        photo = png_bytes()
        visitor.post(
            f"/family/c/{office}/reply",
            {"body": "Here she is"},
            files={"photo": ("leo.png", photo, "image/png")},
        )
        tables, _ = pull_all(admin, after=cursor)
        assert [t["status"] for t in tables["thread"] if t["id"] == office] == ["unread"]
        receipts = [r for r in tables["receipt"] if r["person_id"] == ids.guardians["maria"]]
        assert [r["person_kind"] for r in receipts] == ["guardian"]
        reply = next(m for m in tables["message"] if m["body"] == "Here she is")
        files = [a for a in tables["attachment"] if a["message_id"] == reply["id"]]
        assert [(a["filename"], a["mime_type"]) for a in files] == [("leo.png", "image/png")]
        download = admin.get(f"/api/v1/attachments/{files[0]['id']}")
        assert download.status_code == 200
        assert download.content == photo


def test_a_long_conversation_shows_the_newest_hundred_then_older(
    family: FamilyServer,
    family_centre: CentreIds,
    family_database: Database,
    visitor: FamilyVisitor,
) -> None:
    """The page holds the newest 100 messages, oldest first, and links to the rest."""
    ids = family_centre
    classroom = ids.threads["classroom_a"]
    for n in range(103):
        post_from_office(family_database, ids, classroom, f"Update number {n:03d}.")
    visitor.sign_in(ids.centre, MARIA)
    page = visitor.get(f"/family/c/{classroom}").text
    assert "Update number 002." not in page
    assert page.index("Update number 003.") < page.index("Update number 102.")
    older = re.search(r'href="(/family/c/[^"]+\?before=[^"]+)"', page)
    assert older is not None
    earlier = visitor.get(html.unescape(older.group(1))).text
    assert all(f"Update number {n:03d}." in earlier for n in range(3))
    assert "Update number 003." not in earlier
    assert "?before=" not in earlier


def _centre_version(database: Database, centre_id: str) -> int:
    with database.reading() as session:
        return session.get_one(SyncState, centre_id).version


def _receipts_of(database: Database, guardian_id: str) -> list[tuple[str, int]]:
    with database.reading() as session:
        rows = session.execute(
            select(Receipt.message_id, Receipt.version).where(Receipt.person_id == guardian_id)
        ).all()
    return sorted((message_id, version) for message_id, version in rows)


def test_reopening_a_read_page_writes_nothing(
    family_centre: CentreIds, family_database: Database, visitor: FamilyVisitor
) -> None:
    """Regression: every open of a page took the centre's write lock, read or not.

    The first open writes the guardian's receipts, stamped with the version it
    announces so the office's feed carries them. A reopen only reads: it answers
    while another transaction holds the centre's write lock (on SQLite the whole
    database's), and bumps no version. A new message is then the only receipt.
    """
    ids = family_centre
    office, maria = ids.threads["office"], ids.guardians["maria"]
    first = [post_from_office(family_database, ids, office, f"Note {n}") for n in range(2)]
    visitor.sign_in(ids.centre, MARIA)
    assert visitor.get(f"/family/c/{office}").status_code == 200
    opened = _centre_version(family_database, ids.centre)
    assert _receipts_of(family_database, maria) == sorted((m, opened) for m in first)
    with family_database.writing() as busy:
        next_version(busy, ids.centre)  # holds the lock until this block commits
        assert "Note 1" in visitor.get(f"/family/c/{office}").text
    busy_version = _centre_version(family_database, ids.centre)
    assert busy_version == opened + 1  # the busy writer's, and nothing of the reopen's
    later = post_from_office(family_database, ids, office, "Note 2")
    assert visitor.get(f"/family/c/{office}").status_code == 200
    now = _centre_version(family_database, ids.centre)
    assert now > busy_version
    assert _receipts_of(family_database, maria) == sorted(
        [*((m, opened) for m in first), (later, now)]
    )


def test_two_first_opens_at_once_both_answer(
    family: FamilyServer, family_centre: CentreIds, family_database: Database
) -> None:
    """Two of Maria's devices open an unread page together: both pages, one receipt each.

    Both find the receipts missing before either writes; the writes run one after
    the other under the centre's version lock, and the second skips what the first wrote.
    """
    ids = family_centre
    office, maria = ids.threads["office"], ids.guardians["maria"]
    devices = [FamilyVisitor(family) for _ in range(2)]
    try:
        for device in devices:
            device.sign_in(ids.centre, MARIA)
        barrier = threading.Barrier(len(devices))

        def open_page(device: FamilyVisitor) -> int:
            barrier.wait()
            return device.get(f"/family/c/{office}").status_code

        sent: list[str] = []
        for n in range(3):
            sent.append(post_from_office(family_database, ids, office, f"Round {n}"))
            with ThreadPoolExecutor(len(devices)) as pool:
                assert list(pool.map(open_page, devices)) == [200, 200]
        assert sorted(m for m, _ in _receipts_of(family_database, maria)) == sorted(sent)
    finally:
        for device in devices:
            device.close()
