"""The Public API's error envelope: `{"errors": [{"type", "message", "field"?, "status"}]}`.

`render_error` turns `api.errors`, Litestar's own HTTP exceptions and anything unexpected into it.
`PUBLIC_FIELDS` names the input each subject of an error arrives in.
"""

import logging
from collections.abc import Mapping
from typing import Any

import asyncpg
import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import ParameterKwarg

from api.errors import ApiError, Unavailable
from api.operations import metrics
from api.operations.request_ids import request_id
from api.settings import Settings

log = logging.getLogger("api")


class ErrorItem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One problem with a request."""

    type: str
    """Machine-readable kind of error, e.g. `not-found`."""
    message: str
    field: str | None = None
    """The offending input (body path, query or header name), when there is one."""
    status: int


class ErrorEnvelope(msgspec.Struct, kw_only=True, omit_defaults=True, rename={"request_id": "requestId"}):
    """The body of every non-2xx answer."""

    errors: list[ErrorItem]
    request_id: str | None = None
    """The request's `X-Request-Id`, to find its log line."""


DEFAULT_SETTINGS = Settings()
"""For apps built without settings in their state (tests that assemble their own)."""

DATABASE_OUTAGES = (
    OSError,  # refused, reset, unreachable: no server listens, or it went away
    TimeoutError,  # connecting took longer than asyncpg's timeout
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08, the connection failed or was lost
    asyncpg.CannotConnectNowError,  # starting up or shutting down
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
    asyncpg.ConnectionDoesNotExistError,
)
"""What asyncpg raises when the database is down or cannot take a connection; the request can be sent again."""


def as_answered(request: Request[Any, Any, Any], exc: Exception) -> Exception:
    """The error to answer for `exc`: unwrapped from a group of one, and an outage of the database as `Unavailable`.

    An error a yield dependency raises while the handler's own is thrown into it arrives wrapped in a group.
    """
    while isinstance(exc, ExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    if isinstance(exc, DATABASE_OUTAGES) or (isinstance(exc, asyncpg.InterfaceError) and "closed" in str(exc)):
        metrics.DATABASE_UNAVAILABLE.inc()
        settings: Settings = request.app.state.get("settings", DEFAULT_SETTINGS)
        return Unavailable("The database cannot be reached; retry later.", retry_after=settings.retry_after)
    return exc


PUBLIC_FIELDS = {
    "plan": "trackingPlanId",
    "target plan": "targetTrackingPlanId",
    "source plan": "sourceTrackingPlanId",
    "library": "libraryId",
    "source": "sourceId",
    "source slug": "slug",
    "connection": "sourceId",
    "transformation": "transformationId",
    "condition": "if",
    "token": "tokenId",
    "source token": "X-Source-Authorization",
    "revision": "If-Match",
    "idempotency key": "Idempotency-Key",
    "page cursor": "pagination[cursor]",
}
"""The input that names each subject of an error in the Public API."""

_LITESTAR_TYPES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    429: "too-many-requests",
}


def _items_from_litestar(exc: HTTPException, handler: BaseRouteHandler | None) -> list[ErrorItem]:
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list) and exc.extra:
        aliases = _parameter_aliases(handler) if handler else {}
        return [_validation_item(extra, aliases) for extra in exc.extra if isinstance(extra, dict)]
    status = exc.status_code
    message = exc.detail
    if isinstance(exc.__cause__, SerializationException):
        message = f"The request body is not valid JSON: {exc.__cause__}."
    elif status == 404:
        message = "No such resource."
    return [ErrorItem(type=_LITESTAR_TYPES.get(status, "internal"), message=message, status=status)]


def _parameter_aliases(handler: BaseRouteHandler) -> dict[str, str]:
    """Python names of the handler's (and its dependencies') parameters -> their query or header names."""
    signatures = [handler.parsed_fn_signature]
    signatures += [provider.parsed_fn_signature for provider in handler.resolve_dependencies().values()]
    aliases = {}
    for signature in signatures:
        for name, definition in signature.parameters.items():
            kwarg = definition.kwarg_definition
            if isinstance(kwarg, ParameterKwarg) and (alias := kwarg.name):
                aliases[name] = alias
    return aliases


def _validation_item(extra: dict[str, Any], aliases: dict[str, str]) -> ErrorItem:
    """A failed parameter check, as Litestar reports it (bodies are checked before, by `check_json_body`)."""
    key = str(extra.get("key") or "")
    message = str(extra.get("message", "Invalid input."))
    return ErrorItem(type="validation", message=message, field=aliases.get(key, key) or None, status=422)


def error_items(
    exc: Exception, handler: BaseRouteHandler | None = None, fields: Mapping[str, str | None] = PUBLIC_FIELDS
) -> list[ErrorItem]:
    """Returns what an answer says about `exc`, naming inputs by `fields`; unexpected exceptions say nothing more."""
    if isinstance(exc, ApiError):
        field = exc.field if exc.field is not None else fields.get(exc.subject or "")
        return [ErrorItem(type=exc.type, message=exc.message, field=field, status=exc.status_code)]
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return _items_from_litestar(exc, handler)
    return [ErrorItem(type="internal", message="Internal server error.", status=500)]


def error_headers(request: Request[Any, Any, Any], exc: Exception, status: int) -> dict[str, str]:
    """Returns the headers of an error answer (and logs what was unexpected)."""
    if status >= 500 and not isinstance(exc, Unavailable):
        # an outage gets one line per failed request, the edge's; a traceback each would flood the log
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, Unavailable):
        headers["Retry-After"] = str(exc.retry_after)
    return headers


def render_error(request: Request[Any, Any, Any], exc: Exception) -> Response[ErrorEnvelope]:
    """Litestar exception handler: the Segment envelope for every exception of the Public API."""
    exc = as_answered(request, exc)
    items = error_items(exc, request.scope.get("route_handler"))
    status = items[0].status
    body = ErrorEnvelope(errors=items, request_id=request_id.get() or None)
    return Response(body, status_code=status, headers=error_headers(request, exc, status))
