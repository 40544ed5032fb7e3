"""An app wired to provider doubles, with workers driven by hand.

Fixtures:
    twilio, fcm, smtp, translator: running doubles (SMTP over STARTTLS with a login).
    stack: a `Stack`: the real app (TestClient) on the run's migrated database,
        sending through the doubles, with no worker threads; `stack.work()` runs the
        queue until nothing is due.
    served_delivery: a `ServedDelivery` per module and backend: real `desk server` and
        `desk worker` processes on a database of their own, texting a Twilio double.
    processes: `served_delivery` made ready for this test (worker running, double
        emptied); `process_centre`: a fresh centre on its database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.delivery.translate import TranslationSettings
from desk.server.orm import Job
from desk.server.providers.config import (
    FcmSettings,
    ProviderSettings,
    SmtpSettings,
    TwilioSettings,
)
from tests.support.callers import sign_in
from tests.support.delivery_stack import PUBLIC_URL, Stack, StackFactory
from tests.support.doubles.fcm_double import FcmDouble
from tests.support.doubles.smtp_double import SmtpDouble
from tests.support.doubles.translate_double import TranslateDouble
from tests.support.doubles.twilio_double import TwilioDouble
from tests.support.factories import CentreIds, make_centre
from tests.support.served_delivery import ServedDelivery, serve_delivery

TIMEOUT = 5.0
SMTP_LOGIN = ("desk", "relay-password")


@pytest.fixture
def twilio() -> Iterator[TwilioDouble]:
    with TwilioDouble() as double:
        yield double


@pytest.fixture
def fcm() -> Iterator[FcmDouble]:
    with FcmDouble() as double:
        yield double


@pytest.fixture
def smtp() -> Iterator[SmtpDouble]:
    with SmtpDouble(tls="starttls", login=SMTP_LOGIN) as double:
        yield double


@pytest.fixture
def translator() -> Iterator[TranslateDouble]:
    with TranslateDouble() as double:
        yield double


def provider_settings(twilio: TwilioDouble, fcm: FcmDouble, smtp: SmtpDouble) -> ProviderSettings:
    """Every channel pointed at its double."""
    return ProviderSettings(
        sms=TwilioSettings(
            account_sid=twilio.account_sid,
            auth_token=twilio.auth_token,
            from_number=twilio.numbers[0],
            base_url=twilio.base_url,
            timeout_seconds=TIMEOUT,
        ),
        email=SmtpSettings(
            host=smtp.host,
            port=smtp.port,
            tls="starttls",
            ca_file=smtp.ca_file,
            username=SMTP_LOGIN[0],
            password=SMTP_LOGIN[1],
            from_address="Maple Office <office@maple.example>",
            timeout_seconds=TIMEOUT,
        ),
        push=FcmSettings(
            project_id=fcm.project_id,
            access_token=fcm.access_token,
            base_url=fcm.base_url,
            timeout_seconds=TIMEOUT,
        ),
    )


@pytest.fixture
def make_stack(
    migrated_url: str,
    database: Database,
    twilio: TwilioDouble,
    fcm: FcmDouble,
    smtp: SmtpDouble,
    centre: CentreIds,
    tmp_path: Path,
) -> Iterator[StackFactory]:
    """Build the stack, optionally with a translator; closed after the test."""
    clients: list[TestClient] = []
    # Tests share the run's database: jobs left by earlier tests (other centres, other
    # doubles) are not this test's to send.
    with database.writing() as session:
        session.execute(
            update(Job).where(Job.state.in_(("queued", "running"))).values(state="done")
        )

    def build(translation: TranslationSettings | None = None) -> Stack:
        settings = ServerSettings(
            database_url=migrated_url,
            long_poll_seconds=1,
            public_url=PUBLIC_URL,
            workers=0,
            attachments_dir=str(tmp_path / "attachments"),
            providers=provider_settings(twilio, fcm, smtp),
            translation=translation,
        )
        client = TestClient(create_app(settings))
        client.__enter__()
        clients.append(client)
        app: Any = client.app
        stack = Stack(client, app.state.database, twilio, fcm, smtp, app.state.delivery.pool)
        for role in ("admin", "office", "teacher"):
            stack.callers[role] = sign_in(client, centre.usernames[role])
        return stack

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def stack(make_stack: StackFactory) -> Stack:
    """The stack without a translator."""
    return make_stack()


@pytest.fixture(scope="module")
def served_delivery(
    database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedDelivery]:
    """Server and worker processes of their own: no other test's jobs reach their double."""
    with serve_delivery(database_factory(), tmp_path_factory.mktemp("served")) as served:
        yield served


@pytest.fixture
def processes(served_delivery: ServedDelivery) -> ServedDelivery:
    """The served delivery processes, a worker running and the double's account empty."""
    return served_delivery.fresh()


@pytest.fixture
def process_centre(processes: ServedDelivery) -> CentreIds:
    """A fresh centre on the processes' database."""
    return make_centre(processes.database)


@pytest.fixture
def served_quota_centre(processes: ServedDelivery) -> CentreIds:
    """A fresh centre on the processes' database whose monthly SMS quota is 4."""
    return make_centre(processes.database, quota=4)
