"""The one shared fixtures module of the suite.

Fixtures:
    database_backend: "sqlite" or "postgres"; every test that uses a database fixture
        runs once per backend (ids `[sqlite]` and `[postgres]`; the postgres run carries
        the `postgres` marker).
    database_factory: `() -> str`, makes another fresh, empty database of that backend
        and returns its SQLAlchemy URL; all of them are dropped at the end of the session.
    database_url: one fresh database for the session (per backend).
    server: a real `desk server` process on loopback (a `ServerProcess`), session-scoped
        per backend, on a database of its own (`server.database_url`).
    server_url: the base URL of `server`, e.g. `http://127.0.0.1:40123`.
    keyring_file: a file-backed keyring in `tmp_path` installed as *the* keyring.

Environment:
    DESK_TEST_BACKENDS: comma-separated subset of `sqlite,postgres` to run (default both).
    DESK_TEST_PG_HOST / DESK_TEST_PG_PORT / DESK_TEST_PG_USER: the PostgreSQL server the
        postgres tests create their databases on (default postgres@127.0.0.1:5432, trust
        auth). When it is unreachable the postgres tests fail; they are left out only when
        DESK_TEST_BACKENDS says so or with `-m "not postgres"`.
"""

from __future__ import annotations

import os
from pathlib import Path

# Before anything can import Qt or keyring: no window ever opens, and no test can reach
# the real keyring of whoever runs the suite (the `keyring_file` fixture installs one).
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import contextlib
import gc
import itertools
import re
import secrets
import threading
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from tests.support import server_process
from tests.support.server_process import ServerProcess, run_server

if TYPE_CHECKING:
    import psycopg
    from keyrings.alt.file import PlaintextKeyring

BACKENDS = ("sqlite", "postgres")


# Fixtures for running coroutines on a qasync loop (UI and sync tests).
pytest_plugins = ["tests.support.qt_async"]


def _selected_backends() -> set[str]:
    raw = os.environ.get("DESK_TEST_BACKENDS", "").strip()
    if not raw:
        return set(BACKENDS)
    chosen = {part.strip() for part in raw.split(",") if part.strip()}
    if unknown := chosen - set(BACKENDS):
        raise pytest.UsageError(
            f"DESK_TEST_BACKENDS={raw!r}: unknown {sorted(unknown)}; choose from {BACKENDS}"
        )
    return chosen


# -- PostgreSQL ----------------------------------------------------------------------


class _PostgresServer:
    """The PostgreSQL server that the postgres tests make their databases on."""

    _NAME = re.compile(r"^desk_test_(\d+)_[0-9a-f]+$")

    def __init__(self) -> None:
        self.host = os.environ.get("DESK_TEST_PG_HOST", "127.0.0.1")
        self.port = int(os.environ.get("DESK_TEST_PG_PORT", "5432"))
        self.user = os.environ.get("DESK_TEST_PG_USER", "postgres")
        self.created: list[str] = []

    def __str__(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def connect(self) -> psycopg.Connection[Any]:
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )

    def check_reachable(self) -> None:
        """Fail (not skip) with what to do when the server cannot be used."""
        import psycopg

        try:
            with self.connect() as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as error:
            reason = " ".join(str(error).split())
        else:
            return
        pytest.fail(
            f"PostgreSQL is not reachable as {self} ({reason}).\n"
            "The postgres-backed tests need it. Run `bash scripts/test.sh`, which "
            "installs and starts it; or start it yourself; or point DESK_TEST_PG_HOST, "
            "DESK_TEST_PG_PORT and DESK_TEST_PG_USER at one (trust auth); or leave "
            "these tests out on purpose with DESK_TEST_BACKENDS=sqlite "
            "(or -m 'not postgres').",
            pytrace=False,
        )

    def create_database(self) -> str:
        """A new empty database with a name no concurrent run can share."""
        from psycopg import sql

        name = f"desk_test_{os.getpid()}_{secrets.token_hex(4)}"
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.created.append(name)
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql+psycopg://{quote(self.user, safe='')}@{host}:{self.port}/{name}"

    def drop_created(self) -> None:
        """Drop this run's databases, closing whatever connections are still open."""
        from psycopg import sql

        with self.connect() as conn:
            for name in self.created:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        self.created.clear()

    def drop_leftovers(self) -> None:
        """Drop databases left by runs that were killed before their teardown.

        Only on a loopback server (where the pid in the name is a pid of this machine),
        only when that process is gone, and never while anything is connected.
        """
        if self.host not in ("127.0.0.1", "localhost", "::1"):
            return
        from psycopg import sql

        with self.connect() as conn:
            names = [row[0] for row in conn.execute("SELECT datname FROM pg_database")]
            for name in names:
                match = self._NAME.match(name)
                if not match or _process_alive(int(match.group(1))):
                    continue
                with contextlib.suppress(Exception):  # in use or gone: leave it
                    conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- hooks ---------------------------------------------------------------------------

_LOG_MARKS = pytest.StashKey[dict[Path, int]]()


def pytest_report_header(config: pytest.Config) -> str:
    selected = _selected_backends()
    pg = _PostgresServer()
    backends = ", ".join(
        f"{name} ({pg})" if name == "postgres" else name for name in BACKENDS if name in selected
    )
    return f"desk database backends: {backends}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the backends that DESK_TEST_BACKENDS excludes, visibly (deselected)."""
    selected = _selected_backends()
    if selected == set(BACKENDS):
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("database_backend") if callspec else None
        if item.get_closest_marker("postgres") is not None:
            backend = backend or "postgres"
        (dropped if backend is not None and backend not in selected else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool | None:
    """pytest-timeout's `thread` method, killing our server processes before it ends the run.

    It ends the run with `os._exit`, which skips `atexit`, so every `desk server` the run
    started would outlive it. By then `faulthandler_timeout` has printed each thread's
    stack as the hang left it.
    """
    if settings.method != "thread":
        return None
    import pytest_timeout  # type: ignore[import-untyped]

    def expire() -> None:
        server_process.kill_all()
        pytest_timeout.timeout_timer(item, settings)

    timer = threading.Timer(settings.timeout, expire)
    timer.name = f"timeout of {item.nodeid}"
    timer.daemon = True

    def cancel() -> None:
        timer.cancel()
        timer.join()

    item.cancel_timeout = cancel  # type: ignore[attr-defined]  # pytest-timeout calls it
    timer.start()
    return True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_LOG_MARKS] = server_process.log_marks()


def pytest_configure(config: pytest.Config) -> None:
    """Collect reference cycles on the main thread only, between tests.

    Left automatic, the collector runs on whichever thread allocates when a threshold
    is passed: a test's server, pool or HTTP peer thread. A test's Qt objects caught in
    cycles (an engine and its signals, a window's helpers) were then destroyed on that
    thread while the main thread delivered their queued events: a segfault in a later
    test's teardown, when pytest-qt processes events (about one CI run in three).
    """
    gc.disable()


_TEARDOWNS = itertools.count()
FULL_COLLECTION_EVERY = 50
"""Tests between full collections: one costs 0.2-0.4 s; the young generations, microseconds."""


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    """Free the test's cycles here, on the main thread, before and after its fixtures'.

    Before pytest-qt processes the events left behind; see `pytest_configure`. With
    automatic collection off, what a test made is all in the young generations; what
    outlived a collection (a module's fixtures) is freed by the full one now and then.
    """
    gc.collect(1)
    result = yield
    gc.collect(2 if next(_TEARDOWNS) % FULL_COLLECTION_EVERY == 0 else 1)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attach what every server process printed during a failed test to its report."""
    report: pytest.TestReport = yield
    if report.failed:
        marks: dict[Path, int] = item.stash.get(_LOG_MARKS, {})
        for label, text in server_process.logs_since(marks):
            report.sections.append((f"Captured log of {label}", text))
    return report


# -- databases -----------------------------------------------------------------------


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def database_backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this run of the test: "sqlite" or "postgres"."""
    backend: str = request.param
    return backend


@pytest.fixture(scope="session")
def database_factory(
    database_backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], str]]:
    """Make fresh empty databases of the current backend; all are dropped at the end."""
    if database_backend == "sqlite":
        directory = tmp_path_factory.mktemp("sqlite")
        serial = itertools.count(1)

        def make_sqlite() -> str:
            return f"sqlite:///{directory / f'desk-{next(serial)}.db'}"

        yield make_sqlite
        return

    postgres = _PostgresServer()
    postgres.check_reachable()
    postgres.drop_leftovers()
    try:
        yield postgres.create_database
    finally:
        postgres.drop_created()


@pytest.fixture(scope="session")
def database_url(database_factory: Callable[[], str]) -> str:
    """SQLAlchemy URL of a fresh database shared by the session's tests on this backend.

    Tests share it: give rows unique keys, or take a database of your own from
    `database_factory` when a test needs an empty one.
    """
    return database_factory()


# -- server --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server(
    database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """A real server process on loopback, shared by the session's tests on this backend.

    It runs on a database of its own (`server.database_url`), migrated by the server at
    start. Tests that stop, kill or restart a server start their own with
    `tests.support.server_process.run_server(database_factory())` rather than this one.
    """
    with run_server(database_factory(), log_dir=tmp_path_factory.mktemp("server")) as process:
        yield process


@pytest.fixture
def server_url(server: ServerProcess) -> str:
    """Base URL of the shared server, e.g. `http://127.0.0.1:40123` (no trailing slash).

    If an earlier test left the shared server dead, this test fails and says so, and
    the server is started again for the tests after it.
    """
    if not server.running:
        exit_code, log = server.returncode, server.log_text()[-4000:]
        server.restart()
        pytest.fail(
            f"the shared server process was found dead (exit code {exit_code}) before this "
            f"test; it has been restarted. End of its log:\n{log}",
            pytrace=False,
        )
    return server.url


# -- keyring -------------------------------------------------------------------------


@pytest.fixture
def keyring_file(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    """A plaintext file keyring in `tmp_path`, installed with `keyring.set_keyring`.

    Without it every keyring call fails (PYTHON_KEYRING_BACKEND is set to the fail
    backend above), so no test can read or write a real user keyring. The fixture
    also names the file backend in PYTHON_KEYRING_BACKEND (for this test and the
    processes it starts): the app refuses a file keyring nobody configured.
    """
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    previous = keyring.get_keyring()
    previous_env = os.environ["PYTHON_KEYRING_BACKEND"]
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        os.environ["PYTHON_KEYRING_BACKEND"] = previous_env
