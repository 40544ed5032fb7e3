"""Settings the provider adapter tests give their adapters."""

from __future__ import annotations

TIMEOUT = 2.0  # generous for loopback, short enough that a hang fails fast
CENTRE_FROM = "Sunny Days Office <office@sunnydays.example>"
