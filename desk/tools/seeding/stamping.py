"""Sync versions for seeded rows (DESIGN.md §4).

The change feed pages by `(version, table, id)` and serves a version only once
`sync_state` has reached it, so seeded rows need versions above 0 and the centre's
`sync_state` row must end at the largest. A real server stamps each transaction
with one version; a bulk load stamps every batch of `BATCH` rows with the next
one, in the order the rows are written, so a client's initial sync pages through
the seed in the same small steps it would through ordinary history.

The stamp itself (`centre_id`, `version`, `deleted`) is applied by the sink, which
knows its cheapest way: SQLite writes the batch's constants into the statement
rather than binding them a thousand times, COPY needs them in every row. SQLite
computes the message rows in SQL and stamps them there, with the versions
`batches` would have given them (`Versions.take`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

BATCH = 1_000

Batch = tuple[int, list[tuple[Any, ...]]]
"""A version and the rows (without their sync header) stamped with it."""


class Versions:
    """Hands out consecutive versions from 1; `last` is the newest handed out."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        """The next version."""
        self.last += 1
        return self.last

    def take(self, rows: int) -> int:
        """Hand out the versions of `rows` rows as `batches` would stamp them.

        Row `n` (from 0) gets version `before + 1 + n // BATCH`.

        Returns:
            `before`: the newest version handed out until now.
        """
        before = self.last
        self.last += -(-rows // BATCH)
        return before


def batches(rows: Iterable[tuple[Any, ...]], versions: Versions) -> Iterator[Batch]:
    """Cut rows into batches of `BATCH`, each with the next version."""
    source = iter(rows)
    while batch := list(islice(source, BATCH)):
        yield versions.next(), batch
