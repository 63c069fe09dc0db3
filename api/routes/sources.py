"""Sources and their schema settings (`/sources`), and the sources of a plan (`/tracking-plans/{id}/sources`)."""

from typing import Annotated

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody, QueryParameter

from api.auth import may_manage_sources
from api.domain.ids import ID_PATTERN
from api.domain.pagination import Pagination
from api.domain.sources import CreateSource, SchemaSettings, SchemaSettingsChange, Source
from api.openapi import linking_created
from api.routes.dependencies import Caller, Page, Pool, SourceId, TrackingPlanId
from api.routes.responses import SUCCESS, WITH_BODY, StatusResponse, errors
from api.services import sources
from api.store import sources as store_sources


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
        found, pagination = await store_sources.list_sources(pool, principal.workspace_id, None, page)
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
            "validateEventsThroughSource",
        ),
    )
    async def create_source(self, data: JSONBody[CreateSource], principal: Caller, pool: Pool) -> SourceResponse:
        """Create a source of a kind from the catalogue (`metadataId`); it gets a write key."""
        source = await sources.create_source(pool, principal, data)
        return SourceResponse(data=SourceData(source=source))

    @get("/{sourceId:str}", operation_id="getSource", responses=errors(404))
    async def get_source(self, sourceId: SourceId, principal: Caller, pool: Pool) -> ConnectedSourceResponse:
        """One source, with the plan it is connected to."""
        stored = await store_sources.get_source(pool, principal.workspace_id, sourceId)
        return ConnectedSourceResponse(data=ConnectedSourceData(source=stored.source, tracking_plan_id=stored.plan_id))

    @delete(
        "/{sourceId:str}",
        operation_id="deleteSource",
        status_code=200,
        guards=[may_manage_sources],
        responses=errors(403, 404),
    )
    async def delete_source(self, sourceId: SourceId, principal: Caller, pool: Pool) -> StatusResponse:
        """Delete a source and its transformations; its plan's changelog records the disconnection and what went.

        Deleting transformations is a workspace owner's act: a source that has some is a 403 for other roles.
        """
        await sources.delete_source(pool, principal, sourceId)
        return SUCCESS

    @get("/{sourceId:str}/settings", operation_id="listSchemaSettingsInSource", responses=errors(404))
    async def get_settings(self, sourceId: SourceId, principal: Caller, pool: Pool) -> SchemaSettingsResponse:
        """What the source lets through: unplanned events and properties, violations, forwarding."""
        settings = await store_sources.get_schema_settings(pool, principal.workspace_id, sourceId)
        return SchemaSettingsResponse(data=SchemaSettingsData(source_id=sourceId, settings=settings))

    @patch(
        "/{sourceId:str}/settings",
        operation_id="updateSchemaSettingsInSource",
        guards=[may_manage_sources],
        responses=errors(403, 404, *WITH_BODY),
    )
    async def update_settings(
        self, sourceId: SourceId, data: JSONBody[SchemaSettingsChange], principal: Caller, pool: Pool
    ) -> SchemaSettingsResponse:
        """Change the settings the body names (at any depth); the others stay. Answers them all."""
        settings = await sources.update_schema_settings(pool, principal, sourceId, data)
        return SchemaSettingsResponse(data=SchemaSettingsData(source_id=sourceId, settings=settings))


class PlanSourcesController(Controller):
    path = "/tracking-plans/{trackingPlanId:str}/sources"
    tags = ["Tracking Plans"]

    @get("/", operation_id="listSourcesFromTrackingPlan", responses=errors(404))
    async def list_plan_sources(
        self, trackingPlanId: TrackingPlanId, principal: Caller, pool: Pool, page: Page
    ) -> SourcesResponse:
        """A page of the sources connected to the plan, oldest first."""
        found, pagination = await store_sources.list_sources(pool, principal.workspace_id, trackingPlanId, page)
        return SourcesResponse(data=SourcesData(sources=found, pagination=pagination))

    @post(
        "/",
        operation_id="addSourceToTrackingPlan",
        status_code=200,
        guards=[may_manage_sources],
        responses=errors(403, 404, 409, *WITH_BODY),
    )
    async def add_source(
        self, trackingPlanId: TrackingPlanId, data: JSONBody[AddSourceToTrackingPlan], principal: Caller, pool: Pool
    ) -> StatusResponse:
        """Connect a source; a source already on another plan is a 409 that names that plan."""
        await sources.connect_source(pool, principal, trackingPlanId, data.source_id)
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
        pool: Pool,
        source_id: Annotated[
            str, QueryParameter(name="sourceId", pattern=ID_PATTERN, description="The source to disconnect.")
        ],
    ) -> StatusResponse:
        """Disconnect a source from the plan."""
        await sources.disconnect_source(pool, principal, trackingPlanId, source_id)
        return SUCCESS
