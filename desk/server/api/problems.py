"""The error answer's schema, and the OpenAPI `responses` that document it.

Every operation lists each error status it can answer (issue 12 item 14), so a
client generated from the document, and schemathesis' conformance checks, know the
shape of every answer: `{"detail": "a sentence"}`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class Problem(BaseModel):
    """Every error answer: a sentence saying what went wrong and what to do.

    A refusal also carries `reason`: the sentence untranslated, with its values
    (`desk.core.worded_wire`), for a client that shows it in another language.
    """

    detail: str
    reason: dict[str, Any] | None = None


_DESCRIPTIONS = {
    400: "The body is not JSON, or not UTF-8",
    401: "No valid bearer token: sign in (again)",
    403: "The caller may not do this",
    404: "No such resource, or none the caller may see",
    406: "Refused for good: the sender should not try again",
    409: "The request conflicts with the resource's state",
    410: "Gone: start again",
    413: "The request is too large",
    422: "The request is malformed: a field is missing, of the wrong type or out of range",
    429: "Too many attempts: wait `Retry-After` seconds",
    503: "A transient failure: retry later",
    507: "The server's disk is full: nothing was saved",
}


def problems(*statuses: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for error statuses, all answered as `Problem`.

    `described` overrides a description by status (`s404="No such guardian"`).
    """
    return {
        status: {
            "model": Problem,
            "description": described.get(f"s{status}", _DESCRIPTIONS[status]),
        }
        for status in statuses
    }
