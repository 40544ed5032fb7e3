"""`python -m desk.models.migrate revision`: the client's autogenerate command."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

import desk.models.cache as cache_module
from desk.models.cache import open_cache
from desk.models.migrate import MIGRATIONS, next_revision, revision
from desk.models.migrations import HEAD


def test_revision_at_head_finds_no_difference_and_moves_head(tmp_path: Path) -> None:
    """With the declaration and the revisions in step, autogenerate writes an empty revision.

    It is numbered next, and `HEAD` follows it so `open_cache` applies it.
    """
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    written = revision("nothing changed", copy)
    assert written.parent == copy / "versions"
    assert written.name.startswith(next_revision(HEAD) + "_")
    text = written.read_text()
    assert "op." not in text  # no operation: models and migrations agree
    assert f'HEAD = "{next_revision(HEAD)}"' in (copy / "__init__.py").read_text()


def test_a_cache_with_deliveries_gains_their_note(tmp_path: Path) -> None:
    """Regression: revision 0003 upgrades a cache that already holds deliveries.

    It adds a NOT NULL column to rows that already exist, which SQLite refuses
    without the server default the review added.
    """
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option(
        "script_location", str(Path(cache_module.__file__).parent / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.exec_driver_sql(
            "INSERT INTO delivery (id, version, message_id, recipient_kind, recipient_id,"
            " channel, address, for_label, state, provider_ref, error, updated_at)"
            " VALUES ('d1', 3, 'm1', 'guardian', 'g1', 'sms', '+12025550134', '',"
            " 'sent', NULL, '', '2026-12-06T08:00:00.000000Z')"
        )
    engine.dispose()
    with open_cache(path) as cache:
        assert cache.raw.execute("SELECT id, note FROM delivery").fetchall() == [("d1", "")]
