"""Which server tables the seeder writes, in which order, with which columns.

Rows are plain tuples, because building millions of dicts or ORM objects is what
makes a seeder slow. A tuple only means something next to its column list, so every
list comes from the one declaration of the synced schema (`desk.core.schema`), private
server-only columns included, in declared order; `tests/models/test_contract.py`
checks the declaration against the server ORM. A column added to the declaration
changes the tuples the seeder must build, and `Table.row` or the tests say so.

The order of `LOAD_ORDER` is a foreign-key order: PostgreSQL checks every
reference as the row arrives, so a parent table is always written before its
children.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk.core.schema import BY_NAME, SyncedTable

SYNC_HEADER = ("centre_id", "version", "deleted")
"""Columns of every synced table that the stamper fills in, ahead of each row."""


@dataclass(frozen=True)
class Table:
    """One table's own columns, in the order the seeder's tuples use.

    Attributes:
        name: the table name in the server schema.
        columns: the columns after `SYNC_HEADER`, starting with `id`.
    """

    name: str
    columns: tuple[str, ...]

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Every column a stamped row carries, in order."""
        return SYNC_HEADER + self.columns

    def row(self, **values: Any) -> tuple[Any, ...]:
        """A row from keyword arguments, for tables too small to need positional speed.

        Raises:
            KeyError: if a column is missing or an unknown one is given, so a schema
                change cannot silently shift every value one column over.
        """
        if len(values) != len(self.columns):
            unknown = sorted(set(values) - set(self.columns))
            missing = sorted(set(self.columns) - set(values))
            raise KeyError(f"{self.name}: unknown columns {unknown}, missing {missing}")
        return tuple(values[column] for column in self.columns)


def seeded(declared: SyncedTable) -> Table:
    """The seeder's view of a declared synced table: `id`, then every column."""
    return Table(declared.name, ("id", *declared.column_names))


def _table(name: str) -> Table:
    return seeded(BY_NAME[name])


CENTRE = _table("centre")
ROOM = _table("room")
FAMILY = _table("family")
GUARDIAN = _table("guardian")
STUDENT = _table("student")
AUTHORIZED_PICKUP = _table("authorized_pickup")
STAFF = _table("staff")
STAFF_ROOM = _table("staff_room")
STAFF_GROUP = _table("staff_group")
STAFF_GROUP_MEMBER = _table("staff_group_member")
DEVICE = _table("device")
CHANNEL_STATUS = _table("channel_status")
PROGRAM = _table("program")
ENROLLMENT = _table("enrollment")
KIOSK_DEVICE = _table("kiosk_device")
THREAD = _table("thread")
PARTICIPANT = _table("participant")
MESSAGE = _table("message")
ATTACHMENT = _table("attachment")
DELIVERY = _table("delivery")
RECEIPT = _table("receipt")
KIOSK_MESSAGE = _table("kiosk_message")
ATTENDANCE_EVENT = _table("attendance_event")
TEMPLATE = _table("template")
AUDIT_EVENT = _table("audit_event")
BACKGROUND_TASK_ERROR = _table("background_task_error")

LOAD_ORDER: tuple[Table, ...] = (
    CENTRE,
    ROOM,
    FAMILY,
    GUARDIAN,
    STUDENT,
    AUTHORIZED_PICKUP,
    STAFF,
    STAFF_ROOM,
    STAFF_GROUP,
    STAFF_GROUP_MEMBER,
    DEVICE,
    CHANNEL_STATUS,
    PROGRAM,
    ENROLLMENT,
    KIOSK_DEVICE,
    THREAD,
    PARTICIPANT,
    MESSAGE,
    ATTACHMENT,
    DELIVERY,
    RECEIPT,
    KIOSK_MESSAGE,
    ATTENDANCE_EVENT,
    TEMPLATE,
    AUDIT_EVENT,
    BACKGROUND_TASK_ERROR,
)
