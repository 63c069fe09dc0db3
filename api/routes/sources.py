"""Sources and their schema settings (`/sources`), and the sources of a plan (`/tracking-plans/{id}/sources`)."""

from collections.abc import Sequence
from typing import Annotated, Any

import asyncpg
import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody, PathParameter, QueryParameter

from api.auth import may_manage_sources
from api.domain.changelog import Change, ChangeAction
from api.domain.ids import ID_PATTERN
from api.domain.pagination import Pagination
from api.domain.plans import StoredPlan
from api.domain.sources import (
    CreateSource,
    SchemaSettings,
    SchemaSettingsChange,
    Source,
    change_settings,
    forwarding_targets,
)
from api.domain.tokens import Principal, Role
from api.domain.transformations import Transformation
from api.errors import Forbidden
from api.openapi import linking_created
from api.routes.dependencies import Caller, Page, Pool, Transaction
from api.routes.responses import SUCCESS, WITH_BODY, StatusResponse, errors
from api.routes.tracking_plans import TrackingPlanId
from api.store import changelog, plans, sources, transformations

SourceId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The source's id.")]


class SourceData(msgspec.Struct, kw_only=True):
    source: Source


class SourceResponse(msgspec.Struct, kw_only=True):
    data: SourceData


class ConnectedSourceData(msgspec.Struct, kw_only=True, rename="camel"):
    source: Source
    tracking_plan_id: str | None
    """The plan the source is connected to, or null."""


class ConnectedSourceResponse(msgspec.Struct, kw_only=True):
    data: ConnectedSourceData


class SourcesData(msgspec.Struct, kw_only=True):
    sources: list[Source]
    pagination: Pagination


class SourcesResponse(msgspec.Struct, kw_only=True):
    data: SourcesData


class SchemaSettingsData(msgspec.Struct, kw_only=True, rename="camel"):
    source_id: str
    settings: SchemaSettings


class SchemaSettingsResponse(msgspec.Struct, kw_only=True):
    data: SchemaSettingsData


class AddSourceToTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    source_id: Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]


class SourceController(Controller):
    path = "/sources"
    tags = ["Sources"]

    @get("/", operation_id="listSources", responses=errors())
    async def list_sources(self, principal: Caller, pool: Pool, page: Page) -> SourcesResponse:
        """A page of the workspace's sources, oldest first."""
        found, pagination = await sources.list_sources(pool, principal.workspace_id, None, page)
        return SourcesResponse(data=SourcesData(sources=found, pagination=pagination))

    @post(
        "/",
        operation_id="createSource",
        status_code=200,
        guards=[may_manage_sources],
        responses=errors(403, 409, *WITH_BODY),
        operation_class=linking_created(
            "sourceId",
            "/data/source/id",
            "getSource",
            "deleteSource",
            "listSchemaSettingsInSource",
            "updateSchemaSettingsInSource",
        ),
    )
    async def create_source(self, data: JSONBody[CreateSource], principal: Caller, pool: Pool) -> SourceResponse:
        """Create a source of a kind from the catalogue (`metadataId`); it gets a write key."""
        data.check()
        source = await sources.create_source(pool, principal.workspace_id, data)
        return SourceResponse(data=SourceData(source=source))

    @get("/{sourceId:str}", operation_id="getSource", responses=errors(404))
    async def get_source(self, sourceId: SourceId, principal: Caller, pool: Pool) -> ConnectedSourceResponse:
        """One source, with the plan it is connected to."""
        stored = await sources.get_source(pool, principal.workspace_id, sourceId)
        return ConnectedSourceResponse(data=ConnectedSourceData(source=stored.source, tracking_plan_id=stored.plan_id))

    @delete(
        "/{sourceId:str}",
        operation_id="deleteSource",
        status_code=200,
        guards=[may_manage_sources],
        responses=errors(403, 404),
    )
    async def delete_source(self, sourceId: SourceId, principal: Caller, conn: Transaction) -> StatusResponse:
        """Delete a source and its transformations; its plan's changelog records the disconnection and what went.

        Deleting transformations is a workspace owner's act: a source that has some is a 403 for other roles.
        """
        await sources.lock_source(conn, principal.workspace_id, sourceId)
        doomed = await transformations.transformations_of_source(conn, principal.workspace_id, sourceId)
        if doomed and principal.role is not Role.WORKSPACE_OWNER:
            count = f"{len(doomed)} transformation{'s' if len(doomed) > 1 else ''}"
            raise Forbidden(
                f"Source {sourceId!r} has {count}, which deleting it would delete too; only a workspace owner "
                "may delete transformations.",
                field="sourceId",
            )
        deleted = await sources.delete_source(conn, principal.workspace_id, sourceId)
        if deleted.plan_id is not None:
            await _record_connection(
                conn, principal, deleted.plan_id, ChangeAction.SOURCE_DISCONNECTED, deleted.source, deleted=doomed
            )
        return SUCCESS

    @get("/{sourceId:str}/settings", operation_id="listSchemaSettingsInSource", responses=errors(404))
    async def get_settings(self, sourceId: SourceId, principal: Caller, pool: Pool) -> SchemaSettingsResponse:
        """What the source lets through: unplanned events and properties, violations, forwarding."""
        settings = await sources.get_schema_settings(pool, principal.workspace_id, sourceId)
        return SchemaSettingsResponse(data=SchemaSettingsData(source_id=sourceId, settings=settings))

    @patch(
        "/{sourceId:str}/settings",
        operation_id="updateSchemaSettingsInSource",
        guards=[may_manage_sources],
        responses=errors(403, 404, *WITH_BODY),
    )
    async def update_settings(
        self, sourceId: SourceId, data: JSONBody[SchemaSettingsChange], principal: Caller, conn: Transaction
    ) -> SchemaSettingsResponse:
        """Change the settings the body names (at any depth); the others stay. Answers them all."""
        targets = forwarding_targets(data, sourceId)
        await sources.hold_forwarding_targets(conn, principal.workspace_id, targets)
        current = await sources.get_schema_settings(conn, principal.workspace_id, sourceId, lock=True)
        settings = change_settings(current, data)
        await sources.set_schema_settings(conn, principal.workspace_id, sourceId, settings)
        return SchemaSettingsResponse(data=SchemaSettingsData(source_id=sourceId, settings=settings))


class PlanSourcesController(Controller):
    path = "/tracking-plans/{trackingPlanId:str}/sources"
    tags = ["Tracking Plans"]

    @get("/", operation_id="listSourcesFromTrackingPlan", responses=errors(404))
    async def list_plan_sources(
        self, trackingPlanId: TrackingPlanId, principal: Caller, pool: Pool, page: Page
    ) -> SourcesResponse:
        """A page of the sources connected to the plan, oldest first."""
        await plans.get_plan(pool, principal.workspace_id, trackingPlanId)
        found, pagination = await sources.list_sources(pool, principal.workspace_id, trackingPlanId, page)
        return SourcesResponse(data=SourcesData(sources=found, pagination=pagination))

    @post(
        "/",
        operation_id="addSourceToTrackingPlan",
        status_code=200,
        guards=[may_manage_sources],
        responses=errors(403, 404, 409, *WITH_BODY),
    )
    async def add_source(
        self,
        trackingPlanId: TrackingPlanId,
        data: JSONBody[AddSourceToTrackingPlan],
        principal: Caller,
        conn: Transaction,
    ) -> StatusResponse:
        """Connect a source; a source already on another plan is a 409 that names that plan."""
        plan = await plans.lock_plan(conn, principal.workspace_id, trackingPlanId, None)
        source = await sources.get_source(conn, principal.workspace_id, data.source_id)
        await connect(conn, principal, plan, source.source)
        return SUCCESS

    @delete(
        "/",
        operation_id="removeSourceFromTrackingPlan",
        status_code=200,
        guards=[may_manage_sources],
        responses=errors(403, 404),
    )
    async def remove_source(
        self,
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        conn: Transaction,
        source_id: Annotated[
            str, QueryParameter(name="sourceId", pattern=ID_PATTERN, description="The source to disconnect.")
        ],
    ) -> StatusResponse:
        """Disconnect a source from the plan."""
        await plans.lock_plan(conn, principal.workspace_id, trackingPlanId, None)
        source = await sources.get_source(conn, principal.workspace_id, source_id)
        await disconnect(conn, principal, trackingPlanId, source.source)
        return SUCCESS


async def connect(conn: asyncpg.Connection, principal: Principal, plan: StoredPlan, source: Source) -> None:
    """Connect a source to a plan the caller has locked, and record it; connecting it again changes nothing."""
    plan.plan.check_connectable()
    if await sources.connect_source(conn, principal.workspace_id, source.id, plan.plan.id):
        await _record_connection(conn, principal, plan.plan.id, ChangeAction.SOURCE_CONNECTED, source)


async def disconnect(conn: asyncpg.Connection, principal: Principal, plan_id: str, source: Source) -> None:
    """Disconnect a source from a plan the caller has locked, and record it; a source not on it is a 404."""
    await sources.disconnect_source(conn, principal.workspace_id, source.id, plan_id)
    await _record_connection(conn, principal, plan_id, ChangeAction.SOURCE_DISCONNECTED, source)


async def _record_connection(
    conn: asyncpg.Connection,
    principal: Principal,
    plan_id: str,
    action: ChangeAction,
    source: Source,
    deleted: Sequence[Transformation] | None = None,
) -> None:
    """Record a connection or disconnection; a source's deletion also records the transformations that went with it."""
    described: dict[str, Any] = {"sourceId": source.id, "slug": source.slug, "name": source.name}
    if deleted is not None:
        # the whole of each, as GET /transformations/{id} answered it, so an owner can make them again
        described["transformations"] = deleted
    before, after = (None, described) if action is ChangeAction.SOURCE_CONNECTED else (described, None)
    await changelog.record(conn, principal, plan_id, [Change(action=action, before=before, after=after)])
