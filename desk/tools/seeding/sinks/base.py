"""What the seeder writes through: one transaction on one database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from desk.tools.seeding.clock import Clock
from desk.tools.seeding.messages import MessageStream
from desk.tools.seeding.stamping import Batch, Versions
from desk.tools.seeding.tables import Table


class Sink(Protocol):
    """A bulk writer into an existing server schema, inside one transaction.

    Nothing is visible to other connections until `commit`; leaving the context
    without committing rolls everything back, so a failed seed leaves no half
    centre behind.

    Attributes:
        clock: formats times as this database stores them.
    """

    clock: Clock

    def centre_ids(self) -> set[str]:
        """The ids of the centres already in the database."""
        ...

    def write(self, table: Table, centre_id: str, batches: Iterable[Batch]) -> int:
        """Write batches of rows in `table.columns` order.

        Each row is stamped with `(centre_id, version, deleted=false)`.

        Returns:
            How many rows were written.
        """
        ...

    def write_messages(self, centre_id: str, messages: MessageStream, versions: Versions) -> int:
        """Write the `message` rows, stamped as `stamping.batches` would stamp them.

        A sink may compute them from `messages.plans` where that is faster than
        iterating.

        Returns:
            How many rows were written.
        """
        ...

    def set_version(self, scope: str, version: int) -> None:
        """Set a sync scope's version, so the change feed serves the rows up to it."""
        ...

    def set_texts(self, centre_id: str, month: str, segments: int) -> None:
        """Set the SMS segments a centre's texts took in `month` (`sms_usage`, the quota)."""
        ...

    def commit(self) -> dict[str, float]:
        """Rebuild the indexes dropped for the load, then commit.

        Returns:
            Seconds spent rebuilding each table's indexes, by table name.
        """
        ...

    def close(self) -> None:
        """Roll back anything uncommitted and disconnect."""
        ...
