"""The app wired to provider doubles, with its delivery workers driven by hand.

`tests/server/delivery/conftest.py` builds it (the `stack` and `make_stack` fixtures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from desk.server.db import Database
from desk.server.jobs.worker import WorkerPool
from desk.server.orm import Job
from desk.server.orm.base import utcnow
from tests.support.callers import Caller
from tests.support.doubles.fcm_double import FcmDouble
from tests.support.doubles.smtp_double import SmtpDouble
from tests.support.doubles.twilio_double import TwilioDouble

PUBLIC_URL = "http://testserver"  # the TestClient's base URL: what Twilio would sign


@dataclass
class Stack:
    """The app and its doubles, for one test."""

    api: TestClient
    database: Database
    twilio: TwilioDouble
    fcm: FcmDouble
    smtp: SmtpDouble
    pool: WorkerPool
    callers: dict[str, Caller] = field(default_factory=dict)

    def work(self) -> int:
        """Run every due job (and any fallback it enqueues); returns jobs run.

        A handler that raised fails the test: its jobs would only be retried later.
        """
        ran = self.pool.run_until_idle()
        assert self.pool.handler_failures == 0, "a delivery handler raised; see the log"
        return ran

    def make_due(self) -> None:
        """Let retries and lost leases come due now instead of after their wait."""
        past = utcnow() - timedelta(seconds=1)
        with self.database.writing() as session:
            session.execute(update(Job).where(Job.state == "queued").values(run_after=past))
            session.execute(update(Job).where(Job.state == "running").values(locked_until=past))

    def twilio_post(self, path: str, webhook: Any) -> Any:
        """Send a webhook built by the Twilio double through the in-process app."""
        return self.api.post(path, data=webhook.form, headers=webhook.headers)


StackFactory = Callable[..., Stack]
