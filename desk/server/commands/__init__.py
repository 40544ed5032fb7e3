"""Client writes as commands, each applied exactly once (DESIGN.md §4 Push).

Importing this package registers every command handler.
"""

from desk.server.commands import (  # noqa: F401 - registers handlers
    conversations,
    delivery,
    kiosk,
    messaging,
    new_message,
    records,
    settings,
)
from desk.server.commands.batch import BatchResult, CommandIn, apply_batch

__all__ = ["BatchResult", "CommandIn", "apply_batch"]
