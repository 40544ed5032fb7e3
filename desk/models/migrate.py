"""Writing a client cache migration: `python -m desk.models.migrate revision -m "..."`.

The cache migrates itself when it is opened (`desk.models.cache.open_cache`), so
this module only writes new revisions. It builds a scratch cache at the current
head and lets Alembic autogenerate the difference between it and the tables
`desk.models` declares (the mirrored ones come from `desk.core.schema`), names the
revision after the next number, and moves `HEAD` in `desk.models.migrations` to it
so the fast path of `open_cache` applies it. Review the file it prints before
committing it: SQLite cannot add a NOT NULL column to rows that exist without a
server default, which autogenerate does not write.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from desk.models.migrations import HEAD

MIGRATIONS = Path(__file__).with_name("migrations")
_HEAD_LINE = re.compile(r'^HEAD = "(\d+)"$', re.MULTILINE)


def next_revision(head: str = HEAD) -> str:
    """The id after `head`: revisions are numbered `0001`, `0002`, ..."""
    return f"{int(head) + 1:04d}"


def revision(message: str, migrations: Path = MIGRATIONS) -> Path:
    """Autogenerate the next revision of the cache schema into `migrations/versions`.

    Args:
        message: what changed, the revision's first docstring line.
        migrations: the migrations package (tests write into a copy of it).

    Returns:
        The path of the revision file written.
    """
    package_init = migrations / "__init__.py"
    head = _HEAD_LINE.search(package_init.read_text())
    if head is None:
        raise RuntimeError(f'{package_init} has no HEAD = "NNNN" line')
    new = next_revision(head.group(1))
    config = Config()
    config.set_main_option("script_location", str(migrations))
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{Path(scratch) / 'head.db'}")
        try:
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                script = command.revision(config, message=message, autogenerate=True, rev_id=new)
        finally:
            engine.dispose()
    if script is None or isinstance(script, list):
        raise RuntimeError("Alembic wrote no single revision")
    package_init.write_text(_HEAD_LINE.sub(f'HEAD = "{new}"', package_init.read_text()))
    return Path(script.path)


def main(argv: list[str] | None = None) -> None:
    """`python -m desk.models.migrate revision -m "what changed"`."""
    parser = argparse.ArgumentParser(prog="python -m desk.models.migrate")
    parser.add_argument("action", choices=["revision"])
    parser.add_argument("-m", "--message", default="schema change")
    args = parser.parse_args(argv)
    print(revision(args.message))


if __name__ == "__main__":
    main()
