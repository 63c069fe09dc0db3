"""Transformations (`/transformations`): changes made to events of a source on their way out, and a preview."""

from typing import Annotated

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.params import JSONBody, PathParameter

from api.auth import may_manage_transformations
from api.domain.ids import ID_PATTERN
from api.domain.json_objects import Event
from api.domain.pagination import Pagination
from api.domain.sources import MAX_JSON_DEPTH, check_json_depth
from api.domain.transformations import (
    DestinationMetadataId,
    Transformation,
    TransformationInput,
    UpdateTransformation,
    check,
    updated,
)
from api.domain.transforming import apply_transformations
from api.errors import InvalidInput
from api.openapi import linking_created
from api.routes.dependencies import Caller, Page, Pool, Transaction
from api.routes.responses import SUCCESS, WITH_BODY, StatusResponse, errors
from api.store import transformations

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
        found, pagination = await transformations.list_transformations(pool, principal.workspace_id, page)
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
        self, data: JSONBody[TransformationInput], principal: Caller, conn: Transaction
    ) -> TransformationResponse:
        """Create a transformation; one per (source, event, destination, type), else a 409 naming the existing one."""
        slots = check(data)
        created = await transformations.create_transformation(conn, principal.workspace_id, data, slots)
        return TransformationResponse(data=TransformationData(transformation=created))

    @post("/preview", operation_id="previewTransformations", status_code=200, responses=errors(404, *WITH_BODY))
    async def preview(self, data: JSONBody[PreviewTransformations], principal: Caller, pool: Pool) -> PreviewResponse:
        """The event as it would leave the source (for a destination, when named), for contract tests.

        Every enabled source-scoped transformation whose condition matches the event as sent applies,
        whatever the order they were created in; then every enabled one of the named destination whose
        condition matches the event as the source's left it. The selected ones of each stage apply in
        creation order, each to the event as the previous one left it; a drop among them drops the event.
        """
        check_json_depth(data.event, "event")
        found = await transformations.source_transformations(pool, principal.workspace_id, data.source_id)
        scopes = [None, data.destination_metadata_id] if data.destination_metadata_id else [None]
        applicable = [
            transformation
            for scope in scopes
            for transformation in found
            if transformation.destination_metadata_id == scope
        ]
        event = apply_transformations(applicable, data.event)
        try:
            # renames can move a deep value under a deep path, again in each transformation; answers
            # may nest deeper than requests, up to what encoding them safely allows
            check_json_depth(event, "event", limit=4 * MAX_JSON_DEPTH)
        except InvalidInput as exc:
            raise InvalidInput(f"As transformed, {exc.message}", field="event") from None
        return PreviewResponse(data=PreviewData(event=event, dropped=event is None))

    @get("/{transformationId:str}", operation_id="getTransformation", responses=errors(404))
    async def get_transformation(
        self, transformationId: TransformationId, principal: Caller, pool: Pool
    ) -> TransformationResponse:
        """One transformation."""
        found = await transformations.get_transformation(pool, principal.workspace_id, transformationId)
        return TransformationResponse(data=TransformationData(transformation=found))

    @patch(
        "/{transformationId:str}",
        operation_id="updateTransformation",
        guards=[may_manage_transformations],
        responses=errors(403, 404, 409, *WITH_BODY),
    )
    async def update_transformation(
        self,
        transformationId: TransformationId,
        data: JSONBody[UpdateTransformation],
        principal: Caller,
        conn: Transaction,
    ) -> TransformationResponse:
        """Change the fields the body names (`null` removes an action); checked like a new one, clashes are 409."""
        moving_to = data.source_id if isinstance(data.source_id, str) else None
        current = await transformations.lock_transformation(conn, principal.workspace_id, transformationId, moving_to)
        changed = updated(current.as_input(), data)
        slots = check(changed)
        saved = await transformations.update_transformation(
            conn, principal.workspace_id, transformationId, changed, slots
        )
        return TransformationResponse(data=TransformationData(transformation=saved))

    @delete(
        "/{transformationId:str}",
        operation_id="deleteTransformation",
        status_code=200,
        guards=[may_manage_transformations],
        responses=errors(403, 404),
    )
    async def delete_transformation(
        self, transformationId: TransformationId, principal: Caller, conn: Transaction
    ) -> StatusResponse:
        """Delete a transformation."""
        await transformations.delete_transformation(conn, principal.workspace_id, transformationId)
        return SUCCESS
