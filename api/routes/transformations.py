"""Transformations (`/transformations`): changes made to events of a source on their way out, and a preview."""

from typing import Annotated

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody, PathParameter

from api.auth import may_manage_transformations
from api.domain.ids import ID_PATTERN
from api.domain.json_objects import Event
from api.domain.pagination import Pagination
from api.domain.transformations import DestinationMetadataId, Transformation, TransformationInput, UpdateTransformation
from api.openapi import linking_created
from api.routes.dependencies import Caller, Page, Pool
from api.routes.responses import SUCCESS, WITH_BODY, StatusResponse, errors
from api.services import transformations
from api.store import transformations as store_transformations

TransformationId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The transformation's id.")]


class TransformationData(msgspec.Struct, kw_only=True):
    transformation: Transformation


class TransformationResponse(msgspec.Struct, kw_only=True):
    data: TransformationData


class TransformationsData(msgspec.Struct, kw_only=True):
    transformations: list[Transformation]
    pagination: Pagination


class TransformationsResponse(msgspec.Struct, kw_only=True):
    data: TransformationsData


class PreviewTransformations(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    source_id: Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
    destination_metadata_id: DestinationMetadataId | None = None
    """Also apply the transformations of this destination, after the source's own."""
    event: Event
    """The event as the source sends it."""


class PreviewData(msgspec.Struct, kw_only=True):
    event: Event | None
    """The event as it would leave, or null when a transformation drops it."""
    dropped: bool


class PreviewResponse(msgspec.Struct, kw_only=True):
    data: PreviewData


class TransformationController(Controller):
    path = "/transformations"
    tags = ["Transformations"]

    @get("/", operation_id="listTransformations", responses=errors())
    async def list_transformations(self, principal: Caller, pool: Pool, page: Page) -> TransformationsResponse:
        """A page of the workspace's transformations, oldest first."""
        found, pagination = await store_transformations.list_transformations(pool, principal.workspace_id, page)
        return TransformationsResponse(data=TransformationsData(transformations=found, pagination=pagination))

    @post(
        "/",
        operation_id="createTransformation",
        status_code=200,
        guards=[may_manage_transformations],
        responses=errors(403, 404, 409, *WITH_BODY),
        operation_class=linking_created(
            "transformationId",
            "/data/transformation/id",
            "getTransformation",
            "updateTransformation",
            "deleteTransformation",
        ),
    )
    async def create_transformation(
        self, data: JSONBody[TransformationInput], principal: Caller, pool: Pool
    ) -> TransformationResponse:
        """Create a transformation; one per (source, event, destination, type), else a 409 naming the existing one."""
        created = await transformations.create_transformation(pool, principal, data)
        return TransformationResponse(data=TransformationData(transformation=created))

    @post("/preview", operation_id="previewTransformations", status_code=200, responses=errors(404, *WITH_BODY))
    async def preview(self, data: JSONBody[PreviewTransformations], principal: Caller, pool: Pool) -> PreviewResponse:
        """The event as it would leave the source (for a destination, when named), for contract tests.

        Every enabled source-scoped transformation whose condition matches the event as sent applies,
        whatever the order they were created in; then every enabled one of the named destination whose
        condition matches the event as the source's left it. The selected ones of each stage apply in
        creation order, each to the event as the previous one left it; a drop among them drops the event.
        """
        event = await transformations.preview(pool, principal, data.source_id, data.destination_metadata_id, data.event)
        return PreviewResponse(data=PreviewData(event=event, dropped=event is None))

    @get("/{transformationId:str}", operation_id="getTransformation", responses=errors(404))
    async def get_transformation(
        self, transformationId: TransformationId, principal: Caller, pool: Pool
    ) -> TransformationResponse:
        """One transformation."""
        found = await store_transformations.get_transformation(pool, principal.workspace_id, transformationId)
        return TransformationResponse(data=TransformationData(transformation=found))

    @patch(
        "/{transformationId:str}",
        operation_id="updateTransformation",
        guards=[may_manage_transformations],
        responses=errors(403, 404, 409, *WITH_BODY),
    )
    async def update_transformation(
        self, transformationId: TransformationId, data: JSONBody[UpdateTransformation], principal: Caller, pool: Pool
    ) -> TransformationResponse:
        """Change the fields the body names (`null` removes an action); checked like a new one, clashes are 409."""
        saved = await transformations.update_transformation(pool, principal, transformationId, data)
        return TransformationResponse(data=TransformationData(transformation=saved))

    @delete(
        "/{transformationId:str}",
        operation_id="deleteTransformation",
        status_code=200,
        guards=[may_manage_transformations],
        responses=errors(403, 404),
    )
    async def delete_transformation(
        self, transformationId: TransformationId, principal: Caller, pool: Pool
    ) -> StatusResponse:
        """Delete a transformation."""
        await transformations.delete_transformation(pool, principal, transformationId)
        return SUCCESS
