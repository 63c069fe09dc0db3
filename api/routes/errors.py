"""Rendering errors as Litestar answers: Segment's envelope, or the Config API's under `/v1beta`."""

import logging
from typing import Any

import asyncpg
from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import ParameterKwarg

from api.errors import (
    CONFIG_API_PREFIX,
    GRPC_CODES,
    GRPC_STATUSES,
    ApiError,
    ConfigApiError,
    ErrorEnvelope,
    ErrorItem,
    Unavailable,
)
from api.operations import metrics
from api.operations.edge import request_id
from api.settings import Settings

log = logging.getLogger("api")


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


def _as_unavailable(exc: BaseException, retry_after: int) -> Unavailable | None:
    if isinstance(exc, DATABASE_OUTAGES) or (isinstance(exc, asyncpg.InterfaceError) and "closed" in str(exc)):
        return Unavailable("The database cannot be reached; retry later.", retry_after=retry_after)
    return None


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


def error_items(exc: Exception, handler: BaseRouteHandler | None = None) -> list[ErrorItem]:
    """What the envelope says about `exc`; unexpected exceptions say nothing of their internals."""
    if isinstance(exc, ApiError):
        return [ErrorItem(type=exc.type, message=exc.message, field=exc.field, status=exc.status_code)]
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return _items_from_litestar(exc, handler)
    return [ErrorItem(type="internal", message="Internal server error.", status=500)]


def config_api_error(item: ErrorItem) -> ConfigApiError:
    code = GRPC_CODES.get(item.status, 13)
    message = f"{item.field}: {item.message}" if item.field else item.message
    return ConfigApiError(error=message, code=code, request_id=request_id.get() or None)


def render_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Litestar exception handler for every exception: the Segment envelope, or the Config API's under `/v1beta`."""
    while isinstance(exc, ExceptionGroup) and len(exc.exceptions) == 1:
        # an error a yield dependency raises while the handler's own is thrown into it (the transaction
        # turning a deadlock into a 409, or losing its connection) arrives wrapped in a group
        exc = exc.exceptions[0]
    settings: Settings = request.app.state.get("settings", DEFAULT_SETTINGS)
    if outage := _as_unavailable(exc, settings.retry_after):
        # one line per failed request, by the edge; a traceback per request would flood the log in an outage
        metrics.DATABASE_UNAVAILABLE.inc()
        exc = outage
    items = error_items(exc, request.scope.get("route_handler"))
    status = items[0].status
    if status >= 500 and not isinstance(exc, Unavailable):
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    headers = {}
    if isinstance(exc, HTTPException) and exc.headers:
        headers.update(exc.headers)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, Unavailable):
        headers["Retry-After"] = str(exc.retry_after)
    if request.url.path.startswith(CONFIG_API_PREFIX):
        body = config_api_error(items[0])
        return Response(body, status_code=GRPC_STATUSES[body.code], headers=headers)
    return Response(
        ErrorEnvelope(errors=items, request_id=request_id.get() or None), status_code=status, headers=headers
    )
