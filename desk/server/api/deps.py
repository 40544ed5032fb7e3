"""Request dependencies: the database, the caller, capability checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from desk.core.permissions import Capability, PermissionDenied
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.notify import Announcer, ChangeNotifier
from desk.server.principal import NotAuthenticated, Principal, principal_for_token

bearer = HTTPBearer(auto_error=False, description="token from /api/v1/auth/login or kiosk enroll")

# Dependencies that only read app state or check a principal are `async def`: FastAPI
# runs a plain `def` dependency in the thread pool, a thread hop per dependency per
# request. Only `principal`, which queries the database, stays a plain function.


async def database(request: Request) -> Database:
    """The server's database."""
    db: Database = request.app.state.database
    return db


async def settings(request: Request) -> ServerSettings:
    """The server's settings."""
    value: ServerSettings = request.app.state.settings
    return value


async def notifier(request: Request) -> ChangeNotifier:
    """The long-poll wake-up."""
    value: ChangeNotifier = request.app.state.notifier
    return value


async def announcer(request: Request) -> Announcer:
    """How writers announce commits."""
    value: Announcer = request.app.state.announcer
    return value


DatabaseDep = Annotated[Database, Depends(database)]
SettingsDep = Annotated[ServerSettings, Depends(settings)]


def principal(
    db: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller behind the bearer token.

    Raises:
        NotAuthenticated: without a valid token (answered 401).
    """
    return principal_for_token(db, presented_token(credentials))


def presented_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    """The bearer token of a request, if it could be one this server issued.

    Raises:
        NotAuthenticated: none, or one of a shape this server never issues.
    """
    if credentials is None or not credentials.credentials:
        raise NotAuthenticated("sign in first: this request needs a bearer token")
    if len(credentials.credentials) > 200:
        raise NotAuthenticated("that is not a token this server issued")
    return credentials.credentials


PrincipalDep = Annotated[Principal, Depends(principal)]


async def staff_principal(caller: PrincipalDep) -> Principal:
    """A staff member; kiosk tokens stop here (403)."""
    if caller.is_kiosk:
        raise PermissionDenied(Capability.FULL_MESSAGING)  # kiosks hold no office capability
    return caller


async def kiosk_principal(caller: PrincipalDep) -> Principal:
    """An enrolled kiosk; staff tokens are not for kiosk endpoints."""
    if not caller.is_kiosk:
        raise PermissionDenied(Capability.KIOSK_DEVICE)
    return caller


def requires(capability: Capability) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets through only staff holding `capability`."""

    async def check(caller: Annotated[Principal, Depends(staff_principal)]) -> Principal:
        if capability not in caller.capabilities:
            raise PermissionDenied(capability)
        return caller

    return check


StaffDep = Annotated[Principal, Depends(staff_principal)]
KioskDep = Annotated[Principal, Depends(kiosk_principal)]
AdminDep = Annotated[Principal, Depends(requires(Capability.ADMIN))]


NotifierDep = Annotated[ChangeNotifier, Depends(notifier)]
AnnouncerDep = Annotated[Announcer, Depends(announcer)]
