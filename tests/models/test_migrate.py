"""`python -m desk.models.migrate revision`: the client's autogenerate command."""

from __future__ import annotations

import shutil
from pathlib import Path

from desk.models.migrate import MIGRATIONS, next_revision, revision
from desk.models.migrations import HEAD


def test_revision_at_head_finds_no_difference_and_moves_head(tmp_path: Path) -> None:
    """With the declaration and the revisions in step, autogenerate writes an empty
    revision, numbered next, and `HEAD` follows it so `open_cache` applies it."""
    copy = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    written = revision("nothing changed", copy)
    assert written.parent == copy / "versions"
    assert written.name.startswith(next_revision(HEAD) + "_")
    text = written.read_text()
    assert "op." not in text  # no operation: models and migrations agree
    assert f'HEAD = "{next_revision(HEAD)}"' in (copy / "__init__.py").read_text()
