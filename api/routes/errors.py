"""Rendering errors as Litestar answers: Segment's envelope, the Config API's under `/v1beta`, or the Tracking
API's under `/v1/` (`{"success": false, "code", "message", "error"}`)."""

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException
from litestar.handlers import BaseRouteHandler
from litestar.params import ParameterKwarg

from api.domain.tracking_api import TRACKING_API_PREFIX
from api.errors import CONFIG_API_PREFIX, GRPC_CODES, GRPC_STATUSES, ApiError, ConfigApiError, ErrorEnvelope, ErrorItem

log = logging.getLogger("api")


def tracking_cors_headers(request: Request[Any, Any, Any]) -> dict[str, str]:
    """What lets a browser page of any origin read the Tracking API's answers (analytics.js), errors included."""
    return {
        "Access-Control-Allow-Origin": request.headers.get("origin") or "*",
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
    }


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


def error_items(exc: Exception, handler: BaseRouteHandler | None = None) -> list[ErrorItem]:
    """What the envelope says about `exc`; unexpected exceptions say nothing of their internals."""
    if isinstance(exc, ApiError):
        return [ErrorItem(type=exc.type, message=exc.message, field=exc.field, status=exc.status_code)]
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return _items_from_litestar(exc, handler)
    return [ErrorItem(type="internal", message="Internal server error.", status=500)]


def config_api_error(item: ErrorItem) -> ConfigApiError:
    code = GRPC_CODES.get(item.status, 13)
    return ConfigApiError(error=f"{item.field}: {item.message}" if item.field else item.message, code=code)


def render_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Litestar exception handler for every exception: the Segment envelope, the Config API's under `/v1beta`, the
    Tracking API's under `/v1/` (the Python library reads `code` and `message`, Ruby's `error`)."""
    if isinstance(exc, ExceptionGroup) and len(exc.exceptions) == 1 and isinstance(exc.exceptions[0], ApiError):
        # an error a yield dependency raises while the handler's own is thrown into it (the transaction
        # turning a deadlock into a 409) arrives wrapped in a group
        exc = exc.exceptions[0]
    items = error_items(exc, request.scope.get("route_handler"))
    status = items[0].status
    if status >= 500:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    headers = {}
    if isinstance(exc, HTTPException) and exc.headers:
        headers.update(exc.headers)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if request.url.path.startswith(TRACKING_API_PREFIX):
        item = items[0]
        body_ = {"success": False, "code": item.type, "message": item.message, "error": item.message}
        if status == 401:
            headers["WWW-Authenticate"] = 'Basic realm="write key"'
        return Response(body_, status_code=status, headers={**headers, **tracking_cors_headers(request)})
    if request.url.path.startswith(CONFIG_API_PREFIX):
        body = config_api_error(items[0])
        return Response(body, status_code=GRPC_STATUSES[body.code], headers=headers)
    return Response(ErrorEnvelope(errors=items), status_code=status, headers=headers)
