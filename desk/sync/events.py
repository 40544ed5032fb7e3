"""Reading Server-Sent Events off a body that arrives in pieces.

The change-feed stream (`/changes/stream`) sends each page as one event: `data:`
lines, optionally an `event:` name, and a blank line. Pieces of the body split
anywhere, mid-line included; an event is passed on only once its blank line came.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """One event: its name ("message" when unnamed) and its data lines joined."""

    name: str
    data: bytes


def events(read_some: Callable[[], bytes]) -> Iterator[Event]:
    """The events in the body `read_some` returns piece by piece (b"" at its end).

    An event cut off by the end of the body is dropped: only whole ones count.
    Comments (`:` lines, a proxy's keep-alive) and unknown fields are skipped.
    """
    pending = bytearray()
    name = b""
    data: list[bytes] = []
    while piece := read_some():
        if b"\n" not in piece:  # a large page arrives in many pieces: no rescanning
            pending += piece
            continue
        pending += piece
        *lines, rest = bytes(pending).split(b"\n")
        pending = bytearray(rest)
        for raw in lines:
            line = raw.removesuffix(b"\r")
            if not line:
                if data:
                    yield Event((name or b"message").decode(errors="replace"), b"\n".join(data))
                name, data = b"", []
                continue
            field, _, value = line.partition(b":")
            value = value.removeprefix(b" ")
            if field == b"data":
                data.append(value)
            elif field == b"event":
                name = value
