"""The optimistic effects of record, template and settings commands (issue 13)."""

from __future__ import annotations
