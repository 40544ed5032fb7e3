"""The message stream generated in a child process is the one generated here."""

from __future__ import annotations

import pytest

from desk.tools.seeding.centre import CentreSpec, generate_centre
from desk.tools.seeding.clock import Clock
from desk.tools.seeding.credentials import StaffSecrets
from desk.tools.seeding.parallel import rows_from_child
from desk.tools.seeding.scale import Scale
from desk.tools.seeding.tables import MESSAGE, Table
from tests.tools.helpers import NOW

SPEC = CentreSpec(
    centre_number=4,
    scale=Scale(families=20, staff=7, threads=60, messages=2_500),
    seed=11,
    now=NOW,
    secrets=StaffSecrets("password-hash", "admin-pin-hash"),
)


def test_child_rows_equal_the_rows_generated_here() -> None:
    here = list(dict(generate_centre(SPEC, Clock("+00:00")).streams)[MESSAGE])
    with rows_from_child(SPEC, "+00:00", MESSAGE) as rows:
        assert list(rows) == here


def test_a_failure_in_the_child_is_raised_here() -> None:
    with (
        pytest.raises(RuntimeError, match="generator process failed"),
        rows_from_child(SPEC, "", Table("no_such_table", ("id",))) as rows,
    ):
        list(rows)
