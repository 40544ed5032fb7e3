"""The job queue: retries, dead letter, reconciliation, crashed and concurrent workers."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.core.ids import new_id
from desk.core.kinds import MessageState
from desk.server import orm
from desk.server.db import Database
from desk.server.jobs.queue import ClaimedJob, NewJob, enqueue_many, settle
from desk.server.jobs.worker import WorkerPool
from tests.support.deliveries import background_errors, deliveries_of, job_of, message
from tests.support.delivery_stack import Stack
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher

REPO = Path(__file__).resolve().parents[3]


def reply(stack: Stack, centre: CentreIds, body: str) -> str:
    message_id = new_id()
    result = Pusher(stack.callers["office"]).run(
        "send_message", message_id=message_id, thread_id=centre.threads["sms"], body=body
    )
    assert result["status"] == "applied", result
    return message_id


def test_unavailable_provider_is_retried_with_backoff(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    stack.twilio.fail_next(1, 503, retry_after="30")
    message_id = reply(stack, centre, "retry me")
    stack.work()
    assert stack.twilio.messages == []
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.SENDING
    assert delivery.error.startswith("will retry")
    job = job_of(database, delivery.id)
    assert job.state == "queued"
    assert job.in_flight_since is None  # a 503 sent nothing: no reconciliation needed
    assert (job.run_after - job.created_at).total_seconds() >= 30  # Retry-After honoured
    stack.make_due()
    stack.work()
    assert [m.body for m in stack.twilio.messages] == ["For Maria: retry me"]
    [delivery] = deliveries_of(database, message_id)
    assert (delivery.state, delivery.error) == (MessageState.SENT, "")


def test_job_out_of_attempts_goes_to_the_dead_letter(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    stack.twilio.fail_next(5, 500)
    message_id = reply(stack, centre, "doomed")
    [delivery] = deliveries_of(database, message_id)
    with database.writing() as session:
        session.get_one(orm.Job, job_of(database, delivery.id).id).max_attempts = 2
    stack.work()
    stack.make_due()
    stack.work()
    job = job_of(database, delivery.id)
    assert (job.state, job.attempts) == ("dead", 2)
    [error] = background_errors(database, centre.centre)
    assert error.task == "delivery"
    assert "20500" in error.error
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.FAILED
    assert message(database, message_id).state == MessageState.FAILED


def test_lost_answer_is_reconciled_instead_of_texting_twice(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    stack.twilio.accept_then_drop_connection()
    message_id = reply(stack, centre, "only once")
    stack.work()
    assert len(stack.twilio.messages) == 1
    [delivery] = deliveries_of(database, message_id)
    assert job_of(database, delivery.id).in_flight_since is not None
    stack.make_due()
    stack.work()
    [sent] = stack.twilio.messages
    [delivery] = deliveries_of(database, message_id)
    assert (delivery.state, delivery.provider_ref) == (MessageState.SENT, sent.sid)
    assert job_of(database, delivery.id).state == "done"


@pytest.mark.timeout(240)  # the worker process is given 120 s before the test calls it stuck
def test_worker_killed_after_twilio_accepted_sends_exactly_one_text(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    message_id = reply(stack, centre, "exactly one")
    config = {
        "database_url": database.url,
        "base_url": stack.twilio.base_url,
        "account_sid": stack.twilio.account_sid,
        "auth_token": stack.twilio.auth_token,
        "from_number": stack.twilio.numbers[0],
    }
    worker = subprocess.run(
        [sys.executable, "-m", "tests.server.delivery.crashing_worker", json.dumps(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == -9, worker.stderr  # SIGKILLed, as planned
    [sent] = stack.twilio.messages
    [delivery] = deliveries_of(database, message_id)
    assert delivery.state == MessageState.SENDING  # the database never heard back
    assert delivery.provider_ref is None
    job = job_of(database, delivery.id)
    assert (job.state, job.in_flight_since is not None) == ("running", True)

    assert stack.work() == 0  # the dead worker's lease still holds the job
    stack.make_due()  # ... until it runs out
    assert stack.work() == 1
    assert [m.sid for m in stack.twilio.messages] == [sent.sid]
    [delivery] = deliveries_of(database, message_id)
    assert (delivery.state, delivery.provider_ref) == (MessageState.SENT, sent.sid)


def crash_a_worker(stack: Stack, database: Database, die: str) -> None:
    """Run one batch in a worker process that SIGKILLs itself `die` Twilio's answer."""
    config = {
        "database_url": database.url,
        "base_url": stack.twilio.base_url,
        "account_sid": stack.twilio.account_sid,
        "auth_token": stack.twilio.auth_token,
        "from_number": stack.twilio.numbers[0],
        "die": die,
    }
    worker = subprocess.run(
        [sys.executable, "-m", "tests.server.delivery.crashing_worker", json.dumps(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == -9, worker.stderr  # SIGKILLed, as planned


def test_reconciliation_never_takes_an_identical_earlier_text_for_the_lost_one(
    stack: Stack, centre: CentreIds, database: Database
) -> None:
    """Regression (issue 12 item 10): reconciliation took a repeated text for the first.

    The same body to the same number twice within two minutes, and the worker dies
    before the second reaches Twilio. Reconciliation matched the first text by recipient
    and body and marked the second `sent`, though the parent never got it. It must send
    the second instead.
    """
    first_id = reply(stack, centre, "same words twice")
    stack.work()
    [first_sent] = stack.twilio.messages
    [first] = deliveries_of(database, first_id)
    assert first.provider_ref == first_sent.sid

    second_id = reply(stack, centre, "same words twice")
    crash_a_worker(stack, database, "before")
    assert len(stack.twilio.messages) == 1  # the second never reached Twilio
    [second] = deliveries_of(database, second_id)
    assert job_of(database, second.id).in_flight_since is not None

    stack.make_due()
    assert stack.work() == 1
    texts = stack.twilio.messages
    assert [m.body for m in texts] == ["For Maria: same words twice"] * 2
    [second] = deliveries_of(database, second_id)
    assert (second.state, second.provider_ref) == (MessageState.SENT, texts[1].sid)
    [first] = deliveries_of(database, first_id)
    assert first.provider_ref == first_sent.sid


@pytest.mark.timeout(240)  # each worker thread is given 120 s before the test calls it stuck
def test_two_workers_never_take_the_same_job(
    database: Database, centre: CentreIds, stack: Stack
) -> None:
    """Two pools of two threads each on one database (SKIP LOCKED on PostgreSQL)."""
    seen: Counter[int] = Counter()
    lock = threading.Lock()

    def handler(jobs: list[ClaimedJob]) -> None:
        with lock:
            seen.update(job.id for job in jobs)
        with database.writing() as session:
            for job in jobs:
                settle(session, job.id)

    tag = new_id()
    with database.writing() as session:
        enqueue_many(
            session,
            [NewJob("probe", centre.centre, f"probe:{tag}:{n}", {"n": n}) for n in range(400)],
        )
    pools = [WorkerPool(database, {"probe": handler}, count=0, batch=7) for _ in range(2)]
    threads = [threading.Thread(target=pool.run_until_idle) for pool in pools for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    with database.reading() as session:
        ids = session.scalars(
            select(orm.Job.id).where(orm.Job.idempotency_key.startswith(f"probe:{tag}:"))
        ).all()
        states = set(
            session.scalars(
                select(orm.Job.state).where(orm.Job.idempotency_key.startswith(f"probe:{tag}:"))
            )
        )
    assert states == {"done"}
    assert sorted(seen) == sorted(ids)
    assert set(seen.values()) == {1}
