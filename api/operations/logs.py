"""Logging: one line per request and per problem, as JSON objects or `key=value` text (`LOG_FORMAT`)."""

import logging
import sys
import time
from typing import Any

import msgspec

LOGGER = "api"
FIELDS = "fields"
"""The `extra` key under which a log call passes its structured fields."""


class JsonLines(logging.Formatter):
    """`{"time", "level", "message", ...fields}` on one line; a traceback, when there is one, as `exception`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "message": record.getMessage(),
        }
        line.update(getattr(record, FIELDS, {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return msgspec.json.encode(line).decode()


class TextLines(logging.Formatter):
    """`<time> <LEVEL> <message> key=value ...`, values quoted when they hold spaces."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        fields = getattr(record, FIELDS, {})
        if fields:
            text += " " + " ".join(f"{key}={_text_value(value)}" for key, value in fields.items())
        return text


def _text_value(value: Any) -> str:
    text = "-" if value is None else str(value)
    return msgspec.json.encode(text).decode() if (" " in text or '"' in text or not text) else text


class WithoutTraceback(logging.Filter):
    """Keeps a record's message and drops its traceback: asyncpg logs one per failed reconnection in an outage."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the `sys.stderr` of the moment, as Python's last-resort handler does, not the one at set-up."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_logging(log_format: str, level: str) -> None:
    """Send the `api` and `asyncpg` loggers' records to stderr in `log_format` (`json` or `text`) from `level` up.

    Idempotent: a second call replaces the handlers rather than adding some, so each record is one line.
    """
    formatter = JsonLines() if log_format == "json" else TextLines()
    for name in (LOGGER, "asyncpg"):
        logger = logging.getLogger(name)
        handler = StderrHandler()
        handler.setFormatter(formatter)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False
    # the pool's own reconnection attempts say what failed; the requests that failed have lines of their own
    logging.getLogger("asyncpg.pool").filters = [WithoutTraceback()]
