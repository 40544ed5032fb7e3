"""Delivery as deployed: a `desk server` and a `desk worker` process sending to a Twilio double.

The server runs no worker threads (`DESK_WORKERS=0`), so every text goes out through the
separate `desk worker` process, as in a deployment that scales them apart. Both read
one `DESK_CONFIG` file: Twilio pointed at the double, e-mail and push written to a
log file, and the server's public URL, over which Twilio signs its webhooks and to
which the worker has status callbacks sent. Tests reach the server over HTTP only,
webhooks included (`SignedWebhook.post`); they read its database to see what a
delivery became.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select, update

from desk.core.kinds import MessageState
from desk.server.db import Database, open_database
from desk.server.orm import Job
from desk.server.orm.base import utcnow
from tests.support.deliveries import deliveries_of
from tests.support.doubles.twilio_double import TwilioDouble
from tests.support.net import free_port
from tests.support.polling import wait_until
from tests.support.server_process import ServerProcess, run_server
from tests.support.worker_process import WorkerProcess

SETTLED = frozenset({MessageState.SENT, MessageState.DELIVERED, MessageState.FAILED})
"""Delivery states a worker leaves a text in once it has done all it will do."""

SEND_TIMEOUT = 60.0
"""Seconds a worker process gets to send a text: slow only on a loaded machine."""


@dataclass
class ServedDelivery:
    """The processes, the double, and the server's database, for tests to share."""

    server: ServerProcess
    worker: WorkerProcess
    twilio: TwilioDouble
    database: Database
    http: httpx.Client
    worker_metrics_url: str  # the worker's own Prometheus scrape target

    def settled(self, message_id: str, count: int = 1) -> None:
        """Wait until `message_id` has `count` deliveries, all settled.

        Fails at once, with its log, if the worker process died.
        """

        def done() -> bool:
            if not self.worker.running:
                raise AssertionError(
                    f"desk worker exited ({self.worker.returncode}):\n"
                    f"{self.worker.log_text()[-4000:]}"
                )
            rows = deliveries_of(self.database, message_id)
            return len(rows) >= count and all(d.state in SETTLED for d in rows)

        what = f"{count} deliveries of {message_id} settle"
        wait_until(done, what, timeout=SEND_TIMEOUT, interval=0.05)

    def idle(self) -> None:
        """Wait until the worker has no job left to run or finish (none queued or running).

        Retries waiting out a delay count as queued: tests that leave one due later
        call `lease_runs_out` first or do not call this.
        """

        def nothing_left() -> bool:
            if not self.worker.running:
                raise AssertionError(f"desk worker exited ({self.worker.returncode})")
            with self.database.reading() as session:
                busy = Job.state.in_(("queued", "running"))
                left = session.scalar(select(func.count()).select_from(Job).where(busy))
            return left == 0

        wait_until(nothing_left, "the job queue is idle", timeout=SEND_TIMEOUT, interval=0.05)

    def lease_runs_out(self) -> None:
        """Let a claimed job's lease and any retry wait run out, as time would."""
        past = utcnow() - timedelta(seconds=1)
        with self.database.writing() as session:
            session.execute(update(Job).where(Job.state == "queued").values(run_after=past))
            session.execute(update(Job).where(Job.state == "running").values(locked_until=past))

    def fresh(self) -> ServedDelivery:
        """Ready for the next test: a worker running, the double's account empty."""
        if not self.worker.running:
            self.worker.restart()
        self.twilio.reset()
        return self


def _config(twilio: TwilioDouble, public_url: str, folder: Path) -> Path:
    log = folder / "deliveries.jsonl"
    path = folder / "desk.toml"
    path.write_text(
        f'[server]\npublic_url = "{public_url}"\n\n'
        "[providers.sms]\n"
        'kind = "twilio"\n'
        f'account_sid = "{twilio.account_sid}"\n'
        f'auth_token = "{twilio.auth_token}"\n'
        f'from_number = "{twilio.numbers[0]}"\n'
        f'base_url = "{twilio.base_url}"\n'
        "timeout_seconds = 10\n\n"
        f'[providers.email]\nkind = "log"\npath = "{log}"\n\n'
        f'[providers.push]\nkind = "log"\npath = "{log}"\n'
    )
    return path


@contextmanager
def serve_delivery(database_url: str, folder: Path) -> Iterator[ServedDelivery]:
    """Start the double, then `desk server` (which migrates), then `desk worker`.

    Everything is stopped when the block ends, however it ends.
    """
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()  # fixed before start: the public URL names it
    with TwilioDouble() as twilio:
        config = _config(twilio, f"http://127.0.0.1:{port}", folder)
        env = {"DESK_CONFIG": str(config), "DESK_WORKERS": "0", "DESK_LONG_POLL_SECONDS": "1"}
        metrics_port = free_port()
        worker_env = {"DESK_CONFIG": str(config), "DESK_METRICS_PORT": str(metrics_port)}
        with (
            run_server(database_url, env=env, port=port, log_dir=folder) as server,
            WorkerProcess(database_url, env=worker_env, log_dir=folder) as worker,
            httpx.Client(base_url=server.url, timeout=30) as http,
        ):
            worker.start()
            database = open_database(database_url)
            try:
                yield ServedDelivery(
                    server, worker, twilio, database, http, f"http://127.0.0.1:{metrics_port}"
                )
            finally:
                twilio.release_held()
                database.dispose()
