"""Segment's HTTP Tracking API: `POST /v1/track|identify|page|screen|group|alias|batch` and analytics.js's
`text/plain` short paths `/v1/t|i|p|s|g|a|b`, with CORS for browsers.

Authenticated by a source's write key (HTTP Basic user, or `writeKey` in the body), not by a bearer token.
Answers `{"success": true}`; errors `{"success": false, "code", "message", "error"}` (rendered by
`render_tracking_error`, this router's exception handler). Not part of the Public API's OpenAPI
document: the analytics libraries are its clients.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Request, Response, Router, post, route
from litestar.datastructures import State
from litestar.enums import HttpMethod
from litestar.exceptions import MethodNotAllowedException
from litestar.params import PathParameter

from api.domain.tracking_api import (
    CALLS,
    TRACKING_API_PREFIX,
    basic_write_key,
    check_request_size,
    inflate,
    read_request,
)
from api.errors import BadRequest, NotFound
from api.routes.errors import as_answered, error_headers, error_items
from api.services.ingestion import Ingestion

SUCCESS = {"success": True}

Call = Annotated[str, PathParameter(description="The call: track, identify, … batch, or a short path t, i, … b.")]
_CORS_ALLOW_HEADERS = "Content-Type, Content-Encoding, Authorization"


def tracking_cors_headers(origin: str | None) -> dict[str, str]:
    """What lets a browser page of any origin (the request's `Origin` header) read the Tracking API's answers
    (analytics.js), errors included."""
    return {
        "Access-Control-Allow-Origin": origin or "*",
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
    }


def render_tracking_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    """Litestar exception handler of the Tracking API: `{"success": false, "code", "message", "error"}` with CORS
    headers (the Python library reads `code` and `message`, Ruby's `error`)."""
    exc = as_answered(request, exc)
    item = error_items(exc, request.scope.get("route_handler"))[0]
    headers = error_headers(request, exc, item.status)
    if item.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="write key"'
    body = {"success": False, "code": item.type, "message": item.message, "error": item.message}
    return Response(
        body, status_code=item.status, headers={**headers, **tracking_cors_headers(request.headers.get("origin"))}
    )


def _call_of(call: str) -> str:
    if call not in CALLS:
        raise NotFound(f"No Tracking API call {call!r}: calls are {', '.join(CALLS)}.")
    return call


async def _read_body(request: Request[Any, Any, Any]) -> bytes:
    """The raw body, read up to the request limit: a bigger one is refused before the rest is read."""
    announced = request.headers.get("content-length")
    if announced is not None and announced.isdigit():
        check_request_size(int(announced))
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        check_request_size(size)
        chunks.append(chunk)
    return b"".join(chunks)


@post("/{call:str}", status_code=200, include_in_schema=False)
async def take_events(call: Call, request: Request[Any, Any, Any], state: State) -> Response[dict[str, bool]]:
    """Take in one event, or a batch, for the source whose write key the request carries."""
    call = _call_of(call)
    body = inflate(await _read_body(request), request.headers.get("content-encoding"))
    header_key = basic_write_key(request.headers.get("authorization"))
    received_at = datetime.now(UTC)
    taken = read_request(call, body, received_at)
    if header_key and taken.write_key and header_key != taken.write_key:
        raise BadRequest("The write key of the Authorization header and the body's `writeKey` differ: send one.")
    ingestion: Ingestion = state.ingestion
    pipeline = await ingestion.pipeline_for(state.pool, header_key or taken.write_key)
    ingestion.ingest(pipeline, taken, received_at)
    return Response(SUCCESS, headers=tracking_cors_headers(request.headers.get("origin")))


@route("/{call:str}", http_method=[HttpMethod.OPTIONS], status_code=204, include_in_schema=False)
async def preflight(call: Call, request: Request[Any, Any, Any]) -> Response[None]:
    """A browser's CORS preflight for posting JSON (analytics.js posts `text/plain`, which needs none)."""
    _call_of(call)
    headers = {
        **tracking_cors_headers(request.headers.get("origin")),
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": request.headers.get("access-control-request-headers") or _CORS_ALLOW_HEADERS,
        "Access-Control-Max-Age": "86400",
    }
    return Response(None, status_code=204, headers=headers)


@route(
    "/{call:str}",
    http_method=[HttpMethod.GET, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE],
    include_in_schema=False,
)
async def other_methods(call: Call) -> None:
    """Any other method is a 405 in the Tracking API's shape: Litestar's own would be rendered by the app's handler,
    outside this router."""
    raise MethodNotAllowedException(headers={"Allow": "POST, OPTIONS"})


@route(
    "/{call:str}/{rest:path}",
    http_method=[HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE],
    include_in_schema=False,
)
async def no_such_call(call: Call, rest: Annotated[str, PathParameter(description="Anything deeper.")]) -> None:
    """A deeper path under `/v1/` is a 404 in the Tracking API's shape (for the same reason)."""
    raise NotFound(f"No Tracking API call {call}{rest}: calls are {', '.join(CALLS)}.")


async def _any_body(_: Request[Any, Any, Any]) -> None:
    """The Tracking API takes `text/plain` and gzip bodies: the app's JSON-body check does not apply."""


tracking_api = Router(
    path=TRACKING_API_PREFIX.rstrip("/"),
    # the preflight first: a route made for `take_events` alone would get Litestar's own OPTIONS handler
    route_handlers=[preflight, take_events, other_methods, no_such_call],
    before_request=_any_body,
    # `_read_body` refuses past MAX_REQUEST_BYTES with the Tracking API's 400
    request_max_body_size=None,
    tags=["Tracking API"],
    exception_handlers={Exception: render_tracking_error},
)
"""Mounted at `/v1`."""
