"""Field types for request models: text that every backend can store.

`StoredText` refuses a NUL or an unpaired surrogate with a 422 before a handler runs,
the same on SQLite and PostgreSQL (`desk.core.text` says why).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from desk.core.text import text_problem


def _storable(value: str) -> str:
    if problem := text_problem(value):
        raise ValueError(problem)
    return value


StoredText = Annotated[str, AfterValidator(_storable)]
