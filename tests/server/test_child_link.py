"""The link between a server process and a command process: whole messages or a clear end."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest

from desk.server.child_link import (
    HEADER,
    LinkClosed,
    receive,
    receive_blocking,
    send,
    send_blocking,
)
from tests.support.qt_async import run_apart


def test_messages_cross_both_ways_whole() -> None:
    ours, theirs = socket.socketpair()
    big = b"x" * 1_000_000  # more than one socket buffer: read in many pieces

    def child() -> None:
        with theirs:
            while (message := receive_blocking(theirs)) is not None:
                send_blocking(theirs, ("echo", message))

    answering = threading.Thread(target=child)
    answering.start()

    async def server() -> list[object]:
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        answers = []
        for message in ({"token": "t", "body": big}, ("a", 1), 0):
            await send(writer, message)
            answers.append(await receive(reader))
        writer.close()
        return answers

    answers = run_apart(server())
    answering.join(10)
    assert answers == [("echo", {"token": "t", "body": big}), ("echo", ("a", 1)), ("echo", 0)]
    assert not answering.is_alive()  # the closed link ended the child's loop


def test_a_child_that_died_is_a_closed_link_not_a_hang() -> None:
    ours, theirs = socket.socketpair()

    async def server() -> None:
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        await send(writer, "a request")
        theirs.close()  # the child died before answering
        with pytest.raises(LinkClosed):
            await receive(reader)
        writer.close()

    run_apart(server())


def test_a_message_cut_in_the_middle_is_refused_in_the_child() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        ours.sendall(HEADER.pack(100) + b"only part of it")
        ours.shutdown(socket.SHUT_WR)
        with pytest.raises(LinkClosed):
            receive_blocking(theirs)


def test_a_link_closed_between_messages_ends_the_child_quietly() -> None:
    ours, theirs = socket.socketpair()
    with theirs:
        with pytest.raises(ValueError, match="end of the link"):
            send_blocking(ours, None)  # None would read as this end
        ours.close()
        assert receive_blocking(theirs) is None
