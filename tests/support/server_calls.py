"""Small helpers for driving the feed and command endpoints in tests."""

from __future__ import annotations

from itertools import count
from typing import Any

from desk.core.ids import new_id
from tests.support.callers import Caller


def pull_all(
    caller: Caller, path: str = "/api/v1/changes", *, after: str = "0", limit: int = 1000
) -> tuple[dict[str, list[dict[str, Any]]], str]:
    """Every row the caller can see after `after`, by table, and the final cursor."""
    tables: dict[str, list[dict[str, Any]]] = {}
    while True:
        answer = caller.get(path, params={"after": after, "limit": limit})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        for table in page["tables"]:
            rows = [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]
            tables.setdefault(table["name"], []).extend(rows)
        after = page["cursor"]
        if not page["has_more"]:
            return tables, after


class Pusher:
    """A client installation sending commands with its own sequence numbers."""

    def __init__(self, caller: Caller, path: str = "/api/v1/commands") -> None:
        self.caller, self.path = caller, path
        self.client_id = new_id()
        self._seq = count(1)

    def command(self, name: str, **args: Any) -> dict[str, Any]:
        """A command with the next sequence number."""
        return {"command_id": new_id(), "seq": next(self._seq), "name": name, "args": args}

    def send(self, *commands: dict[str, Any]) -> Any:
        """POST a batch, answering the raw response."""
        return self.caller.post(
            self.path, json={"client_id": self.client_id, "commands": list(commands)}
        )

    def run(self, name: str, **args: Any) -> dict[str, Any]:
        """Send one command and return its outcome."""
        answer = self.send(self.command(name, **args))
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()["results"][0]
        return result
