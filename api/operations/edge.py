"""The edge of every HTTP request: its id, rate limit, `HEAD`, URL length, one log line and its metrics.

It wraps Litestar's own request handling (routing, authentication, handlers and the error envelope), so it
sees every answer, including 404s of unknown paths and the errors Litestar renders.
"""

import logging
import re
import time
import uuid
from typing import Any

import msgspec
from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    HTTPScope,
    Message,
    Receive,
    Scope,
    Send,
)

from api.domain.tokens import Principal, hash_secret
from api.operations import metrics
from api.operations.logs import FIELDS, LOGGER
from api.operations.rate_limits import Allowance, RateLimiter
from api.operations.request_ids import request_id
from api.routes.config_api import GRPC_CODES, ConfigApiError, config_api
from api.routes.errors import ErrorEnvelope, ErrorItem
from api.routes.tracking_api import tracking_api, tracking_cors_headers

REQUEST_ID_HEADER = "X-Request-Id"
MAX_URL_BYTES = 8192
"""Longest path and query string served; longer ones are a 414 (proxies commonly stop at 8 KiB too)."""
_VALID_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:/+=-]{1,200}")
"""A caller's request id is echoed only when it is short and printable, so that it is safe in logs and headers."""

log = logging.getLogger(LOGGER)


class Edge:
    """ASGI wrapper that gives each HTTP request an id, applies its caller's rate limit and logs its answer.

    - `X-Request-Id`: a caller's (when printable and at most 200 characters) is echoed, else a new one is made;
      it is on every answer and in every error body.
    - `HEAD` is served as the `GET` of the same route, without the body.
    - Rate limits per caller (`limiter`, None for none): the hash of the `Authorization` header, or the client's
      address without one; `X-RateLimit-*` on every answer, a 429 with `Retry-After` when over the limit.
    - A URL over `MAX_URL_BYTES` is a 414, before routing.
    """

    def __init__(self, app: ASGIApp, limiter: RateLimiter | None, state: Any) -> None:
        self.app = app
        self.limiter = limiter
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        this_id = _request_id(scope)
        request_id.set(this_id)
        method = scope["method"]
        head = method == "HEAD"
        if head:
            # a copy: the server keeps its own scope saying HEAD, and so sends no body
            scope = {**scope, "method": "GET"}
        added = [(b"x-request-id", this_id.encode())]
        allowance = self.limiter.take(_caller_key(scope)) if self.limiter else None
        if allowance:
            added += allowance.headers()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), *added]
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        try:
            if allowance and not allowance.allowed:
                metrics.RATE_LIMITED.inc()
                await _send_error(scope, send_with_headers, _too_many_requests(allowance))
            elif _url_bytes(scope) > MAX_URL_BYTES:
                await _send_error(scope, send_with_headers, _uri_too_long())
            else:
                await self.app(scope, receive, send_with_headers)
        finally:
            self._account(scope, method, status, time.perf_counter() - started, this_id)

    def _account(self, scope: HTTPScope, method: str, status: int, seconds: float, this_id: str) -> None:
        route = scope.get("path_template") or metrics.UNMATCHED
        metrics.observe(method, route, status, seconds)
        if metrics.SHARED_DIRECTORY and (pool := getattr(self.state, "pool", None)) is not None:
            metrics.count_pool(pool)
        user = scope.get("user")
        fields = {
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
            "token_id": user.token_id if isinstance(user, Principal) else None,
            "request_id": this_id,
        }
        level = logging.ERROR if status >= 500 and status != 503 else logging.WARNING if status >= 500 else logging.INFO
        log.log(level, "request", extra={FIELDS: fields})


def _url_bytes(scope: HTTPScope) -> int:
    # servers differ on whether raw_path carries the query string (uvicorn's does not, httpx's test transport's does)
    return len(scope["raw_path"].partition(b"?")[0]) + len(scope["query_string"])


def _request_id(scope: HTTPScope) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id" and _VALID_REQUEST_ID.fullmatch(value):
            return value.decode()
    return uuid.uuid4().hex


def _caller_key(scope: HTTPScope) -> bytes:
    for name, value in scope["headers"]:
        if name == b"authorization":
            _, _, secret = value.decode("latin-1").partition(" ")
            return hash_secret(secret.strip())
    client = scope.get("client")
    return b"address:" + (client[0].encode() if client else b"")


def _too_many_requests(allowance: Allowance) -> ErrorItem:
    message = f"Over this token's rate limit of {allowance.limit} requests; retry after {allowance.retry_after} s."
    return ErrorItem(type="too-many-requests", message=message, status=429)


def _uri_too_long() -> ErrorItem:
    message = f"The URL is longer than {MAX_URL_BYTES} bytes."
    return ErrorItem(type="uri-too-long", message=message, status=414)


async def _send_error(scope: HTTPScope, send: Send, item: ErrorItem) -> None:
    """Answer `item` in the envelope of the API the path belongs to, before Litestar sees the request."""
    body: Any
    cors: dict[str, str] = {}
    if scope["path"].startswith(config_api.path + "/"):
        body = ConfigApiError(error=item.message, code=GRPC_CODES.get(item.status, 3), request_id=request_id.get())
    elif scope["path"].startswith(tracking_api.path + "/"):
        body = {"success": False, "code": item.type, "message": item.message, "error": item.message}
        origin = next((value.decode("latin-1") for name, value in scope["headers"] if name == b"origin"), None)
        cors = tracking_cors_headers(origin)
    else:
        body = ErrorEnvelope(errors=[item], request_id=request_id.get())
    encoded = msgspec.json.encode(body)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(encoded)).encode())]
    headers += [(name.lower().encode(), value.encode("latin-1")) for name, value in cors.items()]
    start: HTTPResponseStartEvent = {"type": "http.response.start", "status": item.status, "headers": headers}
    await send(start)
    body_event: HTTPResponseBodyEvent = {"type": "http.response.body", "body": encoded, "more_body": False}
    await send(body_event)
