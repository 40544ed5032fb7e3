"""Retry records age out; a retry of a command older than that is still a duplicate."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.retention import COMMAND_LOG_DAYS, EXPIRED_TOKEN_DAYS, purge, purge_every
from desk.server.security import token_digest
from tests.support.callers import Caller, sign_in
from tests.support.factories import CentreIds
from tests.support.polling import wait_until_async
from tests.support.qt_async import run_apart
from tests.support.server_calls import Pusher


def _age_log(database: Database, command_id: str, days: int) -> None:
    with database.writing() as session:
        session.execute(
            update(orm.CommandLog)
            .where(orm.CommandLog.command_id == command_id)
            .values(created_at=utcnow() - timedelta(days=days))
        )


def _logged(database: Database, command_id: str) -> bool:
    with database.reading() as session:
        return session.get(orm.CommandLog, command_id) is not None


def test_old_command_records_go_and_their_retries_stay_duplicates(
    database: Database, admin: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    old = pusher.command("open_thread", thread_id=centre.threads["sms"])
    recent = pusher.command("close_thread", thread_id=centre.threads["sms"])
    assert pusher.send(old, recent).status_code == 200
    _age_log(database, old["command_id"], COMMAND_LOG_DAYS + 1)
    _age_log(database, recent["command_id"], COMMAND_LOG_DAYS - 1)

    removed = purge(database, batch=1)

    assert removed.commands >= 1
    assert not _logged(database, old["command_id"])
    assert _logged(database, recent["command_id"])
    retry = pusher.send(old, recent)
    assert retry.status_code == 200, retry.text
    first, second = retry.json()["results"]
    # Applied once, long ago: acknowledged as such, without its result.
    assert (first["status"], first["result"]) == ("duplicate", {"expired": True})
    # The recent one still answers with its original result.
    assert second["status"] == "duplicate"
    assert second["result"]["status"] == "closed"


def test_a_reused_sequence_number_is_still_a_conflict_while_its_record_is_kept(
    admin: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    first = pusher.command("open_thread", thread_id=centre.threads["sms"])
    assert pusher.send(first).status_code == 200
    impostor = {**pusher.command("close_thread", thread_id=centre.threads["sms"]), "seq": 1}
    assert pusher.send(impostor).status_code == 422


def test_expired_tokens_go_after_their_grace_and_live_ones_stay(
    api: TestClient, database: Database, centre: CentreIds
) -> None:
    stale = sign_in(api, centre.usernames["office"])
    live = sign_in(api, centre.usernames["office"])
    with database.writing() as session:
        session.execute(
            update(orm.ApiToken)
            .where(orm.ApiToken.token_hash == token_digest(stale.token))
            .values(expires_at=utcnow() - timedelta(days=EXPIRED_TOKEN_DAYS + 1))
        )

    assert purge(database).tokens >= 1

    assert stale.get("/api/v1/auth/me").status_code == 401
    assert live.get("/api/v1/auth/me").status_code == 200
    with database.reading() as session:
        kept = session.scalar(
            select(func.count()).where(orm.ApiToken.principal_id == centre.office)
        )
    assert kept == 1


def test_expired_enrollment_codes_go(database: Database, admin: Caller, centre: CentreIds) -> None:
    answer = admin.post("/api/v1/kiosk/enrollment-codes")
    assert answer.status_code in (200, 201), answer.text
    with database.writing() as session:
        session.execute(
            update(orm.EnrollmentCode)
            .where(orm.EnrollmentCode.created_by == centre.admin)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    assert purge(database).codes >= 1


def test_texted_links_go_a_grace_after_they_expire(database: Database, centre: CentreIds) -> None:
    now = utcnow()
    links = {
        "long-expired": now - timedelta(days=EXPIRED_TOKEN_DAYS + 1),
        "just-expired": now - timedelta(days=1),  # still answers "expired", not "unknown"
        "open": now + timedelta(days=7),
    }
    hashes = {name: (name + centre.centre).ljust(64, "0")[:64] for name in links}
    with database.writing() as session:
        for name, expires_at in links.items():
            session.add(
                orm.AttachmentLink(
                    token_hash=hashes[name],
                    centre_id=centre.centre,
                    message_id=new_id(),
                    delivery_id=new_id(),
                    created_at=now - timedelta(days=40),
                    expires_at=expires_at,
                )
            )

    assert purge(database).links >= 1

    with database.reading() as session:
        kept = session.scalars(
            select(orm.AttachmentLink.token_hash).where(
                orm.AttachmentLink.centre_id == centre.centre
            )
        ).all()
    assert set(kept) == {hashes["just-expired"], hashes["open"]}


def test_the_purge_runs_on_its_own_with_the_configured_retention(
    database: Database, admin: Caller, centre: CentreIds
) -> None:
    pusher = Pusher(admin)
    old = pusher.command("open_thread", thread_id=centre.threads["sms"])
    assert pusher.send(old).status_code == 200
    _age_log(database, old["command_id"], 8)  # past a week, well within 90 days

    async def purge_until_gone() -> None:
        task = asyncio.create_task(purge_every(database, 0.05, command_log_days=7))
        try:
            await wait_until_async(
                lambda: not _logged(database, old["command_id"]),
                "the purge loop has removed the week-old command",
            )
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    run_apart(purge_until_gone())
    assert not _logged(database, old["command_id"])
