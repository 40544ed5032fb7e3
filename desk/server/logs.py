"""The server's and workers' logs: one line per event, plain or JSON, with a request id.

A deployment sets `DESK_LOG_FORMAT=json` so its log collector gets one JSON object a
line (`time`, `level`, `logger`, `message`, `request_id`, and `error` with the
traceback); a person at a terminal keeps the plain format. Either way every line
written while a request is answered carries that request's id (`X-Request-ID`, the
caller's own when it sent a sane one), so one request's lines can be found among
thousands, and the caller is told the id in the answer's header.
"""

from __future__ import annotations

import json
import logging
import logging.config
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

LOG_FORMATS = ("text", "json")

request_id: ContextVar[str] = ContextVar("desk_request_id", default="")
"""The id of the request being answered in this context; empty outside any request."""


class RequestIdFilter(logging.Filter):
    """Gives every record the current request's id as `record.request_id`."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Never drops a record; only adds the id."""
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record; never fails on a value JSON cannot hold."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if rid := getattr(record, "request_id", ""):
            line["request_id"] = rid
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


_TEXT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(log_format: str) -> dict[str, Any]:
    """A `logging.config.dictConfig` for our loggers and uvicorn's alike.

    Raises:
        ValueError: for a format other than "text" or "json".
    """
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log_format must be one of {', '.join(LOG_FORMATS)}: {log_format!r}")
    formatter: dict[str, Any] = {"()": JsonFormatter} if log_format == "json" else {"format": _TEXT}
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "line",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"line": formatter},
        "handlers": {"line": handler},
        "root": {"level": "INFO", "handlers": ["line"]},
        "loggers": {
            name: {"level": "INFO", "handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure_logging(log_format: str) -> dict[str, Any]:
    """Set up this process's logging; answers the config for uvicorn to reuse."""
    config = logging_config(log_format)
    logging.config.dictConfig(config)
    return config
