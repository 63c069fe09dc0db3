"""uvicorn's httptools protocol with the service's answers to what never reaches the app.

uvicorn answers an unreadable request (malformed, or a URL or headers past the parser's limits) with a plain-text
400, and has no deadline for a request's head: a client that sends a few bytes now and then keeps its connection
(its keep-alive timeout restarts with each byte). This protocol answers those in the error envelope and closes a
connection whose request head is not complete `TIMEOUT_REQUEST` seconds after its first byte (or after the
connection opened), with a 408 in the envelope.
"""

import asyncio
import functools
from typing import Any

import msgspec
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.routes.errors import ErrorEnvelope, ErrorItem
from api.settings import Settings


@functools.cache
def _head_timeout() -> float:
    # read once per worker: uvicorn builds its protocol by class, not from our settings object
    return Settings.from_env().timeout_request


def _error_response(status: int, reason: str, item: ErrorItem) -> bytes:
    body = msgspec.json.encode(ErrorEnvelope(errors=[item]))
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode() + body


UNREADABLE = _error_response(
    400,
    "Bad Request",
    ErrorItem(
        type="bad-request",
        message="The request is not valid HTTP/1.1, or its URL or headers are longer than the server reads.",
        status=400,
    ),
)
TOO_SLOW = _error_response(
    408,
    "Request Timeout",
    ErrorItem(type="request-timeout", message="The request's head did not arrive in time.", status=408),
)


class ServiceHttpProtocol(HttpToolsProtocol):
    """`HttpToolsProtocol` with a deadline for each request head and error answers in the envelope."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_head_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_head_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_deadline()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        self.transport.write(UNREADABLE)
        self.transport.close()

    def _arm_head_deadline(self) -> None:
        if self._head_deadline is None:
            self._head_deadline = self.loop.call_later(_head_timeout(), self._head_too_slow)

    def _disarm_head_deadline(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        self._head_deadline = None
        if not self.transport.is_closing():
            self.transport.write(TOO_SLOW)
            self.transport.close()
