"""Command batches applied in processes of their own, beside the server's event loop.

A server process runs one event loop for thousands of streams. A command applied in
one of its threads gave the interpreter lock up at each round trip to the database
and waited to get it back behind the loop: with 2,000 streams of one centre woken
10 times a second, a reply costing 9 ms of CPU took 27 ms in its thread on average
and its POST 110 ms at p99 (`bench/bench_load.py --scenario single`). A child
process has an interpreter lock of its own. On PostgreSQL every command request (its
sign-in check, its body, its batch: `desk.server.command_requests`) is handled in one
(two workers; one round trip between processes per POST); a batch that
fans out to a whole centre (a New Message or an Emergency SMS to every family:
seconds of interpreter time for 5,000 guardians, `bench/bench_fanout.py`) runs in
another, at a lower CPU priority (`fan_out`), so that it holds up neither the loop
nor other commands. A child's commit NOTIFYs every server process, this one
included, as any commit does. On SQLite (one process: the desktop's embedded
server) everything stays in the threads.

A child is started with the server (`start`) and kept; requests cross to it and
back on the event loop (`desk.server.child_link`), one at a time per child. If it
dies, the work is done in a thread of the server instead and a new child is started
for the next: a child that died after its commit leaves the batch applied, and
applying it again answers its commands as duplicates (the command log), so nothing
is applied twice or lost. A child ends when its server process does (`_end_with`).
An error the child raises reaches the caller as the same exception (pickled, its
SQLSTATE kept), so the API answers it as it would from a thread.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import pickle
import select
import signal
import socket
import threading
import time
from collections import deque
from concurrent.futures import Executor
from multiprocessing.process import BaseProcess
from typing import cast

from sqlalchemy.orm import configure_mappers

from desk.server.child_link import (
    LinkClosed,
    receive,
    receive_blocking,
    send,
    send_blocking,
)
from desk.server.command_requests import CommandRequest, Handled, handle_commands
from desk.server.db import Database, open_database
from desk.server.fork_server import child_context
from desk.server.heap import freeze_startup_heap
from desk.server.logs import configure_logging
from desk.server.notify import Announcer, ChangeNotifier

log = logging.getLogger(__name__)

FAN_OUT_NICENESS = 10
"""How much lower a fan-out child's CPU priority is than the server's: where cores are
few, a fan-out of thousands took the CPU the server processes need to answer every
other client, and it is the one piece of work whose sender already expects to wait."""


CHILD_OVERFLOW = 1
"""Connections a command process may open beyond the one it keeps (docs/deploy.md)."""


class _Child:
    """One command process and the server's end of its link."""

    def __init__(
        self, process: BaseProcess, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.process, self.reader, self.writer = process, reader, writer
        self.pid = process.pid

    def close(self) -> None:
        """Close the link: the child reads its end and exits."""
        self.writer.close()


class ApplyProcess:
    """Child processes applying command batches, with the server's threads as fallback."""

    def __init__(
        self,
        database: Database,
        announcer: Announcer,
        log_format: str,
        *,
        workers: int = 1,
        niceness: int = 0,
    ) -> None:
        self._database, self._announcer = database, announcer
        self._log_format = log_format
        self._workers, self._niceness = workers, niceness
        self._children: set[_Child] = set()  # alive, busy or idle
        # Oldest idle first: each child is kept in use, so none meets its first
        # batch (compiling every statement, 25-40 ms more) only when commands
        # overlap, the busiest moment; last-in-first-out left the others cold.
        self._idle: deque[_Child] = deque()
        self._changed = asyncio.Event()  # a child became idle, was lost, or started
        self._starting: set[asyncio.Task[None]] = set()
        self._closed = False
        self.applied_in_child = 0
        """Batches a child applied (for tests and the curious)."""
        self.child_pid: int | None = None
        """The process id of the child that applied the last of them."""

    async def handle(self, request: CommandRequest, threads: Executor) -> Handled:
        """`handle_commands` in a child; in `threads` if there is none or it died.

        Raises:
            NotAuthenticated: as `principal_for_token` does.
        """
        child = await self._free_child()
        if child is not None:
            try:
                # Shielded: a request given up on still reads its answer, so the
                # child's next request does not read this one's.
                handled = await asyncio.shield(self._round_trip(child, request))
            except LinkClosed:
                log.warning("a command process died; doing its work in the server process")
            else:
                if handled.outcome is not None:
                    self.applied_in_child += 1
                    self.child_pid = child.pid
                return handled
        here = functools.partial(handle_commands, self._database, self._announcer, request)
        return await asyncio.get_running_loop().run_in_executor(threads, here)

    def start(self) -> None:
        """Start the children now (on the running loop), not with the first command.

        Starting one and setting it up take a moment that the first command (an
        Emergency SMS, say) should not wait for.
        """
        for _ in range(self._workers):
            self._start_one()

    @property
    def ready(self) -> bool:
        """Whether the children `start` began are up (or known not to come)."""
        return not self._starting

    def close(self) -> None:
        """Close every link: each child exits once its batch in flight, if any, is done."""
        self._closed = True
        for task in self._starting:
            task.cancel()
        for child in self._children:
            child.close()
        self._children.clear()
        self._idle.clear()
        self._changed.set()

    async def _free_child(self) -> _Child | None:
        """An idle child, waiting for one while any is busy or starting; else None."""
        while not self._idle:
            if self._closed or not (self._children or self._starting):
                return None
            self._changed.clear()
            await self._changed.wait()
        return self._idle.popleft()

    async def _round_trip(self, child: _Child, request: CommandRequest) -> Handled:
        try:
            await send(child.writer, request)
            answer = await receive(child.reader)
        except LinkClosed:
            self._lost(child)
            raise
        if not self._closed:
            self._idle.append(child)
            self._changed.set()
        kind, value = cast(tuple[str, object], answer)
        if kind == "error":
            assert isinstance(value, BaseException)
            raise value
        assert isinstance(value, Handled)
        return value

    def _lost(self, child: _Child) -> None:
        self._children.discard(child)
        child.close()
        self._changed.set()
        if not self._closed:
            self._start_one()

    def _start_one(self) -> None:
        task = asyncio.get_running_loop().create_task(self._started_child())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _started_child(self) -> None:
        try:
            child = await self._spawned()
        except Exception:
            log.exception("a command process could not be started; commands run in threads")
            return
        finally:
            self._changed.set()
        if self._closed:
            child.close()
            return
        self._children.add(child)
        self._idle.append(child)
        self._changed.set()

    async def _spawned(self) -> _Child:
        ours, theirs = socket.socketpair()
        process = child_context().Process(
            target=_serve,
            args=(theirs, self._database.url, self._log_format, self._niceness, os.getpid()),
            name="desk-commands",
            daemon=True,
        )
        try:
            # Asking the fork server for a child blocks until it has forked one.
            await asyncio.get_running_loop().run_in_executor(None, process.start)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        try:
            await receive(reader)  # the child is set up (its process id)
        except BaseException:
            writer.close()
            raise
        return _Child(process, reader, writer)


_child: tuple[Database, Announcer] | None = None
"""The child's database and announcer, opened once by `_open`."""


def _open(database_url: str, log_format: str, niceness: int, server_pid: int) -> None:
    """Set the child up: its own logging and connections; Ctrl+C is the parent's to act on."""
    global _child
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(server_pid)
    if niceness:
        os.nice(niceness)
    configure_logging(log_format)
    # One batch at a time: one connection, and a spare for a nested session.
    database = open_database(database_url, connections=1, overflow=CHILD_OVERFLOW)
    # Nobody waits on the child's notifier: on PostgreSQL its commits are announced
    # by NOTIFY, which every server process hears.
    _child = database, Announcer(ChangeNotifier(complete=False), database.dialect)
    configure_mappers()  # here, not in the first batch (15 ms of CPU), and then frozen
    freeze_startup_heap()


def _end_with(server_pid: int) -> None:
    """End this process when the server process does, however it ends.

    A child waits for work on a queue it holds both ends of, so it never sees the
    server go: after a SIGTERM to the server alone (not its process group), or a
    kill -9, the children (and the fork server, which lives while they do) stayed
    on, holding database connections. A thread waits for the server's end (a
    pidfd, where Linux has them; else it looks every `SERVER_CHECK_SECONDS`). A
    batch being applied then is rolled back with the connection, as it would be if
    the child were killed; its client sends it again.
    """
    if os.name != "posix":  # spawned children of Windows: not a server platform
        return
    threading.Thread(
        target=_wait_for_end, args=(server_pid,), name="server-watch", daemon=True
    ).start()


SERVER_CHECK_SECONDS = 1.0


def _wait_for_end(server_pid: int) -> None:
    try:
        pidfd = os.pidfd_open(server_pid)
    except (AttributeError, OSError):  # no pidfds here (older Linux, macOS)
        while _alive(server_pid):
            time.sleep(SERVER_CHECK_SECONDS)
    else:
        select.select([pidfd], [], [])  # readable once the process has ended
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's (a reused process id at worst)
        pass
    return True


def _opened() -> tuple[Database, Announcer]:
    if _child is None:
        raise RuntimeError("the command process was not set up")
    return _child


def _serve(
    link: socket.socket, database_url: str, log_format: str, niceness: int, server_pid: int
) -> None:
    """The child's life: set up, say so, then answer requests until the link closes."""
    _open(database_url, log_format, niceness, server_pid)
    database, announcer = _opened()
    with link:
        send_blocking(link, os.getpid())
        while (request := receive_blocking(link)) is not None:
            assert isinstance(request, CommandRequest)
            try:
                answer: tuple[str, object] = (
                    "handled",
                    handle_commands(database, announcer, request),
                )
            except Exception as error:  # the API answers it as from a thread
                answer = ("error", error)
            try:
                send_blocking(link, answer)
            except (TypeError, AttributeError, pickle.PicklingError) as error:
                # An exception that does not pickle: its text at least.
                send_blocking(link, ("error", RuntimeError(f"{answer[1]!r} ({error})")))
