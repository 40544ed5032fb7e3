"""Liveness and readiness for load balancers and the client's connectivity check."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from desk import __version__
from desk.server.api.deps import DatabaseDep
from desk.server.api.problems import problems

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Whether the server and its database answer."""

    status: str
    version: str
    database: str


@router.get(
    "/health",
    response_model=Health,
    summary="Server and database health",
    responses=problems(503, s503="The database does not answer"),
)
def health(db: DatabaseDep) -> Health:
    """Answers 200 with `status: ok` when the database answers a query."""
    with db.reading() as session:
        session.execute(text("SELECT 1"))
    return Health(status="ok", version=__version__, database=db.dialect)
