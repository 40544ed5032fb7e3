"""Self-tests of the shared test machinery: server processes, ports, databases, keyring.

The server helper is exercised against a stand-in: a stdlib HTTP server that answers
`/api/v1/health/ready` the way `desk server` must, so these tests do not depend on the real
backend being finished or healthy.
"""

from __future__ import annotations

import json
import signal
import socket
import sys
import textwrap
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.support import server_process
from tests.support.net import free_port
from tests.support.server_process import HEALTH_PATH, ServerProcess, ServerStartError, run_server

STAND_IN = textwrap.dedent(
    """
    import argparse, json, os, signal, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--health-status", type=int, default=200)
    parser.add_argument("--ignore-sigterm", action="store_true")
    parser.add_argument("--fail", default="")
    args = parser.parse_args()
    if args.fail:
        sys.exit(args.fail)
    if args.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path not in ("/api/v1/health", "/api/v1/health/ready"):
                self.send_error(404)
                return
            body = json.dumps({
                "pid": os.getpid(),
                "database_url": os.environ.get("DESK_DATABASE_URL"),
                "extra": os.environ.get("STAND_IN_EXTRA"),
            }).encode()
            self.send_response(args.health_status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *values):
            print(format % values, file=sys.stderr, flush=True)


    server = HTTPServer((args.host, args.port), Handler)
    print(f"stand-in listening on {args.host}:{args.port}", file=sys.stderr, flush=True)
    server.serve_forever()
    """
)

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def stand_in(tmp_path: Path) -> list[str]:
    """The command line of the stand-in server, with `{host}`/`{port}` placeholders."""
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    return [sys.executable, str(script), "--host", "{host}", "--port", "{port}"]


def health(url: str) -> dict[str, Any]:
    with _NO_PROXY.open(url + HEALTH_PATH, timeout=5) as response:
        assert response.status == 200
        body: dict[str, Any] = json.load(response)
        return body


def refuses_connections(url: str) -> bool:
    try:
        health(url)
    except urllib.error.URLError as error:
        return isinstance(error.reason, ConnectionRefusedError)
    return False


def test_run_server_waits_for_health_and_stops_on_exit(stand_in: list[str], tmp_path: Path) -> None:
    with run_server("sqlite:///one.db", command=stand_in, log_dir=tmp_path) as server:
        assert server.running
        assert server.url == f"http://127.0.0.1:{server.port}"
        answer = health(server.url)
        assert answer["pid"] == server.pid
        assert answer["database_url"] == "sqlite:///one.db"
    assert not server.running
    assert server.returncode == -signal.SIGTERM
    assert refuses_connections(server.url)
    assert "stand-in listening" in server.log_text()


def test_kill_then_restart_serves_again_on_the_same_url(
    stand_in: list[str], tmp_path: Path
) -> None:
    with run_server("sqlite:///x.db", command=stand_in, log_dir=tmp_path) as server:
        url, first_pid = server.url, server.pid
        server.kill()
        assert not server.running
        assert server.returncode == -signal.SIGKILL
        assert refuses_connections(url)

        server.restart()
        assert server.url == url
        assert server.pid != first_pid
        assert health(url)["pid"] == server.pid


def test_restart_of_a_running_server_replaces_the_process(
    stand_in: list[str], tmp_path: Path
) -> None:
    with run_server("sqlite:///x.db", command=stand_in, log_dir=tmp_path) as server:
        first_pid = server.pid
        server.restart()
        assert health(server.url)["pid"] == server.pid != first_pid


def test_stop_then_start_again(stand_in: list[str], tmp_path: Path) -> None:
    with run_server("sqlite:///x.db", command=stand_in, log_dir=tmp_path) as server:
        server.stop()
        assert refuses_connections(server.url)
        server.start()
        assert health(server.url)["pid"] == server.pid


def test_extra_environment_reaches_the_process(stand_in: list[str], tmp_path: Path) -> None:
    with run_server(
        "sqlite:///x.db", env={"STAND_IN_EXTRA": "hello"}, command=stand_in, log_dir=tmp_path
    ) as server:
        assert health(server.url)["extra"] == "hello"


def test_server_dying_at_start_fails_with_its_output(stand_in: list[str], tmp_path: Path) -> None:
    with pytest.raises(ServerStartError, match=r"(?s)exited with code 1.*bad config: no such"):
        run_server("sqlite:///x.db", command=[*stand_in, "--fail", "bad config: no such"])


def test_server_never_healthy_times_out_and_is_killed(stand_in: list[str], tmp_path: Path) -> None:
    server = ServerProcess(
        "sqlite:///x.db",
        command=[*stand_in, "--health-status", "503"],
        log_dir=tmp_path,
        startup_timeout=0.5,
    )
    with pytest.raises(
        ServerStartError, match=r"did not answer 200 .* within 0.5s \(last: HTTP 503\)"
    ):
        server.start()
    assert not server.running
    assert server.returncode == -signal.SIGKILL


def test_stop_escalates_to_sigkill(stand_in: list[str], tmp_path: Path) -> None:
    server = run_server(
        "sqlite:///x.db",
        command=[*stand_in, "--ignore-sigterm"],
        log_dir=tmp_path,
        stop_timeout=0.3,
    )
    server.stop()
    assert server.returncode == -signal.SIGKILL
    assert "sending SIGKILL" in server.log_text()


def test_port_taken_before_bind_is_picked_again(
    stand_in: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: free_port() can race with another process; start-up must not flake."""
    # Bound, not listening: binding it fails, but connecting is refused at once.
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        taken = squatter.getsockname()[1]
        ports = iter([taken, free_port()])
        monkeypatch.setattr(server_process, "free_port", lambda host="127.0.0.1": next(ports))
        with run_server("sqlite:///x.db", command=stand_in, log_dir=tmp_path) as server:
            assert server.port != taken
            health(server.url)
        assert "already in use" in server.log_text()


def test_explicit_port_in_use_fails_clearly(stand_in: list[str], tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        taken = squatter.getsockname()[1]
        with pytest.raises(ServerStartError, match=r"(?i)address already in use"):
            run_server("sqlite:///x.db", command=stand_in, port=taken, log_dir=tmp_path)


def test_free_port_can_be_bound() -> None:
    port = free_port()
    with socket.create_server(("127.0.0.1", port)):
        pass


def test_shared_server_is_the_real_backend_on_its_own_database(
    server: ServerProcess, server_url: str, database_url: str
) -> None:
    assert server_url == server.url
    assert server.running
    assert server.database_url != database_url
    with _NO_PROXY.open(server_url + HEALTH_PATH, timeout=5) as response:
        assert response.status == 200


def test_database_url_is_a_working_database(database_url: str, database_backend: str) -> None:
    from sqlalchemy import create_engine, text

    assert database_url.startswith(
        {"sqlite": "sqlite:///", "postgres": "postgresql+psycopg://"}[database_backend]
    )
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE fixture_probe (id INTEGER PRIMARY KEY)"))
            conn.execute(text("INSERT INTO fixture_probe (id) VALUES (1)"))
            assert conn.execute(text("SELECT count(*) FROM fixture_probe")).scalar_one() == 1
            conn.execute(text("DROP TABLE fixture_probe"))
    finally:
        engine.dispose()


def test_database_factory_gives_distinct_databases(
    database_factory: Any, database_url: str
) -> None:
    first, second = database_factory(), database_factory()
    assert len({first, second, database_url}) == 3


def test_keyring_file_is_the_keyring_and_stays_in_tmp_path(
    keyring_file: Any, tmp_path: Path
) -> None:
    import keyring

    keyring.set_password("desk-test", "alice", "s3cret")
    assert keyring.get_password("desk-test", "alice") == "s3cret"
    assert Path(keyring_file.file_path).is_relative_to(tmp_path)
    assert "alice" in Path(keyring_file.file_path).read_text()


def test_without_keyring_file_no_keyring_is_reachable() -> None:
    import keyring
    from keyring.errors import NoKeyringError

    with pytest.raises(NoKeyringError):
        keyring.get_password("desk-test", "alice")
