"""The table of command names, their argument schemas and their handlers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from desk.core.ids import derived_id
from desk.core.kinds import AuditAction
from desk.core.permissions import Capability, PermissionDenied
from desk.core.user_errors import QT_TRANSLATE_NOOP, WordedError
from desk.server.orm import AuditEvent, Centre
from desk.server.principal import Principal, PrincipalKind


class CommandRefused(WordedError):
    """A domain refusal: recorded as `rejected`, shown to the user, never retried.

    Worded like a `UserError` (text marked `QT_TRANSLATE_NOOP("Errors", ...)`, values
    apart) so the client shows it in its user's language.
    """


class NotFound(CommandRefused):
    """The command names a row that does not exist in the caller's centre (404)."""


class Args(BaseModel):
    """Base of every command's arguments: unknown keys are an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class Context:
    """What a handler may use: the transaction, the caller and the time."""

    session: Session
    principal: Principal
    command_id: str
    now: datetime
    _centre: Centre | None = field(default=None, repr=False)
    public_url: str = ""  # the server's: texts of messages with files link to them

    @property
    def centre(self) -> Centre:
        """The caller's centre (loaded once)."""
        if self._centre is None:
            self._centre = self.session.get_one(Centre, self.principal.centre_id)
        return self._centre

    def require(self, capability: Capability) -> None:
        """Refuse unless the caller holds `capability`."""
        if capability not in self.principal.capabilities:
            raise PermissionDenied(capability)

    def get(self, model: type[Any], row_id: str, what: str) -> Any:
        """A live row of the caller's centre, or a refusal naming what was missing."""
        row = self.session.get(model, row_id)
        if row is None or row.deleted or row.centre_id != self.principal.centre_id:
            raise NotFound(
                QT_TRANSLATE_NOOP("Errors", "{what} {id} does not exist"), what=what, id=row_id
            )
        return row

    def audit(self, action: AuditAction, *, key: str = "", **values: Any) -> None:
        """Append an audit event by the caller.

        `key` tells apart several events of one action and thread in one command
        (each participant added, say); their ids derive from it.
        """
        self.session.add(
            AuditEvent(
                id=derived_id(
                    self.command_id,
                    "audit",
                    action,
                    values.get("thread_id") or "",
                    *([key] if key else []),
                ),
                centre_id=self.principal.centre_id,
                at=self.now,
                action=action,
                actor_kind=self.principal.kind.value,
                actor_id=self.principal.id,
                actor_label=self.principal.display_name,
                **values,
            )
        )


Handler = Callable[[Context, Any], dict[str, Any]]
A = TypeVar("A", bound=Args)


@dataclass(frozen=True)
class CommandSpec:
    """One command: who may send it, what it takes, what it does."""

    name: str
    args: type[Args]
    handler: Handler
    principals: frozenset[PrincipalKind]
    fans_out: bool = False
    """Writes rows per family of an audience: applied apart (`desk.server.apply_process`)."""


REGISTRY: dict[str, CommandSpec] = {}


def any_fans_out(names: Iterable[str]) -> bool:
    """Whether any of these commands fans out to a centre (an unknown name does not)."""
    return any((spec := REGISTRY.get(name)) is not None and spec.fans_out for name in names)


def command(
    name: str,
    args: type[A],
    *,
    staff: bool = True,
    kiosk: bool = False,
    fans_out: bool = False,
) -> Callable[[Callable[[Context, A], dict[str, Any]]], Callable[[Context, A], dict[str, Any]]]:
    """Register a handler for `name`, taking arguments validated by `args`."""
    kinds = frozenset(
        kind for kind, on in ((PrincipalKind.STAFF, staff), (PrincipalKind.KIOSK, kiosk)) if on
    )

    def register(
        handler: Callable[[Context, A], dict[str, Any]],
    ) -> Callable[[Context, A], dict[str, Any]]:
        if name in REGISTRY:
            raise RuntimeError(f"command {name!r} registered twice")
        REGISTRY[name] = CommandSpec(name, args, handler, kinds, fans_out)
        return handler

    return register
