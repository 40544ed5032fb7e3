"""docs/deploy.md followed step by step, on loopback.

One PostgreSQL database; the migrations run once (`desk-migrate.service`); a centre
and its first admin made with `desk centre create`; two `desk server --no-migrate`
processes on their own ports and one `desk worker` (`desk-server@.service`,
`desk-worker.service`, with `desk.env`'s `DESK_WORKERS=0`); and nginx with the shipped
site file (`installers/server/nginx-desk.conf`) terminating TLS in front of them.
Every client call goes through the proxy.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from desk.core.ids import new_id
from desk.core.kinds import MessageState
from desk.server.db import Database, open_database
from tests.support.callers import Caller, sign_in
from tests.support.deliveries import deliveries_of
from tests.support.factories import CentreIds, make_centre
from tests.support.http_peer import self_signed_tls
from tests.support.polling import wait_until
from tests.support.reverse_proxy import Nginx, nginx_binary, run_nginx
from tests.support.server_calls import Pusher, pull_all
from tests.support.server_process import DEFAULT_COMMAND, ServerProcess, run_server
from tests.support.worker_process import WorkerProcess

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_backend", ["postgres"], indirect=True, scope="session"),
    pytest.mark.timeout(300),
]

REPO_ROOT = Path(__file__).resolve().parents[2]
_DESK = (sys.executable, "-m", "desk")
ADMIN_PASSWORD = "a long deployment password"
SENT = frozenset({MessageState.SENT, MessageState.DELIVERED})
LONG_POLL_SECONDS = 20
"""Longer than any wake-up here: a poll that answers empty means it was never woken."""


@dataclass
class Deployment:
    """The processes of docs/deploy.md and a client of the proxy."""

    servers: list[ServerProcess]
    worker: WorkerProcess
    nginx: Nginx
    http: httpx.Client
    database: Database
    centre: CentreIds
    deliveries_log: Path
    cli_admin: str

    def held_long_polls(self) -> dict[str, int]:
        """Long-polls each server process holds now, by `host:port`, from its metrics."""
        held = {}
        for server in self.servers:
            text = httpx.get(f"{server.url}/metrics", timeout=10).text
            values = [
                float(line.split()[-1])
                for line in text.splitlines()
                if line.startswith("desk_long_polls_held")
            ]
            held[f"127.0.0.1:{server.port}"] = int(sum(values))
        return held


def _desk_env(database_url: str, extra: dict[str, str]) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "DESK_DATABASE_URL": database_url,
        **extra,
    }


def _run(argv: list[str], env: dict[str, str], stdin: str = "") -> str:
    done = subprocess.run(argv, env=env, input=stdin, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def deployment(
    database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing on CI: scripts/ensure-services.sh should install it")
        pytest.skip("nginx is not installed: `bash scripts/ensure-services.sh` installs it")
    folder = tmp_path_factory.mktemp("deploy")
    database_url = database_factory()
    sent = folder / "deliveries.jsonl"
    config = folder / "desk.toml"
    config.write_text(
        "".join(
            f'[providers.{channel}]\nkind = "log"\npath = "{sent}"\n\n'
            for channel in ("sms", "email", "push")
        )
    )
    # desk.env, as the units read it.
    env = {
        "DESK_CONFIG": str(config),
        "DESK_WORKERS": "0",
        "DESK_LONG_POLL_SECONDS": str(LONG_POLL_SECONDS),
    }
    # "Install": the migrations, once (desk-migrate.service).
    _run([sys.executable, "-m", "desk.server.migrate", "upgrade"], _desk_env(database_url, env))
    # "A new centre": its first admin, the password on stdin.
    cli_admin = f"owner-{new_id()[:8]}"
    _run(
        [*_DESK, "centre", "create", "--name", f"Oak {cli_admin}", "--admin-username", cli_admin],
        _desk_env(database_url, env),
        stdin=ADMIN_PASSWORD + "\n",
    )
    # The families and staff the admins then enter in the office app.
    database = open_database(database_url)
    centre = make_centre(database)
    _, cert = self_signed_tls(folder)
    key = folder / "key.pem"
    server_command = (*DEFAULT_COMMAND, "--no-migrate")
    try:
        with (
            run_server(database_url, env=env, command=server_command, log_dir=folder) as first,
            run_server(database_url, env=env, command=server_command, log_dir=folder) as second,
            WorkerProcess(database_url, env=env, workers=2, log_dir=folder) as worker,
            run_nginx(folder / "nginx", [first.port, second.port], cert, key) as nginx,
            httpx.Client(base_url=nginx.url, verify=_trusting(cert), timeout=60) as http,
        ):
            worker.start()
            yield Deployment(
                [first, second], worker, nginx, http, database, centre, sent, cli_admin
            )
    finally:
        database.dispose()


def test_readiness_sign_in_and_metrics_through_the_proxy(deployment: Deployment) -> None:
    http = deployment.http
    ready = http.get("/api/v1/health/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["database"] == "postgresql"
    signed_in = http.post(
        "/api/v1/auth/login",
        json={"username": deployment.cli_admin, "password": ADMIN_PASSWORD},
    )
    assert signed_in.status_code == 200, signed_in.text
    assert http.get("/metrics").status_code == 404  # scraped per process, never published
    assert http.get("/api/v1/health/live", headers={"X-Request-ID": "x"}).headers["x-request-id"]


def test_a_command_through_one_server_wakes_a_long_poll_held_on_the_other(
    deployment: Deployment,
) -> None:
    """Scale-out: LISTEN/NOTIFY carries a commit from the process that wrote it to all."""
    # Two sign-ins of the admin: one workstation waits while another writes.
    reader = sign_in(deployment.http, deployment.centre.usernames["admin"])
    admin = sign_in(deployment.http, deployment.centre.usernames["admin"])
    _, cursor = pull_all(reader)
    both = set(deployment.held_long_polls())
    polls: list[Future[httpx.Response]] = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        # nginx takes turns between the servers: poll until each server holds one.
        while len(polls) < 4 and not all(deployment.held_long_polls().values()):
            polls.append(pool.submit(_long_poll, reader, cursor))
            _wait_for_held(deployment, len(polls))
        assert all(deployment.held_long_polls().values()), deployment.held_long_polls()
        message_id = new_id()
        pusher = Pusher(admin)
        posted = pusher.send(
            pusher.command(
                "send_message",
                message_id=message_id,
                thread_id=deployment.centre.threads["office"],
                body="Picture day is Friday",
            )
        )
        assert posted.status_code == 200, posted.text
        assert posted.json()["results"][0]["status"] == "applied", posted.text
        answers = [poll.result(timeout=LONG_POLL_SECONDS + 30) for poll in polls]
    nginx = deployment.nginx
    writer = nginx.upstream_of(posted.headers["x-request-id"])
    pollers = {nginx.upstream_of(answer.headers["x-request-id"]) for answer in answers}
    assert pollers == both
    assert writer in both
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert message_id in _row_ids(answer.json(), "message")


def test_a_delivery_is_sent_once_by_the_worker(deployment: Deployment) -> None:
    admin = sign_in(deployment.http, deployment.centre.usernames["admin"])
    message_id = new_id()
    body = f"Early pickup today {message_id[:8]}"
    result = Pusher(admin).run(
        "send_message", message_id=message_id, thread_id=deployment.centre.threads["sms"], body=body
    )
    assert result["status"] == "applied", result

    def settled() -> bool:
        if not deployment.worker.running:
            raise AssertionError(f"desk worker exited:\n{deployment.worker.log_text()[-4000:]}")
        rows = deliveries_of(deployment.database, message_id)
        return bool(rows) and all(row.state in SENT for row in rows)

    wait_until(settled, f"the text {message_id} is sent", timeout=60)
    lines = [json.loads(line) for line in deployment.deliveries_log.read_text().splitlines()]
    sent = [line for line in lines if body in line.get("body", "")]
    assert [line["to"] for line in sent] == ["+15555550101"]


def _wait_for_held(deployment: Deployment, count: int) -> None:
    def held() -> bool:
        return sum(deployment.held_long_polls().values()) == count

    wait_until(held, f"{count} long-polls are held", timeout=30)


def _trusting(cert: Path) -> ssl.SSLContext:
    """A client context that trusts the proxy's self-signed certificate, and it only."""
    return ssl.create_default_context(cafile=str(cert))


def _long_poll(caller: Caller, cursor: str) -> httpx.Response:
    answer: httpx.Response = caller.get(
        "/api/v1/changes", params={"after": cursor, "wait": LONG_POLL_SECONDS}
    )
    return answer


def _row_ids(page: dict[str, Any], table: str) -> set[str]:
    ids: set[str] = set()
    for found in page["tables"]:
        if found["name"] == table:
            at = found["columns"].index("id")
            ids.update(row[at] for row in found["rows"])
    return ids


def test_a_server_restarted_in_an_upgrade_loses_no_client(deployment: Deployment) -> None:
    """docs/deploy.md "Upgrades": restart one process while clients go through the proxy.

    While one server is down, sign-in, reads and commands still succeed through the
    proxy (nginx passes a request it could not send to the other server); the server
    comes back ready on the same port.
    """
    admin = sign_in(deployment.http, deployment.centre.usernames["admin"])
    pusher = Pusher(admin)
    down = deployment.servers[0]
    down.stop()
    try:
        for number in range(4):  # more than one turn of nginx's round robin
            ready = deployment.http.get("/api/v1/health/ready")
            assert ready.status_code == 200, ready.text
            sent = pusher.run(
                "send_message",
                message_id=new_id(),
                thread_id=deployment.centre.threads["office"],
                body=f"During the upgrade {number}",
            )
            assert sent["status"] == "applied", sent
        assert sign_in(deployment.http, deployment.centre.usernames["office"]).me
    finally:
        down.start()
    assert httpx.get(f"{down.url}/api/v1/health/ready", timeout=10).status_code == 200
    # nginx took it out for `fail_timeout`; the tests after this one need it back.
    back = f"127.0.0.1:{down.port}"

    def routed_again() -> bool:
        answer = deployment.http.get("/api/v1/health/live")
        return deployment.nginx.upstream_of(answer.headers["x-request-id"]) == back

    wait_until(routed_again, f"nginx sends requests to {back} again", timeout=30, interval=0.5)
