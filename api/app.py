"""The Litestar application: routes, auth, errors, OpenAPI and the database pool's lifespan."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from litestar import Litestar, MediaType, Request, Response
from litestar.datastructures import State
from litestar.middleware.base import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, YamlRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme, Server, Tag
from litestar.utils.scope.state import ScopeState

from api import __version__
from api.auth import BearerAuthentication
from api.domain.body_paths import OUT_OF_RANGE, out_of_range_field
from api.domain.tracking_api import TRACKING_API_PREFIX
from api.errors import BadRequest, InvalidInput, UnsupportedMediaType
from api.openapi import ClosedStructSchemaPlugin, NamedObjectSchemaPlugin, SchemaTextPlugin
from api.operations import metrics
from api.operations.edge import Edge
from api.operations.logs import configure_logging
from api.operations.rate_limits import RateLimiter
from api.operations.request_ids import request_id
from api.operations.token_cache import TokenCache
from api.routes.changelog import list_changelog
from api.routes.config_api import CONFIG_API_PREFIX, config_api, render_config_error
from api.routes.copies import CopyController
from api.routes.dependencies import DEPENDENCIES, refuse_nul_characters
from api.routes.errors import ErrorEnvelope, ErrorItem, render_error
from api.routes.events import EventReportsController
from api.routes.operations import OPERATIONS
from api.routes.rules import RulesController
from api.routes.sources import PlanSourcesController, SourceController
from api.routes.tokens import TokenController
from api.routes.tracking_api import tracking_api
from api.routes.tracking_plans import TrackingPlanController
from api.routes.transformations import TransformationController
from api.routes.validation import ValidationController
from api.routes.workspace import get_workspace
from api.services.aggregates import Aggregator
from api.services.ingestion import Ingestion
from api.settings import Settings
from api.store.database import create_pool, database_url
from api.store.migrations import migrate
from api.store.ui_sessions import csrf_key
from api.ui.router import csrf_config, render_page_error, template_config, ui_router
from api.ui.sessions import UI_PATH

MAX_BODY_BYTES = 4 * 1024 * 1024
OPENAPI_PATH = "/schema"
"""The running service serves the same document as openapi.yaml at /schema/openapi.{json,yaml}."""

_JSON_MEDIA_TYPES = ("application/json", "application/vnd.segment.")


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Tracking Plans API",
        version=__version__,
        description=(
            "Self-hosted tracking plans, wire-compatible with Segment's Public API. "
            'Every error answers `{"errors": [{"type", "message", "field"?, "status"}]}`.'
        ),
        servers=[Server(url="http://127.0.0.1:8000")],
        tags=[
            Tag(name="Workspaces", description="The workspace a token belongs to."),
            Tag(name="Tokens", description="Bearer tokens and their roles (workspace owners only)."),
            Tag(name="Tracking Plans", description="Tracking plans, by their `tp_` ids, and their changelog."),
            Tag(name="Rules", description="JSON Schema rules per event and version, and the common schema."),
            Tag(
                name="Copies",
                description="Duplicates, copies across workspaces, library imports and exports (JSON, CSV).",
            ),
            Tag(
                name="Config API (v1beta)",
                description=(
                    "The same plans as one document each, as Segment's Config API serves them, by `rs_` id. "
                    'Errors here are `{"error", "code"}` with the gRPC code: 3 → 400, 16 → 401, 7 → 403, '
                    "5 → 404, 6 → 409, 9 → 412, 13 → 500."
                ),
            ),
            Tag(name="Sources", description="Sources of events, their write keys and schema settings."),
            Tag(
                name="Validation",
                description="Checking events against a plan, or through a source's pipeline as a dry run (any role).",
            ),
            Tag(
                name="Events",
                description=(
                    "What sources received through Segment's HTTP Tracking API (`/v1/...`, write keys): violations, "
                    "the daily digest, delivery counts and the debugger (any role)."
                ),
            ),
            Tag(
                name="Transformations",
                description="Changes made to a source's events on their way out (workspace owners change them).",
            ),
        ],
        components=Components(
            security_schemes={"bearerAuth": SecurityScheme(type="http", scheme="bearer", description="API token.")}
        ),
        security=[{"bearerAuth": []}],
        path=OPENAPI_PATH,
        render_plugins=[JsonRenderPlugin(), YamlRenderPlugin()],
        create_examples=False,
    )


async def check_json_body(request: Request[Any, Any, Any]) -> None:
    """Calls that take a body get a JSON one that matches their model exactly; no parameter holds a NUL.

    Refuses other media types (a missing Content-Type is read as JSON) and decodes the body
    strictly: Litestar converts bodies leniently (`"1"` would pass as the integer 1), and a
    contract-tested API must refuse what its schema refuses. The decoded model is left where
    Litestar looks for the parsed body, so the body is decoded once.
    """
    refuse_nul_characters(request)
    body_field = request.route_handler.parsed_fn_signature.parameters.get("data")
    content_type = request.headers.get("content-type")
    has_body = request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers
    if has_body and content_type and not content_type.lower().startswith(_JSON_MEDIA_TYPES):
        raise UnsupportedMediaType(f"Send JSON with `Content-Type: application/json`, not {content_type!r}.")
    if body_field is None:
        return
    if not has_body:
        if body_field.is_optional:
            return
        raise BadRequest("This call needs a JSON body.")
    body = await request.body()
    try:
        decoded = msgspec.json.decode(body, type=body_field.annotation, strict=True)
    except msgspec.ValidationError as exc:
        error = InvalidInput.from_msgspec(exc)
        if error.message == OUT_OF_RANGE and error.field:
            # inside free-form objects msgspec names keys `[...]`; every other error names its place
            error = InvalidInput(error.message, field=out_of_range_field(error.field, body))
        raise error from None
    except msgspec.DecodeError as exc:
        raise BadRequest(f"The request body is not valid JSON: {exc}.") from None
    except UnicodeDecodeError as exc:
        # msgspec checks UTF-8 in the strings it decodes, and raises this rather than a DecodeError; bodies kept
        # raw in part (a batch of events to validate) get to say which part is not UTF-8
        message = f"The request body is not valid UTF-8: {exc.reason} at byte {exc.start} of a string."
        raise BadRequest(message, field="body") from None
    except RecursionError:
        raise BadRequest("The request body is nested too deeply to read.") from None
    # Litestar's own conversion passes a model of the right type through untouched
    ScopeState.from_scope(request.scope).json = decoded


async def schema_not_found_as_envelope(response: Response[Any]) -> Response[Any]:
    """Litestar answers unknown paths under /schema with an HTML page of its own; every 404 here is the envelope."""
    if response.status_code == 404 and response.media_type == MediaType.HTML:
        item = ErrorItem(type="not-found", message="No such resource.", status=404)
        body = ErrorEnvelope(errors=[item], request_id=request_id.get() or None)
        return Response(body, status_code=404, media_type=MediaType.JSON)
    return response


def render_error_by_api(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """The app's exception handler: under `/v1beta` the Config API's `{error, code}` and under `/ui` the web view's
    error pages, unknown paths and methods included; elsewhere the Public API's envelope (the Tracking API's router
    answers its own errors)."""
    if request.url.path.startswith(CONFIG_API_PREFIX):
        return render_config_error(request, exc)
    if request.url.path == UI_PATH or request.url.path.startswith(f"{UI_PATH}/"):
        return render_page_error(request, exc)
    return render_error(request, exc)


def create_app(settings: Settings) -> Litestar:
    """The service; its lifespan migrates the database and owns the asyncpg pool.

    Every HTTP request passes `Edge` first (request id, rate limit, `HEAD`, log line, metrics).
    """
    configure_logging(settings.log_format, settings.log_level)
    csrf = csrf_config()

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        dsn = database_url(settings)
        await migrate(dsn)
        app.state.pool = await create_pool(dsn, settings.pool_size)
        # every worker and replica signs the web view's CSRF tokens with the same key, kept in the database
        csrf.secret = await csrf_key(app.state.pool)
        aggregator = Aggregator(retention_days=settings.event_retention_days)
        app.state.ingestion = Ingestion(aggregator, observe=settings.observe_schema)
        flusher = asyncio.create_task(aggregator.run(app.state.pool))
        metrics.watch_pool(app.state.pool)
        try:
            yield
        finally:
            # uvicorn runs this on SIGTERM and SIGINT: what the worker counted is written before it exits
            await aggregator.stop(flusher, app.state.pool)
            await app.state.pool.close()

    app = Litestar(
        route_handlers=[
            *OPERATIONS,
            get_workspace,
            TokenController,
            TrackingPlanController,
            RulesController,
            list_changelog,
            PlanSourcesController,
            SourceController,
            TransformationController,
            CopyController,
            config_api,
            ValidationController,
            EventReportsController,
            tracking_api,
            *ui_router(csrf),
        ],
        dependencies=DEPENDENCIES,
        # every method is authenticated, OPTIONS included: role guards run on it too and need the caller
        # the Tracking API authenticates by write key (api.routes.tracking_api), the web view by session (api.ui)
        middleware=[
            DefineMiddleware(
                BearerAuthentication,
                exclude=[f"^{OPENAPI_PATH}", f"^{TRACKING_API_PREFIX}", f"^{UI_PATH}(/|$)"],
                exclude_http_methods=(),
            )
        ],
        before_request=check_json_body,
        after_request=schema_not_found_as_envelope,
        exception_handlers={Exception: render_error_by_api},
        lifespan=[database],
        openapi_config=openapi_config(),
        template_config=template_config(),
        plugins=[ClosedStructSchemaPlugin(), NamedObjectSchemaPlugin(), SchemaTextPlugin()],
        request_max_body_size=MAX_BODY_BYTES,
        state=State({"settings": settings, "token_cache": TokenCache()}),
        debug=False,
    )
    limiter = RateLimiter(settings.rate_limit, settings.rate_limit_window) if settings.rate_limit else None
    # outside Litestar's routing, so that it sees every request and answer, unknown paths and HEAD included
    app.asgi_handler = Edge(app.asgi_handler, limiter, app.state)
    return app


def app_from_env() -> Litestar:
    """Factory for uvicorn workers: settings from the environment."""
    return create_app(Settings.from_env())
