"""Segment's HTTP Tracking API: `POST /v1/track|identify|page|screen|group|alias|batch` and analytics.js's
`text/plain` short paths `/v1/t|i|p|s|g|a|b`, with CORS for browsers.

Authenticated by a source's write key (HTTP Basic user, or `writeKey` in the body), not by a bearer token.
Answers `{"success": true}`; errors `{"success": false, "code", "message", "error"}` (rendered by
`api.routes.errors.render_error` for every path under `/v1/`). Not part of the Public API's OpenAPI
document: the analytics libraries are its clients.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Request, Response, Router, post, route
from litestar.datastructures import State
from litestar.enums import HttpMethod
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
from api.routes.errors import tracking_cors_headers
from api.services.ingestion import Ingestion

SUCCESS = {"success": True}

Call = Annotated[str, PathParameter(description="The call: track, identify, … batch, or a short path t, i, … b.")]
_CORS_ALLOW_HEADERS = "Content-Type, Content-Encoding, Authorization"


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
    return Response(SUCCESS, headers=tracking_cors_headers(request))


@route("/{call:str}", http_method=[HttpMethod.OPTIONS], status_code=204, include_in_schema=False)
async def preflight(call: Call, request: Request[Any, Any, Any]) -> Response[None]:
    """A browser's CORS preflight for posting JSON (analytics.js posts `text/plain`, which needs none)."""
    _call_of(call)
    headers = {
        **tracking_cors_headers(request),
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": request.headers.get("access-control-request-headers") or _CORS_ALLOW_HEADERS,
        "Access-Control-Max-Age": "86400",
    }
    return Response(None, status_code=204, headers=headers)


async def _any_body(_: Request[Any, Any, Any]) -> None:
    """The Tracking API takes `text/plain` and gzip bodies: the app's JSON-body check does not apply."""


tracking_api = Router(
    path=TRACKING_API_PREFIX.rstrip("/"),
    # the preflight first: a route made for `take_events` alone would get Litestar's own OPTIONS handler
    route_handlers=[preflight, take_events],
    before_request=_any_body,
    # `_read_body` refuses past MAX_REQUEST_BYTES with the Tracking API's 400
    request_max_body_size=None,
    tags=["Tracking API"],
)
"""Mounted at `/v1`."""
