"""Segment's Config API (v1beta): `/v1beta/workspaces/{workspaceSlug}/tracking-plans`, one document per plan.

The same plans as the Public API, by their `rs_` ids (`tp_` ids work too): a change through
either API is seen by the other at once, with the same revisions, `If-Match` and changelog.
Errors here are `{"error", "code"}` with the gRPC code (see `api.routes.errors.render_error`).
"""

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, PathParameter, QueryParameter

from api.auth import may_manage_plans, may_manage_sources
from api.domain.changelog import Change, ChangeAction
from api.domain.config_api import (
    DISPLAY_NAME,
    RULES,
    ConfigTrackingPlan,
    CreateConfigTrackingPlan,
    UpdateConfigTrackingPlan,
    document,
    document_rules,
    in_document,
    keeping_unsaid,
)
from api.domain.ids import ID_PATTERN
from api.domain.pagination import FIRST_PAGE, PageRequest, decode_cursor
from api.domain.plans import CreateTrackingPlan, PlanType, StoredPlan, UpdateTrackingPlan
from api.domain.rules import plan_replace
from api.domain.tokens import Principal
from api.errors import BadRequest, ConfigApiError, NotFound
from api.routes.dependencies import Caller, ExpectedRevision, Pool, Snapshot, Transaction, etag
from api.routes.rules import create_plan_with_rules, write_rules
from api.routes.sources import connect, disconnect
from api.routes.tracking_plans import ETAG_HEADER
from api.store import Db, changelog, plans, rules, sources

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
    500: "gRPC 13 (INTERNAL): unexpected server error.",
}


def config_errors(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI responses in the Config API's error shape: the given statuses plus 400, 401 and 500."""
    return {
        code: ResponseSpec(data_container=ConfigApiError, description=_DESCRIPTIONS[code], generate_examples=False)
        for code in sorted({400, 401, 500, *statuses})
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


async def _document_of(db: Db, principal: Principal, stored: StoredPlan) -> ConfigTrackingPlan:
    live = await rules.all_live_rules(db, principal.workspace_id, stored.plan.id)
    return document(principal.workspace_slug, stored.plan, live)


class ConfigApiController(Controller):
    path = "/v1beta/workspaces/{workspaceSlug:str}/tracking-plans"
    tags = ["Config API (v1beta)"]

    @get("/", operation_id="configListTrackingPlans", responses=config_errors(404))
    async def list_tracking_plans(
        self,
        workspaceSlug: WorkspaceSlug,
        principal: Caller,
        snapshot: Snapshot,
        page_size: Annotated[
            int, QueryParameter(ge=1, le=50, description="Plans per page, 1 to 50 (each comes with all its rules).")
        ] = 10,
        page_token: Annotated[
            str | None, QueryParameter(max_length=500, description="`next_page_token` of the previous page.")
        ] = None,
    ) -> ConfigTrackingPlans:
        """A page of the workspace's plans, oldest first, each with its rules."""
        _check_workspace(principal, workspaceSlug)
        try:
            page = PageRequest(count=page_size, cursor=decode_cursor(page_token) if page_token else FIRST_PAGE)
            found, pagination = await plans.list_plans(snapshot, principal.workspace_id, None, page)
        except BadRequest as exc:
            raise BadRequest(exc.message, field="page_token") from None
        live = await rules.live_rules_of_plans(snapshot, principal.workspace_id, [plan.id for plan in found])
        documents = [document(principal.workspace_slug, plan, live[plan.id]) for plan in found]
        return ConfigTrackingPlans(tracking_plans=documents, next_page_token=pagination.next or "")

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
        self,
        request: Request[Principal, Any, Any],
        workspaceSlug: WorkspaceSlug,
        data: JSONBody[CreateConfigTrackingPlan],
        principal: Caller,
        conn: Transaction,
    ) -> Response[ConfigTrackingPlan]:
        """Create a LIVE plan from a document of at most 5,000 events; every rule check applies."""
        _check_workspace(principal, workspaceSlug)
        given = data.tracking_plan
        wanted = document_rules(given.rules, await request.body()) if given.rules is not msgspec.UNSET else None
        new = CreateTrackingPlan(name=given.display_name, type=PlanType.LIVE)
        _, stored = await create_plan_with_rules(
            conn, principal, new, wanted.inputs if wanted else [], wanted.texts if wanted else []
        )
        return Response(await _document_of(conn, principal, stored), headers={"ETag": etag(stored.revision)})

    @get(
        "/{planId:str}",
        operation_id="configGetTrackingPlan",
        responses=config_errors(404),
        response_headers=[ETAG_HEADER],
    )
    async def get_tracking_plan(
        self, workspaceSlug: WorkspaceSlug, planId: PlanId, principal: Caller, snapshot: Snapshot
    ) -> Response[ConfigTrackingPlan]:
        """One plan as a document, with its revision in `ETag`."""
        _check_workspace(principal, workspaceSlug)
        stored = await plans.find_plan(snapshot, principal.workspace_id, planId)
        return Response(await _document_of(snapshot, principal, stored), headers={"ETag": etag(stored.revision)})

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
        request: Request[Principal, Any, Any],
        workspaceSlug: WorkspaceSlug,
        planId: PlanId,
        data: JSONBody[UpdateConfigTrackingPlan],
        principal: Caller,
        conn: Transaction,
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
            wanted = document_rules(given.rules, await request.body())
        plan_id = (await plans.find_plan(conn, principal.workspace_id, planId)).plan.id
        # the revision is checked once, before either change bumps it
        stored = await plans.lock_plan(conn, principal.workspace_id, plan_id, expected_revision)
        if DISPLAY_NAME in masked:
            change = UpdateTrackingPlan(name=given.display_name)  # checked present by `masked`
            before, stored = await plans.update_plan(conn, principal.workspace_id, plan_id, change, None)
            if stored is not before:
                renamed = Change(action=ChangeAction.PLAN_UPDATED, before=before.plan, after=stored.plan)
                await changelog.record(conn, principal, plan_id, [renamed])
        if wanted is not None:
            _, stored = await write_rules(
                conn,
                principal,
                plan_id,
                None,
                False,
                lambda live: plan_replace(
                    keeping_unsaid(wanted.inputs, live), wanted.texts, [rule for rule in live if in_document(rule)]
                ),
            )
        return Response(await _document_of(conn, principal, stored), headers={"ETag": etag(stored.revision)})

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
        conn: Transaction,
        expected_revision: ExpectedRevision,
    ) -> Empty:
        """Delete a plan for good (its changelog stays readable); honours `If-Match`. Answers `{}`."""
        _check_workspace(principal, workspaceSlug)
        plan_id = (await plans.find_plan(conn, principal.workspace_id, planId)).plan.id
        deleted = await plans.delete_plan(conn, principal.workspace_id, plan_id, expected_revision)
        await changelog.record(
            conn, principal, plan_id, [Change(action=ChangeAction.PLAN_DELETED, before=deleted.plan)]
        )
        return Empty()

    @get("/{planId:str}/source-connections", operation_id="configListSourceConnections", responses=config_errors(404))
    async def list_source_connections(
        self, workspaceSlug: WorkspaceSlug, planId: PlanId, principal: Caller, pool: Pool
    ) -> SourceConnections:
        """Every source connected to the plan."""
        _check_workspace(principal, workspaceSlug)
        stored = await plans.find_plan(pool, principal.workspace_id, planId)
        connected = await sources.connected_sources(pool, principal.workspace_id, stored.plan.id)
        return SourceConnections(
            connections=[_connection(principal, source.slug, stored.plan.resource_schema_id) for source, _ in connected]
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
        conn: Transaction,
    ) -> SourceConnection:
        """Connect `workspaces/{slug}/sources/{sourceSlug}`; a source on another plan is a 409 naming it."""
        _check_workspace(principal, workspaceSlug)
        prefix = f"workspaces/{principal.workspace_slug}/sources/"
        if not data.source_name.startswith(prefix) or "/" in data.source_name.removeprefix(prefix):
            message = f"No source {data.source_name!r} in this workspace; name it {prefix}<slug>."
            raise NotFound(message, field="source_name")
        plan_id = (await plans.find_plan(conn, principal.workspace_id, planId)).plan.id
        stored = await plans.lock_plan(conn, principal.workspace_id, plan_id, None)
        source = await sources.get_source_by_slug(conn, principal.workspace_id, data.source_name.removeprefix(prefix))
        await connect(conn, principal, stored, source.source)
        return _connection(principal, source.source.slug, stored.plan.resource_schema_id)

    @delete(
        "/{planId:str}/source-connections/{sourceSlug:str}",
        operation_id="configDeleteSourceConnection",
        status_code=200,
        guards=[may_manage_sources],
        responses=config_errors(403, 404),
    )
    async def delete_source_connection(
        self,
        workspaceSlug: WorkspaceSlug,
        planId: PlanId,
        sourceSlug: SourceSlug,
        principal: Caller,
        conn: Transaction,
    ) -> Empty:
        """Disconnect the source with this slug. Answers `{}`."""
        _check_workspace(principal, workspaceSlug)
        plan_id = (await plans.find_plan(conn, principal.workspace_id, planId)).plan.id
        await plans.lock_plan(conn, principal.workspace_id, plan_id, None)
        source = await sources.get_source_by_slug(conn, principal.workspace_id, sourceSlug)
        await disconnect(conn, principal, plan_id, source.source)
        return Empty()


def _connection(principal: Principal, source_slug: str, resource_id: str) -> SourceConnection:
    return SourceConnection(
        source_name=f"workspaces/{principal.workspace_slug}/sources/{source_slug}", tracking_plan_id=resource_id
    )
