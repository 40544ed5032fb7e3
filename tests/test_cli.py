"""The `desk` command's own options, apart from what each subcommand runs."""

from __future__ import annotations

import pytest

import desk
from desk.cli import main


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["--version"])
    assert leaving.value.code == 0
    assert capsys.readouterr().out.strip() == f"Front Desk {desk.__version__}"


def test_server_on_postgresql_without_its_driver_says_which_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The PostgreSQL driver is in the `server` extra; without it the server says so."""
    monkeypatch.setenv("DESK_DATABASE_URL", "postgresql+psycopg://desk@localhost/desk")
    monkeypatch.setattr("desk.cli.find_spec", lambda name: None)
    with pytest.raises(SystemExit) as leaving:
        main(["server", "--no-migrate"])
    assert "pip install 'front-desk[server]'" in str(leaving.value.code)
