"""Creating centres and their first admin (`desk centre create|list`)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.centre_command import read_password
from desk.server.centres import CentreRefused, create_centre, list_centres
from desk.server.db import Database
from desk.server.security import verify_secret
from tests.support.callers import Caller
from tests.support.server_calls import pull_all

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "twelve chars or more"


def _names() -> tuple[str, str]:
    suffix = new_id()[:8]
    return f"Birch {suffix}", f"birch-admin-{suffix}"


def test_a_new_centre_s_admin_signs_in_and_sees_only_that_centre(
    database: Database, api: TestClient
) -> None:
    name, username = _names()
    made = create_centre(database, name=name, admin_username=username, admin_password=PASSWORD)
    assert made.created
    answer = api.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    admin = Caller(api, answer.json()["token"], answer.json())
    tables, _ = pull_all(admin)
    assert [row["id"] for row in tables["centre"]] == [made.centre_id]
    assert [row["username"] for row in tables["staff"]] == [username]
    summary = next(c for c in list_centres(database) if c.id == made.centre_id)
    assert (summary.name, summary.admins, summary.staff) == (name, (username,), 1)


def test_running_it_again_changes_nothing(database: Database) -> None:
    name, username = _names()
    first = create_centre(database, name=name, admin_username=username, admin_password=PASSWORD)
    again = create_centre(
        database, name=name, admin_username=username, admin_password="another password!"
    )
    assert not again.created
    assert (again.centre_id, again.admin_id) == (first.centre_id, first.admin_id)
    with database.reading() as session:
        count = session.scalar(
            select(func.count()).select_from(orm.Centre).where(orm.Centre.name == name)
        )
        stored = session.get_one(orm.Staff, first.admin_id).password_hash
    assert count == 1
    assert verify_secret(stored, PASSWORD)  # the second run did not change the password


@pytest.mark.parametrize(
    ("clash", "message"),
    [("username", "already taken"), ("name", "already exists")],
)
def test_a_clash_with_another_centre_is_refused(
    database: Database, clash: str, message: str
) -> None:
    name, username = _names()
    create_centre(database, name=name, admin_username=username, admin_password=PASSWORD)
    other_name, other_username = _names()
    given = {
        "name": other_name if clash == "username" else name,
        "admin_username": username if clash == "username" else other_username,
    }
    with pytest.raises(CentreRefused, match=message):
        create_centre(database, admin_password=PASSWORD, **given)


@pytest.mark.parametrize(
    ("name", "username", "password", "message"),
    [
        ("", "someone", PASSWORD, "needs a name"),
        ("Elm", "  ", PASSWORD, "needs a name"),
        ("Elm", "someone", "short", "12 characters"),
        ("E" * 300, "someone", PASSWORD, "at most"),
    ],
)
def test_bad_input_is_refused_with_the_reason(
    database: Database, name: str, username: str, password: str, message: str
) -> None:
    with pytest.raises(CentreRefused, match=message):
        create_centre(database, name=name, admin_username=username, admin_password=password)


def test_the_password_comes_from_stdin_s_first_line() -> None:
    assert read_password(io.StringIO(f"{PASSWORD}\nrest\n")) == PASSWORD
    with pytest.raises(CentreRefused, match="no password on stdin"):
        read_password(io.StringIO(""))


def _desk(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "DESK_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "desk", "centre", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_creates_lists_and_refuses(migrated_url: str) -> None:
    name, username = _names()
    made = _desk(
        migrated_url, "create", "--name", name, "--admin-username", username, stdin=PASSWORD
    )
    assert made.returncode == 0, made.stderr
    assert "created" in made.stdout
    listed = _desk(migrated_url, "list")
    assert listed.returncode == 0, listed.stderr
    assert any(name in line and username in line for line in listed.stdout.splitlines())
    again = _desk(migrated_url, "create", "--name", name, "--admin-username", username, stdin="x")
    assert again.returncode == 2  # the short password is refused before anything is looked up
    assert "12 characters" in again.stderr


def test_the_command_refuses_an_unmigrated_database(
    database_factory: Callable[[], str],
) -> None:
    refused = _desk(database_factory(), "list")
    assert refused.returncode == 2
    assert "python -m desk.server.migrate upgrade" in refused.stderr
