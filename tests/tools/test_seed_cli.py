"""`python -m desk.tools.seed`: what it prints for the demo and for a scale run."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.tools.seed import main
from desk.tools.seeding import DEMO_ADMIN_PIN, DEMO_PASSWORD, demo_pins
from tests.support.seeding import sqlite_url


def test_demo_prints_the_credentials_once_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path)
    assert main(["--database-url", url, "--demo"]) == 0
    out = capsys.readouterr().out
    assert "wrote the demo centre" in out
    assert "message" in out
    assert "rows/s" in out
    assert DEMO_PASSWORD in out
    assert DEMO_ADMIN_PIN in out
    for name, pin in demo_pins().items():
        assert f"{pin}  {name}" in out
    assert main(["--database-url", url, "--demo"]) == 0
    assert "already has the demo centre" in capsys.readouterr().out


def test_scale_run_prints_rows_per_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path)
    args = ["--database-url", url, "--families", "12", "--messages", "500", "--seed", "4"]
    assert main(args) == 0
    out = capsys.readouterr().out
    [message_line] = [line for line in out.splitlines() if line.startswith("message ")]
    assert message_line.split()[1] == "500"
    assert "logins admin-2, office-2, teacher-2" in out


def test_an_impossible_scale_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database-url", sqlite_url(tmp_path), "--families", "3"]) == 2
    assert "at least 10 families" in capsys.readouterr().err


def test_demo_on_a_fresh_database_migrates_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `--demo` on a new file failed with "no such table: centre" (issue 15)."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["--database-url", url, "--demo"]) == 0
    assert "wrote the demo centre" in capsys.readouterr().out
