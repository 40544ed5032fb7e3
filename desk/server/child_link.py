"""Messages between a server process and one command process, over a socket pair.

The server's side reads and writes on its event loop (asyncio streams): a command
crossing to a child and back needs no thread of the server, so it never waits for
the interpreter lock behind the busy loop. Through ProcessPoolExecutor, before, a
request went out through its manager and feeder threads and its answer came back
through the manager thread, each hand-over waiting for the lock the loop held: with
2,000 streams of one centre, the POST's time in the server beyond the child's own
work was 24 ms at the median (`bench/bench_load.py --scenario single`). The child's
side is a plain blocking socket: it does one thing at a time.

A message is a pickle behind its length (4 bytes, big-endian), and never None: the
child reads None as the end of the link. Both ends are this program's own
processes; nothing else writes to the socket.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct

HEADER = struct.Struct("!I")


class LinkClosed(EOFError):
    """The other side closed the link or died: no answer will come."""


def _framed(message: object) -> bytes:
    if message is None:
        raise ValueError("None is not a message: it stands for the end of the link")
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


async def send(writer: asyncio.StreamWriter, message: object) -> None:
    """Send `message` from the event loop.

    Raises:
        LinkClosed: the child is gone.
    """
    try:
        writer.write(_framed(message))
        await writer.drain()
    except OSError as error:  # a reset or broken pipe: it died
        raise LinkClosed(f"the command process is gone: {error}") from error


async def receive(reader: asyncio.StreamReader) -> object:
    """The next message, read on the event loop.

    Raises:
        LinkClosed: the child is gone.
    """
    try:
        (size,) = HEADER.unpack(await reader.readexactly(HEADER.size))
        message: object = pickle.loads(await reader.readexactly(size))
    except (asyncio.IncompleteReadError, OSError) as error:
        raise LinkClosed(f"the command process is gone: {error}") from error
    return message


def send_blocking(link: socket.socket, message: object) -> None:
    """Send `message` from the child."""
    link.sendall(_framed(message))


def receive_blocking(link: socket.socket) -> object | None:
    """The next message, in the child; None once the server closed the link.

    Raises:
        LinkClosed: the link broke in the middle of a message.
    """
    header = _read_exactly(link, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    data = _read_exactly(link, size)
    if data is None:
        raise LinkClosed("the server closed the link in the middle of a message")
    message: object = pickle.loads(data)
    return message


def _read_exactly(link: socket.socket, size: int) -> bytes | None:
    """`size` bytes, or None at the end of the stream before the first of them."""
    data = bytearray()
    while len(data) < size:
        chunk = link.recv(size - len(data))
        if not chunk:
            if data:
                raise LinkClosed("the link ended in the middle of a message")
            return None
        data += chunk
    return bytes(data)
