"""Segment's Config API (v1beta): `/v1beta/workspaces/{workspaceSlug}/tracking-plans`, one document per plan.

The same plans as the Public API, by their `rs_` ids (`tp_` ids work too): a change through
either API is seen by the other at once, with the same revisions, `If-Match` and changelog.
Errors here are `{"error", "code"}` with the gRPC code (see `render_config_error`).
"""

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, Router, delete, get, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, PathParameter, QueryParameter

from api.auth import may_manage_plans, may_manage_sources
from api.domain.config_api import (
    RULES,
    ConfigTrackingPlan,
    CreateConfigTrackingPlan,
    UpdateConfigTrackingPlan,
    document,
    document_rules,
)
from api.domain.ids import ID_PATTERN
from api.domain.pagination import FIRST_PAGE, PageRequest, decode_cursor
from api.domain.tokens import Principal
from api.errors import NotFound
from api.operations.request_ids import request_id
from api.routes.dependencies import Caller, ExpectedRevision, Pool, etag
from api.routes.errors import PUBLIC_FIELDS, as_answered, error_headers, error_items
from api.routes.responses import ETAG_HEADER
from api.services import documents, plans, sources
from api.store import rules as store_rules
from api.store import sources as store_sources


class ConfigApiError(msgspec.Struct, kw_only=True, omit_defaults=True, rename={"request_id": "requestId"}):
    """The body of every non-2xx answer under `/v1beta`, as Segment's Config API answers."""

    error: str
    """What is wrong; a problem in the body starts with its path, e.g. `tracking_plan.rules.global: …`."""
    code: int
    """The gRPC status code."""
    request_id: str | None = None
    """The request's `X-Request-Id`, to find its log line."""


MAX_DOCUMENT_BODY_BYTES = 64 * 1024 * 1024
"""A document of `MAX_EVENTS` events of a few KiB each fits."""

WorkspaceSlug = Annotated[str, PathParameter(max_length=100, description="The token's own workspace.")]
PlanId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The plan's `rs_` id (its `tp_` id works too).")]
SourceSlug = Annotated[str, PathParameter(max_length=100, description="The source's slug.")]

_DESCRIPTIONS = {
    400: "gRPC 3 (INVALID_ARGUMENT): malformed or invalid input; `error` starts with the offending path.",
    401: "gRPC 16 (UNAUTHENTICATED): no token, or an unknown or revoked one.",
    403: "gRPC 7 (PERMISSION_DENIED): the token's role may not do this.",
    404: "gRPC 5 (NOT_FOUND): no such plan or source in this workspace, or another workspace's slug.",
    409: "gRPC 6 (ALREADY_EXISTS): the source is connected to another plan.",
    412: "gRPC 9 (FAILED_PRECONDITION): If-Match names a revision that is not the current one.",
    414: "gRPC 3 (INVALID_ARGUMENT): the URL is longer than 8 KiB.",
    429: "gRPC 8 (RESOURCE_EXHAUSTED): over the token's rate limit; `Retry-After` says in how many seconds to retry.",
    500: "gRPC 13 (INTERNAL): unexpected server error.",
    503: "gRPC 14 (UNAVAILABLE): the database cannot be reached; `Retry-After` says in how many seconds to retry.",
}


def config_errors(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI responses in the Config API's error shape: the given statuses plus those any call may answer."""
    return {
        code: ResponseSpec(data_container=ConfigApiError, description=_DESCRIPTIONS[code], generate_examples=False)
        for code in sorted({400, 401, 414, 429, 500, 503, *statuses})
    }


class ConfigTrackingPlans(msgspec.Struct, kw_only=True):
    tracking_plans: list[ConfigTrackingPlan]
    next_page_token: str
    """Pass as `page_token` for the next page; empty on the last."""


class CreateSourceConnection(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    source_name: Annotated[str, msgspec.Meta(max_length=300)]
    """`workspaces/{workspaceSlug}/sources/{sourceSlug}`."""


class SourceConnection(msgspec.Struct, kw_only=True):
    source_name: str
    tracking_plan_id: str
    """The plan's `rs_` id."""


class SourceConnections(msgspec.Struct, kw_only=True):
    connections: list[SourceConnection]


class Empty(msgspec.Struct):
    """`{}`: what a delete answers."""


def _check_workspace(principal: Principal, workspace_slug: str) -> None:
    if workspace_slug != principal.workspace_slug:
        raise NotFound(f"No workspace {workspace_slug!r} for this token.", field="workspaceSlug")


class ConfigApiController(Controller):
    path = "/workspaces/{workspaceSlug:str}/tracking-plans"
    tags = ["Config API (v1beta)"]

    @get("/", operation_id="configListTrackingPlans", responses=config_errors(404))
    async def list_tracking_plans(
        self,
        workspaceSlug: WorkspaceSlug,
        principal: Caller,
        pool: Pool,
        page_size: Annotated[
            int, QueryParameter(ge=1, le=50, description="Plans per page, 1 to 50 (each comes with all its rules).")
        ] = 10,
        page_token: Annotated[
            str | None, QueryParameter(max_length=500, description="`next_page_token` of the previous page.")
        ] = None,
    ) -> ConfigTrackingPlans:
        """A page of the workspace's plans, oldest first, each with its rules."""
        _check_workspace(principal, workspaceSlug)
        page = PageRequest(count=page_size, cursor=decode_cursor(page_token) if page_token else FIRST_PAGE)
        found, pagination = await store_rules.plans_with_rules(pool, principal.workspace_id, page)
        shown = [document(principal.workspace_slug, plan, live) for plan, live in found]
        return ConfigTrackingPlans(tracking_plans=shown, next_page_token=pagination.next or "")

    @post(
        "/",
        operation_id="configCreateTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=config_errors(403, 404),
        response_headers=[ETAG_HEADER],
        request_max_body_size=MAX_DOCUMENT_BODY_BYTES,
    )
    async def create_tracking_plan(
        self, workspaceSlug: WorkspaceSlug, data: JSONBody[CreateConfigTrackingPlan], principal: Caller, pool: Pool
    ) -> Response[ConfigTrackingPlan]:
        """Create a LIVE plan from a document of at most 5,000 events; every rule check applies."""
        _check_workspace(principal, workspaceSlug)
        given = data.tracking_plan
        wanted = document_rules(given.rules) if given.rules is not msgspec.UNSET else []
        stored, live = await documents.create_document_plan(pool, principal, given.display_name, wanted)
        shown = document(principal.workspace_slug, stored.plan, live)
        return Response(shown, headers={"ETag": etag(stored.revision)})

    @get(
        "/{planId:str}",
        operation_id="configGetTrackingPlan",
        responses=config_errors(404),
        response_headers=[ETAG_HEADER],
    )
    async def get_tracking_plan(
        self, workspaceSlug: WorkspaceSlug, planId: PlanId, principal: Caller, pool: Pool
    ) -> Response[ConfigTrackingPlan]:
        """One plan as a document, with its revision in `ETag`."""
        _check_workspace(principal, workspaceSlug)
        stored, live = await store_rules.plan_with_rules(pool, principal.workspace_id, planId, either_id=True)
        shown = document(principal.workspace_slug, stored.plan, live)
        return Response(shown, headers={"ETag": etag(stored.revision)})

    @put(
        "/{planId:str}",
        operation_id="configUpdateTrackingPlan",
        guards=[may_manage_plans],
        responses=config_errors(403, 404, 412),
        response_headers=[ETAG_HEADER],
        request_max_body_size=MAX_DOCUMENT_BODY_BYTES,
    )
    async def update_tracking_plan(
        self,
        workspaceSlug: WorkspaceSlug,
        planId: PlanId,
        data: JSONBody[UpdateConfigTrackingPlan],
        principal: Caller,
        pool: Pool,
        expected_revision: ExpectedRevision,
    ) -> Response[ConfigTrackingPlan]:
        """Change the fields `update_mask.paths` names, and only those; a `rules` change replaces the document's rules.

        PAGE and SCREEN rules, and versions other than 1 of the keyless types, are not in the
        document and stay. Rules that stay keep their labels. Atomic; honours `If-Match`.
        """
        _check_workspace(principal, workspaceSlug)
        masked = data.masked()
        given = data.tracking_plan
        wanted = None
        if RULES in masked and given.rules is not msgspec.UNSET:
            wanted = document_rules(given.rules)
        display_name = given.display_name if isinstance(given.display_name, str) else None
        stored, live = await documents.update_document(
            pool, principal, planId, masked, display_name, wanted, expected_revision
        )
        shown = document(principal.workspace_slug, stored.plan, live)
        return Response(shown, headers={"ETag": etag(stored.revision)})

    @delete(
        "/{planId:str}",
        operation_id="configDeleteTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=config_errors(403, 404, 412),
    )
    async def delete_tracking_plan(
        self,
        workspaceSlug: WorkspaceSlug,
        planId: PlanId,
        principal: Caller,
        pool: Pool,
        expected_revision: ExpectedRevision,
    ) -> Empty:
        """Delete a plan for good (its changelog stays readable); honours `If-Match`. Answers `{}`."""
        _check_workspace(principal, workspaceSlug)
        await plans.delete_plan(pool, principal, planId, expected_revision, either_id=True)
        return Empty()

    @get("/{planId:str}/source-connections", operation_id="configListSourceConnections", responses=config_errors(404))
    async def list_source_connections(
        self, workspaceSlug: WorkspaceSlug, planId: PlanId, principal: Caller, pool: Pool
    ) -> SourceConnections:
        """Every source connected to the plan."""
        _check_workspace(principal, workspaceSlug)
        stored, connected = await store_sources.plan_connections(pool, principal.workspace_id, planId)
        return SourceConnections(
            connections=[_connection(principal, source.slug, stored.plan.resource_schema_id) for source in connected]
        )

    @post(
        "/{planId:str}/source-connections",
        operation_id="configCreateSourceConnection",
        status_code=200,
        guards=[may_manage_sources],
        responses=config_errors(403, 404, 409),
    )
    async def create_source_connection(
        self,
        workspaceSlug: WorkspaceSlug,
        planId: PlanId,
        data: JSONBody[CreateSourceConnection],
        principal: Caller,
        pool: Pool,
    ) -> SourceConnection:
        """Connect `workspaces/{slug}/sources/{sourceSlug}`; a source on another plan is a 409 naming it."""
        _check_workspace(principal, workspaceSlug)
        prefix = f"workspaces/{principal.workspace_slug}/sources/"
        if not data.source_name.startswith(prefix) or "/" in data.source_name.removeprefix(prefix):
            message = f"No source {data.source_name!r} in this workspace; name it {prefix}<slug>."
            raise NotFound(message, field="source_name")
        slug = data.source_name.removeprefix(prefix)
        stored, source = await sources.connect_source(pool, principal, planId, source_slug=slug, either_id=True)
        return _connection(principal, source.slug, stored.plan.resource_schema_id)

    @delete(
        "/{planId:str}/source-connections/{sourceSlug:str}",
        operation_id="configDeleteSourceConnection",
        status_code=200,
        guards=[may_manage_sources],
        responses=config_errors(403, 404),
    )
    async def delete_source_connection(
        self, workspaceSlug: WorkspaceSlug, planId: PlanId, sourceSlug: SourceSlug, principal: Caller, pool: Pool
    ) -> Empty:
        """Disconnect the source with this slug. Answers `{}`."""
        _check_workspace(principal, workspaceSlug)
        await sources.disconnect_source(pool, principal, planId, source_slug=sourceSlug, either_id=True)
        return Empty()


def _connection(principal: Principal, source_slug: str, resource_id: str) -> SourceConnection:
    return SourceConnection(
        source_name=f"workspaces/{principal.workspace_slug}/sources/{source_slug}", tracking_plan_id=resource_id
    )


GRPC_CODES = {
    400: 3,
    401: 16,
    403: 7,
    404: 5,
    405: 12,
    409: 6,
    412: 9,
    413: 3,
    414: 3,
    415: 3,
    422: 3,
    429: 8,
    500: 13,
    503: 14,
}
"""The gRPC code of each HTTP status we answer."""
GRPC_STATUSES = {3: 400, 5: 404, 6: 409, 7: 403, 8: 429, 9: 412, 12: 405, 13: 500, 14: 503, 16: 401}
"""The HTTP status each gRPC code is answered with: invalid input of any kind is a 400."""
CONFIG_FIELDS: dict[str, str | None] = {
    **PUBLIC_FIELDS,
    "plan": None,
    "source": "source_name",
    "page cursor": "page_token",
}
"""The input that names each subject of an error in the Config API: the path names the plan."""


def render_config_error(request: Request[Any, Any, Any], exc: Exception) -> Response[ConfigApiError]:
    """Litestar exception handler of the Config API: `{"error", "code"}`, with the gRPC code."""
    exc = as_answered(request, exc)
    item = error_items(exc, request.scope.get("route_handler"), CONFIG_FIELDS)[0]
    code = GRPC_CODES.get(item.status, 13)
    message = f"{item.field}: {item.message}" if item.field else item.message
    body = ConfigApiError(error=message, code=code, request_id=request_id.get() or None)
    return Response(body, status_code=GRPC_STATUSES[code], headers=error_headers(request, exc, item.status))


CONFIG_API_PREFIX = "/v1beta/"
"""Where the Config API is mounted."""

config_api = Router(path=CONFIG_API_PREFIX.rstrip("/"), route_handlers=[ConfigApiController])
"""The Config API; the app answers its errors with `render_config_error` (`api.app.render_error_by_api`)."""
