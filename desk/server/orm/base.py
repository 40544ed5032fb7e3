"""Declarative base, the UTC time type and the columns every synced table carries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import BigInteger, Boolean, DateTime, Dialect, FromClause, Index, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

ID_LENGTH = 36  # a UUID in its canonical text form; clients generate ids offline

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite has no time zone type, so naive values would silently mix local and UTC
    times; this type refuses naive input and always hands back aware UTC values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store `value` in UTC, naive on SQLite; refuse a naive `value`."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC time is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Hand back an aware UTC time, whatever form the driver read it in."""
        if value is None:
            return None
        if isinstance(value, str):  # rows written by the bulk seeder through sqlite3
            value = datetime.fromisoformat(value)
        aware: datetime = (
            value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        )
        return aware


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every server table."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime, str: String(255)}


class Synced:
    """Columns of a table that the change feed sends to clients.

    `version` is the centre's sync version of the transaction that last wrote the row
    (DESIGN.md §4); `deleted` is a tombstone so clients learn of deletions. Which of
    a synced table's columns leave the server, and for whom, is declared in
    `desk.core.schema`, which a test holds these models to.
    """

    if TYPE_CHECKING:  # what every mapped subclass has, for code typed `type[Synced]`
        __tablename__: Any
        __table__: ClassVar[FromClause]

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:  # noqa: N805 - SQLAlchemy passes the class
        return (Index(f"ix_{cls.__tablename__}_feed", "centre_id", "version", "id"),)
