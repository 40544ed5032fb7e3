"""Field types for request models: text that every backend can store.

`StoredText` refuses a NUL or an unpaired surrogate with a 422 before a handler runs,
the same on SQLite and PostgreSQL (`desk.core.text` says why).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from desk.core.text import text_problem


def _storable(value: str) -> str:
    if problem := text_problem(value):
        raise ValueError(problem)
    return value


# In the OpenAPI document, so generated clients and fuzzers know NUL is refused (an
# unpaired surrogate cannot be written in UTF-8 JSON text at all, only escaped).
NO_NUL = "^[^\\x00]*$"

StoredText = Annotated[str, AfterValidator(_storable), Field(json_schema_extra={"pattern": NO_NUL})]
