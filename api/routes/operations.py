"""What operators and scrapers call, without a token: liveness, readiness, metrics and the reference page."""

from pathlib import Path
from typing import Any

import msgspec
import swagger_ui_bundle  # type: ignore[import-untyped]
from litestar import Request, Response, get
from litestar.datastructures import State
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

from api.errors import Unavailable
from api.operations import metrics
from api.store.migrations import pending

UNAUTHENTICATED = {"exclude_from_auth": True}
"""`opt` of the handlers any caller may reach."""
DOCS_ASSETS = "/docs/assets"

DOCS_PAGE = SwaggerRenderPlugin(
    # Swagger UI's scripts and styles are served by the service itself (from the swagger-ui-bundle package),
    # so the page works where browsers cannot reach a CDN
    js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
    css_url=f"{DOCS_ASSETS}/swagger-ui.css",
    standalone_preset_js_url=f"{DOCS_ASSETS}/swagger-ui-standalone-preset.js",
    favicon=f"<link rel='icon' type='image/png' href='{DOCS_ASSETS}/favicon-32x32.png'>",
    path="/docs",
)


class Health(msgspec.Struct, kw_only=True):
    status: str
    """`ok`."""


class Readiness(msgspec.Struct, kw_only=True):
    status: str
    """`ready`."""


@get("/health", opt=UNAUTHENTICATED, include_in_schema=False, sync_to_thread=False)
def health() -> Health:
    """Alive: the process answers HTTP. Touches no database, so an outage does not get the process restarted."""
    return Health(status="ok")


@get("/ready", opt=UNAUTHENTICATED, include_in_schema=False)
async def ready(state: State) -> Readiness:
    """Ready for traffic: the database answers and has every migration this version ships; else a 503."""
    async with state.pool.acquire() as conn:
        missing = await pending(conn)
    if missing:
        retry_after = state.settings.retry_after
        raise Unavailable(f"The database lacks migrations {', '.join(missing)}; run migrate.", retry_after=retry_after)
    return Readiness(status="ready")


@get("/metrics", opt=UNAUTHENTICATED, include_in_schema=False, sync_to_thread=False)
def prometheus_metrics() -> Response[bytes]:
    """Prometheus' text format: requests, latency, database pool and outages (see `api.operations.metrics`)."""
    body, media_type = metrics.exposition()
    return Response(body, media_type=media_type)


@get("/docs", opt=UNAUTHENTICATED, include_in_schema=False, sync_to_thread=False)
def docs(request: Request[Any, Any, Any]) -> Response[bytes]:
    """Swagger UI over the service's OpenAPI document (the one openapi.yaml holds)."""
    return Response(DOCS_PAGE.render(request, request.app.openapi_schema.to_schema()), media_type="text/html")


docs_assets = create_static_files_router(
    path=DOCS_ASSETS,
    directories=[Path(swagger_ui_bundle.swagger_ui_path)],
    opt=UNAUTHENTICATED,
    include_in_schema=False,
)
"""Swagger UI's files, for the page at /docs."""

OPERATIONS: list[ControllerRouterHandler] = [health, ready, prometheus_metrics, docs, docs_assets]
