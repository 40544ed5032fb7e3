"""Bringing a server database to the newest schema with Alembic."""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from desk.server.config import ServerSettings

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    """An Alembic configuration for `database_url`, without an alembic.ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    """Apply every pending migration; a no-op on an up-to-date database."""
    command.upgrade(alembic_config(database_url), "head")


def head_revision() -> str | None:
    """The newest migration this version of the server ships."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The migration the database behind `connection` is at; None when never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


def main(argv: list[str] | None = None) -> None:
    """`python -m desk.server.migrate upgrade` or `revision -m "what changed"`."""
    parser = argparse.ArgumentParser(prog="python -m desk.server.migrate")
    parser.add_argument("action", choices=["upgrade", "revision"])
    parser.add_argument("-m", "--message", default="schema change")
    parser.add_argument("--database-url", default=None, help="default: DESK_DATABASE_URL")
    args = parser.parse_args(argv)
    url = args.database_url or ServerSettings.load().database_url
    if args.action == "upgrade":
        upgrade(url)
    else:
        command.revision(alembic_config(url), message=args.message, autogenerate=True)


if __name__ == "__main__":
    main()
