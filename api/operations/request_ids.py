"""The id of the request being served, set by the edge, for error bodies and log lines."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")
"""`X-Request-Id` of the request this task serves; empty outside a request."""
