"""Writing a generated centre into a sink, and what it cost."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from desk.tools.seeding.centre import SeededCentre
from desk.tools.seeding.messages import MessageStream
from desk.tools.seeding.sinks.base import Sink
from desk.tools.seeding.stamping import Versions, batches


@dataclass(frozen=True)
class TableLoad:
    """One table's share of a load.

    Attributes:
        write_seconds: generating and writing the rows (they are streamed together),
            and filling the indexes that were kept.
        index_seconds: rebuilding the table's indexes after the load, if they were
            dropped for it.
    """

    table: str
    rows: int
    write_seconds: float
    index_seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        """Rows over the whole time the table took, index rebuild included."""
        seconds = self.write_seconds + self.index_seconds
        return self.rows / seconds if seconds else 0.0


@dataclass
class LoadReport:
    """What a load wrote and how fast.

    Attributes:
        prepare_seconds: hashing the staff secrets and drawing people and thread
            plans, before the first row is written.
        version: the centre's `sync_state` version after the load.
        commit_seconds: the commit and WAL checkpoint, after the index rebuilds.
        seconds: the whole load, from the first row to the commit's end.
    """

    centre_id: str
    centre_number: int
    centre_name: str
    tables: list[TableLoad] = field(default_factory=list)
    prepare_seconds: float = 0.0
    version: int = 0
    commit_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        """Rows written over all tables."""
        return sum(table.rows for table in self.tables)

    @property
    def rows_per_second(self) -> float:
        """Rows over the whole load."""
        return self.rows / self.seconds if self.seconds else 0.0

    def table(self, name: str) -> TableLoad:
        """The load of one table."""
        return next(table for table in self.tables if table.table == name)


def write_centre(sink: Sink, centre: SeededCentre) -> LoadReport:
    """Write every stream of `centre`, stamp its versions, set its scope, commit."""
    report = LoadReport(centre.id, centre.number, centre.name)
    versions = Versions()
    started = time.perf_counter()
    writes = []
    for table, rows in centre.streams:
        table_started = time.perf_counter()
        if isinstance(rows, MessageStream):
            count = sink.write_messages(centre.id, rows, versions)
        else:
            count = sink.write(table, centre.id, batches(rows, versions))
        writes.append((table.name, count, time.perf_counter() - table_started))
    sink.set_version(centre.id, versions.last)
    for month, segments in centre.texts_by_month.items():
        sink.set_texts(centre.id, month, segments)
    commit_started = time.perf_counter()
    index_seconds = sink.commit()
    finished = time.perf_counter()
    report.tables = [
        TableLoad(name, count, seconds, index_seconds.get(name, 0.0))
        for name, count, seconds in writes
    ]
    report.version = versions.last
    report.commit_seconds = finished - commit_started - sum(index_seconds.values())
    report.seconds = finished - started
    return report
