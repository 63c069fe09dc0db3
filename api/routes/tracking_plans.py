"""Tracking plans (Segment Public API): `/tracking-plans`."""

from typing import Annotated

import msgspec
from litestar import Controller, Response, delete, get, patch, post
from litestar.params import HeaderParameter, JSONBody, QueryParameter

from api.auth import may_manage_plans
from api.domain.pagination import Pagination
from api.domain.plans import CreateTrackingPlan, PlanType, TrackingPlan, UpdateTrackingPlan
from api.openapi import linking_created
from api.routes.dependencies import Caller, ExpectedRevision, Page, Pool, TrackingPlanId, etag
from api.routes.responses import (
    ETAG_HEADER,
    SUCCESS,
    WITH_BODY,
    StatusResponse,
    TrackingPlanResponse,
    errors,
    plan_response,
)
from api.services import plans
from api.store import plans as store_plans


class TrackingPlansData(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plans: list[TrackingPlan]
    pagination: Pagination


class TrackingPlansResponse(msgspec.Struct, kw_only=True):
    data: TrackingPlansData


IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Retry-safe creation: the same key and body within 24 hours answer the first response again.",
    ),
]


class TrackingPlanController(Controller):
    path = "/tracking-plans"
    tags = ["Tracking Plans"]

    @get("/", operation_id="listTrackingPlans", responses=errors())
    async def list_tracking_plans(
        self,
        principal: Caller,
        pool: Pool,
        page: Page,
        type: Annotated[PlanType | None, QueryParameter(description="Only plans of this type.")] = None,
    ) -> TrackingPlansResponse:
        """A page of the workspace's tracking plans, oldest first."""
        found, pagination = await store_plans.list_plans(pool, principal.workspace_id, type, page)
        return TrackingPlansResponse(data=TrackingPlansData(tracking_plans=found, pagination=pagination))

    @post(
        "/",
        operation_id="createTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 409, *WITH_BODY),
        operation_class=linking_created(
            "trackingPlanId",
            "/data/trackingPlan/id",
            "getTrackingPlan",
            "updateTrackingPlan",
            "deleteTrackingPlan",
            "validateEventsAgainstTrackingPlan",
        ),
        response_headers=[ETAG_HEADER],
    )
    async def create_tracking_plan(
        self, data: JSONBody[CreateTrackingPlan], principal: Caller, pool: Pool, idempotency_key: IdempotencyKey = None
    ) -> Response[TrackingPlanResponse]:
        """Create a tracking plan; with `Idempotency-Key`, a retried request creates nothing new."""
        stored, replayed = await plans.create_plan(pool, principal, data, idempotency_key)
        response = plan_response(stored.plan, stored.revision)
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    @get("/{trackingPlanId:str}", operation_id="getTrackingPlan", responses=errors(404), response_headers=[ETAG_HEADER])
    async def get_tracking_plan(
        self, trackingPlanId: TrackingPlanId, principal: Caller, pool: Pool
    ) -> Response[TrackingPlanResponse]:
        """One tracking plan, with its revision in `ETag`."""
        stored = await store_plans.get_plan(pool, principal.workspace_id, trackingPlanId)
        return plan_response(stored.plan, stored.revision)

    @patch(
        "/{trackingPlanId:str}",
        operation_id="updateTrackingPlan",
        guards=[may_manage_plans],
        responses=errors(403, 404, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def update_tracking_plan(
        self,
        trackingPlanId: TrackingPlanId,
        data: JSONBody[UpdateTrackingPlan],
        principal: Caller,
        pool: Pool,
        expected_revision: ExpectedRevision,
    ) -> Response[StatusResponse]:
        """Rename a plan or change its description; honours `If-Match`."""
        after = await plans.update_plan(pool, principal, trackingPlanId, data, expected_revision)
        return Response(SUCCESS, headers={"ETag": etag(after.revision)})

    @delete(
        "/{trackingPlanId:str}",
        operation_id="deleteTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, 412),
    )
    async def delete_tracking_plan(
        self, trackingPlanId: TrackingPlanId, principal: Caller, pool: Pool, expected_revision: ExpectedRevision
    ) -> StatusResponse:
        """Delete a plan for good; honours `If-Match`."""
        await plans.delete_plan(pool, principal, trackingPlanId, expected_revision)
        return SUCCESS
