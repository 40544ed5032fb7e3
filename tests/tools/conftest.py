"""Fixtures of the seeder tests: server schemas to seed into, and the loaded demo.

The demo is loaded once per session into an SQLite file, and every shape test reads
it back through the server's SQLAlchemy models, as the server itself would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from desk.tools.seeding import DemoInfo, load_demo
from tests.support.seeding import NOW, sqlite_url


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, DemoInfo]:
    """The demo centre, loaded once into an SQLite server database, as of `NOW`."""
    url = sqlite_url(tmp_path_factory.mktemp("demo"))
    return url, load_demo(url, now=NOW)


@pytest.fixture
def demo_session(demo: tuple[str, DemoInfo]) -> Iterator[Session]:
    """A read session on the demo database."""
    engine = create_engine(demo[0])
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()
