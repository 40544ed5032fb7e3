"""Liveness and readiness for load balancers and the client's connectivity check.

`/health/live` says only that the process answers (a supervisor restarts it when it
does not); `/health/ready` that it can serve: the database answers and its schema is
the one this version ships (a reverse proxy sends no traffic to a process whose
database is mid-upgrade or was never migrated), and its command processes have
started (spawning them takes seconds of CPU that the first commands should not wait
for). `/health` is the clients' check.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text

from desk import __version__
from desk.server.api.deps import DatabaseDep
from desk.server.api.problems import problems
from desk.server.migrate import current_revision

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


class Liveness(BaseModel):
    """That the process answers."""

    status: str
    version: str


class Readiness(BaseModel):
    """That this process can serve, and at which schema."""

    status: str
    database: str
    schema_revision: str


@router.get("/health/live", response_model=Liveness, summary="The process answers")
def live() -> Liveness:
    """Answers 200 whenever the process can answer at all; touches no database."""
    return Liveness(status="ok", version=__version__)


@router.get(
    "/health/ready",
    response_model=Readiness,
    summary="The process can serve: database reachable, migrations current, started",
    responses=problems(503, s503="Not ready: the detail says why (database, migrations, start-up)"),
)
def ready(request: Request, db: DatabaseDep) -> Readiness | JSONResponse:
    """200 when the server can serve, else 503 with the reason.

    It can when the database answers, is at this version's newest migration, and the
    processes that apply commands are up.
    """
    expected: str | None = request.app.state.schema_head
    try:
        with db.reading() as session:
            current = current_revision(session.connection())
    except Exception as error:  # any failure to reach the database means not ready
        reason = f"not ready: the database does not answer ({type(error).__name__})"
        return JSONResponse({"detail": reason}, status_code=503)
    if current is None or current != expected:
        reason = (
            f"not ready: the database schema is at {current or 'nothing'}, this version"
            f" needs {expected}: run the migrations"
        )
        return JSONResponse({"detail": reason}, status_code=503)
    if not request.app.state.lanes.ready:
        reason = "not ready: the processes that apply commands are starting"
        return JSONResponse({"detail": reason}, status_code=503)
    return Readiness(status="ok", database=db.dialect, schema_revision=current)
