"""Logging of the service: one JSON object per line (or readable text), configured once.

Events are snake_case names with fields: ``log.info("document_stored", extra={"fields":
{"document_id": 3, "sha256": "..."}})``. Never pass a document's text: some are classified.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

_CONFIGURED = "_giaoviec_configured"


class JsonFormatter(logging.Formatter):
    """``{"at", "level", "logger", "event", ...fields}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {}) or {}
        extra = " ".join(f"{k}={v}" for k, v in fields.items())
        base = f"{record.levelname.lower():7} {record.name}: {record.getMessage()} {extra}".rstrip()
        if record.exc_info:
            base += "\n" + self.formatException(record.exc_info)
        return base


def configure_logging(*, level: str = "INFO", fmt: str = "json") -> None:
    """Send the ``api`` and ``extraction`` loggers to stderr; safe to call again."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    setattr(handler, _CONFIGURED, True)
    for name in ("api", "extraction"):
        logger = logging.getLogger(name)
        logger.handlers = [h for h in logger.handlers if not getattr(h, _CONFIGURED, False)]
        logger.addHandler(handler)
        logger.setLevel(level.upper())
        logger.propagate = False


def fields(**values: Any) -> dict[str, Any]:
    """``log.info("event", extra=fields(document_id=1))``."""
    return {"fields": values}
