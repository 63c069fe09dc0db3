"""The Litestar application: routes, auth, errors, OpenAPI and the database pool's lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Request
from litestar.middleware.base import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, YamlRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Server, Tag

from api.auth import BearerAuthentication
from api.errors import BadRequest, UnsupportedMediaType, render_error
from api.openapi import ClosedStructSchemaPlugin
from api.routes.dependencies import DEPENDENCIES
from api.routes.tokens import TokenController
from api.routes.tracking_plans import TrackingPlanController
from api.routes.workspace import get_workspace
from api.settings import Settings
from api.store.database import create_pool, database_url
from api.store.migrations import migrate

MAX_BODY_BYTES = 4 * 1024 * 1024
OPENAPI_PATH = "/schema"
"""The running service serves the same document as openapi.yaml at /schema/openapi.{json,yaml}."""

_JSON_MEDIA_TYPES = ("application/json", "application/vnd.segment.")


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Tracking Plans API",
        version="1.0.0",
        description=(
            "Self-hosted tracking plans, wire-compatible with Segment's Public API. "
            'Every error answers `{"errors": [{"type", "message", "field"?, "status"}]}`.'
        ),
        servers=[Server(url="http://127.0.0.1:8000")],
        tags=[
            Tag(name="Workspaces", description="The workspace a token belongs to."),
            Tag(name="Tokens", description="Bearer tokens and their roles (workspace owners only)."),
            Tag(name="Tracking Plans", description="Tracking plans, by their `tp_` ids."),
        ],
        components=Components(
            security_schemes={"bearerAuth": SecurityScheme(type="http", scheme="bearer", description="API token.")}
        ),
        security=[{"bearerAuth": []}],
        path=OPENAPI_PATH,
        render_plugins=[JsonRenderPlugin(), YamlRenderPlugin()],
        create_examples=False,
    )


async def require_json_body(request: Request[Any, Any, Any]) -> None:
    """Calls that take a body get a JSON one: refuse other media types (a missing Content-Type is read as JSON)."""
    content_type = request.headers.get("content-type")
    has_body = request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers
    if has_body and content_type and not content_type.lower().startswith(_JSON_MEDIA_TYPES):
        raise UnsupportedMediaType(f"Send JSON with `Content-Type: application/json`, not {content_type!r}.")
    if not has_body and "data" in request.route_handler.parsed_fn_signature.parameters:
        raise BadRequest("This call needs a JSON body.")


def create_app(settings: Settings) -> Litestar:
    """The service; its lifespan migrates the database and owns the asyncpg pool."""

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        dsn = database_url(settings)
        await migrate(dsn)
        app.state.pool = await create_pool(dsn, settings.pool_size)
        try:
            yield
        finally:
            await app.state.pool.close()

    return Litestar(
        route_handlers=[get_workspace, TokenController, TrackingPlanController],
        dependencies=DEPENDENCIES,
        # every method is authenticated, OPTIONS included: role guards run on it too and need the caller
        middleware=[DefineMiddleware(BearerAuthentication, exclude=[f"^{OPENAPI_PATH}"], exclude_http_methods=())],
        before_request=require_json_body,
        exception_handlers={Exception: render_error},
        lifespan=[database],
        openapi_config=openapi_config(),
        plugins=[ClosedStructSchemaPlugin()],
        request_max_body_size=MAX_BODY_BYTES,
        debug=False,
    )


def app_from_env() -> Litestar:
    """Factory for uvicorn workers: settings from the environment."""
    return create_app(Settings.from_env())
